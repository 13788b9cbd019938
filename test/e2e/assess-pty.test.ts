// `bva assess` as a person uses it: the built binary in a real pseudo-terminal (util-linux
// `script`), driven by keystrokes. Each key is sent only once the screen shows the prompt it
// answers, so the test waits for text, never for time. Also: the refusal without a terminal.
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import jsYaml from 'js-yaml';
import type { Answers } from '../../src/answers/model.js';
import { signOffRecord } from '../../src/answers/signoff.js';
import { bvaBinary, hasStackTrace, read, tempDir } from '../helpers.js';
import { KEY, Terminal, pasted } from '../pty.js';


const START = `# yaml-language-server: $schema=answers.schema.json
# Testshire District Council: kept in git.
catalogue:
  id: best-value-2024
  version: 1.0.0
authority: Testshire District Council   # as on the constitution
period: 2025-26
`;

describe('bva assess in a terminal', () => {
  it('saves two answers typed with arrow keys, letters and Enter, and keeps them on Ctrl-C (exit 130)', { timeout: 90_000 }, async () => {
    const dir = tempDir({ 'council.yaml': START });
    const term = new Terminal(['assess', 'council.yaml'], dir);
    try {
      await term.answer('What next?', KEY.enter);
      // ci.c1: nothing given yet, so the cursor starts on Skip; typing a label's first letters finds it.
      await term.answer('ci.c1: How far is this in place?', 'd');
      await term.answer('❯ Developing', KEY.enter);
      await term.answer('Commentary for ci.c1: where the council is, and why this rating (Enter for none):', `Framework agreed in April${KEY.enter}`);
      await term.answer('Evidence: a document, link or path, one a line (Enter to go on):', `Performance framework 2025${KEY.enter}`);
      // The same question again, once the first is answered (its echo holds the same words).
      await term.answer('✔ Evidence: a document, link or path, one a line (Enter to go on): Performance framework 2025', '');
      await term.answer('Evidence: a document, link or path, one a line (Enter to go on):', KEY.enter);
      await term.answer('Action to take (Enter to go on):', KEY.enter);
      await term.answer('ci.c1: anything more before it is saved?', KEY.enter);
      await term.waitFor('Saved: ci.c1 Developing. 1 of 86 answered.');
      // ci.c2: up from Skip, past Not applicable and Embedded, is Established.
      await term.answer('ci.c2: How far is this in place?', KEY.up);
      await term.answer('❯ Not applicable', KEY.up);
      await term.answer('❯ Embedded', KEY.up);
      await term.answer('❯ Established', KEY.enter);
      await term.answer('Commentary for ci.c2', KEY.enter);
      await term.answer('Evidence:', KEY.enter);
      await term.answer('Action to take (Enter to go on):', KEY.enter);
      await term.answer('ci.c2: anything more before it is saved?', KEY.enter);
      await term.waitFor('Saved: ci.c2 Established. 2 of 86 answered.');
      // ci.c3: rated, then Ctrl-C at its commentary: nothing of ci.c3 is saved.
      await term.answer('ci.c3: How far is this in place?', 'e');
      await term.answer('❯ Established', KEY.enter);
      await term.answer('Commentary for ci.c3', `Half a thought${KEY.ctrlC}`);
      await term.waitFor('Stopped. 2 of 86 answered, saved in council.yaml. Run bva assess council.yaml to carry on.');
      expect(await term.exit).toBe(130);
    } finally {
      term.kill();
    }

    expect(hasStackTrace(term.screen)).toBe(false);
    expect(read(join(dir, 'council.yaml'))).toBe(`${START}themes:

  continuous-improvement:
    indicators:
      ci.c1:
        rating: developing
        commentary: Framework agreed in April
        evidence:
          - Performance framework 2025
      ci.c2:
        rating: established
`);
    const validate = bvaBinary(['validate', 'council.yaml'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('council.yaml: valid');
    expect(existsSync(join(dir, '.council.yaml.bva-lock'))).toBe(false);
  });

  it('starts a missing file from three questions; bva report renders it', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const term = new Terminal(['assess', 'my-council.yaml'], dir);
    try {
      await term.waitFor('my-council.yaml does not exist yet: a few questions to start it.');
      await term.answer("The council's name:", `Testshire District Council${KEY.enter}`);
      await term.answer('The period assessed (the financial year, YYYY-YY):', `2025-26${KEY.enter}`);
      await term.answer('The catalogue to assess against:', KEY.enter);
      await term.waitFor('Created my-council.yaml: Testshire District Council, 2025-26, best-value-2024 1.1.0 (85 indicators to answer).');
      await term.answer('What next?', KEY.ctrlC);
      await term.waitFor('Stopped. 0 of 85 answered, saved in my-council.yaml. Run bva assess my-council.yaml to carry on.');
      expect(await term.exit).toBe(130);
    } finally {
      term.kill();
    }
    const text = read(join(dir, 'my-council.yaml'));
    // No schema in the folder and bva not installed in it: no $schema line (it would not resolve for a colleague), and a tip.
    expect(term.screen).toContain('Tip: for completion and checking as you edit, write the answers schema into the repository once');
    expect(text).toBe(`# Testshire District Council: Best Value Duty self-assessment, 2025-26.
# Started with bva assess. Edit by hand or with bva assess; comments you add are kept.
catalogue:
  id: best-value-2024
  version: 1.1.0
authority: Testshire District Council
period: 2025-26
`);
    const report = bvaBinary(['report', 'my-council.yaml'], { cwd: dir });
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('# Best Value self-assessment: Testshire District Council, 2025-26\n');
  });

  it('shows the indicator, where the person is, and the scale with its meanings', { timeout: 60_000 }, async () => {
    const dir = tempDir({ 'council.yaml': START });
    const term = new Terminal(['assess', 'council.yaml'], dir);
    try {
      await term.answer('What next?', KEY.enter);
      await term.answer('ci.c1: How far is this in place?', KEY.ctrlC);
      expect(await term.exit).toBe(130);
    } finally {
      term.kill();
    }
    expect(term.screen).toContain(`
Theme 1 of 7 (Continuous improvement) · indicator 1 of 11 · 0% answered

ci.c1 · Characteristic of a well-functioning authority · Section 5, Continuous improvement: theme
  description
  The council has arrangements that drive better performance and outcomes in all of its functions,
  guided by local priorities.
`);
    // The cursor starts on Skip (nothing answered, no last period): a stray Enter records nothing.
    expect(term.screen).toContain(`? ci.c1: How far is this in place?
  Not in place    Missing, or on paper only and not applied in practice.
  Developing      Work has started; practice is partial or inconsistent across the council.
  Established     In place and working across the council, with evidence to show it.
  Embedded        How the council routinely works, reviewed and improved, and recognised by others.
  Not applicable  Does not apply to this council (you will be asked why).

❯ Skip for now
- Back to the previous indicator (this is the first)
  Back to the menu

↑↓ choose · enter: select · esc: back`);
    expect(term.screen).toContain('  Esc leaves ci.c1 without saving it; Ctrl-C stops, keeping every answer saved so far.\n');
    expect(term.screen).toContain('Stopped. 0 of 86 answered, saved in council.yaml. Run bva assess council.yaml to carry on.');
    expect(read(join(dir, 'council.yaml'))).toBe(START);
  });
});

describe('a whole theme answered in bva assess, then checked for sign-off', () => {
  /** Last period carried forward: a rating on ci.c1 and its open action. */
  const CARRIED = `${START}themes:

  continuous-improvement:
    indicators:
      ci.c1:
        previous: developing
        actions:
          - action: Adopt the performance framework
            owner: Head of Policy
            due: 2025-09-30
            status: open
`;

  it(
    'records ratings, a pasted three-line commentary, a target, an action done, the summary and the assurance; bva check --require-signoff passes the theme',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir({ 'council.yaml': CARRIED });
      const term = new Terminal(['assess', 'council.yaml'], dir);
      /** The questions after a rating, each left as it is. */
      const nothingMore = async (id: string): Promise<void> => {
        await term.answer(`Commentary for ${id}`, KEY.enter);
        await term.answer('Evidence:', KEY.enter);
        await term.answer('Action to take', KEY.enter);
        await term.answer(`${id}: anything more before it is saved?`, KEY.enter);
      };
      try {
        await term.answer('What next?', 'P');
        await term.answer('❯ Pick a theme', KEY.enter);
        await term.answer('Which theme?', KEY.enter);

        // ci.c1: the cursor is on last period's rating; established; a commentary pasted whole.
        await term.answer('ci.c1: How far is this in place?', 'e');
        await term.answer('❯ Established', KEY.enter);
        await term.answer('Commentary for ci.c1', pasted('Adopted by Cabinet in March.\nReported quarterly to scrutiny.\nTwo services still to join.'));
        await term.answer('Two services still to join.', KEY.enter);
        await term.answer('Evidence:', `Performance framework 2025${KEY.enter}`);
        await term.waitFor('✔ Evidence: a document, link or path, one a line (Enter to go on): Performance framework 2025');
        await term.answer('Evidence:', KEY.enter);
        await term.answer('Action to take', KEY.enter);
        // The target, then last period's action marked done.
        await term.answer('ci.c1: anything more before it is saved?', 'T');
        await term.answer('❯ Target for the next review: none set', KEY.enter);
        await term.answer('the level aimed for by the next review', KEY.enter);
        await term.answer('ci.c1: anything more before it is saved?', 'I');
        await term.answer('❯ Its actions (1, 1 open)', KEY.enter);
        await term.answer('Which action?', KEY.enter);
        await term.answer('ci.c1#1: Adopt the performance framework', KEY.enter);
        await term.answer('Done on, YYYY-MM-DD:', `2025-09-26${KEY.enter}`);
        await term.answer('Which action?', 'B');
        await term.answer('❯ Back', KEY.enter);
        await term.answer('ci.c1: anything more before it is saved?', KEY.enter);
        await term.waitFor('Saved: ci.c1 Established. 1 of 86 answered.');

        // The rest of the theme: characteristics established, failure indicators not present.
        for (const id of ['ci.c2', 'ci.c3', 'ci.c4', 'ci.c5', 'ci.c6', 'ci.c7', 'ci.c8']) {
          await term.answer(`${id}: How far is this in place?`, 'e');
          await term.answer('❯ Established', KEY.enter);
          await nothingMore(id);
        }
        for (const id of ['ci.f1', 'ci.f2', 'ci.f3']) {
          await term.answer(`${id}: Is this present at the council?`, 'not p');
          await term.answer('❯ Not present', KEY.enter);
          await nothingMore(id);
        }

        // The end of the theme: its summary (pasted by a terminal without bracketed paste), and its assurance.
        await term.waitFor('End of Continuous improvement: 11 of 11 answered.');
        await term.answer('Continuous improvement: its summary and assurance', 'W');
        await term.answer('❯ Write the summary', KEY.enter);
        await term.answer('Summary of Continuous improvement', `Improvement is planned and reported.\rTwo services lag.${KEY.enter}`);
        for (const [step, who, on] of [
          ['Assessed', 'Helen Ashworth, Head of Policy', '2025-10-01'],
          ['Moderated', 'Statutory Officers Group', '2025-10-08'],
          ['Signed off', 'Corporate Leadership Team', '2025-10-14'],
        ] as const) {
          await term.answer('Continuous improvement: its summary and assurance', step.charAt(0));
          await term.answer(`❯ ${step}: not recorded`, KEY.enter);
          await term.answer(`${step === 'Signed off' ? 'Who signed off' : `Who ${step.toLowerCase()}`} Continuous improvement?`, `${who}${KEY.enter}`);
          await term.answer('On, YYYY-MM-DD:', `${on}${KEY.enter}`);
          await term.waitFor(`Saved: Continuous improvement ${step.toLowerCase()} by ${who} on ${on}.`);
        }
        await term.answer('Continuous improvement: its summary and assurance', KEY.enter);
        await term.answer('What next?', 'S');
        await term.answer('❯ Save and quit', KEY.enter);
        expect(await term.exit).toBe(0);
      } finally {
        term.kill();
      }
      expect(hasStackTrace(term.screen)).toBe(false);

      const text = read(join(dir, 'council.yaml'));
      expect(text.slice(0, text.indexOf('        digest: '))).toBe(`${START.replace('catalogue:\n', 'format: 2\ncatalogue:\n')}themes:

  continuous-improvement:
    summary: |-
      Improvement is planned and reported.
      Two services lag.
    assurance:
      assessed:
        by: Helen Ashworth, Head of Policy
        on: 2025-10-01
      moderated:
        by: Statutory Officers Group
        on: 2025-10-08
      signed-off:
        by: Corporate Leadership Team
        on: 2025-10-14
`);
      expect(text.slice(text.indexOf('\n    indicators:\n') + 1, text.indexOf('\n      ci.c2:') + 1)).toBe(`    indicators:
      ci.c1:
        rating: established
        target: embedded
        previous: developing
        commentary: |-
          Adopted by Cabinet in March.
          Reported quarterly to scrutiny.
          Two services still to join.
        evidence:
          - Performance framework 2025
        actions:
          - action: Adopt the performance framework
            owner: Head of Policy
            due: 2025-09-30
            status: done
            done-on: 2025-09-26
`);
      // The sign-off carries the digest of the theme as signed, as bva sign records it.
      const theme = (jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as Answers).themes!['continuous-improvement']!;
      expect(theme.assurance!['signed-off']).toEqual(signOffRecord(theme, { by: 'Corporate Leadership Team', on: '2025-10-14' }));
      for (const id of ['ci.c2', 'ci.c8']) expect(text).toContain(`      ${id}:\n        rating: established\n`);
      expect(text.endsWith('      ci.f3:\n        rating: not-present\n')).toBe(true);

      // Every theme but this one still lacks a sign-off; this one passes the gate.
      const check = bvaBinary(['check', 'council.yaml', '--require-signoff'], { cwd: dir, today: '2025-10-20' });
      expect(check.code).toBe(1);
      expect(check.stdout.split('\n').filter((l) => l.includes('require-signoff:')).map((l) => l.replace(/^.*require-signoff: /, ''))).toEqual(
        ['Leadership', 'Governance', 'Culture', 'Use of resources', 'Service delivery', 'Partnerships and community engagement'].map((t) => `${t} is not signed off (no assurance recorded)`),
      );
      expect(check.stdout).not.toContain('Continuous improvement');
    },
  );

  it('Ctrl-E hands the commentary to the editor, and brings back what it wrote to finish there', { timeout: 60_000 }, async () => {
    const dir = tempDir({
      'council.yaml': CARRIED,
      // An editor that adds two lines to the text it is given, and closes.
      'bin/write-more': `#!/bin/sh\nprintf 'Second line, from the editor.\\nThird line.\\n' >> "$1"\n`,
    });
    chmodSync(join(dir, 'bin/write-more'), 0o755);
    const term = new Terminal(['assess', 'council.yaml'], dir, { env: { VISUAL: join(dir, 'bin/write-more') } });
    try {
      await term.answer('What next?', KEY.enter);
      await term.answer('How far is this in place?', 'e');
      await term.answer('❯ Established', KEY.enter);
      await term.answer('ctrl-e: write-more', 'First line, typed.');
      await term.answer('First line, typed.', '\x05');
      await term.answer('Third line.', KEY.enter);
      await term.answer('Evidence:', KEY.enter);
      await term.answer('Action to take', KEY.enter);
      await term.answer('anything more before it is saved?', KEY.enter);
      await term.answer('ci.c2: How far is this in place?', KEY.ctrlC);
      expect(await term.exit).toBe(130);
    } finally {
      term.kill();
    }
    expect(read(join(dir, 'council.yaml'))).toContain('      ci.c1:\n        rating: established\n        previous: developing\n        commentary: |-\n          First line, typed.\n          Second line, from the editor.\n          Third line.\n');
  });

  it('Esc leaves an indicator without saving it, and the screen says how', { timeout: 60_000 }, async () => {
    const dir = tempDir({ 'council.yaml': CARRIED });
    const term = new Terminal(['assess', 'council.yaml'], dir, { cols: 40 });
    try {
      await term.answer('What next?', KEY.enter);
      await term.waitFor('Esc leaves ci.c1 without saving it;');
      await term.answer('How far is this in place?', 'e');
      await term.answer('❯ Established', KEY.enter);
      await term.answer('Commentary for', `Not sure yet${KEY.escape}`);
      await term.waitFor('Left ci.c1 without saving: its answer is as it was.');
      await term.answer('What next?', KEY.ctrlC);
      expect(await term.exit).toBe(130);
    } finally {
      term.kill();
    }
    expect(read(join(dir, 'council.yaml'))).toBe(CARRIED);
    // At 40 columns, lines break between words: the card, the scale's meanings under their column, the menu.
    expect(term.screen).toContain('\nci.c1 · Characteristic of a\n  well-functioning authority · Section\n  5, Continuous improvement: theme\n  description\n');
    expect(term.screen).toContain('\n❯ Developing      Work has started;\n                  practice is partial or\n                  inconsistent across\n                  the council.\n');
    expect(term.screen).toContain('\n  7  Partnerships and community\n     engagement\n     ░░░░░░░░░░  0 of 11\n');
  });
});

