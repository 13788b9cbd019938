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
import { CancelledError, InputError, InvalidInputError, UsageError } from '../../src/errors.js';
import { EscapePromptError, type Prompts, type QuestionId, type SelectItem, type SelectQuestion, type TextQuestion } from '../../src/questionnaire/flow.js';
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
  /** Esc at this question. */
  readonly escape?: true;
  /** Runs when the question is asked, before it is answered. */
  readonly check?: (q: SelectQuestion<unknown> | TextQuestion) => void;
}

type AnyChoice = { value: unknown; name: string; disabled?: string };

function scripted(steps: Step[]): Prompts & { readonly left: () => number; readonly asked: string[] } {
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
    if (step.escape) throw new EscapePromptError();
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
  };
}

/** A rated indicator with nothing else: rating, then Enter at commentary, evidence, action and the last question (save). */
const rate = (about: string, answer: string): Step[] => [
  { id: 'rating', about, answer },
  { id: 'commentary', about, answer: '' },
  { id: 'evidence', about, answer: '' },
  { id: 'action', about, answer: '' },
  { id: 'more', about, answer: 'save' },
];

/** Runs bva assess on `file` with the scripted steps: it must end with exit 0 having asked every step. */
async function sitting(ctx: CommandContext, file: string, steps: Step[]): Promise<void> {
  const prompts = scripted(steps);
  expect(await assess(ctx, file, {}, { prompts })).toBe(0);
  expect(prompts.left()).toBe(0);
}

// --- A command context with string streams --------------------------------------------------------

