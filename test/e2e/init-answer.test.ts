// `bva init` and `bva answer` end to end: a new period's file (fresh, or carried forward from last
// period's with its open actions), refusing to overwrite; answers set from a script, checked
// before anything is written, with every comment and untouched line of the file kept byte for byte.
import { mkdirSync, readdirSync, readFileSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/answers/model.js';
import { schemaReference } from '../../src/answers/create.js';
import { HOSTS, INSTALLED, ROOT, VERSION, bvaBinary, bvaInProcess, hasStackTrace, liveBva, read, tempCopy, tempDir, type Outcome } from '../helpers.js';

const TIP = 'Tip: for completion and checking as you edit, write the answers schema into the repository once, with bva schema answers --out schemas/answers.schema.json; files bva makes after that name it on their first line.\n';
const COMMENTED = read(join(ROOT, 'test', 'fixtures', 'answers', 'commented.yaml'));

function expectClean(r: Outcome): void {
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
}

const parse = (text: string): Answers => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as Answers;

describe.each(Object.entries(HOSTS))('bva init (%s)', (_, bva) => {
  it('writes a new, valid file', async () => {
    const dir = tempDir();
    const r = await bva(['init', '2025-26.yaml', '--authority', 'Borsetshire District Council', '--period', '2025-26'], { cwd: dir });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      // No schema in the folder, and bva installed elsewhere: no $schema line that would break for colleagues.
      stderr: `Wrote 2025-26.yaml: Borsetshire District Council, 2025-26, best-value-2024 1.1.0 (85 indicators to answer).\n${TIP}Next: bva assess 2025-26.yaml\n`,
    });
    expect(read(join(dir, '2025-26.yaml'))).toBe(
      [
        '# Borsetshire District Council: Best Value Duty self-assessment, 2025-26.',
        '# Started with bva init. Edit by hand or with bva assess; comments you add are kept.',
        'catalogue:',
        '  id: best-value-2024',
        '  version: 1.1.0',
        'authority: Borsetshire District Council',
        'period: 2025-26',
        '',
      ].join('\n'),
    );
    const v = await bva(['validate', '2025-26.yaml'], { cwd: dir });
    expect(v.code).toBe(0);
    expect(v.stdout.split('\n').at(-2)).toBe('2025-26.yaml: valid; answered 0 of 85; 0 errors, 7 warnings');
  });

  it('refuses to overwrite without --force: exit 2, the file untouched', async () => {
    const dir = tempDir({ 'assessment.yaml': '# mine\n' });
    const r = await bva(['init', '--authority', 'A', '--period', '2025-26'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'bva: assessment.yaml already exists; use --force to replace it\n' });
    expect(read(join(dir, 'assessment.yaml'))).toBe('# mine\n');
    const forced = await bva(['init', '--authority', 'A', '--period', '2025-26', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(read(join(dir, 'assessment.yaml'))).toContain('authority: A\n');
  });

  it("carries last period's file forward onto the newest catalogue version: summaries, commentary, evidence, open actions; ratings as previous", async () => {
    const dir = tempCopy({ 'last/2024-25.yaml': 'examples/2024-25.yaml' });
    const r = await bva(['init', '2025-26.yaml', '--from', 'last/2024-25.yaml'], { cwd: dir });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: [
        'Wrote 2025-26.yaml: Marlbridge Borough Council, 2025-26, best-value-2024 1.1.0 (85 indicators to answer).',
        'Carried forward from last/2024-25.yaml: 7 theme summaries, 84 commentaries, 106 evidence entries, 29 open actions; 84 ratings kept as previous.',
        // 1.0.0's res.f4 and svc.f4 are retired in 1.1.0.
        'Not carried (no longer in the catalogue): res.f4, svc.f4.',
        TIP.trimEnd(),
        'Next: bva assess 2025-26.yaml',
        '',
      ].join('\n'),
    });
    const text = read(join(dir, '2025-26.yaml'));
    expect(text.split('\n').slice(0, 2)).toEqual([
      '# Marlbridge Borough Council: Best Value Duty self-assessment, 2025-26.',
      "# Started with bva init from 2024-25: ratings are asked afresh; last period's are kept as previous.",
    ]);
    const last = parse(read(join(ROOT, 'examples', '2024-25.yaml')));
    const next = parse(text);
    expect(next).toMatchObject({ catalogue: { id: 'best-value-2024', version: '1.1.0' }, authority: 'Marlbridge Borough Council', period: '2025-26' });
    let open = 0;
    for (const [themeId, theme] of Object.entries(last.themes!)) {
      expect(next.themes![themeId]!.summary).toBe(theme!.summary);
      expect(next.themes![themeId]!.assurance).toBeUndefined();
      for (const [id, was] of Object.entries(theme!.indicators!)) {
        if (id === 'res.f4' || id === 'svc.f4') {
          expect(next.themes![themeId]!.indicators![id], id).toBeUndefined();
          continue;
        }
        const now = next.themes![themeId]!.indicators![id]!;
        const stillOpen = (was!.actions ?? []).filter((a) => a.status !== 'done');
        open += stillOpen.length;
        expect(now, id).toEqual({
          previous: was!.rating,
          ...(was!.commentary !== undefined ? { commentary: was!.commentary } : {}),
          ...(was!.evidence ? { evidence: was!.evidence } : {}),
          ...(stillOpen.length > 0 ? { actions: stillOpen } : {}),
        });
      }
    }
    expect(open).toBe(29);
    const v = await bva(['validate', '2025-26.yaml'], { cwd: dir });
    expect(v.code).toBe(0);
    expect(v.stdout.split('\n').at(-2)).toBe('2025-26.yaml: valid; answered 0 of 85; 0 errors, 7 warnings');
  });

  it("carries the committee paper's author, contact and meeting, and nothing the council must write afresh", async () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    const r = await bva(['init', '2026-27.yaml', '--from', '2025-26.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[2]).toBe("The committee paper's author, contact, meeting carried forward; its date, title, version, status and words are this period's to write.");
    const text = read(join(dir, '2026-27.yaml'));
    expect(text).toContain(
      [
        'format: 2',
        'catalogue:',
        '  id: best-value-2024',
        '  version: 1.1.0',
        'authority: Marlbridge Borough Council',
        'period: 2026-27',
        'paper:',
        '  meeting: Audit and Governance Committee',
        '  author: Gareth Lowe, Head of Policy and Performance',
        '  contact: gareth.lowe@marlbridge.gov.uk, 01632 960418',
        'themes:',
      ].join('\n'),
    );
    expect((await bva(['validate', '2026-27.yaml'], { cwd: dir })).code).toBe(0);
  });

  it("writes a file for a council's own catalogue that points to it, so no later command needs --catalogue", async () => {
    const dir = tempCopy({ 'criteria/council.yaml': 'test/fixtures/catalogue/council.yaml' });
    mkdirSync(join(dir, 'answers'));
    const r = await bva(['init', 'answers/ours.yaml', '--catalogue', 'criteria/council.yaml', '--authority', 'Borsetshire District Council', '--period', '2025-26'], { cwd: dir });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: `Wrote answers/ours.yaml: Borsetshire District Council, 2025-26, borsetshire-assurance 2.1.0 (5 indicators to answer).\n${TIP}Next: bva assess answers/ours.yaml\n`,
    });
    // The pointer is relative to the answers file, and needs format 2 (bva 0.1 knew no pointer).
    expect(read(join(dir, 'answers', 'ours.yaml'))).toContain('format: 2\ncatalogue:\n  id: borsetshire-assurance\n  version: 2.1.0\n  file: ../criteria/council.yaml\n');
    for (const cwd of [dir, join(dir, 'answers'), ROOT]) {
      const v = await bva(['validate', join(dir, 'answers', 'ours.yaml')], { cwd });
      expect(v.code, cwd).toBe(0);
    }
  });

  it.each([
    [['init', 'x.yaml', '--authority', 'A', '--period', '2025-27'], 2, 'bva: --period must be written YYYY-YY with consecutive years, like 2025-26; got "2025-27"\nRun bva --help for usage.\n'],
    [['init', 'x.yaml', '--period', '2025-26'], 2, "bva: give the council's name with --authority (or carry it forward with --from)\nRun bva --help for usage.\n"],
    [['init', 'x.yaml', '--authority', 'A'], 2, 'bva: give the period with --period, like 2025-26 (or carry it forward with --from)\nRun bva --help for usage.\n'],
    [['init', 'x.yaml', '--authority', 'A', '--period', '2025-26', '--catalogue', 'best-value-2023'], 2, 'bva: no catalogue "best-value-2023" (known: best-value-2024); give a catalogue file\'s path instead\nRun bva --help for usage.\n'],
    [['init', 'x.yaml', '--from', 'missing.yaml'], 2, 'bva: missing.yaml: no such file\n'],
    [['init', 'x.yaml', '--from', 'bad.yaml'], 1, 'bad.yaml:8:3 error: unknown theme "leadershp"; did you mean leadership? (unknown-theme)\nbad.yaml: 1 error; nothing was done\n'],
  ] as const)('refuses %j', async (args, code, stderr) => {
    const dir = tempCopy({ 'bad.yaml': 'examples/invalid/unknown-theme.yaml' });
    const r = await bva(args, { cwd: dir });
    expect(r).toEqual({ code, stdout: '', stderr });
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
    expectClean(r);
  });
});

