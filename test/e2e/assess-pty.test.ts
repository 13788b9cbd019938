// `bva assess` as a person uses it: the built binary in a real pseudo-terminal (util-linux
// `script`), driven by keystrokes. Each key is sent only once the screen shows the prompt it
// answers, so the test waits for text, never for time. Also: the refusal without a terminal.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bvaBinary, hasStackTrace, read, tempDir } from '../helpers.js';
import { KEY, Terminal } from '../pty.js';


const START = `# yaml-language-server: $schema=answers.schema.json
# Testshire District Council: kept in git.
catalogue:
  id: best-value-2024
  version: 1.0.0
authority: Testshire District Council   # as on the constitution
period: 2025-26
`;

describe('bva assess in a terminal', () => {
  it('saves two answers typed with arrow keys and Enter, and keeps them on Ctrl-C (exit 130)', { timeout: 90_000 }, async () => {
    const dir = tempDir({ 'council.yaml': START });
    const term = new Terminal(['assess', 'council.yaml'], dir);
    try {
      await term.answer('What next?', KEY.enter);
      // ci.c1: one down from the top of the scale is Developing (each level by its label).
      await term.answer('ci.c1: How far is this in place?', KEY.down);
      await term.answer('❯ Developing', KEY.enter);
      await term.answer('Commentary, one line (Enter for none):', `Framework agreed in April${KEY.enter}`);
      await term.answer('Evidence: a document, link or path (Enter to go on):', `Performance framework 2025${KEY.enter}`);
      await term.answer('Evidence: a document, link or path (Enter to go on):', KEY.enter);
      await term.answer('Action to take (Enter to go on):', KEY.enter);
      await term.waitFor('Saved: ci.c1 Developing. 1 of 86 answered.');
      // ci.c2: two down is Established.
      await term.answer('ci.c2: How far is this in place?', KEY.down);
      await term.answer('❯ Developing', KEY.down);
      await term.answer('❯ Established', KEY.enter);
      await term.answer('Commentary, one line (Enter for none):', KEY.enter);
      await term.answer('Evidence: a document, link or path (Enter to go on):', KEY.enter);
      await term.answer('Action to take (Enter to go on):', KEY.enter);
      await term.waitFor('Saved: ci.c2 Established. 2 of 86 answered.');
      // ci.c3: rated, then Ctrl-C at its commentary: nothing of ci.c3 is saved.
      await term.answer('ci.c3: How far is this in place?', KEY.enter);
      await term.answer('Commentary, one line (Enter for none):', `Half a thought${KEY.ctrlC}`);
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
    expect(text.split('\n').slice(1).join('\n')).toBe(`# Testshire District Council: Best Value Duty self-assessment, 2025-26.
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
    expect(term.screen).toContain(`? ci.c1: How far is this in place?
❯ Not in place    Missing, or on paper only and not applied in practice.
  Developing      Work has started; practice is partial or inconsistent across the council.
  Established     In place and working across the council, with evidence to show it.
  Embedded        How the council routinely works, reviewed and improved, and recognised by others.
  Not applicable  Does not apply to this council (you will be asked why).
`);
    expect(term.screen).toContain('Stopped. 0 of 86 answered, saved in council.yaml. Run bva assess council.yaml to carry on.');
    expect(read(join(dir, 'council.yaml'))).toBe(START);
  });
});

describe('bva assess without a terminal', () => {
  const MESSAGE =
    'bva: bva assess asks its questions at a terminal, and its input or output is not one. From a script, set answers with bva answer FILE INDICATOR --rating WORD and check the file with bva validate FILE.\nRun bva --help for usage.\n';

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
