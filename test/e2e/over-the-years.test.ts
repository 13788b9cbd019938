// Over the years, end to end: `bva trend` over the three worked periods and from a file's git
// history, `bva actions --since` on a git history, and `bva migrate` along a framework's crosswalk
// (every earlier answer found where it went in the file written), on the built binary.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Answers, IndicatorAnswer } from '../../src/answers/model.js';
import { crosswalkOf, fateOf, type Crosswalk } from '../../src/catalogue/crosswalk.js';
import { loadCatalogueFile } from '../../src/catalogue/load.js';
import type { Trend } from '../../src/assessment/trend.js';
import validateTrend from '../../src/generated/validate-trend.js';
import { bvaBinary, bvaInProcess, hasStackTrace, read, ROOT, tempCopy, tempDir } from '../helpers.js';

const EXAMPLES = ['examples/2023-24.yaml', 'examples/2024-25.yaml', 'examples/2025-26.yaml'];

/** A git repository in a temporary folder; each commit at a fixed date. */
function repository(): { dir: string; commit: (message: string, date: string) => void; git: (...args: string[]) => string } {
  const dir = tempDir();
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('config', 'user.name', 'bva tests');
  git('config', 'user.email', 'tests@example.org');
  git('config', 'commit.gpgsign', 'false');
  const commit = (message: string, date: string): void => {
    git('add', '-A');
    execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: `${date}T12:00:00`, GIT_COMMITTER_DATE: `${date}T12:00:00` } });
  };
  return { dir, commit, git };
}