describe('the schema a new file names, so that every colleague\'s editor finds it', () => {
  it('names the schema written into the repository with bva schema --out, relative to the file, and last period\'s reference after it', async () => {
    const dir = tempDir({ '.git/HEAD': 'ref: refs/heads/main\n', 'answers/README': 'Our answers.\n', 'next/README': 'Drafts.\n' });
    expect(await bvaInProcess(['schema', 'answers', '--out', 'schemas/answers.schema.json'], { cwd: dir })).toEqual({
      code: 0,
      stdout: '',
      stderr: `Wrote schemas/answers.schema.json (the answers schema of bva ${VERSION}); answers files bva makes in this repository from now on name it on their first line\n`,
    });
    expect(read(join(dir, 'schemas', 'answers.schema.json'))).toBe(read(join(ROOT, 'src', 'answers', 'answers.schema.json')));
    const r = await bvaInProcess(['init', 'answers/2025-26.yaml', '--authority', 'A', '--period', '2025-26'], { cwd: dir });
    expect(r.stderr).not.toContain('Tip:');
    expect(read(join(dir, 'answers', '2025-26.yaml')).split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/answers.schema.json');
    // Last period's file names it too: a file made in another folder from it names it from there.
    await bvaInProcess(['init', 'next/2026-27.yaml', '--from', 'answers/2025-26.yaml'], { cwd: dir });
    expect(read(join(dir, 'next', '2026-27.yaml')).split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/answers.schema.json');
  });

  it('names bva\'s own schema when bva is installed inside the repository, and never one outside it', () => {
    const repo = tempDir({ '.git/HEAD': 'x\n', 'node_modules/bva/src/answers/answers.schema.json': '{}\n' });
    expect(schemaReference(join(repo, 'answers', '2025-26.yaml'), join(repo, 'node_modules', 'bva'))).toBe('../node_modules/bva/src/answers/answers.schema.json');
    expect(schemaReference(join(repo, 'answers', '2025-26.yaml'), ROOT)).toBeUndefined();
    // A web address in last period's file is kept as it is.
    const web = tempDir({ 'last.yaml': '# yaml-language-server: $schema=https://example.org/answers.schema.json\ncatalogue: {}\n' });
    expect(schemaReference(join(web, 'next.yaml'), ROOT, join(web, 'last.yaml'))).toBe('https://example.org/answers.schema.json');
  });
});

describe('bva init with two versions of a catalogue shipped (binary)', () => {
  // An installation shipping best-value-2024 1.0.0 and 2.0.0, whose file names sort the other way
  // round (best-value-2024-2.0.0.yaml before best-value-2024.yaml): the newest is picked by version.
  const home = tempCopy(INSTALLED);
  const shipped = read(join(ROOT, 'criteria', 'best-value-2024-1.0.0.yaml'));
  mkdirSync(join(home, 'criteria'));
  writeFileSync(join(home, 'criteria', 'best-value-2024.yaml'), shipped);
  writeFileSync(join(home, 'criteria', 'best-value-2024-2.0.0.yaml'), shipped.replace('\nversion: 1.0.0\n', '\nversion: 2.0.0\n'));

  it.each([[[]], [['--catalogue', 'best-value-2024']]])('starts the new file on the newest version (%j)', (flags) => {
    const dir = tempDir();
    const args = ['init', 'next.yaml', '--authority', 'A', '--period', '2026-27', ...flags];
    expect(bvaBinary(args, { home, cwd: dir })).toEqual({
      code: 0,
      stdout: '',
      stderr: `Wrote next.yaml: A, 2026-27, best-value-2024 2.0.0 (86 indicators to answer).\n${TIP}Next: bva assess next.yaml\n`,
    });
    expect(read(join(dir, 'next.yaml'))).toContain('catalogue:\n  id: best-value-2024\n  version: 2.0.0\n');
  });
});

describe.each(Object.entries(HOSTS))('bva answer (%s)', (_, bva) => {
  const START = ['catalogue:', '  id: best-value-2024', '  version: 1.0.0', 'authority: Test Council', 'period: 2025-26', 'themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', ''].join('\n');

  it('sets a rating and says what it was', async () => {
    const dir = tempDir({ 'a.yaml': START });
    const r = await bva(['answer', 'a.yaml', 'lead.c1', '--rating', 'established'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'lead.c1: established (was developing); saved a.yaml (answered 1 of 86)\n' });
    expect(read(join(dir, 'a.yaml'))).toBe(START.replace('developing', 'established'));
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('adds evidence, an action and commentary, in schema order and house style', async () => {
    const dir = tempDir({ 'a.yaml': START });
    const r = await bva(
      ['answer', 'a.yaml', 'lead.c2', '--commentary', 'Agreed at Cabinet.\nReviewed yearly.', '--evidence', 'Corporate plan', '--evidence', 'Cabinet minutes', '--action', 'Publish the plan', '--owner', 'Head of Policy', '--due', '2026-03-31', '--rating', 'developing'],
      { cwd: dir },
    );
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'lead.c2: developing; commentary added; 2 evidence entries added; action lead.c2#1 added; saved a.yaml (answered 2 of 86)\n' });
    expect(read(join(dir, 'a.yaml'))).toBe(
      `${START}      lead.c2:\n        rating: developing\n        commentary: |-\n          Agreed at Cabinet.\n          Reviewed yearly.\n        evidence:\n          - Corporate plan\n          - Cabinet minutes\n        actions:\n          - action: Publish the plan\n            owner: Head of Policy\n            due: 2026-03-31\n            status: open\n`,
    );
  });

  it('marks an indicator not applicable with its reason, and clears the reason when rated again', async () => {
    const dir = tempDir({ 'a.yaml': START });
    expect((await bva(['answer', 'a.yaml', 'lead.c1', '--not-applicable', 'No elected mayor.'], { cwd: dir })).stderr).toBe(
      'lead.c1: not-applicable (was developing); saved a.yaml (answered 1 of 86)\n',
    );
    expect(read(join(dir, 'a.yaml'))).toBe(START.replace('rating: developing', 'rating: not-applicable\n        reason: No elected mayor.'));
    expect((await bva(['answer', 'a.yaml', 'lead.c1', '--rating', 'embedded'], { cwd: dir })).code).toBe(0);
    expect(read(join(dir, 'a.yaml'))).toBe(START.replace('developing', 'embedded'));
  });

  // Clearing the commentary of an indicator that had nothing else left it empty, and clearing one
  // that did not exist dropped the evidence given with it: both were refused as internal errors.
  it('clears a commentary that was all an indicator had, and clears one that was never there', async () => {
    const dir = tempDir({ 'a.yaml': START.replace('rating: developing', 'commentary: Draft.') });
    const cleared = await bva(['answer', 'a.yaml', 'lead.c1', '--clear', 'commentary'], { cwd: dir });
    expect(cleared).toEqual({ code: 0, stdout: '', stderr: 'lead.c1: unrated; commentary removed; saved a.yaml (answered 0 of 86)\n' });
    expect(read(join(dir, 'a.yaml'))).toBe(START.replace('lead.c1:\n        rating: developing', 'lead.c1: {}'));
    const fresh = await bva(['answer', 'a.yaml', 'lead.c5', '--clear', 'commentary', '--evidence', 'Plan'], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(read(join(dir, 'a.yaml'))).toBe(`${START.replace('lead.c1:\n        rating: developing', 'lead.c1: {}')}      lead.c5:\n        evidence:\n          - Plan\n`);
  });

  it('gives the same bytes when an answer is set again unchanged', async () => {
    const dir = tempDir({ 'a.yaml': START });
    const args = ['answer', 'a.yaml', 'gov.c3', '--rating', 'embedded', '--commentary', 'The constitution was reviewed in full in 2025, with every delegation checked against practice.'];
    expect(await bva(args, { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: 'gov.c3: embedded; commentary added; saved a.yaml (answered 2 of 86)\n' });
    const once = readFileSync(join(dir, 'a.yaml'));
    expect(await bva(args, { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: 'gov.c3: embedded; nothing to change, a.yaml left as it was (answered 2 of 86)\n' });
    expect(readFileSync(join(dir, 'a.yaml'))).toEqual(once);
  });

  it.each([
    [['--rating', 'embeded'], 1, 'bva: lead.c1: rating "embeded" is not on its characteristic scale (did you mean embedded?); use one of: not-in-place, developing, established, embedded, not-applicable; nothing was written\n'],
    [['--rating', 'present'], 1, 'bva: lead.c1: rating "present" is not on its characteristic scale; use one of: not-in-place, developing, established, embedded, not-applicable; nothing was written\n'],
    [['--target', 'not-applicable'], 1, 'bva: lead.c1: target "not-applicable" is not on its characteristic scale; use one of: not-in-place, developing, established, embedded; nothing was written\n'],
    [['--rating', 'not-applicable'], 2, 'bva: use --not-applicable REASON to mark an indicator not applicable\nRun bva --help for usage.\n'],
    [['--not-applicable', ' '], 2, 'bva: --not-applicable needs a reason\nRun bva --help for usage.\n'],
    [['--rating', 'embedded', '--not-applicable', 'x'], 2, 'bva: --not-applicable sets the rating: give one or the other\nRun bva --help for usage.\n'],
    [[], 2, 'bva: say what to set for lead.c1: --rating, --not-applicable, --target, --commentary, --evidence, --replace-evidence, --remove-evidence, --action, ... or --clear (bva answer --help lists them all)\nRun bva --help for usage.\n'],
    // Said "say what to set" before: the owner was given, without the action it belongs to.
    [['--owner', 'Chief Executive'], 2, 'bva: --owner and --due describe an action: give --action too, to add one, or name an action to change, like lead.c1#1\nRun bva --help for usage.\n'],
    // Clearing text is said, never done by an empty value (an unset variable in a script).
    [['--commentary', ''], 2, 'bva: --commentary is empty: to remove the commentary, say so with --clear commentary\nRun bva --help for usage.\n'],
    [['--clear', 'summary'], 2, 'bva: --clear summary: lead.c1 has no such field to clear; for an indicator, clear one of: rating, target, commentary\nRun bva --help for usage.\n'],
    [['--summary', 'Settled.'], 2, 'bva: --summary is for a theme (TARGET a theme id, like leadership), and lead.c1 is an indicator\nRun bva --help for usage.\n'],
    [['--done'], 2, 'bva: --done is for an action (TARGET INDICATOR#N, like lead.c6#2), and lead.c1 is an indicator\nRun bva --help for usage.\n'],
    [['--action', 'Do it', '--due', '31/03/2026'], 2, 'bva: --due: "31/03/2026" is not a date written YYYY-MM-DD: write it 2026-03-31\n'],
    [['--remove-evidence', '1'], 1, 'bva: lead.c1 has 0 evidence entries, so there is no 1st; nothing was written\n'],
    [['--action', 'Do it', '--due', '2026-02-30'], 2, 'bva: --due: "2026-02-30" is not a real calendar day\n'],
  ] as const)('refuses %j and leaves the file untouched', async (flags, code, stderr) => {
    const dir = tempDir({ 'a.yaml': START });
    const r = await bva(['answer', 'a.yaml', 'lead.c1', ...flags], { cwd: dir });
    expect(r).toEqual({ code, stdout: '', stderr });
    expect(read(join(dir, 'a.yaml'))).toBe(START);
    expect(readdirSync(dir)).toEqual(['a.yaml']);
    expectClean(r);
  });

  it('refuses an unknown indicator, with the nearest: exit 1', async () => {
    const dir = tempDir({ 'a.yaml': START });
    const r = await bva(['answer', 'a.yaml', 'lead.c99', '--rating', 'embedded'], { cwd: dir });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'bva: unknown indicator or theme "lead.c99" in best-value-2024; did you mean lead.c1?; nothing was written\n' });
    expect(read(join(dir, 'a.yaml'))).toBe(START);
  });

  it('refuses to edit an invalid file, printing its errors: exit 1', async () => {
    const dir = tempCopy({ 'bad.yaml': 'examples/invalid/unknown-theme.yaml' });
    const before = read(join(dir, 'bad.yaml'));
    const r = await bva(['answer', 'bad.yaml', 'lead.c1', '--rating', 'embedded'], { cwd: dir });
    // Only the errors: the unanswered warnings of a file that cannot be edited are noise here.
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'bad.yaml:8:3 error: unknown theme "leadershp"; did you mean leadership? (unknown-theme)\nbad.yaml: 1 error; nothing was done\n' });
    expect(read(join(dir, 'bad.yaml'))).toBe(before);
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });

  it('refuses a missing file: exit 2', async () => {
    const dir = tempDir();
    expect(await bva(['answer', 'a.yaml', 'lead.c1', '--rating', 'embedded'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'bva: a.yaml: no such file\n' });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('bva answer on a file a person keeps by hand', () => {
  it('keeps every comment and untouched line byte for byte, and the file mode', () => {
    const dir = tempDir({ 'ours.yaml': COMMENTED });
    chmodSync(join(dir, 'ours.yaml'), 0o640);
    const steps: [string[], string][] = [
      [['lead.c2', '--rating', 'established'], 'lead.c2: established; saved ours.yaml (answered 5 of 86)\n'],
      [['lead.c1', '--rating', 'established', '--evidence', 'Service plans 2025-26'], 'lead.c1: established (was developing); 1 evidence entry added; saved ours.yaml (answered 5 of 86)\n'],
      [['cult.c1', '--rating', 'developing', '--commentary', 'Staff survey shows\nmixed results.'], 'cult.c1: developing; commentary added; saved ours.yaml (answered 6 of 86)\n'],
      [['gov.c1', '--action', 'Review the constitution', '--owner', 'Monitoring Officer', '--due', '2026-03-31'], 'gov.c1: embedded; action gov.c1#1 added; saved ours.yaml (answered 6 of 86)\n'],
    ];
    for (const [args, stderr] of steps) {
      const r = bvaBinary(['answer', 'ours.yaml', ...args], { cwd: dir });
      expect(r).toEqual({ code: 0, stdout: '', stderr });
    }
    const after = read(join(dir, 'ours.yaml'));
    expect(after).toBe(
      COMMENTED.replace('rating: developing    # was not-in-place last year', 'rating: established    # was not-in-place last year')
        .replace('   # the adopted version\n', '   # the adopted version\n          - Service plans 2025-26\n')
        .replace("      lead.c3:\n", '      lead.c2:\n        rating: established\n      lead.c3:\n')
        .replace(
          '        rating: embedded\n# End of file',
          [
            '        rating: embedded',
            '        actions:',
            '          - action: Review the constitution',
            '            owner: Monitoring Officer',
            '            due: 2026-03-31',
            '            status: open',
            '',
            '  culture:',
            '    indicators:',
            '      cult.c1:',
            '        rating: developing',
            '        commentary: |-',
            '          Staff survey shows',
            '          mixed results.',
            '# End of file',
          ].join('\n'),
        ),
    );
    // Every line of the original, but the one rating changed, is still there in order.
    const want = COMMENTED.replace('rating: developing    # was', 'rating: established    # was').split('\n');
    let found = 0;
    for (const line of after.split('\n')) if (line === want[found]) found++;
    expect(found).toBe(want.length);
    expect(statSync(join(dir, 'ours.yaml')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['ours.yaml']);
  });

  it('keeps a BOM and Windows line endings', () => {
    const body = COMMENTED.replace(/\n/g, '\r\n');
    const dir = tempDir({ 'ours.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]) });
    const r = bvaBinary(['answer', 'ours.yaml', 'gov.c2', '--rating', 'developing'], { cwd: dir });
    expect(r.code).toBe(0);
    const bytes = readFileSync(join(dir, 'ours.yaml'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString()).toBe(body.replace('        rating: embedded\r\n', '        rating: embedded\r\n      gov.c2:\r\n        rating: developing\r\n'));
  });

  it('leaves a file it refuses byte for byte as it was', () => {
    const dir = tempDir({ 'ours.yaml': COMMENTED });
    const r = bvaBinary(['answer', 'ours.yaml', 'lead.f1', '--rating', 'developing'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('bva: lead.f1: rating "developing" is not on its failure scale; use one of: present, emerging, not-present, not-applicable; nothing was written\n');
    expect(read(join(dir, 'ours.yaml'))).toBe(COMMENTED);
  });

  it('waits its turn: refuses while another bva holds the file', () => {
    const dir = tempDir({ 'ours.yaml': COMMENTED });
    const other = liveBva();
    try {
      writeFileSync(join(dir, '.ours.yaml.bva-lock'), JSON.stringify({ pid: other.pid, host: hostname(), command: 'bva assess', since: '2026-01-05T10:00:00.000Z' }));
      const r = bvaBinary(['answer', 'ours.yaml', 'lead.c1', '--rating', 'embedded'], { cwd: dir });
      expect(r).toEqual({ code: 2, stdout: '', stderr: `bva: ours.yaml is being edited by another bva (bva assess, process ${other.pid}, since 2026-01-05 10:00 UTC); try again when it has finished\n` });
    } finally {
      other.stop();
    }
    expect(read(join(dir, 'ours.yaml'))).toBe(COMMENTED);
  });
});

describe('bva answer on YAML that is unusual but valid (in process)', () => {
  const head = (...lines: string[]): string =>
    ['catalogue:', '  id: best-value-2024', '  version: 1.0.0', 'authority: Testshire District Council', 'period: 2025-26', 'themes:', '  leadership:', '    indicators:', ...lines, ''].join('\n');
  const answerIn = async (text: string, ...args: string[]): Promise<{ r: Outcome; text: string; dir: string }> => {
    const dir = tempDir({ 'a.yaml': text });
    const r = await bvaInProcess(['answer', 'a.yaml', ...args], { cwd: dir });
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).not.toContain('internal error');
    return { r, text: read(join(dir, 'a.yaml')), dir };
  };

  it('a commentary holding a line separator (U+2028) is saved as \\L, and reads back as given', async () => {
    const { r, text, dir } = await answerIn(head('      lead.c1:', '        rating: developing'), 'lead.c1', '--commentary', 'first\u2028second\u2029third');
    expect(r.code, r.stderr).toBe(0);
    expect(text).toBe(head('      lead.c1:', '        rating: developing', '        commentary: "first\\Lsecond\\Pthird"'));
    const json = await bvaInProcess(['report', 'a.yaml', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(json.stdout) as { themes: { indicators: { id: string; commentary?: string }[] }[] }).themes[1]!.indicators.find((i) => i.id === 'lead.c1')?.commentary).toBe('first\u2028second\u2029third');
  });

  it('a file with a line separator in a theme can be edited in that theme, the line kept byte for byte', async () => {
    for (const commentary of ['plain first\u2028second', '"quoted first\u2028second"', '>-\n          folded first\u2028second']) {
      const before = head('      lead.c1:', '        rating: developing', `        commentary: ${commentary}`);
      const { r, text } = await answerIn(before, 'lead.c2', '--rating', 'embedded');
      expect(r.code, r.stderr).toBe(0);
      expect(text).toBe(`${before}      lead.c2:\n        rating: embedded\n`);
    }
  });

  it('an edit of a value shared through a YAML anchor or alias is refused at the anchor or alias, exit 1, the file untouched', async () => {
    const shared = head('      lead.c1:', '        rating: &r developing', '        evidence: &ev', '          - Corporate plan', '      lead.c2:', '        rating: *r', '        evidence: *ev', '      lead.c3: &c3', '        rating: embedded', '      lead.c4: *c3');
    for (const [args, where, what] of [
      [['lead.c1', '--rating', 'embedded'], '10:17', 'rating of lead.c1'],
      [['lead.c1', '--evidence', 'Budget'], '11:19', 'evidence of lead.c1'],
      [['lead.c2', '--evidence', 'Budget'], '15:19', 'evidence of lead.c2'],
      [['lead.c3', '--commentary', 'Agreed'], '16:16', 'commentary of lead.c3'],
      [['lead.c4', '--rating', 'developing'], '18:16', 'rating of lead.c4'],
    ] as const) {
      const { r, text } = await answerIn(shared, ...args);
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `a.yaml:${where} error: ${what} is shared through a YAML anchor or alias; bva changes only values written out in full: write it out where it is used, then try again (yaml-shared-value)\na.yaml: 1 error; nothing was done\n`,
      });
      expect(text).toBe(shared);
    }
  });

  it('an edit elsewhere in a file with anchors and aliases goes ahead, and keeps them', async () => {
    const shared = head('      lead.c1:', '        rating: &r developing', '      lead.c2:', '        rating: *r');
    for (const [args, added] of [
      [['lead.c3', '--rating', 'embedded'], '      lead.c3:\n        rating: embedded\n'],
      [['lead.c2', '--commentary', 'Agreed'], ''],
    ] as const) {
      const { r, text } = await answerIn(shared, ...args);
      expect(r.code, r.stderr).toBe(0);
      if (added) expect(text).toBe(shared + added);
      else expect(text).toBe(`${shared}        commentary: Agreed\n`);
    }
  });
});