describe('bva assess on a file that does not read correctly', () => {
  it("shows the error at its line, opens the person's editor there, and goes on once it is fixed", { timeout: 60_000 }, async () => {
    const broken = `${START}themes:\n  leadership:\n    indicators:\n      lead.c1:\n        rating: developing\n        commentary: Note: no peer challenge since 2019\n`;
    // An "editor" named vi, so bva gives it the line: it notes its arguments and quotes the text.
    const dir = tempDir({
      'council.yaml': broken,
      'bin/vi': `#!/bin/sh\necho "$@" > "$(dirname "$0")/args.txt"\nsed -i 's/commentary: \\(.*\\)$/commentary: "\\1"/' "$2"\n`,
    });
    chmodSync(join(dir, 'bin/vi'), 0o755);
    const term = new Terminal(['assess', 'council.yaml'], dir, { env: { EDITOR: join(dir, 'bin/vi') } });
    try {
      await term.waitFor('council.yaml:13:21 error: a colon followed by a space inside text ("Note: no") makes YAML read a new key');
      await term.waitFor('  13 |         commentary: Note: no peer challenge since 2019\n     |                     ^\n');
      await term.answer('Open council.yaml in vi at line 13, and go on once it reads correctly?', KEY.enter);
      await term.answer('What next?', KEY.ctrlC);
      expect(await term.exit).toBe(130);
    } finally {
      term.kill();
    }
    expect(read(join(dir, 'bin/args.txt'))).toBe(`+13 ${join(dir, 'council.yaml')}\n`);
    expect(read(join(dir, 'council.yaml'))).toBe(broken.replace('commentary: Note: no peer challenge since 2019', 'commentary: "Note: no peer challenge since 2019"'));
  });
});

describe('bva assess without a terminal', () => {
  const MESSAGE =
    'bva: bva assess asks its questions at a terminal, and its input or output is not one. From a script, set answers with bva answer FILE TARGET (bva answer --help) and check the file with bva validate FILE.\nRun bva --help for usage.\n';

  it('refuses when stdin is not a terminal (exit 2), naming bva answer and bva validate', () => {
    const dir = tempDir();
    const r = bvaBinary(['assess', 'new.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(MESSAGE);
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });

  it('refuses when stdout is not a terminal (exit 2)', { timeout: 60_000 }, async () => {
    const dir = tempDir({ 'council.yaml': START });
    const term = new Terminal(['assess', 'council.yaml'], dir, { redirectStdout: true });
    try {
      expect(await term.exit).toBe(2);
    } finally {
      term.kill();
    }
    expect(term.screen).toBe(MESSAGE);
    expect(read(join(dir, 'stdout.txt'))).toBe('');
    expect(read(join(dir, 'council.yaml'))).toBe(START);
  });
});
