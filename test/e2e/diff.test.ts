// `bva diff` end to end: the worked examples as printed, REV:PATH read from a git repository made
// here (and every way that can go wrong), and the two shipped catalogue versions side by side.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { HOSTS, ROOT, bvaBinary, hasStackTrace, tempDir } from '../helpers.js';

const OLD = read('test/fixtures/diff/old.yaml');
const NEW = read('test/fixtures/diff/new.yaml');

function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** The ids listed in a Markdown section, from its heading to the next heading of any level. */
function idsUnder(md: string, heading: string): string[] {
  const start = md.indexOf(`${heading}\n`);
  if (start === -1) return [];
  const rest = md.slice(start + heading.length + 1);
  const end = rest.search(/^#{2,4} |^\*\*[A-Z]/m);
  return [...(end === -1 ? rest : rest.slice(0, end)).matchAll(/^\| (?:\*\*)?([a-z]+\.[cf]\d+)/gm)].map((m) => m[1]!);
}

describe('bva diff on the worked examples (binary)', () => {
  const r = bvaBinary(['diff', 'examples/2024-25.yaml', 'examples/2025-26.yaml']);

  it('exits 0 with Markdown on stdout and nothing on stderr', () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('## Marlbridge Borough Council: 2024-25 to 2025-26');
  });

  it('shows every movement the examples contain, under its heading', () => {
    expect(r.stdout).toContain('**Indicators:** 31 improved, 3 declined, 50 unchanged, 0 newly answered, 0 no longer answered, 2 changed to or from not applicable.\n');
    expect(idsUnder(r.stdout, '#### Improved (31)')).toEqual([
      'ci.c1', 'ci.c4', 'ci.c5', 'ci.c6', 'ci.c8', 'lead.c1', 'lead.c3', 'lead.c5', 'lead.c6', 'lead.f2', 'gov.c2', 'gov.c3', 'gov.c4', 'cult.c2', 'cult.c4',
      'res.c2', 'res.c5', 'res.c6', 'res.c7', 'res.c9', 'res.c10', 'res.c11', 'res.f1', 'svc.c3', 'svc.c4', 'svc.c5', 'svc.c6', 'svc.c7', 'part.c2', 'part.c4', 'part.c7',
    ]); // prettier-ignore
    expect(idsUnder(r.stdout, '#### Declined (3)')).toEqual(['cult.c7', 'svc.c1', 'svc.f4']);
    expect(idsUnder(r.stdout, '#### Changed to or from not applicable (2)')).toEqual(['lead.c7', 'part.c6']);
    expect(r.stdout).toContain('<details><summary>Unchanged (50)</summary>');
    expect(r.stdout).not.toContain('#### Newly answered');
    expect(r.stdout).not.toContain('#### No longer answered');
  });

  it('shows the theme changes, red flags and actions', () => {
    for (const row of [
      '| Continuous improvement | Developing → Established (improved) | Amber → Green (better) |',
      '| Leadership | Developing → Established (improved) | Amber → Amber |',
      '| Governance | Developing → Established (improved) | Amber → Green (better) |',
      '| Culture | Established → Established | Green → Green |',
      '| Use of resources | Developing → Established (improved) | Red → Amber (better) |',
      '| Service delivery | Developing → Developing | Amber → Amber |',
      '| Partnerships and community engagement | Developing → Developing | Amber → Amber |',
    ]) {
      expect(r.stdout).toContain(`${row}\n`);
    }
    expect(idsUnder(r.stdout, '**Raised (1):**')).toEqual(['svc.f4']);
    expect(idsUnder(r.stdout, '**Cleared (1):**')).toEqual(['lead.f2']);
    expect(idsUnder(r.stdout, '**Still red flags (5):**')).toEqual(['lead.f3', 'res.f1', 'res.f2', 'res.f3', 'svc.f1']);
    expect(r.stdout).toContain('**Completed (23):** Open in 2024-25 and done now.\n');
    expect(r.stdout).toContain('**Added (10):** New in 2025-26.\n');
    expect(r.stdout).toContain('**Dropped:** none. Open in 2024-25 and gone from 2025-26 without being marked done.\n');
    expect(r.stdout.endsWith('**Still open from 2024-25:** 6 actions.\n')).toBe(true);
  });

  it('--format json gives the same movement as data', () => {
    const j = bvaBinary(['diff', 'examples/2024-25.yaml', 'examples/2025-26.yaml', '--format', 'json']);
    expect(j.code).toBe(0);
    const d = JSON.parse(j.stdout);
    expect(d.counts).toEqual({ improved: 31, declined: 3, 'newly-answered': 0, 'no-longer-answered': 0, changed: 2, unchanged: 50 });
    expect(d.bva.format).toBe(1);
    expect([d.redFlags.raised.length, d.redFlags.cleared.length, d.actions.completed.length, d.actions.added.length, d.actions.dropped.length]).toEqual([1, 1, 23, 10, 0]);
  });
});

