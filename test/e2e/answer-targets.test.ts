// `bva answer FILE [TARGET]` beyond an indicator's rating: an action named INDICATOR#N (done with
// its date, progress notes, reopened, changed, removed), a theme (summary and assurance), and the
// file itself (its facts, participants and committee paper). Each case reads the file back; what
// is removed is said; a flag for another kind of target is refused before anything is written.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import jsYaml from 'js-yaml';
import type { Answers } from '../../src/answers/model.js';
import { signOffRecord } from '../../src/answers/signoff.js';
import { bvaBinary, bvaInProcess, read, tempDir } from '../helpers.js';

const HEAD = ['catalogue:', '  id: best-value-2024', '  version: 1.0.0', 'authority: Test Council', 'period: 2025-26'];
const THEMES = [
  'themes:',
  '  leadership:',
  '    indicators:',
  '      lead.c6:',
  '        rating: developing',
  '        evidence:',
  '          - Appointments Committee report   # June',
  '          - title: Structure chart',
  '            path: evidence/structure.pdf',
  '        actions:',
  '          - action: Agree a permanent structure',
  '            owner: Chief Executive',
  '            due: 2026-02-27',
  '            status: open',
  '          - action: Recruit a Director of Place',
  '            status: open',
];
const START = [...HEAD, ...THEMES, ''].join('\n');

async function answer(dir: string, ...args: string[]) {
  return bvaInProcess(['answer', 'a.yaml', ...args], { cwd: dir, today: '2026-03-02' });
}

describe('bva answer FILE INDICATOR#N: an action', () => {
  it('marks it done on a day, adds progress notes, and says so; the file says format 2 once it needs it', async () => {
    const dir = tempDir({ 'a.yaml': START });
    expect(await answer(dir, 'lead.c6#1', '--progress', 'Interim structure agreed by Cabinet', '--progress-on', '2026-01-15')).toEqual({
      code: 0,
      stdout: '',
      stderr: 'lead.c6#1: open; progress note added (2026-01-15); saved a.yaml (answered 1 of 86)\n',
    });
    expect(await answer(dir, 'lead.c6#1', '--done-on', '2026-02-20')).toEqual({ code: 0, stdout: '', stderr: 'lead.c6#1: done on 2026-02-20 (was open); saved a.yaml (answered 1 of 86)\n' });
    expect(await answer(dir, 'lead.c6#2', '--done')).toEqual({ code: 0, stdout: '', stderr: 'lead.c6#2: done on 2026-03-02 (was open); saved a.yaml (answered 1 of 86)\n' });
    expect(read(join(dir, 'a.yaml'))).toBe(
      [
        'format: 2',
        ...HEAD,
        ...THEMES.slice(0, 13),
        '            status: done',
        '            done-on: 2026-02-20',
        '            progress:',
        '              - on: 2026-01-15',
        '                note: Interim structure agreed by Cabinet',
        '          - action: Recruit a Director of Place',
        '            status: done',
        '            done-on: 2026-03-02',
        '',
      ].join('\n'),
    );
  });

  it('reopens a done action, changes its owner and due date, clears its owner, and removes it', async () => {
    const dir = tempDir({ 'a.yaml': START });
    await answer(dir, 'lead.c6#2', '--done-on', '2026-02-01');
    expect((await answer(dir, 'lead.c6#2', '--reopen', '--owner', 'Director of Place', '--due', '2026-09-30')).stderr).toBe(
      'lead.c6#2: open (was done); owner Director of Place; due 2026-09-30; saved a.yaml (answered 1 of 86)\n',
    );
    expect(read(join(dir, 'a.yaml'))).toContain('          - action: Recruit a Director of Place\n            owner: Director of Place\n            due: 2026-09-30\n            status: open\n');
    expect((await answer(dir, 'lead.c6#2', '--clear', 'owner')).stderr).toBe('lead.c6#2: open; owner removed; saved a.yaml (answered 1 of 86)\n');
    expect((await answer(dir, 'lead.c6#1', '--remove')).stderr).toBe('lead.c6#1: removed from lead.c6\'s actions ("Agree a permanent structure"); saved a.yaml (answered 1 of 86)\n');
    expect(read(join(dir, 'a.yaml'))).toBe(
      // format: 2 stays once written (the policy never lowers it), though done-on went with the reopening.
      ['format: 2', ...HEAD, ...THEMES.slice(0, 10), '          - action: Recruit a Director of Place', '            due: 2026-09-30', '            status: open', ''].join('\n'),
    );
  });

  it.each([
    [['lead.c6#3', '--done'], 1, 'bva: lead.c6 has 2 actions, so there is no lead.c6#3 (its actions are lead.c6#1 to lead.c6#2); nothing was written\n'],
    [['lead.c1#1', '--done'], 1, 'bva: lead.c1 has 0 actions, so there is no lead.c1#1; nothing was written\n'],
    [['lead.c6#1', '--done', '--reopen'], 2, 'bva: --done and --reopen say opposite things: give one\nRun bva --help for usage.\n'],
    [['lead.c6#1', '--remove', '--done'], 2, 'bva: --remove takes the action out of the plan: give it on its own\nRun bva --help for usage.\n'],
    [['lead.c6#1', '--progress-on', '2026-01-01'], 2, 'bva: --progress-on dates a progress note: give --progress NOTE too\nRun bva --help for usage.\n'],
    [['lead.c6#1', '--rating', 'embedded'], 2, 'bva: --rating is for an indicator (TARGET an indicator id, like lead.c3), and lead.c6#1 is an action\nRun bva --help for usage.\n'],
    [['lead.c6#1', '--done-on', '1/3/2026'], 2, 'bva: --done-on: "1/3/2026" is not a date written YYYY-MM-DD: write it 2026-03-01\n'],
    [['lead.c6#1', '--progress', ''], 2, 'bva: --progress needs text\nRun bva --help for usage.\n'],
  ] as const)('refuses %j, leaving the file as it was', async (args, code, stderr) => {
    const dir = tempDir({ 'a.yaml': START });
    expect(await answer(dir, ...args)).toEqual({ code, stdout: '', stderr });
    expect(read(join(dir, 'a.yaml'))).toBe(START);
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });
});

