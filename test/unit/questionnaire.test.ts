// The questionnaire driven by scripted prompts, through the `assess` command itself: each scripted
// step names the question it expects (and the indicator it is about), so an unexpected question
// fails the test. Files are real, in temporary folders; assertions read them back from disk.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { assess as assessReport } from '../../src/assessment/assess.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { assess } from '../../src/commands/assess.js';
import type { CommandContext } from '../../src/commands/context.js';
import { CancelledError, InvalidInputError, UsageError } from '../../src/errors.js';
import type { Prompts, QuestionId, SelectItem, SelectQuestion, TextQuestion } from '../../src/questionnaire/flow.js';
import { DERIVED_NOTE } from '../../src/questionnaire/screen.js';
import { PLAIN } from '../../src/render/paint.js';
import { terminalSummary } from '../../src/render/terminal.js';
import { lockPathFor } from '../../src/source/lock.js';
import { bvaInProcess, read, ROOT, tempCopy, tempDir } from '../helpers.js';

// --- Scripted prompts ---------------------------------------------------------------------------

interface Step {
  /** The question expected next. */
  readonly id: QuestionId;
  /** The indicator it must be about. */
  readonly about?: string;
  /** For a select: a choice's value, or text found in exactly one choice's name. For text: what is typed. */
  readonly answer?: string;
  /** The typed answer must be refused with a message matching this; the question is then asked again. */
  readonly rejected?: RegExp;
  /** Ctrl-C at this question. */
  readonly cancel?: true;
  /** Runs when the question is asked, before it is answered. */
  readonly check?: (q: SelectQuestion<unknown> | TextQuestion) => void;
}

type AnyChoice = { value: unknown; name: string; disabled?: string };

function scripted(steps: Step[], o: { hasEditor?: boolean } = {}): Prompts & { readonly left: () => number; readonly asked: string[] } {
  const queue = [...steps];
  const asked: string[] = [];
  const take = (q: SelectQuestion<unknown> | TextQuestion): Step => {
    asked.push(q.about ? `${q.id} ${q.about}` : q.id);
    const step = queue.shift();
    if (!step) throw new Error(`unexpected question after the script ended: ${q.id} ${q.about ?? ''} "${q.message}"`);
    if (step.id !== q.id || (step.about !== undefined && step.about !== q.about)) {
      throw new Error(`expected question ${step.id} ${step.about ?? ''}, was asked ${q.id} ${q.about ?? ''} "${q.message}"`);
    }
    step.check?.(q);
    if (step.cancel) {
      const err = new Error('User force closed the prompt with SIGINT');
      err.name = 'ExitPromptError';
      throw err;
    }
    return step;
  };
  const text = async (q: TextQuestion): Promise<string> => {
    for (;;) {
      const step = take(q);
      // Like a terminal prompt, Enter on nothing takes the default.
      const value = step.answer === undefined || step.answer === '' ? (q.default ?? '') : step.answer;
      const verdict = q.validate ? q.validate(value) : true;
      if (step.rejected) {
        if (typeof verdict !== 'string') throw new Error(`${q.id}: ${JSON.stringify(value)} was expected to be refused, and was accepted`);
        expect(verdict).toMatch(step.rejected);
        continue;
      }
      if (verdict !== true) throw new Error(`${q.id}: ${JSON.stringify(value)} was refused: ${verdict}`);
      return value;
    }
  };
  return {
    hasEditor: o.hasEditor ?? false,
    asked,
    left: () => queue.length,
    select: async <V>(q: SelectQuestion<V>): Promise<V> => {
      const step = take(q as SelectQuestion<unknown>);
      const choices = (q.choices as readonly SelectItem<V>[]).filter((c): c is AnyChoice & { value: V } => !('separator' in c));
      const byValue = choices.filter((c) => c.value === step.answer);
      const found = byValue.length > 0 ? byValue : choices.filter((c) => step.answer !== undefined && c.name.includes(step.answer));
      if (found.length !== 1) throw new Error(`${q.id}: ${found.length} choices match ${JSON.stringify(step.answer)}: ${choices.map((c) => c.name).join(' | ')}`);
      if (found[0]!.disabled !== undefined) throw new Error(`${q.id}: the choice "${found[0]!.name}" is disabled ${found[0]!.disabled}`);
      return found[0]!.value;
    },
    input: text,
    editor: text,
  };
}

