// When the output cannot be written: a reader that stops early (a closed pipe) leaves the exit
// code the command would have had, never 0 for a failure; any other error writing the standard
// output or error (a full disk) is one line where one can be written, exit 2, and no stack trace.
// The binary, through a shell, with the real streams; and run() in process with a stream that fails.
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { BIN, ROOT, hasStackTrace, read, tempCopy } from '../helpers.js';

const HAS_FULL = existsSync('/dev/full');
const EXAMPLES = { '2025-26.yaml': 'examples/2025-26.yaml', '2024-25.yaml': 'examples/2024-25.yaml' };

/** What every run here has in its environment. */
const ENV = { PATH: process.env['PATH'], NO_COLOR: '1', BVA_TODAY: '2026-04-30' };

/**
 * Runs `bva ARGS` in bash with `redirect` after it (`| true`, `> /dev/full`), pipefail on; `before`
 * is a command that runs bva (perl, to change the standard output first).
 */
function shell(dir: string, args: readonly string[], redirect: string, before: readonly string[] = []): { code: number | null; stdout: string; stderr: string } {
  const words = [...before, process.execPath, BIN, ...args].map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-o', 'pipefail', '-c', `${words} ${redirect}`], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a reader that stops early (binary)', () => {
  // `true` exits without reading, so bva writes to a closed pipe.
  it('keeps a failing check failing: exit 1 through the pipe, as without it', () => {
    const dir = tempCopy(EXAMPLES);
    expect(shell(dir, ['check', '2025-26.yaml'], '> /dev/null').code).toBe(1);
    const r = shell(dir, ['check', '2025-26.yaml'], '| true');
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('keeps a success a success: exit 0, nothing said', () => {
    const dir = tempCopy(EXAMPLES);
    expect(shell(dir, ['report', '2025-26.yaml'], '| true')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(shell(dir, ['validate', '2025-26.yaml'], '| head -c 1')).toMatchObject({ code: 0, stderr: '' });
  });

  it('keeps an invalid file invalid: exit 1 from validate', () => {
    const dir = tempCopy({ 'bad.yaml': 'examples/invalid/unknown-indicator.yaml' });
    expect(shell(dir, ['validate', 'bad.yaml'], '| true')).toEqual({ code: 1, stdout: '', stderr: '' });
  });
});

describe('a standard output that is a file, a pipe or the null device (binary)', () => {
  // bva writes these itself, without Node's stream library (bin/bva.js): the bytes must be those a
  // pipe to this test receives, whatever the reader does.
  const expected = (dir: string, args: readonly string[]): string => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: ENV });
    expect(r.status).toBe(0);
    return r.stdout;
  };

  it('writes the same bytes to a file as to a pipe', () => {
    const dir = tempCopy(EXAMPLES);
    const paper = expected(dir, ['report', '2025-26.yaml']);
    expect(paper.length).toBeGreaterThan(65536); // more than a pipe holds, so the pipe's writes were partial
    expect(shell(dir, ['report', '2025-26.yaml'], '> paper.md')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(read(join(dir, 'paper.md'))).toBe(paper);
    expect(shell(dir, ['check', '2025-26.yaml'], '> /dev/null')).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  // A pipe made non-blocking by the program that made it (perl here) fills up while its reader
  // sleeps: what is left goes to Node.js's stream, which waits for the reader. Nothing is lost.
  it('writes everything to a full non-blocking pipe, in order, once its reader reads', () => {
    const dir = tempCopy(EXAMPLES);
    const paper = expected(dir, ['report', '2025-26.yaml']);
    const nonBlocking = `use Fcntl; fcntl(STDOUT, F_SETFL, fcntl(STDOUT, F_GETFL, 0) | O_NONBLOCK) or die "fcntl: $!"; exec @ARGV`;
    const r = shell(dir, ['report', '2025-26.yaml'], '| { sleep 0.5; cat; }', ['perl', '-e', nonBlocking]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toBe(paper);
  });
});

describe.skipIf(!HAS_FULL)('a standard output that cannot be written (binary, > /dev/full)', () => {
  const LINE = 'bva: cannot write the output: no space left on the device\n';
  it.each([
    ['report', ['report', '2025-26.yaml']],
    ['validate', ['validate', '2025-26.yaml']],
    ['diff', ['diff', '2024-25.yaml', '2025-26.yaml']],
    ['catalogue list', ['catalogue', 'list']],
    ['schema', ['schema', 'answers']],
    ['--help', ['--help']],
    ['report --help', ['report', '--help']],
    ['--version', ['--version']],
  ])('%s: one line, exit 2, no stack trace', (_, args) => {
    const dir = tempCopy(EXAMPLES);
    const r = shell(dir, args, '> /dev/full');
    expect(r).toEqual({ code: 2, stdout: '', stderr: LINE });
  });

  it('a check whose gates fail still exits 2: its verdict never reached anyone', () => {
    const dir = tempCopy(EXAMPLES);
    expect(shell(dir, ['check', '2025-26.yaml'], '> /dev/full')).toEqual({ code: 2, stdout: '', stderr: LINE });
  });
});

describe.skipIf(!HAS_FULL)('a standard error that cannot be written (binary, 2> /dev/full)', () => {
  it('a missing file is still exit 2', () => {
    const dir = tempCopy(EXAMPLES);
    const r = shell(dir, ['validate', 'missing.yaml'], '2> /dev/full');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('bva answer saves the answer whole, and exits 2: it could not say so', () => {
    const dir = tempCopy(EXAMPLES);
    const r = shell(dir, ['answer', '2025-26.yaml', 'lead.c1', '--rating', 'not-in-place'], '2> /dev/full');
    expect(r.code).toBe(2);
    expect(read(join(dir, '2025-26.yaml'))).toContain('      lead.c1:\n        rating: not-in-place\n');
    expect(spawnSync(process.execPath, [BIN, 'validate', '2025-26.yaml'], { cwd: dir }).status).toBe(0);
  });
});

describe('run() with a stream that fails (in process)', () => {
  /** A stream like Node's: a write that fails says so with an 'error' event, after the write returns. */
  class Failing extends EventEmitter {
    text = '';
    constructor(readonly code: string | undefined) {
      super();
    }
    write(s: string): boolean {
      if (this.code === undefined) this.text += s;
      else process.nextTick(() => this.emit('error', Object.assign(new Error(`write ${this.code}`), { code: this.code, syscall: 'write' })));
      return true;
    }
  }
  const runWith = (argv: string[], out: Failing, err: Failing, cwd = ROOT): Promise<number> =>
    run({ argv, stdout: out, stderr: err, cwd, env: { NO_COLOR: '1' }, home: ROOT, now: () => new Date('2026-04-30T12:00:00') });

  it('EPIPE on stdout keeps the exit code of the command: 1 for failing gates, 0 for a report', async () => {
    const err = new Failing(undefined);
    expect(await runWith(['check', 'examples/2025-26.yaml'], new Failing('EPIPE'), err)).toBe(1);
    expect(await runWith(['report', 'examples/2025-26.yaml'], new Failing('EPIPE'), err)).toBe(0);
    expect(err.text).toBe('');
  });

  it('any other error on stdout: exit 2, and one line on stderr', async () => {
    const err = new Failing(undefined);
    expect(await runWith(['report', 'examples/2025-26.yaml'], new Failing('EIO'), err)).toBe(2);
    expect(err.text).toBe('bva: cannot write the output: write EIO\n');
    expect(hasStackTrace(err.text)).toBe(false);
  });

  it('an error on stderr: exit 2, even for a command that did its work', async () => {
    const out = new Failing(undefined);
    expect(await runWith(['validate', 'missing.yaml'], out, new Failing('ENOSPC'))).toBe(2);
    const dir = tempCopy({});
    expect(await runWith(['init', 'new.yaml', '--authority', 'A', '--period', '2025-26'], out, new Failing('ENOSPC'), dir)).toBe(2);
    expect(read(join(dir, 'new.yaml'))).toContain('authority: A\n');
  });
});