// --- REV:PATH --------------------------------------------------------------------------------

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' });

/** A repository with two commits of assessment.yaml: last period's, then this period's. */
function repo(): string {
  const dir = tempDir({ 'assessment.yaml': OLD, 'answers/old.yaml': OLD });
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.name', 'bva tests');
  git(dir, 'config', 'user.email', 'tests@example.org');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', '2024-25');
  writeFileSync(join(dir, 'assessment.yaml'), NEW);
  git(dir, 'commit', '-q', '-a', '-m', '2025-26');
  return dir;
}

for (const [host, bva] of Object.entries(HOSTS)) {
  describe(`bva diff REV:PATH (${host})`, () => {
    const dir = repo();

    it('reads OLD from git: the same movement as from two files', async () => {
      const fromGit = await bva(['diff', 'HEAD~1:assessment.yaml', 'assessment.yaml', '--format', 'json'], { cwd: dir });
      const fromFiles = await bva(['diff', 'test/fixtures/diff/old.yaml', 'test/fixtures/diff/new.yaml', '--format', 'json']);
      expect(fromGit.code).toBe(0);
      expect(fromGit.stderr).toBe('');
      const a = JSON.parse(fromGit.stdout);
      const b = JSON.parse(fromFiles.stdout);
      expect(a.old.file).toBe('HEAD~1:assessment.yaml');
      expect({ ...a, old: { ...a.old, file: '' }, new: { ...a.new, file: '' } }).toEqual({ ...b, old: { ...b.old, file: '' }, new: { ...b.new, file: '' } });
    });

    it('names the revision in the Markdown', async () => {
      const r = await bva(['diff', 'HEAD~1:assessment.yaml', 'HEAD:assessment.yaml'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[2]).toBe(
        'Compares HEAD\\~1:assessment.yaml (2024-25, scored as of 2024-11-05) with HEAD:assessment.yaml (2025-26, scored as of 2025-10-21). Each period is scored as of its own assessment date.',
      );
    });

    it('takes PATH from the current folder, like any other path', async () => {
      const r = await bva(['diff', 'HEAD:old.yaml', '../assessment.yaml', '--format', 'json'], { cwd: join(dir, 'answers') });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).counts.improved).toBe(3);
    });

    it.each([
      ['an unknown revision', 'HEAD~5:assessment.yaml', 'bva: HEAD~5:assessment.yaml: no revision "HEAD~5" in this git repository\n'],
      ['a path the revision does not have', 'HEAD~1:nope.yaml', 'bva: HEAD~1:nope.yaml: nope.yaml does not exist in revision HEAD~1\n'],
      ['a folder', 'HEAD:answers', 'bva: HEAD:answers: answers is a folder, not a file, in revision HEAD\n'],
      ['an option-like revision', '--output=x:assessment.yaml', 'bva: --output=x:assessment.yaml: no revision "--output=x" in this git repository\n'],
    ])('%s: one line, exit 2', async (_what, arg, stderr) => {
      const r = await bva(['diff', '--', arg, 'assessment.yaml'], { cwd: dir });
      expect(r).toEqual({ code: 2, stdout: '', stderr });
    });

    it('outside a repository: one line, exit 2', async () => {
      const outside = tempDir({ 'assessment.yaml': NEW });
      const r = await bva(['diff', 'HEAD:assessment.yaml', 'assessment.yaml'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: join(outside, '..') } });
      expect(r).toEqual({ code: 2, stdout: '', stderr: `bva: HEAD:assessment.yaml: cannot read from git: ${outside} is not in a git repository\n` });
    });

    it('checks what git gives like a file: problems are named REV:PATH:LINE:COL', async () => {
      const bad = repo();
      writeFileSync(join(bad, 'assessment.yaml'), NEW.replace('rating: established\n      lead.c2', 'rating: establised\n      lead.c2'));
      git(bad, 'commit', '-q', '-a', '-m', 'typo');
      const r = await bva(['diff', 'HEAD:assessment.yaml', 'HEAD~1:assessment.yaml'], { cwd: bad });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n').filter((l) => l.includes(' error: '))).toEqual([
        'HEAD:assessment.yaml:12:17 error: rating: "establised" is not on the characteristic scale of lead.c1 (did you mean established?); use one of: not-in-place, developing, established, embedded, not-applicable (rating-not-in-scale)',
      ]);
      expect(r.stderr.split('\n').at(-2)).toBe('HEAD:assessment.yaml: 1 error; nothing was done');
      expect(hasStackTrace(r.stderr)).toBe(false);
    });

    it('refuses what git gives that is not text, before parsing', async () => {
      const bin = repo();
      writeFileSync(join(bin, 'binary.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0x00, 0x0a]));
      git(bin, 'add', 'binary.yaml');
      git(bin, 'commit', '-q', '-m', 'binary');
      const r = await bva(['diff', 'HEAD:binary.yaml', 'assessment.yaml'], { cwd: bin });
      expect(r).toEqual({ code: 2, stdout: '', stderr: 'bva: HEAD:binary.yaml: refused: not a text file (NUL byte at offset 3)\n' });
    });

    it('a file on disk whose name has a colon wins over git', async () => {
      const colon = repo();
      writeFileSync(join(colon, 'HEAD~1:assessment.yaml'), NEW);
      const r = await bva(['diff', 'HEAD~1:assessment.yaml', 'assessment.yaml', '--format', 'json'], { cwd: colon });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).old.period).toBe('2025-26');
    });

    it('a Windows path is a file, not REV:PATH', async () => {
      const r = await bva(['diff', 'C:\\answers\\2024-25.yaml', 'assessment.yaml'], { cwd: dir });
      expect(r).toEqual({ code: 2, stdout: '', stderr: 'bva: C:\\answers\\2024-25.yaml: no such file\n' });
    });
  });
}

