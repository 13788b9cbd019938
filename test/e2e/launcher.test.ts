// The launcher and the built script: bin/bva.js runs dist/bva.cjs with the V8 code cache the build
// made for it. The cache must be the one this Node.js accepts, and bva must give the same output
// with a cache V8 refuses, or with none at all: the cache changes how fast bva starts, never what it does.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTALLED, ROOT, VERSION, bvaBinary, hasStackTrace, tempCopy, tempDir, type Outcome } from '../helpers.js';

const FIRST_LINE = readFileSync(join(ROOT, 'dist', 'bva.cjs'), 'utf8').split('\n')[0]!;
const KEY = /^\/\/ bva (\S+) build ([0-9a-f]{16})$/.exec(FIRST_LINE)?.[2];

/** A copy of the installed package, to break its cache without touching the real one. */
const installedCopy = (): string => tempCopy({ ...INSTALLED, criteria: 'criteria' });

/** Runs an installation's bva (this repository's, or a copy's) on the example with a fixed day. */
const report = (home?: string): Outcome => bvaBinary(['report', 'examples/2025-26.yaml', '--previous', 'examples/2024-25.yaml', '--as-of', '2026-01-31'], home ? { home } : {});

describe('the built script and its code cache', () => {
  it('names the version and its content key on its first line, with a cache under that key', () => {
    expect(FIRST_LINE).toBe(`// bva ${VERSION} build ${KEY}`);
    expect(readdirSync(join(ROOT, 'dist', 'cache'))).toContain(`${KEY}.v8`);
  });

  it('is accepted by this Node.js', () => {
    const probe = `import { loadBundle, readBundle } from ${JSON.stringify(join(ROOT, 'bin', 'load.js'))};
      const home = ${JSON.stringify(ROOT)};
      const { script } = loadBundle(home, readBundle(home));
      process.stdout.write(String(script.cachedDataRejected));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: 'false', stderr: '' });
  });

  const expected = report();

  it('gives the same report when V8 refuses the cache', () => {
    expect(expected.code).toBe(0);
    expect(expected.stdout).toContain('# Best Value Duty self-assessment 2025-26\n');
    const home = installedCopy();
    writeFileSync(join(home, 'dist', 'cache', `${KEY}.v8`), Buffer.alloc(4096, 0x5a));
    const r = report(home);
    expect(r).toEqual(expected);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('gives the same report with no cache at all', () => {
    const home = installedCopy();
    rmSync(join(home, 'dist', 'cache'), { recursive: true });
    expect(report(home)).toEqual(expected);
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
