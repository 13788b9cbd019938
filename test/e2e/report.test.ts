// `bva report` as a user runs it: the built binary on real files. Exit codes, what goes to stdout
// and stderr, --out written atomically, invalid input refused with its problems, the movement the
// two example years contain, and the generated example reports kept up to date.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Movement, Report } from '../../src/generated/report.js';
import { longDate } from '../../src/render/report-formats.js';
import { INSTALLED, bvaBinary, bvaInProcess, hasStackTrace, read, ROOT, tempCopy } from '../helpers.js';

const EXAMPLES = { '2024-25.yaml': 'examples/2024-25.yaml', '2025-26.yaml': 'examples/2025-26.yaml' };
const FULL = ['report', 'examples/2025-26.yaml', '--previous', 'examples/2024-25.yaml', '--as-of', '2026-01-31'];

describe('bva report on the examples', () => {
  const md = bvaBinary(FULL);

  it('prints the Markdown report to stdout and nothing to stderr', () => {
    expect(md.code).toBe(0);
    expect(md.stderr).toBe('');
    expect(md.stdout.startsWith('# Best Value Duty self-assessment 2025-26\n\n- **Meeting:** Audit and Governance Committee\n- **Meeting date:** 12 November 2025\n')).toBe(true);
    expect(md.stdout).toContain('- **Status:** Draft\n- **Authority:** Marlbridge Borough Council\n');
    expect(md.stdout).toContain('> **DRAFT:** The paper is marked draft; all 86 indicators are answered.');
    expect(md.stdout).toContain('- **Status as of:** 31 January 2026');
    expect(md.stdout).toContain('- **Compared with:** 2024-25');
    expect(md.stdout.endsWith('\n')).toBe(true);
  });

  it('prints JSON that validates against bva schema report', () => {
    const schema = bvaBinary(['schema', 'report']);
    expect(schema.code).toBe(0);
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(schema.stdout) as object);
    const json = bvaBinary([...FULL, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    validate(JSON.parse(json.stdout));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('gives the same bytes on a second run', () => {
    expect(bvaBinary([...FULL, '--format', 'json']).stdout).toBe(bvaBinary([...FULL, '--format', 'json']).stdout);
    expect(bvaBinary(FULL).stdout).toBe(md.stdout);
  });

  it('judges dates as of today without --as-of', () => {
    const before = new Date();
    const r = bvaBinary(['report', 'examples/2025-26.yaml', '--format', 'json']);
    const after = new Date();
    const day = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(r.code).toBe(0);
    expect([day(before), day(after)]).toContain((JSON.parse(r.stdout) as Report).asOf);
  });
});

describe('movement across the two example years', () => {
  // Computed here from the YAML files and the catalogue's scale order, independently of assess().
  // The examples name 1.0.0, kept as criteria/best-value-2024-1.0.0.yaml.
  const catalogue = parseYaml(read(join(ROOT, 'criteria/best-value-2024-1.0.0.yaml'))) as {
    scales: Record<string, { levels: { word: string; label: string }[] }>;
    themes: { id: string; title: string; indicators: { id: string; kind: string }[] }[];
  };
  type Ratings = Map<string, string>;
  const ratingsOf = (path: string): Ratings => {
    const doc = parseYaml(read(join(ROOT, path))) as { themes: Record<string, { indicators?: Record<string, { rating?: string }> }> };
    const out: Ratings = new Map();
    for (const theme of Object.values(doc.themes)) for (const [id, a] of Object.entries(theme.indicators ?? {})) if (a.rating) out.set(id, a.rating);
    return out;
  };
  const before = ratingsOf('examples/2024-25.yaml');
  const now = ratingsOf('examples/2025-26.yaml');
  const expected = catalogue.themes.flatMap((theme) =>
    theme.indicators.map((i) => {
      const words = catalogue.scales[i.kind]!.levels.map((l) => l.word);
      const was = words.indexOf(before.get(i.id) ?? '');
      const is = words.indexOf(now.get(i.id) ?? '');
      const movement: Movement | undefined = was < 0 && is < 0 ? undefined : was < 0 ? 'new' : is < 0 ? 'dropped' : is > was ? 'improved' : is < was ? 'declined' : 'unchanged';
      return { theme: theme.id, id: i.id, kind: i.kind, was: before.get(i.id), movement };
    }),
  );

  const json = JSON.parse(bvaBinary([...FULL, '--format', 'json']).stdout) as Report;
  const md = bvaBinary(FULL).stdout;

  it('reports the movement of every indicator that the files show', () => {
    const reported = json.themes.flatMap((t) => t.indicators.map((i) => ({ id: i.id, movement: i.movement })));
    expect(reported).toEqual(expected.map(({ id, movement }) => ({ id, movement })));
  });

  it('includes the moves a reader of the two files sees', () => {
    const move = (id: string) => expected.find((e) => e.id === id)?.movement;
    // A red flag eased (present → emerging), a new one raised (not-present → emerging), an indicator
    // now not applicable (was not-in-place), one rated for the first time (was not applicable).
    expect([move('res.f1'), move('svc.f4'), move('lead.c7'), move('part.c6'), move('cult.c7')]).toEqual(['improved', 'declined', 'dropped', 'new', 'declined']);
    const totals = { improved: 0, declined: 0, unchanged: 0, new: 0, dropped: 0 };
    for (const e of expected) if (e.movement) totals[e.movement]++;
    expect(json.summary.movement).toEqual(totals);
  });

  it('shows each theme’s counts in the executive summary, in words', () => {
    const table = md.slice(md.indexOf('| Theme'), md.indexOf('\n\n', md.indexOf('| Theme')));
    for (const t of catalogue.themes) {
      const mine = expected.filter((e) => e.theme === t.id);
      const count = (m: string): number => mine.filter((e) => e.movement === m).length;
      const words = [
        count('improved') > 0 ? `${count('improved')} improved` : '',
        count('declined') > 0 ? `${count('declined')} declined` : '',
        count('new') > 0 ? `${count('new')} newly rated` : '',
        count('dropped') > 0 ? `${count('dropped')} no longer rated` : '',
      ].filter(Boolean);
      const row = table.split('\n').find((line) => line.includes(` ${t.title} `))!;
      expect(row.trimEnd().replace(/\s+\|$/, '').endsWith(words.join(', '))).toBe(true);
    }
  });

  it('says in each rating cell where an indicator moved from', () => {
    for (const e of expected.filter((x) => x.movement === 'improved' || x.movement === 'declined')) {
      const label = catalogue.scales[e.kind]!.levels.find((l) => l.word === e.was)!.label;
      const row = md.split('\n').find((line) => line.startsWith(`| ${e.id} `))!;
      expect(row).toContain(`${e.movement} from ${label})`);
    }
  });
});

describe('--out', () => {
  it('writes the report to the file atomically, says so on stderr, and prints nothing to stdout', () => {
    const dir = tempCopy(EXAMPLES);
    const args = ['report', '2025-26.yaml', '--previous', '2024-25.yaml', '--as-of', '2026-01-31'];
    const r = bvaBinary([...args, '--out', 'report.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const bytes = statSync(join(dir, 'report.md')).size;
    expect(r.stderr).toBe(`Wrote report.md (Markdown, ${Math.round(bytes / 1024)} KB)\n`);
    expect(read(join(dir, 'report.md'))).toBe(bvaBinary(args, { cwd: dir }).stdout);
    // No temporary file is left beside it.
    expect(readdirSync(dir).sort()).toEqual(['2024-25.yaml', '2025-26.yaml', 'report.md']);
  });

  it('replaces an existing report and names the JSON format', () => {
    const dir = tempCopy(EXAMPLES);
    writeFileSync(join(dir, 'report.json'), 'old');
    const r = bvaBinary(['report', '2025-26.yaml', '--format', 'json', '--as-of', '2026-01-31', '--out', 'report.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Wrote report\.json \(JSON, \d+ KB\)\n$/);
    expect((JSON.parse(read(join(dir, 'report.json'))) as Report).authority).toBe('Marlbridge Borough Council');
  });

  it('refuses to overwrite an answers file given to it, leaving it intact', () => {
    const dir = tempCopy(EXAMPLES);
    for (const out of ['2025-26.yaml', './2024-25.yaml']) {
      const r = bvaBinary(['report', '2025-26.yaml', '--previous', '2024-25.yaml', '--out', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`bva: --out ${out} is the answers file`);
    }
    expect(read(join(dir, '2025-26.yaml'))).toBe(read(join(ROOT, 'examples/2025-26.yaml')));
    expect(read(join(dir, '2024-25.yaml'))).toBe(read(join(ROOT, 'examples/2024-25.yaml')));
  });

  it('exits 2 with a one-line message when the folder does not exist', () => {
    const dir = tempCopy(EXAMPLES);
    const r = bvaBinary(['report', '2025-26.yaml', '--out', 'missing/report.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('bva: missing/report.md: cannot write: the folder missing does not exist\n');
  });

  it.each([
    [['--out', 'report.html'], 'HTML', '<!DOCTYPE html>'],
    [['--out', 'Report.HTM'], 'HTML', '<!DOCTYPE html>'],
    [['--out', 'report.json'], 'JSON', '{'],
    [['--out', 'report.markdown'], 'Markdown', '# Best Value Duty self-assessment 2025-26\n'],
    [['--out', 'report'], 'Markdown', '# Best Value Duty self-assessment 2025-26\n'],
    [['--out', 'report.txt', '--format', 'md'], 'Markdown', '# Best Value Duty self-assessment 2025-26\n'],
  ])('takes the format from the file name when --format is not given: %j', async (flags, name, start) => {
    const dir = tempCopy(EXAMPLES);
    const r = await bvaInProcess(['report', '2025-26.yaml', ...flags], { cwd: dir });
    expect(r.stderr).toMatch(new RegExp(`^Wrote ${flags[1]!.replace('.', '\\.')} \\(${name}, \\d+ KB\\)\n$`));
    expect(read(join(dir, flags[1]!)).startsWith(start)).toBe(true);
  });

  it.each([
    [['--out', 'report.html', '--format', 'md'], 'bva: --out report.html ends .html (HTML), and --format md asks for Markdown: give one of them, or make them agree\n'],
    [['--out', 'report.txt'], 'bva: --out report.txt: bva cannot tell the format from .txt (it knows .md or .markdown, .json, .html or .htm, .docx); give --format md|json|html|docx\n'],
  ])('refuses %j before writing anything', async (flags, message) => {
    const dir = tempCopy(EXAMPLES);
    const r = await bvaInProcess(['report', '2025-26.yaml', ...flags], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}Run bva --help for usage.\n` });
    expect(readdirSync(dir).sort()).toEqual(['2024-25.yaml', '2025-26.yaml']);
  });
});

describe('input that cannot be reported', () => {
  const bad = (): string => {
    const dir = tempCopy(EXAMPLES);
    const text = read(join(dir, '2025-26.yaml'));
    writeFileSync(join(dir, 'bad.yaml'), text.replace('      ci.c4:\n        rating: embedded', '      ci.c4:\n        rating: superb'));
    return dir;
  };

  it('prints the problems of an invalid file with its line and column, exits 1 and prints no report', () => {
    const dir = bad();
    const line = read(join(dir, 'bad.yaml')).split('\n').findIndex((l) => l.includes('rating: superb')) + 1;
    const r = bvaBinary(['report', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`bad.yaml:${line}:17 error: rating: "superb" is not on the characteristic scale of ci.c4`);
    expect(r.stderr).toContain('bad.yaml: 1 error; nothing was done\n');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('refuses an invalid --previous file the same way', () => {
    const dir = bad();
    const r = bvaBinary(['report', '2025-26.yaml', '--previous', 'bad.yaml', '--out', 'report.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.yaml: 1 error; nothing was done\n');
    expect(readdirSync(dir)).not.toContain('report.md');
  });

  it.each([
    [['report', 'nowhere.yaml'], 'bva: nowhere.yaml: no such file\n'],
    [['report', 'examples/2025-26.yaml', '--previous', 'nowhere.yaml'], 'bva: nowhere.yaml: no such file\n'],
    [['report', 'examples/2025-26.yaml', '--as-of', '2026-02-30'], 'bva: --as-of: "2026-02-30" is not a real calendar day\n'],
    [['report', 'examples/2025-26.yaml', '--as-of', '31/03/2026'], 'bva: --as-of: "31/03/2026" is not a date written YYYY-MM-DD: write it 2026-03-31\n'],
    [['report', 'examples/2025-26.yaml', '--format', 'pdf'], 'bva: --format: "pdf" is not one of: md, json, html, docx\n'],
    [['report'], `bva: missing required argument 'file'`],
  ])('exits 2 for %j', (args, message) => {
    const r = bvaBinary(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe('the example reports in examples/reports', () => {
  const gen = (args: string[], cwd: string) => spawnSync(process.execPath, [join(cwd, 'scripts/gen-reports.mjs'), ...args], { cwd, encoding: 'utf8' });

  it('are up to date with what bva produces', () => {
    const r = gen(['--check'], ROOT);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('are reported stale, and left alone, by --check when they differ; regenerating fixes them', () => {
    // A copy of what the script and the binary need, so the repository's own reports are never touched.
    const dir = tempCopy({
      'scripts/gen-reports.mjs': 'scripts/gen-reports.mjs',
      ...INSTALLED,
      criteria: 'criteria',
      examples: 'examples',
      'package.json': 'package.json',
    });
    writeFileSync(join(dir, 'examples/reports/2024-25.md'), 'edited by hand\n');
    rmSync(join(dir, 'examples/reports/2025-26.json'));
    const stale = gen(['--check'], dir);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toBe('Stale example reports (run node scripts/gen-reports.mjs):\n  examples/reports/2025-26.json\n  examples/reports/2024-25.md\n');
    expect(read(join(dir, 'examples/reports/2024-25.md'))).toBe('edited by hand\n');
    expect(readdirSync(join(dir, 'examples/reports'))).not.toContain('2025-26.json');

    const fixed = gen([], dir);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toBe('Wrote examples/reports/2025-26.json, examples/reports/2024-25.md\n');
    // Regenerated as the repository has them (which the test above holds to what bva produces).
    for (const name of ['2024-25.md', '2025-26.json']) expect(readFileSync(join(dir, 'examples/reports', name))).toEqual(readFileSync(join(ROOT, 'examples/reports', name)));
    // Two runs of the script, each of every example report (the Word one among them).
  }, 90_000);

  it('state the date they are judged as of', () => {
    expect(read(join(ROOT, 'examples/reports/2025-26.md'))).toContain(`- **Status as of:** ${longDate('2026-01-31')}`);
    expect(read(join(ROOT, 'examples/reports/2024-25.md'))).toContain(`- **Status as of:** ${longDate('2024-11-27')}`);
  });
});