function context(cwd: string, o: { today?: string; tty?: boolean; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const ctx: CommandContext = {
    cwd,
    env: o.env ?? {},
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
      { id: 'more', about: 'ci.c1', answer: 'save' },
      // Every other indicator at the top of its scale; as each theme is finished, its summary and assurance are offered.
      ...all.slice(1).flatMap((e, i, rest) => [
        ...rate(e.indicator.id, e.indicator.kind === 'failure' ? 'not-present' : 'embedded'),
        ...(rest[i + 1]?.theme.id !== e.theme.id ? [{ id: 'theme-facts' as const, about: e.theme.id, answer: 'go' }] : []),
      ]),
      { id: 'menu', answer: 'Finish', check: (q) => expect((q as SelectQuestion<string>).choices.some((c) => 'value' in c && c.value === 'continue')).toBe(false) },
    ];
    await sitting(ctx, 'new.yaml', steps);

    const text = read(join(dir, 'new.yaml'));
    expect(text.split('\n').slice(0, 17).join('\n')).toBe(`# Testshire District Council: Best Value Duty self-assessment, 2025-26.
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
      { id: 'rating', about: 'ci.c2', answer: 'Back to the previous indicator', check: (q) => expect((q as SelectQuestion<string>).default).toBe(':skip') },
      ...rate('ci.c1', 'developing'),
      { id: 'rating', about: 'ci.c2', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(stdout()).toContain(
      '\nContinuous improvement: 1 of 11 answered\n  Assurance: none recorded yet\n\n  ci.c1  Not applicable\n         We commission this service jointly; the lead council assesses it.\n  ci.c2  unanswered\n',
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
      { id: 'due', about: 'ci.c1', answer: '2026-02-30', rejected: /^"2026-02-30" is not a real calendar day\.$/ },
      { id: 'due', about: 'ci.c1', answer: '31/03/2026', rejected: /^"31\/03\/2026" is not a date written YYYY-MM-DD: write it 2026-03-31\.$/ },
      { id: 'due', about: 'ci.c1', answer: '2026-02-28' },
      { id: 'action', about: 'ci.c1', answer: '' },
      { id: 'more', about: 'ci.c1', answer: 'save' },
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
      { id: 'more', about: 'ci.f1', answer: 'save' },
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
      { id: 'more', about: 'ci.c1', answer: 'save' },
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
      { id: 'action', about: 'ci.c2', answer: '' },
      { id: 'more', about: 'ci.c2', answer: 'save', check: () => edit(path) },
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

  it('keeps every line of a commentary of several lines, and asks it as text of several lines', async () => {
    const dir = tempDir({ 'a.yaml': HALF_DONE });
    const { ctx } = context(dir);
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'Pick a theme' },
      { id: 'theme', answer: 'Continuous improvement' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the previous indicator' },
      { id: 'rating', about: 'ci.c1', answer: 'developing' },
      {
        id: 'commentary',
        about: 'ci.c1',
        answer: 'A framework is being drafted.\n\nCabinet sees it in July.\n',
        check: (q) => expect(q).toMatchObject({ default: 'A framework is being drafted.', multiline: true }),
      },
      { id: 'evidence', about: 'ci.c1', answer: '' },
      { id: 'action', about: 'ci.c1', answer: '' },
      { id: 'more', about: 'ci.c1', answer: 'save' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
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
  it('refuses an invalid file before asking anything, showing each error at its line and what to do', async () => {
    const dir = tempDir({ 'bad.yaml': HALF_DONE.replace('rating: developing', 'rating: developin') });
    const { ctx, stderr } = context(dir);
    const prompts = scripted([]);
    await expect(assess(ctx, 'bad.yaml', {}, { prompts })).rejects.toThrow(InvalidInputError);
    expect(prompts.asked).toEqual([]);
    expect(stderr()).toBe(
      [
        'bad.yaml:13:17 error: rating: "developin" is not on the characteristic scale of ci.c1 (did you mean developing?); use one of: not-in-place, developing, established, embedded, not-applicable (rating-not-in-scale)',
        '  13 |         rating: developin',
        '     |                 ^',
        'bva assess goes on once bad.yaml reads correctly: change line 13 as said above (bva validate bad.yaml checks it).',
        'Then run bva assess bad.yaml again. (Set VISUAL or EDITOR, and bva assess opens the file at the line for you.)',
        '',
      ].join('\n'),
    );
  });

  it('with an editor set, opens a broken file at its first error, and goes on once it reads correctly', async () => {
    const dir = tempDir({ 'bad.yaml': HALF_DONE.replace('commentary: A framework is being drafted.', 'commentary: Note: a framework is being drafted.') });
    const { ctx, stderr } = context(dir, { env: { EDITOR: '/usr/bin/nano' } });
    const opened: string[] = [];
    const openEditor = (editor: { name: string }, path: string, line: number): void => {
      opened.push(`${editor.name} ${path} ${line}`);
      // The person puts the text in quotes, as the message says, and closes the editor.
      writeFileSync(path, HALF_DONE.replace('commentary: A framework is being drafted.', 'commentary: "Note: a framework is being drafted."'));
    };
    const prompts = scripted([
      { id: 'fix-file', answer: 'open', check: (q) => expect(q.message).toBe('Open bad.yaml in nano at line 14, and go on once it reads correctly?') },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(await assess(ctx, 'bad.yaml', {}, { prompts, openEditor })).toBe(0);
    expect(prompts.left()).toBe(0);
    expect(opened).toEqual([`nano ${join(dir, 'bad.yaml')} 14`]);
    expect(stderr()).toContain('  14 |         commentary: Note: a framework is being drafted.\n     |                     ^\n');
    expect(read(join(dir, 'bad.yaml'))).toContain('commentary: "Note: a framework is being drafted."');
  });

  it('opens FILE.yaml for FILE when that is what there is, and names a missing folder', async () => {
    const dir = tempDir({ 'fenwick-2025-26.yaml': HALF_DONE });
    const { ctx, stdout } = context(dir);
    await sitting(ctx, 'fenwick-2025-26', [
      { id: 'which-file', answer: 'Open fenwick-2025-26.yaml, which is there' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(stdout()).toContain('Every answer is saved in fenwick-2025-26.yaml.\n');
    await expect(assess(ctx, 'nodir/x.yaml', {}, { prompts: scripted([]) })).rejects.toThrow(
      new InputError('nodir/x.yaml: the folder nodir does not exist; create it first, or name a file in a folder that does'),
    );
  });

  it('refuses without a terminal, naming the commands for scripts', async () => {
    const { ctx } = context(tempDir(), { tty: true });
    await expect(assess(ctx, 'a.yaml', {})).rejects.toThrow(UsageError);
    const r = await bvaInProcess(['assess', 'a.yaml'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'bva: bva assess asks its questions at a terminal, and its input or output is not one. From a script, set answers with bva answer FILE TARGET (bva answer --help) and check the file with bva validate FILE.\nRun bva --help for usage.\n',
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
    // Rows start at the left; a row's red flags that do not fit wrap within their column, below it.
    const rowLines = lines.slice(3).filter((l) => /^ {2}\S/.test(l)).slice(0, 7);
    expect(rowLines.map((l) => l.trim().split(/\s{2,}/)[0])).toEqual(report.themes.map((t) => ({ red: 'Red', amber: 'Amber', green: 'Green', 'not-assessed': 'Not assessed' })[t.rag]));
    const flagsAt = lines[2]!.indexOf('Red flags');
    expect(text).toContain(`Established  res.f1 Emerging, res.f2\n${' '.repeat(flagsAt)}Emerging, res.f3 Emerging\n`);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    // Too narrow for the table: each theme on lines of its own.
    expect(terminalSummary(report, { paint: PLAIN, file: 'a.yaml', width: 40 })).toContain('\n  Amber  7 Partnerships and community\n         engagement\n    11 of 11 answered; level Developing;\n      red flags: none\n');
    for (const t of report.themes) {
      const row = lines.find((l) => l.includes(` ${t.number} ${t.title} `))!;
      expect(row).toContain(t.redFlags.length > 0 ? t.redFlags[0]! : 'none');
      expect(row).toContain(`${t.counts.answered} of ${t.counts.indicators}`);
    }
    expect(text.endsWith('\nFull report: bva report examples/2025-26.yaml\n')).toBe(true);
    expect(terminalSummary(report, { paint: PLAIN, file: "it's here.yaml", width: 100 })).toContain("Full report: bva report 'it'\\''s here.yaml'\n");
  });
});

describe('what the questionnaire records besides ratings', () => {
  /** HALF_DONE with open actions and evidence on ci.c1, as a file carried forward has. */
  const WITH_ACTIONS = HALF_DONE.replace(
    '        commentary: A framework is being drafted.\n',
    [
      '        commentary: A framework is being drafted.',
      '        evidence:',
      '          - Draft framework   # June',
      '          - Cabinet report',
      '        actions:',
      '          - action: Adopt the framework',
      '            owner: Head of Policy',
      '            due: 2025-09-30',
      '            status: open',
      '          - action: Train service managers',
      '            status: open',
      '',
    ].join('\n'),
  );

  it('sets a target, marks an action done with its date, adds a progress note, changes and removes evidence and actions', async () => {
    const dir = tempDir({ 'a.yaml': WITH_ACTIONS });
    const { ctx, stdout } = context(dir, { today: '2025-10-02' });
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'Pick a theme' },
      { id: 'theme', answer: 'Continuous improvement' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the previous indicator' },
      { id: 'rating', about: 'ci.c1', answer: 'established', check: (q) => expect((q as SelectQuestion<string>).default).toBe('developing') },
      { id: 'commentary', about: 'ci.c1', answer: '' },
      { id: 'evidence', about: 'ci.c1', answer: '' },
      { id: 'action', about: 'ci.c1', answer: '' },
      // The target offered first is the level above the rating.
      { id: 'more', about: 'ci.c1', answer: 'target' },
      { id: 'target', about: 'ci.c1', answer: 'embedded', check: (q) => expect((q as SelectQuestion<string>).default).toBe('embedded') },
      { id: 'more', about: 'ci.c1', answer: 'actions', check: (q) => expect((q as SelectQuestion<string>).choices).toContainEqual(expect.objectContaining({ name: 'Target for the next review: embedded' })) },
      { id: 'action-entry', about: 'ci.c1', answer: 'ci.c1#1' },
      { id: 'action-change', about: 'ci.c1#1', answer: 'done' },
      { id: 'done-on', about: 'ci.c1#1', answer: '2025-09-26', check: (q) => expect((q as TextQuestion).default).toBe('2025-10-02') },
      { id: 'action-entry', about: 'ci.c1', answer: 'ci.c1#2' },
      { id: 'action-change', about: 'ci.c1#2', answer: 'progress' },
      { id: 'progress', about: 'ci.c1#2', answer: 'Two of five directorates trained.\nThe rest by December.' },
      { id: 'progress-on', about: 'ci.c1#2', answer: '' },
      { id: 'action-entry', about: 'ci.c1', answer: 'ci.c1#2' },
      { id: 'action-change', about: 'ci.c1#2', answer: 'change' },
      { id: 'action', about: 'ci.c1#2', answer: '' },
      { id: 'owner', about: 'ci.c1#2', answer: 'Head of HR' },
      { id: 'due', about: 'ci.c1#2', answer: '31/12/2025', rejected: /write it 2025-12-31/ },
      { id: 'due', about: 'ci.c1#2', answer: '2025-12-31' },
      { id: 'action-entry', about: 'ci.c1', answer: 'Back' },
      { id: 'more', about: 'ci.c1', answer: 'evidence' },
      { id: 'evidence-entry', about: 'ci.c1', answer: 'Cabinet report' },
      { id: 'evidence-change', about: 'ci.c1', answer: 'change' },
      { id: 'evidence-text', about: 'ci.c1', answer: 'Cabinet report, 14 July 2025' },
      { id: 'evidence-entry', about: 'ci.c1', answer: 'Draft framework' },
      { id: 'evidence-change', about: 'ci.c1', answer: 'remove' },
      { id: 'evidence-entry', about: 'ci.c1', answer: 'Back' },
      { id: 'more', about: 'ci.c1', answer: 'save' },
      { id: 'rating', about: 'ci.c2', answer: 'Back to the menu' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(read(join(dir, 'a.yaml'))).toBe(
      `${HEADER.replace('catalogue:\n', 'format: 2\ncatalogue:\n')}themes:

  continuous-improvement:
    indicators:
      ci.c1:
        rating: established
        target: embedded
        commentary: A framework is being drafted.
        evidence:
          - Cabinet report, 14 July 2025
        actions:
          - action: Adopt the framework
            owner: Head of Policy
            due: 2025-09-30
            status: done
            done-on: 2025-09-26
          - action: Train service managers
            owner: Head of HR
            due: 2025-12-31
            status: open
            progress:
              - on: 2025-10-02
                note: |-
                  Two of five directorates trained.
                  The rest by December.
      ci.c2:
        previous: established
`,
    );
    expect(stdout()).toContain('    - ci.c1#1 Adopt the framework, Head of Policy, due 2025-09-30 (done on 2025-09-26)\n');
  });

  it('Esc at any question of an indicator leaves it as it was, and says so', async () => {
    const dir = tempDir({ 'a.yaml': WITH_ACTIONS });
    const { ctx, stdout } = context(dir);
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'continue' },
      { id: 'rating', about: 'ci.c2', answer: 'embedded', check: (q) => expect((q as SelectQuestion<string>).default).toBe('established') },
      { id: 'commentary', about: 'ci.c2', answer: 'Typed, then thought better of.' },
      { id: 'evidence', about: 'ci.c2', escape: true },
      { id: 'menu', answer: 'continue' },
      { id: 'rating', about: 'ci.c2', escape: true },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(read(join(dir, 'a.yaml'))).toBe(WITH_ACTIONS);
    expect(stdout()).toContain('Esc leaves ci.c2 without saving it; Ctrl-C stops, keeping every answer saved so far.\n');
    expect(stdout()).toContain('Left ci.c2 without saving: its answer is as it was.\n');
  });

  it("records a theme's summary and each assurance step from the menu, and removes one", async () => {
    const dir = tempDir({ 'a.yaml': HALF_DONE });
    const { ctx, stdout } = context(dir, { today: '2025-10-14' });
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'theme-facts' },
      { id: 'theme-facts-theme', answer: 'Continuous improvement' },
      { id: 'theme-facts', about: 'continuous-improvement', answer: 'summary' },
      { id: 'summary', about: 'continuous-improvement', answer: 'Improvement is planned.\nIt is not yet measured.' },
      { id: 'theme-facts', about: 'continuous-improvement', answer: 'assessed' },
      { id: 'assurance-by', about: 'continuous-improvement assessed', answer: 'Helen Ashworth' },
      { id: 'assurance-on', about: 'continuous-improvement assessed', answer: '2025-09-19' },
      { id: 'theme-facts', about: 'continuous-improvement', answer: 'moderated' },
      { id: 'assurance-by', about: 'continuous-improvement moderated', answer: 'Statutory Officers Group' },
      { id: 'assurance-on', about: 'continuous-improvement moderated', answer: '' },
      { id: 'theme-facts', about: 'continuous-improvement', answer: 'moderated' },
      { id: 'assurance-by', about: 'continuous-improvement moderated', answer: '-' },
      { id: 'theme-facts', about: 'continuous-improvement', answer: 'signed-off' },
      { id: 'assurance-by', about: 'continuous-improvement signed-off', answer: '', rejected: /^Give a name/ },
      { id: 'assurance-by', about: 'continuous-improvement signed-off', escape: true },
      { id: 'theme-facts', about: 'continuous-improvement', answer: 'go' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(read(join(dir, 'a.yaml'))).toBe(
      HALF_DONE.replace(
        '  continuous-improvement:\n',
        '  continuous-improvement:\n    summary: |-\n      Improvement is planned.\n      It is not yet measured.\n    assurance:\n      assessed:\n        by: Helen Ashworth\n        on: 2025-09-19\n',
      ),
    );
    expect(stdout()).toContain('Saved: Continuous improvement moderated by Statutory Officers Group on 2025-10-14.\n');
    expect(stdout()).toContain('Saved: moderated record of Continuous improvement removed.\n');
  });

  it('records the assessment date, who took part and the committee paper from the menu', async () => {
    const dir = tempDir({ 'a.yaml': HALF_DONE });
    const { ctx } = context(dir, { today: '2025-10-21' });
    await sitting(ctx, 'a.yaml', [
      { id: 'menu', answer: 'facts' },
      { id: 'facts', answer: 'assessment-date' },
      { id: 'fact', about: 'assessment-date', answer: '' },
      { id: 'facts', answer: 'participants' },
      { id: 'participants', answer: 'Add someone' },
      { id: 'participant', answer: 'Gareth Lowe (Head of Policy and Performance)' },
      { id: 'participants', answer: 'Add someone' },
      { id: 'participant', answer: 'Statutory Officers Group' },
      { id: 'participants', answer: 'Remove Statutory Officers Group' },
      { id: 'participants', answer: 'Back' },
      { id: 'facts', answer: 'paper' },
      { id: 'paper', answer: 'meeting' },
      { id: 'fact', about: 'paper.meeting', answer: 'Audit and Governance Committee' },
      { id: 'paper', answer: 'status' },
      { id: 'paper-status', answer: 'final' },
      { id: 'paper', answer: 'recommendations' },
      { id: 'recommendations', answer: 'Add a recommendation' },
      { id: 'recommendation', answer: 'That the Committee notes the self-assessment.' },
      { id: 'recommendations', answer: 'Back' },
      { id: 'paper', answer: 'back' },
      { id: 'facts', answer: 'back' },
      { id: 'menu', answer: 'Save and quit' },
    ]);
    expect(read(join(dir, 'a.yaml'))).toBe(
      HALF_DONE.replace(
        'period: 2025-26\n',
        [
          'period: 2025-26',
          'assessment-date: 2025-10-21',
          'participants:',
          '  - name: Gareth Lowe',
          '    role: Head of Policy and Performance',
          'paper:',
          '  meeting: Audit and Governance Committee',
          '  status: final',
          '  recommendations:',
          '    - That the Committee notes the self-assessment.',
          '',
        ].join('\n'),
      ).replace('catalogue:\n', 'format: 2\ncatalogue:\n'),
    );
  });
});