describe('bva answer FILE INDICATOR: evidence and target', () => {
  it('replaces and removes evidence entries in place, keeping the comments of the others', async () => {
    const dir = tempDir({ 'a.yaml': START });
    expect((await answer(dir, 'lead.c6', '--replace-evidence', '2=Structure chart, June 2025', '--remove-evidence', '1', '--target', 'established')).stderr).toBe(
      'lead.c6: developing; target established; 1 evidence entry replaced; 1 evidence entry removed; saved a.yaml (answered 1 of 86)\n',
    );
    expect(read(join(dir, 'a.yaml'))).toBe(
      START.replace('        rating: developing\n', '        rating: developing\n        target: established\n')
        .replace('          - Appointments Committee report   # June\n', '')
        .replace('title: Structure chart\n', 'title: Structure chart, June 2025\n'),
    );
    expect((await answer(dir, 'lead.c6', '--clear', 'target', '--clear', 'rating')).stderr).toBe('lead.c6: unrated (was developing); target removed; saved a.yaml (answered 0 of 86)\n');
  });
});

describe('bva answer FILE THEME: summary and assurance', () => {
  it('records each assurance step (today unless dated), replaces the summary, and clears them', async () => {
    const dir = tempDir({ 'a.yaml': START });
    expect(
      (await answer(dir, 'leadership', '--summary', 'Leadership is more settled.\nTwo interims remain.', '--assessed-by', 'Helen Ashworth', '--assessed-on', '2026-02-10', '--signed-off-by', 'Corporate Leadership Team'))
        .stderr,
    ).toBe('leadership: summary added; assessed by Helen Ashworth on 2026-02-10; signed off by Corporate Leadership Team on 2026-03-02; saved a.yaml (answered 1 of 86)\n');
    const text = read(join(dir, 'a.yaml'));
    expect(text.slice(0, text.indexOf('        digest: '))).toBe(
      [
        'format: 2',
        ...HEAD,
        'themes:',
        '  leadership:',
        '    summary: |-',
        '      Leadership is more settled.',
        '      Two interims remain.',
        '    assurance:',
        '      assessed:',
        '        by: Helen Ashworth',
        '        on: 2026-02-10',
        '      signed-off:',
        '        by: Corporate Leadership Team',
        '        on: 2026-03-02',
        '',
      ].join('\n'),
    );
    // The sign-off records the digest of the theme as signed, its new summary included, as bva sign does.
    const leadership = (jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as Answers).themes!['leadership']!;
    expect(leadership.assurance!['signed-off']).toEqual(signOffRecord(leadership, { by: 'Corporate Leadership Team', on: '2026-03-02' }));
    // A date alone moves a step already recorded.
    expect((await answer(dir, 'leadership', '--signed-off-on', '2026-03-01')).stderr).toBe('leadership: signed off by Corporate Leadership Team on 2026-03-01; saved a.yaml (answered 1 of 86)\n');
    // Leadership now passes the sign-off gate; the six themes not signed off are what fails.
    const check = await bvaInProcess(['check', 'a.yaml', '--require-signoff'], { cwd: dir, today: '2026-03-02' });
    expect(check.stdout).toContain('a.yaml: 1 of 1 gate failed as of 2026-03-02: require-signoff (6 failures)\n');
    expect(check.stdout).not.toContain('Leadership');
    expect((await answer(dir, 'leadership', '--clear', 'assessed', '--clear', 'signed-off', '--clear', 'summary')).stderr).toBe(
      'leadership: summary removed; assessed record removed; signed off record removed; saved a.yaml (answered 1 of 86)\n',
    );
    expect(read(join(dir, 'a.yaml'))).toBe(`format: 2\n${START}`);
  });

  it('refuses a date for a step not recorded, and a flag for an indicator', async () => {
    const dir = tempDir({ 'a.yaml': START });
    expect(await answer(dir, 'leadership', '--moderated-on', '2026-01-01')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: --moderated-on dates a record that leadership does not have yet: give --moderated-by NAME too\nRun bva --help for usage.\n',
    });
    expect(await answer(dir, 'leadership', '--rating', 'embedded')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: --rating is for an indicator (TARGET an indicator id, like lead.c3), and leadership is a theme\nRun bva --help for usage.\n',
    });
    expect(read(join(dir, 'a.yaml'))).toBe(START);
  });
});