/** A rated indicator with nothing else: rating, then Enter at commentary, evidence and action. */
const rate = (about: string, answer: string): Step[] => [
  { id: 'rating', about, answer },
  { id: 'commentary', about, answer: '' },
  { id: 'evidence', about, answer: '' },
  { id: 'action', about, answer: '' },
];

/** Runs bva assess on `file` with the scripted steps: it must end with exit 0 having asked every step. */
async function sitting(ctx: CommandContext, file: string, steps: Step[], o: { hasEditor?: boolean } = {}): Promise<void> {
  const prompts = scripted(steps, o);
  expect(await assess(ctx, file, {}, { prompts })).toBe(0);
  expect(prompts.left()).toBe(0);
}

// --- A command context with string streams --------------------------------------------------------

function context(cwd: string, o: { today?: string; tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const ctx: CommandContext = {
    cwd,
    env: {},
    home: ROOT,
    stdout: { write: (s: string) => (stdout += s), isTTY: o.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: undefined,
    paint: { stdout: PLAIN, stderr: PLAIN },
    store: new CatalogueStore(ROOT),
    today: o.today ?? '2025-06-15',
    version: '0.0.0-test',
  };
  return { ctx, stdout: () => stdout, stderr: () => stderr };
}

const HEADER = `# yaml-language-server: $schema=answers.schema.json
# Testshire District Council: Best Value Duty self-assessment, 2025-26.
catalogue:
  id: best-value-2024
  version: 1.0.0
authority: Testshire District Council
period: 2025-26
`;

/** One answered indicator (ci.c1), with last period's rating on ci.c2. */
const HALF_DONE = `${HEADER}themes:

  continuous-improvement:
    indicators:
      ci.c1:
        rating: developing
        commentary: A framework is being drafted.
      ci.c2:
        previous: established
`;

const loadFile = async (path: string) => {
  const r = await loadAnswersFile(path, path, { store: new CatalogueStore(ROOT) });
  if (!r.ok) throw new Error(`invalid: ${r.problems.map((p) => p.message).join('; ')}`);
  return r;
};

// --- The flow ------------------------------------------------------------------------------------

describe('bva assess with scripted prompts', () => {
  it('goes from no file to a complete, valid one, and ends with the summary', async () => {
    const dir = tempDir();
    const { ctx, stdout } = context(dir);
    const catalogue = await ctx.store.default();
    const all = [...catalogue.indicatorById.values()];
    const steps: Step[] = [
      { id: 'authority', answer: 'Testshire District Council' },
      { id: 'period', answer: '', check: (q) => expect((q as TextQuestion).default).toBe('2025-26') },
      { id: 'catalogue', answer: 'best-value-2024 1.1.0' },
      { id: 'menu', answer: 'continue' },
      // The first indicator in full: commentary, two evidence lines, an action.
      { id: 'rating', about: 'ci.c1', answer: 'developing' },
      { id: 'commentary', about: 'ci.c1', answer: 'A framework covers most services.' },
      { id: 'evidence', about: 'ci.c1', answer: 'Performance framework 2025' },
      { id: 'evidence', about: 'ci.c1', answer: 'https://example.org/q1-report' },
      { id: 'evidence', about: 'ci.c1', answer: '' },
      { id: 'action', about: 'ci.c1', answer: 'Extend the framework to every service' },
      { id: 'owner', about: 'ci.c1', answer: 'Head of Policy' },
      { id: 'due', about: 'ci.c1', answer: '2026-03-31' },
      { id: 'action', about: 'ci.c1', answer: '' },
      // Every other indicator at the top of its scale.
      ...all.slice(1).flatMap((e) => rate(e.indicator.id, e.indicator.kind === 'failure' ? 'not-present' : 'embedded')),
      { id: 'menu', answer: 'Finish', check: (q) => expect((q as SelectQuestion<string>).choices.some((c) => 'value' in c && c.value === 'continue')).toBe(false) },
    ];
    await sitting(ctx, 'new.yaml', steps);

    const text = read(join(dir, 'new.yaml'));
    expect(text.split('\n').slice(1, 18).join('\n')).toBe(`# Testshire District Council: Best Value Duty self-assessment, 2025-26.
# Started with bva assess. Edit by hand or with bva assess; comments you add are kept.
catalogue:
  id: best-value-2024
  version: 1.1.0
authority: Testshire District Council
period: 2025-26
themes:

  continuous-improvement:
    indicators:
      ci.c1:
        rating: developing
        commentary: A framework covers most services.
        evidence:
          - Performance framework 2025
          - https://example.org/q1-report`);
    expect(text).toContain(`        actions:
          - action: Extend the framework to every service
            owner: Head of Policy
            due: 2026-03-31
            status: open
      ci.c2:
        rating: embedded
`);
    const loaded = await loadFile(join(dir, 'new.yaml'));
    expect(loaded.warnings).toEqual([]);
    const report = assessReport(loaded.value.answers, loaded.value.catalogue, { asOf: '2025-06-15', version: 'test' });
    expect(report.summary.counts.answered).toBe(85);

    const out = stdout();
    expect(out).toContain('Created new.yaml: Testshire District Council, 2025-26, best-value-2024 1.1.0 (85 indicators to answer).\n');
    expect(out).toContain('Theme 1 of 7 (Continuous improvement) · indicator 1 of 11 · 0% answered\n');
    // ci.c2's wording is the July 2023 draft's, and its card says so.
    expect(out).toContain(
      'ci.c2 · Characteristic of a well-functioning authority · Draft for consultation (July 2023),\n  Continuous improvement theme: description\n  The council improves steadily and at pace over time, rather than in occasional one-off pushes.\n  (draft wording: found only in Best value standards and intervention: a statutory guide for best\n  value authorities (draft for consultation) (2023-07-04), not confirmed in the final text)\n',
    );
    expect(out).toContain('Theme 7 of 7 (Partnerships and community engagement) · indicator 11 of 11 · 98% answered\n');
    expect(out).toContain('Every indicator is answered (85 of 85).\n');
    // The summary ends the sitting: one row per theme, then the report command.
    expect(out).toContain('Testshire District Council, 2025-26: 85 of 85 indicators answered\n');
    expect(out).toContain(`
  Status  Theme                                    Answered  Level     Red flags
  Green   1 Continuous improvement                 11 of 11  Embedded  none
  Green   2 Leadership                             12 of 12  Embedded  none
`);
    expect(out).toContain('\nOverall: Green, level Embedded; 0 red flags, 1 open action.\n  every theme green\n\n');
    expect(out.endsWith('Full report: bva report new.yaml\n')).toBe(true);
    expect(existsSync(lockPathFor(join(dir, 'new.yaml')))).toBe(false);
  });

  it('resumes a half-done file: progress, the next unanswered, last period, the current answer preselected', async () => {
    const dir = tempDir({ 'half.yaml': HALF_DONE });
    const { ctx, stdout } = context(dir);
    await sitting(ctx, 'half.yaml', [
      { id: 'menu', answer: 'continue', check: (q) => expect((q as SelectQuestion<string>).choices[0]).toMatchObject({ name: 'Continue with the next unanswered indicator (ci.c2, Continuous improvement)' }) },
      ...rate('ci.c2', 'established'),
      { id: 'rating', about: 'ci.c3', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Pick a theme' },
      { id: 'theme', answer: 'Continuous improvement' },
      // Picking a theme starts at its first unanswered indicator; back reaches the answered ones.
      { id: 'rating', about: 'ci.c3', answer: 'Back to the previous indicator' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the previous indicator', check: (q) => expect((q as SelectQuestion<string>).default).toBe('established') },
      { id: 'rating', about: 'ci.c1', answer: 'Back to the menu', check: (q) => expect((q as SelectQuestion<string>).default).toBe('developing') },
      { id: 'menu', answer: 'Save and quit' },
    ]);

    expect(read(join(dir, 'half.yaml'))).toBe(HALF_DONE.replace('        previous: established\n', '        rating: established\n        previous: established\n'));

    const out = stdout();
    expect(out).toContain('Testshire District Council, 2025-26: 1 of 86 answered (1%), saved in half.yaml\n\n  1  Continuous improvement                 █░░░░░░░░░  1 of 11\n  2  Leadership ');
    expect(out).toContain('Theme 1 of 7 (Continuous improvement) · indicator 2 of 11 · 1% answered\n');
    expect(out).toContain('  Last period: Established\n');
    expect(out).toContain('Saved: ci.c2 Established. 2 of 86 answered.\n');
    expect(out).toContain('Every answer is saved in half.yaml.\n');
  });

  it('skips, goes back, and cannot go back from the first indicator', async () => {
    const dir = tempDir({ 'a.yaml': HEADER });
    const { ctx } = context(dir);
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'continue' },
      {
        id: 'rating',
        about: 'ci.c1',
        answer: 'Skip for now',
        check: (q) => expect((q as SelectQuestion<string>).choices.find((c) => 'name' in c && c.name.startsWith('Back to the previous'))).toMatchObject({ disabled: '(this is the first)' }),
      },
      ...rate('ci.c2', 'developing'),
      { id: 'rating', about: 'ci.c3', answer: 'Back to the previous indicator' },
      ...rate('ci.c2', 'established'),
      { id: 'rating', about: 'ci.c3', answer: 'Back to the previous indicator' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the previous indicator' },
      // Back from the first indicator shown reaches the one skipped.
      { id: 'rating', about: 'ci.c1', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Save and quit', check: (q) => expect((q as SelectQuestion<string>).choices[0]).toMatchObject({ value: 'continue', name: expect.stringContaining('(ci.c1, ') }) },
    ]);
    expect(read(join(dir, 'a.yaml'))).toBe(`${HEADER}themes:

  continuous-improvement:
    indicators:
      ci.c2:
        rating: established
`);
  });

  it('asks why for not-applicable, refusing a blank reason, and drops the reason when rated again', async () => {
    const dir = tempDir({ 'a.yaml': HEADER });
    const { ctx, stdout } = context(dir);
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'continue' },
      { id: 'rating', about: 'ci.c1', answer: 'not-applicable' },
      { id: 'reason', about: 'ci.c1', answer: '   ', rejected: /^Say why it does not apply/ },
      { id: 'reason', about: 'ci.c1', answer: 'We commission this service jointly; the lead council assesses it.' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the menu' },
      { id: 'menu', answer: "Review a theme's answers" },
      { id: 'review-theme', answer: 'Continuous improvement' },
      { id: 'review', answer: 'ci.c1  Not applicable' },
      // Not applicable again: its reason is offered.
      { id: 'rating', about: 'ci.c1', answer: 'not-applicable', check: (q) => expect((q as SelectQuestion<string>).default).toBe('not-applicable') },
      { id: 'reason', about: 'ci.c1', answer: '', check: (q) => expect((q as TextQuestion).default).toBe('We commission this service jointly; the lead council assesses it.') },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the previous indicator' },
      ...rate('ci.c1', 'developing'),
      { id: 'rating', about: 'ci.c2', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(stdout()).toContain(
      '\nContinuous improvement: 1 of 11 answered\n\n  ci.c1  Not applicable\n         We commission this service jointly; the lead council assesses it.\n  ci.c2  unanswered\n',
    );
    expect(stdout()).toContain('Unchanged: ci.c1 Not applicable. 1 of 86 answered.\n');
    expect(read(join(dir, 'a.yaml'))).toBe(`${HEADER}themes:

  continuous-improvement:
    indicators:
      ci.c1:
        rating: developing
`);
  });

  it('asks again for an action due date that is not a real day', async () => {
    const dir = tempDir({ 'a.yaml': HEADER });
    const { ctx } = context(dir);
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'Pick a theme' },
      { id: 'theme', answer: 'Continuous improvement' },
      ...rate('ci.c1', 'developing').slice(0, 3),
      { id: 'action', about: 'ci.c1', answer: 'Agree a peer challenge date' },
      { id: 'owner', about: 'ci.c1', answer: '' },
      { id: 'due', about: 'ci.c1', answer: '2026-02-30', rejected: /^"2026-02-30" is not a real date: write it YYYY-MM-DD, like 2026-03-31\.$/ },
      { id: 'due', about: 'ci.c1', answer: '31/03/2026', rejected: /not a real date/ },
      { id: 'due', about: 'ci.c1', answer: '2026-02-28' },
      { id: 'action', about: 'ci.c1', answer: '' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(read(join(dir, 'a.yaml')).slice(HEADER.length)).toBe(`themes:

  continuous-improvement:
    indicators:
      ci.c1:
        rating: developing
        actions:
          - action: Agree a peer challenge date
            due: 2026-02-28
            status: open
`);
  });

  it('nudges for an action on a red flag, and marks a derived indicator', async () => {
    const dir = tempDir({ 'a.yaml': HEADER });
    const { ctx, stdout } = context(dir);
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'Pick a theme' },
      { id: 'theme', answer: 'Continuous improvement' },
      { id: 'rating', about: 'ci.c1', answer: 'Skip for now' },
      ...['ci.c2', 'ci.c3', 'ci.c4', 'ci.c5', 'ci.c6', 'ci.c7', 'ci.c8'].map((about) => ({ id: 'rating' as const, about, answer: 'Skip for now' })),
      ...rate('ci.f1', 'emerging').slice(0, 3),
      { id: 'action', about: 'ci.f1', answer: '', check: (q) => expect(q.message).toBe('A red flag needs an action. Action to take (Enter for none):') },
      { id: 'rating', about: 'ci.f2', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(stdout()).toContain(`ci.f1 · Indicator of potential failure · Section 5, Continuous improvement: theme description (read\n  in reverse)\n`);
    expect(stdout()).toContain(`  (${DERIVED_NOTE})\n`);
    expect(stdout()).toContain(`
  Status        Theme                                    Answered  Level  Red flags
  Amber         1 Continuous improvement                 1 of 11   -      ci.f1 Emerging
  Not assessed  2 Leadership                             0 of 12   -      none
`);
    expect(stdout()).toContain(
      '\nOverall: Amber; 1 red flag, 0 open actions.\n  1 theme amber: Continuous improvement\n  6 themes not assessed: Leadership, Governance, Culture, Use of resources, Service delivery,\n    Partnerships and community engagement\n',
    );
  });

  it('keeps the comments and layout of a hand-edited file through a sitting', async () => {
    const commented = `# yaml-language-server: $schema=answers.schema.json
# Testshire: kept in git; reviewed by the audit committee.
catalogue:
  id: best-value-2024
  version: 1.0.0
authority: Testshire District Council   # as on the constitution
period: 2025-26
themes:

  # Moderated on 3 June.
  continuous-improvement:
    indicators:
      # Lucy to check the framework date.
      ci.c1:
        rating: developing   # was not-in-place in March
        commentary: >-
          A framework is being drafted.

      ci.c3:
        rating: established
`;
    const dir = tempDir({ 'c.yaml': commented });
    const { ctx } = context(dir);
    await sitting(ctx, 'c.yaml', [
      { id: 'menu', answer: 'Pick a theme' },
      { id: 'theme', answer: 'Continuous improvement' },
      ...rate('ci.c2', 'developing'),
      { id: 'rating', about: 'ci.c3', answer: 'Back to the previous indicator' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the previous indicator' },
      { id: 'rating', about: 'ci.c1', answer: 'established' },
      { id: 'commentary', about: 'ci.c1', answer: '' },
      { id: 'evidence', about: 'ci.c1', answer: 'Draft framework, June' },
      { id: 'evidence', about: 'ci.c1', answer: '' },
      { id: 'action', about: 'ci.c1', answer: '' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(read(join(dir, 'c.yaml'))).toBe(`# yaml-language-server: $schema=answers.schema.json
# Testshire: kept in git; reviewed by the audit committee.
catalogue:
  id: best-value-2024
  version: 1.0.0
authority: Testshire District Council   # as on the constitution
period: 2025-26
themes:

  # Moderated on 3 June.
  continuous-improvement:
    indicators:
      # Lucy to check the framework date.
      ci.c1:
        rating: established   # was not-in-place in March
        commentary: >-
          A framework is being drafted.
        evidence:
          - Draft framework, June

      ci.c2:
        rating: developing

      ci.c3:
        rating: established
`);
  });

  /**
   * A sitting on HALF_DONE that rates ci.c2 established; while its action question is open,
   * `edit` changes the file by hand, and `then` answers what bva asks about it before the sitting
   * goes back to the menu and saves. Gives the file's path and what was shown.
   */
  async function editedDuringSitting(edit: (path: string) => void, then: Step[] = []): Promise<{ path: string; shown: string }> {
    const dir = tempDir({ 'a.yaml': HALF_DONE });
    const path = join(dir, 'a.yaml');
    const { ctx, stdout } = context(dir);
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'continue' },
      ...rate('ci.c2', 'established').slice(0, 3),
      { id: 'action', about: 'ci.c2', answer: '', check: () => edit(path) },
      ...then,
      { id: 'rating', about: 'ci.c3', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(read(path)).toContain('      ci.c2:\n        rating: established\n        previous: established\n');
    return { path, shown: stdout() };
  }

  /** HALF_DONE with a comment added by hand. */
  const COMMENTED = HALF_DONE.replace('period: 2025-26\n', 'period: 2025-26   # checked\n');

  it('keeps what was changed in the file outside bva during the sitting', async () => {
    const { path, shown } = await editedDuringSitting((p) => writeFileSync(p, COMMENTED));
    expect(shown).toContain('a.yaml was changed outside bva; those changes are kept.\n');
    expect(read(path)).toContain('period: 2025-26   # checked\n');
  });

  it('waits for a file made invalid outside bva, and keeps the fixed file', async () => {
    let path = '';
    const { shown } = await editedDuringSitting(
      (p) => writeFileSync((path = p), COMMENTED.replace('rating: developing', 'rating: superb')),
      // Fixed by hand before choosing to try again.
      [{ id: 'changed-file', answer: 'again', check: () => writeFileSync(path, COMMENTED) }],
    );
    expect(shown).toContain('a.yaml:13:17 error: rating: "superb" is not on the characteristic scale of ci.c1; use one of: not-in-place, developing, established, embedded, not-applicable (rating-not-in-scale)');
    expect(shown).toContain('a.yaml was changed outside bva; those changes are kept.\n');
    expect(read(path)).toContain('period: 2025-26   # checked\n');
  });

  it("overwrites a file made invalid outside bva with the sitting's copy when told to", async () => {
    const { path } = await editedDuringSitting((p) => writeFileSync(p, HALF_DONE.replace('rating: developing', 'rating: superb')), [{ id: 'changed-file', answer: 'overwrite' }]);
    expect(read(path)).toContain('      ci.c1:\n        rating: developing\n');
  });

  it('writes the file again when it went missing during the sitting, even while waiting for a fix', async () => {
    let path = '';
    const { shown } = await editedDuringSitting((p) => writeFileSync((path = p), 'themes: [\n'), [{ id: 'changed-file', answer: 'again', check: () => rmSync(path) }]);
    expect(shown).toContain('a.yaml: no such file; writing it again from this sitting.\n');
  });

  it('saves commentary from the editor when one is set', async () => {
    const dir = tempDir({ 'a.yaml': HALF_DONE });
    const { ctx } = context(dir);
    await sitting(
      ctx,
      'a.yaml',
      [
        { id: 'menu', answer: 'Pick a theme' },
        { id: 'theme', answer: 'Continuous improvement' },
        { id: 'rating', about: 'ci.c2', answer: 'Back to the previous indicator' },
        { id: 'rating', about: 'ci.c1', answer: 'developing' },
        {
          id: 'commentary',
          about: 'ci.c1',
          answer: 'A framework is being drafted.\n\nCabinet sees it in July.\n',
          check: (q) => expect((q as TextQuestion).default).toBe('A framework is being drafted.'),
        },
        { id: 'evidence', about: 'ci.c1', answer: '' },
        { id: 'action', about: 'ci.c1', answer: '' },
        { id: 'rating', about: 'ci.c2', answer: 'Back to the menu' },
        { id: 'menu', answer: 'Save and quit' },
      ],
      { hasEditor: true },
    );
    expect(read(join(dir, 'a.yaml'))).toContain('      ci.c1:\n        rating: developing\n        commentary: |-\n          A framework is being drafted.\n\n          Cabinet sees it in July.\n      ci.c2:\n');
  });
});

describe('Ctrl-C', () => {
  it('keeps every saved answer, saves nothing half-entered, and says how to carry on', async () => {
    const dir = tempDir({ 'half.yaml': HALF_DONE });
    const { ctx } = context(dir);
    const prompts = scripted([
      { id: 'menu', answer: 'continue' },
      ...rate('ci.c2', 'embedded'),
      { id: 'rating', about: 'ci.c3', answer: 'developing' },
      { id: 'commentary', about: 'ci.c3', answer: 'Half a thought' },
      { id: 'evidence', about: 'ci.c3', cancel: true },
    ]);
    const run = assess(ctx, 'half.yaml', {}, { prompts });
    await expect(run).rejects.toThrow(CancelledError);
    await expect(run).rejects.toThrow('Stopped. 2 of 86 answered, saved in half.yaml. Run bva assess half.yaml to carry on.');
    expect(prompts.left()).toBe(0);
    const text = read(join(dir, 'half.yaml'));
    expect(text).toContain('      ci.c2:\n        rating: embedded\n');
    expect(text).not.toContain('ci.c3');
    expect(existsSync(lockPathFor(join(dir, 'half.yaml')))).toBe(false);
  });

  it('while starting a file writes nothing', async () => {
    const dir = tempDir();
    const { ctx } = context(dir);
    const prompts = scripted([
      { id: 'authority', answer: 'Testshire District Council' },
      { id: 'period', cancel: true },
    ]);
    await expect(assess(ctx, 'new.yaml', {}, { prompts })).rejects.toThrow(new CancelledError('Stopped. Nothing was written: new.yaml was not created.'));
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });

  it('quotes a file name with a space in the command to carry on', async () => {
    const dir = tempDir({ 'my council.yaml': HALF_DONE });
    const { ctx } = context(dir);
    const prompts = scripted([{ id: 'menu', cancel: true }]);
    await expect(assess(ctx, 'my council.yaml', {}, { prompts })).rejects.toThrow("Run bva assess 'my council.yaml' to carry on.");
  });
});

describe('refusals', () => {
  it('refuses an invalid file, listing its problems, before asking anything', async () => {
    const dir = tempDir({ 'bad.yaml': HALF_DONE.replace('rating: developing', 'rating: developin') });
    const { ctx, stderr } = context(dir);
    const prompts = scripted([]);
    await expect(assess(ctx, 'bad.yaml', {}, { prompts })).rejects.toThrow(InvalidInputError);
    expect(prompts.asked).toEqual([]);
    expect(stderr()).toBe(
      'bad.yaml:13:17 error: rating: "developin" is not on the characteristic scale of ci.c1 (did you mean developing?); use one of: not-in-place, developing, established, embedded, not-applicable (rating-not-in-scale)\n' +
        'bad.yaml: 1 error; nothing was done\n' +
        'Fix bad.yaml (bva validate bad.yaml lists the same problems), then run bva assess bad.yaml again.\n',
    );
  });

  it('refuses without a terminal, naming the commands for scripts', async () => {
    const { ctx } = context(tempDir(), { tty: true });
    await expect(assess(ctx, 'a.yaml', {})).rejects.toThrow(UsageError);
    const r = await bvaInProcess(['assess', 'a.yaml'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'bva: bva assess asks its questions at a terminal, and its input or output is not one. From a script, set answers with bva answer FILE INDICATOR --rating WORD and check the file with bva validate FILE.\nRun bva --help for usage.\n',
    );
  });
});

describe('helpers', () => {
  it('summarises a complete file per theme', async () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    const loaded = await loadFile(join(dir, '2025-26.yaml'));
    const report = assessReport(loaded.value.answers, loaded.value.catalogue, { asOf: '2025-11-01', version: 'test' });
    const text = terminalSummary(report, { paint: PLAIN, file: 'examples/2025-26.yaml', width: 100 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Marlbridge Borough Council, 2025-26: 86 of 86 indicators answered');
    expect(lines[2]).toMatch(/^ {2}Status {2}Theme {2,}Answered {2}Level {2,}Red flags$/);
    expect(lines.slice(3, 10).map((l) => l.trim().split(/\s{2,}/)[0])).toEqual(report.themes.map((t) => ({ red: 'Red', amber: 'Amber', green: 'Green', 'not-assessed': 'Not assessed' })[t.rag]));
    for (const t of report.themes) {
      const row = lines.find((l) => l.includes(` ${t.number} ${t.title} `))!;
      expect(row).toContain(t.redFlags.length > 0 ? t.redFlags[0]! : 'none');
      expect(row).toContain(`${t.counts.answered} of ${t.counts.indicators}`);
    }
    expect(text.endsWith('\nFull report: bva report examples/2025-26.yaml\n')).toBe(true);
    expect(terminalSummary(report, { paint: PLAIN, file: "it's here.yaml", width: 100 })).toContain("Full report: bva report 'it'\\''s here.yaml'\n");
  });
});
