// The launcher and the built script: bin/bva.js runs dist/bva.cjs, keeping its compiled code between
// runs: where Node.js has a compile cache (22.8 and later), in a cache bva makes in Node.js's folder
// for it, never in the installation; on Node.js 20 in the V8 code cache the build made. Each
// must be used by the Node.js it suits, and bva must give the same output with a cache refused,
// damaged, unwritable or absent: a cache changes how fast bva starts, never what it does.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeCompileCache } from '../../bin/load.js';
import { INSTALLED, ROOT, VERSION, bvaBinary, hasStackTrace, tempCopy, tempDir, type Outcome } from '../helpers.js';

const FIRST_LINE = readFileSync(join(ROOT, 'dist', 'bva.cjs'), 'utf8').split('\n')[0]!;
const KEY = /^\/\/ bva (\S+) build ([0-9a-f]{16})$/.exec(FIRST_LINE)?.[2];

/** A copy of the installed package, to break its cache without touching the real one. */
const installedCopy = (): string => tempCopy({ ...INSTALLED, criteria: 'criteria' });

/** Runs an installation's bva (this repository's, or a copy's) on the example with a fixed day. */
const report = (home?: string, env?: Record<string, string>): Outcome =>
  bvaBinary(['report', 'examples/2025-26.yaml', '--previous', 'examples/2024-25.yaml', '--as-of', '2026-01-31'], { ...(home ? { home } : {}), ...(env ? { env } : {}) });

/** Every file under a folder, by path relative to it, with its inode and modification time: what a run wrote or replaced. */
function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const st = statSync(path);
    out.set(relative(dir, path), `${st.ino} ${st.mtimeMs} ${st.size}`);
  }
  return out;
}

const expected = report();

describe('the built script', () => {
  it('names the version and its content key on its first line', () => {
    expect(FIRST_LINE).toBe(`// bva ${VERSION} build ${KEY}`);
    expect(expected.code).toBe(0);
    expect(expected.stdout).toContain('# Best Value Duty self-assessment 2025-26\n');
  });
});

describe.runIf(nodeCompileCache)("on a Node.js with a compile cache: bva's own, in Node.js's folder", () => {
  /** bva's cache file in a temporary folder's node-compile-cache, for this Node.js and user. */
  const cacheIn = (tmp: string): string => join(tmp, 'node-compile-cache', `bva-${KEY}-${process.version}-${process.arch}-${process.getuid?.() ?? 0}.v8`);
  const firstLine = (path: string): string => readFileSync(path, 'latin1').split('\n')[0]!;

  it('is made by the first validate, report and check, in the folder Node.js chooses, and used by the next run', () => {
    // os.tmpdir() is TMPDIR: Node.js's default folder is node-compile-cache under it.
    const tmp = tempDir();
    const home = installedCopy();
    rmSync(join(home, 'dist', 'cache'), { recursive: true, force: true }); // a package built on another Node.js may carry one, or none
    const installed = files(home);
    // A command that is not one of the three makes none.
    expect(bvaBinary(['catalogue', 'list'], { home, env: { TMPDIR: tmp } }).code).toBe(0);
    expect(existsSync(cacheIn(tmp))).toBe(false);
    expect(report(home, { TMPDIR: tmp })).toEqual(expected);
    // The commands that made it, on its first line, then V8's data: a few hundred kilobytes.
    expect(firstLine(cacheIn(tmp))).toBe('report');
    expect(statSync(cacheIn(tmp)).size).toBeGreaterThan(100_000);
    expect(statSync(cacheIn(tmp)).mode & 0o777).toBe(0o600);
    const first = files(tmp);
    // The next report takes the cache as it is; a check adds what it runs, once.
    expect(report(home, { TMPDIR: tmp })).toEqual(expected);
    expect(files(tmp)).toEqual(first);
    expect(bvaBinary(['check', 'examples/2025-26.yaml', '--as-of', '2026-01-31'], { home, env: { TMPDIR: tmp } }).code).toBe(1);
    expect(firstLine(cacheIn(tmp))).toBe('report,check');
    const second = files(tmp);
    expect(bvaBinary(['check', 'examples/2025-26.yaml', '--as-of', '2026-01-31'], { home, env: { TMPDIR: tmp } }).code).toBe(1);
    expect(files(tmp)).toEqual(second);
    // Nothing is written beside bva.
    expect(files(home)).toEqual(installed);
  });

  it('gives the same report when the cache is damaged, writable by others, or its folder cannot be made; and makes it again', () => {
    const tmp = tempDir();
    expect(report(undefined, { TMPDIR: tmp })).toEqual(expected);
    expect(files(tmp).size).toBeGreaterThan(0);
    for (const [path, stat] of files(tmp)) writeFileSync(join(tmp, path), Buffer.alloc(Number(stat.split(' ')[2]), 0x5a));
    const damaged = report(undefined, { TMPDIR: tmp });
    expect(damaged).toEqual(expected);
    expect(hasStackTrace(damaged.stderr)).toBe(false);
    expect(firstLine(cacheIn(tmp))).toBe('report');
    // A cache others may write is never read (V8 runs what it holds), good as it is: it is made
    // again, this user's alone (read, it would have been kept as it was).
    chmodSync(cacheIn(tmp), 0o666);
    expect(report(undefined, { TMPDIR: tmp })).toEqual(expected);
    expect(statSync(cacheIn(tmp)).mode & 0o777).toBe(0o600);
    expect(firstLine(cacheIn(tmp))).toBe('report');
    // A file where the folder should be.
    const blocked = tempDir({ 'node-compile-cache': 'not a folder' });
    expect(report(undefined, { TMPDIR: blocked })).toEqual(expected);
  });
});

