// `bva export` and `bva import` as an officer uses them, judged by a real spreadsheet application:
// the built binary exports the worked example, LibreOffice opens the workbook and saves it again as
// Excel would, then edits three cells in it as a person would (a Basic macro), and bva imports
// each: the re-saved workbook changes no byte of the answers file, and the edited one changes
// exactly those three answers, which git shows. The CSV tables go the same way round.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bvaBinary, tempCopy } from '../helpers.js';
import { OFFICE_TIMEOUT, Office, officeParts, xmlText } from '../office.js';

const TODAY = '2026-01-31';

/** A git repository holding the example, so `git diff` can say what an import changed. */
function repository(): string {
  const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml', '2024-25.yaml': 'examples/2024-25.yaml' });
  const git = (...args: string[]): void => void spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'the example');
  return dir;
}

const gitOut = (dir: string, ...args: string[]): string => spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).stdout;

describe('a workbook exported, opened and edited in LibreOffice, and imported', () => {
  const dir = repository();
  const original = readFileSync(join(dir, '2025-26.yaml'));
  let exported: ReturnType<typeof bvaBinary>;
  let resaved = '';
  const edited = join(dir, 'edited.xlsx');

  beforeAll(() => {
    exported = bvaBinary(['export', '2025-26.yaml', '--previous', '2024-25.yaml', '--out', 'export.xlsx'], { cwd: dir, today: TODAY });
    const office = new Office();
    // Opened and saved again as Excel would save it, then three cells typed over in Calc.
    resaved = office.convert(join(dir, 'export.xlsx'), 'xlsx', join(dir, 'resaved'));
    copyFileSync(resaved, edited);
    office.editCells(edited, [
      { sheet: 'Answers', cell: 'E13', text: 'embedded' }, // lead.c1's rating
      { sheet: 'Answers', cell: 'I26', text: 'Scrutiny is now routine: typed in Calc.' }, // gov.c2's commentary
      { sheet: 'Actions', cell: 'F27', text: '31/03/2026' }, // res.f1#5's due date
    ]);
  }, 2 * OFFICE_TIMEOUT);

  it('is written as a workbook of seven sheets, and says so', () => {
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^Wrote export\.xlsx \(Excel workbook, \d+ KB\): Summary, Heat map, Answers, Actions, Evidence, Scales, About\n$/);
  });

  it('has frozen header rows, filters, real dates, coloured ratings and ratings offered as a list from the scale', () => {
    const parts = officeParts(join(dir, 'export.xlsx'));
    expect([...parts['xl/workbook.xml']!.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Summary', 'Heat map', 'Answers', 'Actions', 'Evidence', 'Scales', 'About']);
    const sheet = (n: number): string => xmlText(parts[`xl/worksheets/sheet${n}.xml`]!);
    // A failing match would print a whole sheet: say only whether it is there.
    const has = (n: number, text: string): boolean => sheet(n).includes(text);
    for (let n = 1; n <= 7; n++) {
      expect(/<pane [^>]*ySplit="1"[^>]*state="frozen"/.test(sheet(n))).toBe(true);
      expect(/<autoFilter ref="A1:[A-Z]+\d+"/.test(sheet(n))).toBe(true);
    }
    // Answers: 86 indicators under the header, each rating a list from its own scale.
    expect(has(3, '<autoFilter ref="A1:K87"/>')).toBe(true);
    expect(has(3, 'sqref="E2:E9"><formula1>"not-in-place,developing,established,embedded,not-applicable"</formula1>')).toBe(true);
    expect(has(3, 'sqref="E10:E12"><formula1>"present,emerging,not-present,not-applicable"</formula1>')).toBe(true);
    // Actions: due dates are numbers with a date format, not text.
    const styles = parts['xl/styles.xml']!;
    expect(styles).toMatch(/<numFmt numFmtId="\d+" formatCode="yyyy-mm-dd"\/>/);
    const dueCell = /<c r="F2" s="(\d+)"( t="\w+")?><v>(\d+)<\/v><\/c>/.exec(sheet(4));
    expect(dueCell?.[2]).toBeUndefined();
    expect(Number(dueCell?.[3])).toBe(45777); // 2025-04-30 as Excel counts days
    // The heat map's ratings are filled with their level's colour.
    expect(styles.includes('<fgColor rgb="FF19703A"/>')).toBe(true);
  });

  it('opens in LibreOffice, which saves it again as an Excel workbook', () => {
    expect(readdirSync(join(dir, 'resaved'))).toEqual(['export.xlsx']);
    expect(readFileSync(resaved).equals(readFileSync(join(dir, 'export.xlsx')))).toBe(false);
  });

  it('imports unchanged after LibreOffice saved it: not one byte of the answers file changes', () => {
    const r = bvaBinary(['import', '2025-26.yaml', resaved], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: `Nothing to import: 2025-26.yaml already says what ${resaved} says, and was left as it was.\n` });
    expect(readFileSync(join(dir, '2025-26.yaml')).equals(original)).toBe(true);
  });

  it('imports the three cells edited in LibreOffice, and git shows exactly those three answers changed', () => {
    const r = bvaBinary(['import', '2025-26.yaml', 'edited.xlsx'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'Imported into 2025-26.yaml: 2 answers changed (lead.c1, gov.c2); 1 action changed (res.f1#5).\n' });
    expect(gitOut(dir, 'diff', '--numstat')).toBe('3\t7\t2025-26.yaml\n');
    const changed = gitOut(dir, 'diff', '-U0').split('\n').filter((l) => /^[-+] /.test(l));
    expect(changed.filter((l) => l.startsWith('+'))).toEqual(['+        rating: embedded', '+        commentary: "Scrutiny is now routine: typed in Calc."', '+            due: 2026-03-31']);
    expect(changed.filter((l) => l.startsWith('-'))[0]).toBe('-        rating: established');
    expect(bvaBinary(['validate', '2025-26.yaml'], { cwd: dir }).code).toBe(0);
  });
});