describe('bva trend', () => {
  it('puts the periods in period order whatever the order given, and renders Markdown', () => {
    const r = bvaBinary(['trend', EXAMPLES[2]!, EXAMPLES[0]!, EXAMPLES[1]!]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(read(join(ROOT, 'examples/reports/trend.md')));
    expect(r.stdout).toContain('| **Status**                | Red            | Red           | Amber       |');
  });

  it('renders JSON that its schema (bva schema trend) accepts, and HTML to a file named .html', async () => {
    const json = await bvaInProcess(['trend', ...EXAMPLES, '--format', 'json']);
    expect(json.code).toBe(0);
    const t = JSON.parse(json.stdout) as Trend;
    expect(validateTrend(t), JSON.stringify(validateTrend.errors)).toBe(true);
    expect(t.periods.map((p) => p.period)).toEqual(['2023-24', '2024-25', '2025-26']);
    const schema = await bvaInProcess(['schema', 'trend']);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(read(join(ROOT, 'src/render/trend.schema.json'))));

    const dir = tempCopy({ examples: 'examples' });
    const html = bvaBinary(['trend', ...EXAMPLES, '--out', 'trend.html'], { cwd: dir });
    expect(html.stderr).toMatch(/^Wrote trend\.html \(HTML, 3 periods, \d+ KB\)\n$/);
    expect(html.code).toBe(0);
    expect(read(join(dir, 'trend.html'))).toBe(read(join(ROOT, 'examples/reports/trend.html')));
  });

  it('reads every committed version of one file from git, the latest of each period', async () => {
    // One file rolled forward each year, committed several times a year; the working copy is not read.
    const { dir, commit } = repository();
    const file = join(dir, 'assessment.yaml');
    writeFileSync(file, read(join(ROOT, EXAMPLES[0]!)).replace('lead.c3:\n        rating: established', 'lead.c3:\n        rating: developing'));
    commit('2023-24 draft', '2024-01-10');
    copyFileSync(join(ROOT, EXAMPLES[0]!), file);
    commit('2023-24 as moderated', '2024-01-23');
    copyFileSync(join(ROOT, EXAMPLES[1]!), file);
    commit('2024-25', '2024-11-05');
    copyFileSync(join(ROOT, EXAMPLES[2]!), file);
    commit('2025-26', '2025-10-21');
    writeFileSync(file, 'not: [valid\n');
    const r = await bvaInProcess(['trend', '--from-git', 'assessment.yaml', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as Trend;
    const hashes = execFileSync('git', ['log', '--format=%h'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    expect(t.periods.map((p) => [p.period, p.file])).toEqual([
      ['2023-24', `${hashes[2]}:assessment.yaml`],
      ['2024-25', `${hashes[1]}:assessment.yaml`],
      ['2025-26', `${hashes[0]}:assessment.yaml`],
    ]);
    // The latest 2023-24 version, not the draft: the same figures as the file itself.
    const fromFiles = JSON.parse((await bvaInProcess(['trend', ...EXAMPLES, '--format', 'json'])).stdout) as Trend;
    expect(t.indicators).toEqual(fromFiles.indicators);
  });

  it.each([
    [['trend'], 2, 'bva: give the answers files of the periods to compare, or --from-git PATH\nRun bva --help for usage.\n'],
    [['trend', EXAMPLES[1]!, 'examples/invalid/rating-not-in-scale.yaml'], 1, undefined],
    [['trend', EXAMPLES[1]!, EXAMPLES[1]!], 2, 'bva: examples/2024-25.yaml and examples/2024-25.yaml are both 2024-25: give one file per period\nRun bva --help for usage.\n'],
    [['trend', EXAMPLES[1]!, '--out', EXAMPLES[1]!], 2, 'bva: --out examples/2024-25.yaml is the answers file examples/2024-25.yaml; nothing was written: choose another path\n'],
  ])('refuses %j with exit %i and one line', async (args, code, stderr) => {
    const r = await bvaInProcess(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    if (stderr !== undefined) expect(r.stderr).toBe(stderr);
    else expect(r.stderr).toMatch(/^examples\/invalid\/rating-not-in-scale\.yaml:12:17 error: .*\(rating-not-in-scale\)\nexamples\/invalid\/rating-not-in-scale\.yaml: 1 error; nothing was done\n$/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('outside git, --from-git says so in one line (exit 2)', () => {
    const dir = tempCopy({ 'a.yaml': EXAMPLES[0]! });
    const r = bvaBinary(['trend', '--from-git', 'a.yaml'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: dir } });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `bva: a.yaml: cannot read from git: ${dir} is not in a git repository\n` });
  });
});

describe('bva actions --since on a git history', () => {
  // The action plan as committed at the 2024-25 assessment, then a quarter's work committed.
  const { dir, commit, git } = repository();
  const file = join(dir, '2024-25.yaml');
  copyFileSync(join(ROOT, EXAMPLES[1]!), file);
  commit('2024-25 as assessed', '2024-11-05');
  const quarter = read(file)
    // Completed, with the day it was done.
    .replace('            due: 2025-02-26\n            status: open', '            due: 2025-02-26\n            status: done\n            done-on: 2025-03-04')
    // Slipped: the deputies' designation moves from January to April.
    .replace('          - action: Designate a deputy Section 151 Officer and a deputy Monitoring Officer\n            owner: Chief Executive\n            due: 2025-01-31', '          - action: Designate a deputy Section 151 Officer and a deputy Monitoring Officer\n            owner: Chief Executive\n            due: 2025-04-30')
    // Added.
    .replace("            due: 2025-06-30\n            status: open\n      lead.c7:", "            due: 2025-06-30\n            status: open\n          - action: Agree an interim cover protocol for heads of service\n            owner: Head of HR and Organisational Development\n            due: 2025-05-31\n      lead.c7:");
  writeFileSync(file, quarter);
  commit('Quarter 3 update', '2025-01-15');

  it('compares with the last commit before a date: completed, added and slipped', async () => {
    // The file as it is is listed; the comparison is with the last commit before 1 January, on 5 November.
    const r = await bvaInProcess(['actions', '2024-25.yaml', '--since', '2025-01-01', '--as-of', '2025-03-31', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = (JSON.parse(r.stdout) as { since: { completed: { ref: string; doneOn?: string; daysLate?: number }[]; added: { ref: string; action: string }[]; slipped: { entry: { ref: string; due: string }; was: string; days: number }[]; removed: unknown[]; commit: string } }).since;
    expect(s.commit).toBe(git('rev-list', '-1', 'HEAD~1').trim());
    expect(s.completed.map((e) => [e.ref, e.doneOn, e.daysLate])).toEqual([['lead.c1#1', '2025-03-04', 6]]);
    expect(s.added.map((e) => [e.ref, e.action])).toEqual([['lead.c6#2', 'Agree an interim cover protocol for heads of service']]);
    expect(s.slipped.map((x) => [x.entry.ref, x.was, x.entry.due, x.days])).toEqual([['lead.f2#2', '2025-01-31', '2025-04-30', 89]]);
    expect(s.removed).toEqual([]);
  });

  it('compares with a revision, printed as Markdown by the binary', () => {
    const r = bvaBinary(['actions', '2024-25.yaml', '--since', 'HEAD~1', '--as-of', '2025-03-31', '--status', 'open', '--theme', 'leadership'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const head = r.stdout.slice(0, r.stdout.indexOf('## Open actions'));
    const short = execFileSync('git', ['rev-parse', '--short=7', 'HEAD~1'], { cwd: dir, encoding: 'utf8' }).trim();
    expect(head).toBe(
      [
        '# Action plan: Marlbridge Borough Council, 2024-25',
        '',
        'As of 31 March 2025: 6 actions (in leadership, open only); 6 open, of which 1 overdue; 0 done.',
        '',
        '## Since HEAD\\~1',
        '',
        `Compared with the file as it was at HEAD\\~1: ${short}, 5 November 2024; each action matched by its indicator and wording.`,
        '',
        '**Completed (1):**',
        '',
        '| Ref | Action | Owner | Due | Done |',
        '| - | - | - | - | - |',
        '| lead.c1\\#1 | Adopt a Corporate Plan for 2025-29 after engagement with members, residents and partners | Chief Executive | 26 February 2025 | 4 March 2025 (6 days late) |',
        '',
        '**Added (1):**',
        '',
        '| Ref | Action | Owner | Due | Status |',
        '| - | - | - | - | - |',
        '| lead.c6\\#2 | Agree an interim cover protocol for heads of service | Head of HR and Organisational Development | 31 May 2025 | Open |',
        '',
        '**Slipped (1):** due dates moved later.',
        '',
        '| Ref | Action | Owner | Was due | Now due | Later by |',
        '| - | - | - | - | - | - |',
        '| lead.f2\\#2 | Designate a deputy Section 151 Officer and a deputy Monitoring Officer | Chief Executive | 31 January 2025 | 30 April 2025 | 89 days |',
        '',
        '**Progress notes added:** 0.',
        '',
        '',
      ].join('\n'),
    );
  });

  it('writes CSV to a file named .csv, and refuses a date before the first commit', async () => {
    const out = bvaBinary(['actions', '2024-25.yaml', '--since', '2025-01-01', '--as-of', '2025-03-31', '--out', 'plan.csv'], { cwd: dir });
    expect(out).toEqual({ code: 0, stdout: '', stderr: 'Wrote plan.csv (CSV, 31 actions)\n' });
    const csv = readFileSync(join(dir, 'plan.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFref,theme,indicator,action,owner,due,status,done_on,days_overdue,days_late,progress,since');
    expect(csv).toContain('\r\nlead.c1#1,Leadership,lead.c1,"Adopt a Corporate Plan for 2025-29 after engagement with members, residents and partners",Chief Executive,2025-02-26,done,2025-03-04,,6,,completed\r\n');
    const early = await bvaInProcess(['actions', '2024-25.yaml', '--since', '2024-01-01'], { cwd: dir });
    expect(early).toEqual({ code: 2, stdout: '', stderr: 'bva: 2024-25.yaml: no commit before 2024-01-01 has it, so there is nothing to compare with\n' });
    const theme = await bvaInProcess(['actions', '2024-25.yaml', '--theme', 'leadershp'], { cwd: dir });
    expect(theme.code).toBe(2);
    expect(theme.stderr).toBe(
      'bva: --theme leadershp: no such theme in best-value-2024; did you mean leadership? (themes: continuous-improvement, leadership, governance, culture, use-of-resources, service-delivery, partnerships)\nRun bva --help for usage.\n',
    );
  });
});

/** The crosswalk between two catalogue files, as bva migrate follows it. */
async function crosswalkOfFiles(from: string, to: string): Promise<Crosswalk> {
  const [a, b] = [await loadCatalogueFile(from), await loadCatalogueFile(to)];
  if (!a.ok || !b.ok) throw new Error('the catalogues should load');
  return crosswalkOf(a.value, b.value);
}

/**
 * Every earlier answer is where the crosswalk says it went: kept or renamed, whole under its new id;
 * merged or split, in each successor as context (its rating and commentary in the commentary, its
 * evidence) and its actions in the first; dropped, as it was under retired. A theme's summary and
 * assurance stay with the theme.
 */
function expectNothingLost(before: Answers, after: Answers, cw: Crosswalk): void {
  const at = (id: string): IndicatorAnswer | undefined => after.themes?.[cw.to.indicatorById.get(id)!.theme.id]?.indicators?.[id];
  const retired = after.retired?.flatMap((r) => r.indicators ?? []) ?? [];
  let checked = 0;
  for (const [themeId, theme] of Object.entries(before.themes ?? {})) {
    if (cw.to.themeById.has(themeId)) {
      expect(after.themes?.[themeId]?.summary, `${themeId}'s summary`).toEqual(theme?.summary);
      expect(after.themes?.[themeId]?.assurance, `${themeId}'s assurance`).toEqual(theme?.assurance);
    }
    for (const [id, was] of Object.entries(theme?.indicators ?? {}) as [string, IndicatorAnswer][]) {
      const fate = fateOf(cw, id);
      checked++;
      if (fate.lineage === 'same' || fate.lineage === 'renamed') {
        expect(at(fate.to[0]!), `${id} kept whole as ${fate.to[0]}`).toEqual(was);
      } else if (fate.lineage === 'dropped') {
        expect(retired.find((r) => r.id === id)?.answer, `${id} retired as it was`).toEqual(was);
      } else {
        fate.to.forEach((to, n) => {
          const made = at(to)!;
          expect(made.rating, `${to} is rated afresh`).toBeUndefined();
          expect(made.commentary, `${id}'s rating in ${to}`).toContain(`${id} (${was.rating === 'not-applicable' ? 'not applicable' : was.rating === undefined ? 'not rated' : `rated ${was.rating}`}`);
          if (was.commentary !== undefined) expect(made.commentary, `${id}'s commentary in ${to}`).toContain(was.commentary);
          for (const e of was.evidence ?? []) expect(made.evidence, `${id}'s evidence in ${to}`).toContainEqual(e);
          for (const a of was.actions ?? []) {
            if (n === 0) expect(made.actions, `${id}'s action in ${to}`).toContainEqual(a);
            else expect(made.actions ?? [], `${id}'s action not also in ${to}`).not.toContainEqual(a);
          }
        });
      }
    }
  }
  expect(checked).toBeGreaterThan(0);
}

describe('bva migrate along a crosswalk', () => {
  const FIX = 'test/fixtures/crosswalk';
  const setUp = () => tempCopy({ 'framework-1.yaml': `${FIX}/framework-1.yaml`, 'framework-2.yaml': `${FIX}/framework-2.yaml`, '2024-25.yaml': `${FIX}/answers-1.yaml` });

  it('moves the file in place through the comment-keeping writer, loses no answer, and says what it did', async () => {
    const dir = setUp();
    const before = read(join(dir, '2024-25.yaml'));
    const r = bvaBinary(['migrate', '2024-25.yaml', '--to', 'framework-2.yaml', '--catalogue', 'framework-1.yaml'], { cwd: dir, today: '2025-06-12' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(read(join(ROOT, FIX, 'migrate.txt')));
    const after = read(join(dir, '2024-25.yaml'));
    // Comments the council wrote are still there, and the file says which format it needs.
    expect(after).toContain("# Wessex's 2024-25 answers, on version 1 of its framework.\nformat: 2\ncatalogue:\n  id: wessex-framework\n  version: 2.0.0\n");
    expect(after).toContain('      # Options and risks were judged apart in 2024-25.\n      G2:\n');

    // Every earlier answer is where the crosswalk says it went: whole, as context, or retired.
    const old = jsYaml.load(before, { schema: jsYaml.CORE_SCHEMA }) as Answers;
    const now = jsYaml.load(after, { schema: jsYaml.CORE_SCHEMA }) as Answers;
    expectNothingLost(old, now, await crosswalkOfFiles(join(ROOT, FIX, 'framework-1.yaml'), join(ROOT, FIX, 'framework-2.yaml')));
    const oldAt = (theme: string, id: string): IndicatorAnswer => old.themes![theme]!.indicators![id]!;
    expect(now.retired).toEqual([
      {
        catalogue: { id: 'wessex-framework', version: '1.0.0' },
        on: '2025-06-12',
        indicators: [{ id: 'C2', theme: 'COM', text: "The council publishes an annual residents' survey.", reason: "The residents' survey is now part of the corporate performance report.", answer: oldAt('COM', 'C2') }],
      },
    ]);
    // The result is valid against the new version, and migrating again changes nothing.
    expect(bvaBinary(['validate', '2024-25.yaml', '--catalogue', 'framework-2.yaml'], { cwd: dir }).code).toBe(0);
    const again = bvaBinary(['migrate', '2024-25.yaml', '--to', 'framework-2.yaml', '--catalogue', 'framework-2.yaml'], { cwd: dir });
    expect(again).toEqual({ code: 0, stdout: '', stderr: '2024-25.yaml is already on wessex-framework 2.0.0; nothing to do\n' });
    expect(read(join(dir, '2024-25.yaml'))).toBe(after);
  });

  it('writes --out and leaves FILE alone; refuses an --out that exists, or is an input', async () => {
    const dir = setUp();
    const before = read(join(dir, '2024-25.yaml'));
    const r = await bvaInProcess(['migrate', '2024-25.yaml', '--to', 'framework-2.yaml', '--catalogue', 'framework-1.yaml', '--out', 'migrated.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\nWrote migrated\.yaml on wessex-framework 2\.0\.0: /);
    expect(read(join(dir, '2024-25.yaml'))).toBe(before);
    expect(read(join(dir, 'migrated.yaml'))).toContain('version: 2.0.0');
    expect(await bvaInProcess(['migrate', '2024-25.yaml', '--to', 'framework-2.yaml', '--catalogue', 'framework-1.yaml', '--out', 'migrated.yaml'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: migrated.yaml already exists; use --force to replace it\n',
    });
    const input = await bvaInProcess(['migrate', '2024-25.yaml', '--to', 'framework-2.yaml', '--out', 'framework-2.yaml'], { cwd: dir });
    expect(input.code).toBe(2);
    expect(input.stderr).toBe('bva: --out framework-2.yaml is the catalogue to move onto framework-2.yaml; nothing was written: choose another path\n');
    // The same through a link: the file, not its name, is what is compared.
    symlinkSync('2024-25.yaml', join(dir, 'current.yaml'));
    const linked = await bvaInProcess(['migrate', '2024-25.yaml', '--to', 'framework-2.yaml', '--catalogue', 'framework-1.yaml', '--out', 'current.yaml', '--force'], { cwd: dir });
    expect(linked).toEqual({ code: 2, stdout: '', stderr: 'bva: --out current.yaml is the answers file 2024-25.yaml (the same file by another name); nothing was written: choose another path\n' });
    expect(read(join(dir, '2024-25.yaml'))).toBe(before);
  });

  it('refuses a target that does not replace the file\'s catalogue, or whose crosswalk is incomplete (exit 1, file untouched)', async () => {
    const dir = setUp();
    const before = read(join(dir, '2024-25.yaml'));
    const unrelated = await bvaInProcess(['migrate', '2024-25.yaml', '--to', 'best-value-2024', '--catalogue', 'framework-1.yaml'], { cwd: dir });
    expect(unrelated).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "bva: cannot migrate from wessex-framework 1.0.0 to best-value-2024 1.1.0: best-value-2024 1.1.0 does not say that it replaces wessex-framework 1.0.0; the new catalogue's replaces block must say where each earlier indicator went\n",
    });
    writeFileSync(join(dir, 'framework-2.yaml'), read(join(dir, 'framework-2.yaml')).replace("  dropped:\n    - id: C2\n      reason: The residents' survey is now part of the corporate performance report.\n", ''));
    const incomplete = await bvaInProcess(['migrate', '2024-25.yaml', '--to', 'framework-2.yaml', '--catalogue', 'framework-1.yaml'], { cwd: dir });
    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr).toBe(
      [
        'framework-2.yaml:12:1 error: C2 of wessex-framework 1.0.0 is not accounted for: it is not in this catalogue, and replaces does not say where it went (list it under renamed, merged, split or dropped) (crosswalk-unaccounted)',
        'framework-2.yaml: 1 error; nothing was done',
        'bva: the crosswalk in framework-2.yaml is not complete; run bva catalogue validate framework-2.yaml',
        '',
      ].join('\n'),
    );
    expect(read(join(dir, '2024-25.yaml'))).toBe(before);
  });

  it('follows a chain of versions: 3.0.0 replaces 2.0.0, which replaces 1.0.0', async () => {
    const dir = setUp();
    const v3 = read(join(dir, 'framework-2.yaml'))
      .replace('version: 2.0.0', 'version: 3.0.0')
      .replace(/replaces:\n[\s\S]*?\nscales:/, 'replaces:\n  id: wessex-framework\n  version: 2.0.0\n  file: framework-2.yaml\n  renamed:\n    - { from: G9, to: G10 }\nscales:')
      .replace('      - id: G9\n', '      - id: G10\n');
    writeFileSync(join(dir, 'framework-3.yaml'), v3);
    expect((await bvaInProcess(['catalogue', 'validate', 'framework-3.yaml'], { cwd: dir })).stdout).toContain('replaces wessex-framework 2.0.0 (8 kept, 1 renamed)');
    const r = await bvaInProcess(['migrate', '2024-25.yaml', '--to', 'framework-3.yaml', '--catalogue', 'framework-1.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('  renamed   G4 → G10: the whole answer moved\n');
    expect(r.stderr).toContain('Wrote 2024-25.yaml on wessex-framework 3.0.0: ');
    expect(read(join(dir, '2024-25.yaml'))).toContain('      G10:\n        rating: not-seen\n');
  });

  it("moves Eastmoor's 2025-26 onto the second edition of its framework: the example in examples/council/second-edition, nothing lost", async () => {
    // Found through the folder's bva.config.yaml: no --catalogue, and no pointer in the file written.
    const dir = join(tempCopy({ council: 'examples/council' }), 'council');
    rmSync(join(dir, 'second-edition', '2025-26.yaml'));
    const r = bvaBinary(['migrate', '2025-26.yaml', '--to', 'criteria/eastmoor-framework-2.yaml', '--out', 'second-edition/2025-26.yaml'], { cwd: dir, today: '2026-03-18' });
    expect(r.stderr).toBe(
      [
        'Migrated 2025-26.yaml from eastmoor-framework 1.0.0 to eastmoor-framework 2.0.0:',
        '  kept      20 answers under the same id',
        '  merged    RS001 and RS003 → RS001: rate afresh (previous: light-green; 1 commentary and 1 action kept as context)',
        '  merged    SD002 and SD003 → SD002: rate afresh (previous: amber; 1 commentary kept as context)',
        "  dropped   RS002: its answer is kept under retired (Council cannot amend the Section 151 Officer's report on the budget, so the statement tested nothing; the budget's robustness is judged under RS001.)",
        '  dropped   PT-F1: its answer is kept under retired (Attendance at statutory partnership boards is now reported through the register under PT001.)',
        '  added     LD004: new in 2.0.0, to answer',
        'Wrote second-edition/2025-26.yaml on eastmoor-framework 2.0.0: 2 indicators to rate afresh (RS001 and SD002) and 1 new indicator to answer.',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    const written = read(join(dir, 'second-edition', '2025-26.yaml'));
    expect(written, 'examples/council/second-edition/2025-26.yaml is what bva migrate writes').toBe(read(join(ROOT, 'examples/council/second-edition/2025-26.yaml')));
    expect(written).toContain('\ncatalogue:\n  id: eastmoor-framework\n  version: 2.0.0\nauthority:');
    const load = (path: string): Answers => jsYaml.load(read(path), { schema: jsYaml.CORE_SCHEMA }) as Answers;
    expectNothingLost(load(join(dir, '2025-26.yaml')), load(join(dir, 'second-edition', '2025-26.yaml')), await crosswalkOfFiles(join(dir, 'criteria/eastmoor-framework.yaml'), join(dir, 'criteria/eastmoor-framework-2.yaml')));
    // The year before compares with it through the crosswalk, with no --catalogue.
    const diff = await bvaInProcess(['diff', '2024-25.yaml', 'second-edition/2025-26.yaml'], { cwd: dir });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("Indicators are compared through eastmoor-framework 2.0.0's crosswalk from eastmoor-framework 1.0.0 (20 kept, 4 merged into 2, 2 dropped, 1 added).");
  });

  it('catalogue validate checks the crosswalk against the catalogue it replaces', () => {
    const r = bvaBinary(['catalogue', 'validate', `${FIX}/framework-2.yaml`]);
    expect(r).toEqual({
      code: 0,
      stdout: `${FIX}/framework-2.yaml: valid; wessex-framework 2.0.0, 3 themes, 9 indicators; replaces wessex-framework 1.0.0 (4 kept, 1 renamed, 2 merged into 1, 1 split into 2, 1 dropped, 1 added); 0 errors, 0 warnings\n`,
      stderr: '',
    });
  });
});