describe.runIf(!nodeCompileCache)("on a Node.js without a compile cache: bva's own, made by the build", () => {
  it('is kept under the content key, and accepted by this Node.js', () => {
    expect(readdirSync(join(ROOT, 'dist', 'cache'))).toContain(`${KEY}.v8`);
    const probe = `import { loadBundle, readBundle } from ${JSON.stringify(join(ROOT, 'bin', 'load.js'))};
      const home = ${JSON.stringify(ROOT)};
      const { script } = loadBundle(home, readBundle(home));
      process.stdout.write(String(script.cachedDataRejected));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: 'false', stderr: '' });
  });

  it('gives the same report when V8 refuses the cache', () => {
    const home = installedCopy();
    mkdirSync(join(home, 'dist', 'cache'), { recursive: true });
    writeFileSync(join(home, 'dist', 'cache', `${KEY}.v8`), Buffer.alloc(4096, 0x5a));
    const r = report(home);
    expect(r).toEqual(expected);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe('the launcher', () => {
  it('gives the same report with no cache at all', () => {
    const home = installedCopy();
    rmSync(join(home, 'dist', 'cache'), { recursive: true, force: true });
    expect(report(home, { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(expected);
  });

  it('answers --version from the first line, and leaves --version with anything else to the command line', () => {
    const home = installedCopy();
    // A first line naming another version shows which of the two answered.
    const script = join(home, 'dist', 'bva.cjs');
    writeFileSync(script, readFileSync(script, 'utf8').replace(FIRST_LINE, `// bva 9.9.9 build ${KEY}`));
    const bva = (...args: string[]): Outcome => bvaBinary(args, { home });
    expect(bva('--version').stdout).toBe('9.9.9\n');
    expect(bva('-V').stdout).toBe('9.9.9\n');
    // Commander answers with the version built into the code.
    expect(bva('--version', 'report')).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('maps a stack trace to the sources when source maps are on', () => {
    const r = bvaBinary(['report', 'missing.yaml'], { cwd: tempDir(), env: { BVA_DEBUG: '1', NODE_OPTIONS: '--enable-source-maps' } });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'bva: missing.yaml: no such file',
      'InputError: missing.yaml: no such file',
      expect.stringMatching(/^    at readFileBytes \(.*src\/source\/read\.ts:\d+:\d+\)$/),
    ]);
  });
});