describe('bva answer FILE: the file itself and its committee paper', () => {
  it('sets the facts, adds and removes participants and recommendations, and removes an emptied paper', async () => {
    const dir = tempDir({ 'a.yaml': START });
    const r = await answer(
      dir,
      '--assessment-date', '2025-10-21',
      '--participant', 'Helen Ashworth (Head of Policy and Performance)',
      '--participant', 'Statutory Officers Group',
      '--meeting', 'Audit and Governance Committee',
      '--meeting-date', '2026-01-20',
      '--paper-status', 'draft',
      '--recommendation', 'That the Committee notes the self-assessment.',
    );
    expect(r.stderr).toBe(
      'a.yaml: assessment date 2025-10-21; 2 participants added; paper meeting Audit and Governance Committee; paper meeting date 2026-01-20; paper status draft; 1 recommendation added; saved a.yaml (answered 1 of 86)\n',
    );
    expect(read(join(dir, 'a.yaml'))).toBe(
      [
        'format: 2',
        ...HEAD,
        'assessment-date: 2025-10-21',
        'participants:',
        '  - name: Helen Ashworth',
        '    role: Head of Policy and Performance',
        '  - Statutory Officers Group',
        'paper:',
        '  meeting: Audit and Governance Committee',
        '  meeting-date: 2026-01-20',
        '  status: draft',
        '  recommendations:',
        '    - That the Committee notes the self-assessment.',
        ...THEMES,
        '',
      ].join('\n'),
    );
    expect((await answer(dir, '--remove-participant', 'helen ashworth', '--clear', 'meeting', '--clear', 'meeting-date', '--clear', 'paper-status', '--clear', 'recommendations')).stderr).toBe(
      'a.yaml: 1 participant removed; paper meeting removed; paper meeting date removed; paper status removed; 1 recommendation removed; saved a.yaml (answered 1 of 86)\n',
    );
    expect(read(join(dir, 'a.yaml'))).toBe(['format: 2', ...HEAD, 'assessment-date: 2025-10-21', 'participants:', '  - Statutory Officers Group', ...THEMES, ''].join('\n'));
  });

  it.each([
    [['--period', '2025-27'], 2, 'bva: --period must be written YYYY-YY with consecutive years, like 2025-26; got "2025-27"\nRun bva --help for usage.\n'],
    [['--paper-status', 'approved'], 2, 'bva: --paper-status: "approved" is not one of: draft, final\n'],
    [['--remove-participant', 'Nobody'], 1, 'bva: a.yaml has no participant named "Nobody"; nothing was written\n'],
    [['--summary', 'x'], 2, 'bva: --summary is for a theme (TARGET a theme id, like leadership), and no TARGET was given\nRun bva --help for usage.\n'],
    [['--authority', ''], 2, 'bva: --authority needs text\nRun bva --help for usage.\n'],
    [[], 2, 'bva: say what to set for the file: --authority, --period, --assessment-date, --participant, --remove-participant, --paper-title, --meeting, --meeting-date, ... or --clear (bva answer --help lists them all)\nRun bva --help for usage.\n'],
  ] as const)('refuses %j', async (args, code, stderr) => {
    const dir = tempDir({ 'a.yaml': START });
    expect(await answer(dir, ...args)).toEqual({ code, stdout: '', stderr });
    expect(read(join(dir, 'a.yaml'))).toBe(START);
  });

  it('works the same from the built binary', () => {
    const dir = tempDir({ 'a.yaml': START });
    const r = bvaBinary(['answer', 'a.yaml', 'lead.c6#1', '--done-on', '2026-02-20'], { cwd: dir, today: '2026-03-02' });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'lead.c6#1: done on 2026-02-20 (was open); saved a.yaml (answered 1 of 86)\n' });
  });
});