describe('the CSV tables exported and imported', () => {
  it('round-trip: unchanged, no byte changes; an edited table, just that answer; a wrong cell, nothing at all', () => {
    const dir = repository();
    const original = readFileSync(join(dir, '2025-26.yaml'));
    const out = bvaBinary(['export', '2025-26.yaml', '--format', 'csv', '--out', 'tables/'], { cwd: dir, today: TODAY });
    expect(out.code).toBe(0);
    expect(readdirSync(join(dir, 'tables')).sort()).toEqual(['about.csv', 'actions.csv', 'answers.csv', 'evidence.csv', 'heat-map.csv', 'scales.csv', 'summary.csv']);
    const all = readdirSync(join(dir, 'tables')).map((f) => `tables/${f}`);

    const same = bvaBinary(['import', '2025-26.yaml', ...all], { cwd: dir });
    expect(same.code).toBe(0);
    expect(readFileSync(join(dir, '2025-26.yaml')).equals(original)).toBe(true);

    // A wrong cell: its place and what is wrong, exit 1, the file untouched.
    const answers = readFileSync(join(dir, 'tables/answers.csv'), 'utf8');
    writeFileSync(join(dir, 'tables/answers.csv'), answers.replace('Leadership,lead.c1,characteristic,', 'Leadership,lead.c1x,characteristic,'));
    const wrong = bvaBinary(['import', '2025-26.yaml', 'tables/answers.csv'], { cwd: dir });
    expect(wrong).toEqual({
      code: 1,
      stdout: '',
      stderr: 'answers.csv!B13: unknown indicator "lead.c1x" in best-value-2024 (did you mean lead.c1?)\ntables/answers.csv: 1 problem; nothing was written to 2025-26.yaml\n',
    });
    expect(readFileSync(join(dir, '2025-26.yaml')).equals(original)).toBe(true);

    // One rating changed in the CSV: one line of the file changes.
    writeFileSync(join(dir, 'tables/answers.csv'), answers.replace(/^(Leadership,lead\.c1,characteristic,"[^"]*",)established,/m, '$1developing,'));
    const one = bvaBinary(['import', '2025-26.yaml', 'tables/answers.csv'], { cwd: dir });
    expect(one).toEqual({ code: 0, stdout: '', stderr: 'Imported into 2025-26.yaml: 1 answer changed (lead.c1).\n' });
    expect(gitOut(dir, 'diff', '-U0').split('\n').filter((l) => /^[-+] /.test(l))).toEqual(['-        rating: established', '+        rating: developing']);
  });

  it('writes one table to stdout for a performance system, with a header row', () => {
    const r = bvaBinary(['export', 'examples/2025-26.yaml', '--table', 'actions'], { today: TODAY });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('\uFEFFRef,Theme,Indicator,Action,Owner,Due,Status,Done on,Overdue on 2026-01-31');
    expect(lines.filter((l) => l.startsWith('res.f1#5,'))).toEqual(['res.f1#5,Use of resources,res.f1,Add commercial debt and income exposure measures to the quarterly finance report to Cabinet,Director of Finance,2025-12-10,open,,Yes']);
  });

  it.each([
    [['export', '2025-26.yaml', '--format', 'csv'], 'CSV is a file per table: give --out FOLDER/ (or --out PREFIX) for all 7, or --table NAME for one on stdout'],
    [['export', '2025-26.yaml', '--table', 'everything'], '--table must be one of summary, heat-map, answers, actions, evidence, scales, about; got "everything"'],
    [['import', '2025-26.yaml', 'notes.txt'], 'notes.txt: give an Excel workbook (.xlsx) or a CSV file (.csv) exported by bva export'],
  ])('refuses %j before reading anything: exit 2', (args, message) => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    expect(bvaBinary(args, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: `bva: ${message}\nRun bva --help for usage.\n` });
    expect(readFileSync(join(dir, '2025-26.yaml')).equals(readFileSync('examples/2025-26.yaml'))).toBe(true);
  });

  it('refuses an --out that is the answers file, by its name or another: exit 2, nothing written', () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    symlinkSync('2025-26.yaml', join(dir, 'current.yaml'));
    expect(bvaBinary(['export', '2025-26.yaml', '--out', '2025-26.yaml'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'bva: --out 2025-26.yaml is the answers file 2025-26.yaml; nothing was written: choose another path\n' });
    expect(bvaBinary(['export', 'current.yaml', '--table', 'answers', '--out', '2025-26.yaml'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: --out 2025-26.yaml is the answers file current.yaml (the same file by another name); nothing was written: choose another path\n',
    });
    expect(readFileSync(join(dir, '2025-26.yaml')).equals(readFileSync('examples/2025-26.yaml'))).toBe(true);
  });
});

describe('the action plan as a workbook, opened in LibreOffice', () => {
  it('holds the same rows as its CSV when Calc opens it', () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    const wrote = bvaBinary(['actions', '2025-26.yaml', '--as-of', TODAY, '--out', 'plan.xlsx'], { cwd: dir });
    expect(wrote).toEqual({ code: 0, stdout: '', stderr: 'Wrote plan.xlsx (Excel workbook, 39 actions)\n' });
    const csv = bvaBinary(['actions', '2025-26.yaml', '--as-of', TODAY, '--format', 'csv'], { cwd: dir }).stdout;
    // Calc's CSV of the workbook's one sheet: each cell as Calc shows it (dates in the column's yyyy-mm-dd).
    const calc = readFileSync(new Office().convert(join(dir, 'plan.xlsx'), 'csv', join(dir, 'calc')), 'utf8');
    expect(calc.split(/\r?\n/).slice(0, 3)).toEqual(csv.replace(/^\uFEFF/, '').split('\r\n').slice(0, 3));
    expect(calc).toContain('\nres.f1#5,Use of resources,res.f1,Add commercial debt and income exposure measures to the quarterly finance report to Cabinet,Director of Finance,2025-12-10,overdue,,52,,\n');
  }, OFFICE_TIMEOUT);
});