// --- Two catalogue versions -------------------------------------------------------------------

describe('bva diff across two catalogue versions (binary)', () => {
  // The shipped catalogue's two versions: 1.1.0 retires res.f4 and svc.f4 and adds res.f5. Last
  // year's example stays on 1.0.0; this year's is moved to 1.1.0. Each file is checked against the
  // version it names.
  const answers = parseDocument(read('examples/2025-26.yaml'));
  answers.setIn(['catalogue', 'version'], '1.1.0');
  answers.deleteIn(['themes', 'use-of-resources', 'indicators', 'res.f4']);
  answers.deleteIn(['themes', 'service-delivery', 'indicators', 'svc.f4']);
  answers.setIn(['themes', 'use-of-resources', 'indicators', 'res.f5'], answers.createNode({ rating: 'not-present' }));
  const work = tempDir({ '2024-25.yaml': read('examples/2024-25.yaml'), '2025-26.yaml': String(answers) });
  const bva = (args: string[]): string => {
    const r = bvaBinary(args, { cwd: work });
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('checks each file against its own version', () => {
    expect(bva(['validate', '2024-25.yaml', '2025-26.yaml'])).toBe('2024-25.yaml: valid; answered 86 of 86; 0 errors, 0 warnings\n2025-26.yaml: valid; answered 85 of 85; 0 errors, 0 warnings\n');
  });

  it("notes the two versions and compares them through 1.1.0's crosswalk", () => {
    const md = bva(['diff', '2024-25.yaml', '2025-26.yaml']);
    expect(md).toContain(
      '> **Note:** The two periods use different catalogue versions: best-value-2024 1.0.0 (2024-25) and best-value-2024 1.1.0 (2025-26). ' +
        "Indicators are compared through best-value-2024 1.1.0's crosswalk from best-value-2024 1.0.0 (84 kept, 2 dropped, 1 added).\n",
    );
    expect(md).toContain('| Catalogue | best-value-2024 1.0.0 | best-value-2024 1.1.0 |\n');
    expect(md).toContain('**Indicators:** 31 improved, 2 declined, 49 unchanged, 1 newly answered, 2 no longer answered, 2 changed to or from not applicable.\n');
    expect(idsUnder(md, '#### Newly answered (1)')).toEqual(['res.f5']);
    expect(idsUnder(md, '#### No longer answered (2)')).toEqual(['res.f4', 'svc.f4']);
    expect(md).toContain('| **res.f4** (dropped in 1.1.0) ');
    expect(md).toContain('| **res.f5** (new in 1.1.0) ');
  });
});

