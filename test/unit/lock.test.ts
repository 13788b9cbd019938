// The lock beside an answers file, in process: one writer at a time, a lock whose process has gone
// taken over by exactly one bva (never a lock another bva has just taken), and a lock that is
// not bva's named with how to check it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/source/atomic.js';
import { acquireLock, claimPathFor, lockPathFor } from '../../src/source/lock.js';
import { processInstance } from '../../src/source/processes.js';
import { liveBva, tempDir } from '../helpers.js';

const FILE = 'council.yaml';
/** A process id no process has now. */
const goneProcess = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;
const lockText = (pid: number, command = 'bva answer', since = new Date().toISOString()): string => `${JSON.stringify({ pid, host: hostname(), command, since })}\n`;
const esrch = (): Error => Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Calls `during` once, at the moment bva has read the lock and is asking whether its process
 * (`pid`) is alive, then answers that it is not. That is the moment another bva can act.
 */
function whileJudging(pid: number, during: () => void): void {
  const kill = process.kill.bind(process);
  let done = false;
  vi.spyOn(process, 'kill').mockImplementation((target: number, signal?: string | number) => {
    if (target === pid && signal === 0) {
      if (!done) {
        done = true;
        during();
      }
      throw esrch();
    }
    return kill(target, signal);
  });
}

describe('a stale lock', () => {
  it('is taken over, with a notice naming the process that left it', () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    const gone = goneProcess();
    writeFileSync(lockPathFor(path), lockText(gone, 'bva assess'));
    const lock = acquireLock(path, 'bva answer', FILE);
    expect(lock.recovered).toBe(`recovered a stale lock left by process ${gone} (bva assess)`);
    expect(JSON.parse(readFileSync(lockPathFor(path), 'utf8'))).toMatchObject({ pid: process.pid, command: 'bva answer' });
    lock.release();
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it('is never confused with the lock another bva has just put in its place', () => {
    // Another bva judged the same stale lock dead a moment sooner, took it over, and holds the
    // file now: this one must see that lock and refuse, not remove it.
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    const gone = goneProcess();
    writeFileSync(lockPathFor(path), lockText(gone));
    const other = lockText(process.ppid);
    whileJudging(gone, () => {
      unlinkSync(lockPathFor(path));
      writeFileSync(lockPathFor(path), other);
    });
    expect(() => acquireLock(path, 'bva answer', FILE)).toThrow(InputError);
    expect(readFileSync(lockPathFor(path), 'utf8')).toBe(other);
  });

  it('is taken over by one of two bva that judge it dead at once; the other refuses', () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    const gone = goneProcess();
    writeFileSync(lockPathFor(path), lockText(gone));
    // The second starts and finishes its takeover while the first is judging the same lock.
    let second: ReturnType<typeof acquireLock> | undefined;
    whileJudging(gone, () => {
      second = acquireLock(path, 'bva assess', FILE);
    });
    // Refused, naming the other (here this test's own process, which is not bva, so the message
    // also says how to check it).
    expect(() => acquireLock(path, 'bva answer', FILE)).toThrow(new RegExp(`^${FILE} is locked by process ${process.pid} \\(bva assess, since [\\d-]+ [\\d:]+ UTC\\)`));
    expect(second?.recovered).toBe(`recovered a stale lock left by process ${gone} (bva answer)`);
    expect(JSON.parse(readFileSync(lockPathFor(path), 'utf8'))).toMatchObject({ command: 'bva assess' });
    second!.release();
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it('is taken over even when a bva was killed while taking it over', () => {
    // What a takeover leaves when killed half-way: its claim on the stale lock, naming a process
    // that has gone too.
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    const gone = goneProcess();
    const lockPath = lockPathFor(path);
    writeFileSync(lockPath, lockText(gone));
    const st = statSync(lockPath);
    writeFileSync(claimPathFor(path, lockPath, { dev: st.dev, ino: st.ino, text: readFileSync(lockPath, 'utf8') }), lockText(goneProcess()));
    const lock = acquireLock(path, 'bva answer', FILE);
    expect(lock.recovered).toBe(`recovered a stale lock left by process ${gone} (bva answer)`);
    lock.release();
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it('is left to a bva that is taking it over now, and then refused as that bva\'s', () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    const gone = goneProcess();
    const lockPath = lockPathFor(path);
    writeFileSync(lockPath, lockText(gone));
    const st = statSync(lockPath);
    const claim = claimPathFor(path, lockPath, { dev: st.dev, ino: st.ino, text: readFileSync(lockPath, 'utf8') });
    // A live bva (the parent of this test, say) has claimed the stale lock, and takes it over as
    // this one waits.
    const taker = lockText(process.ppid, 'bva assess');
    writeFileSync(claim, taker);
    let looks = 0;
    whileJudging(gone, () => undefined);
    const kill = vi.mocked(process.kill).getMockImplementation()!;
    vi.mocked(process.kill).mockImplementation((pid: number, signal?: string | number) => {
      if (pid === process.ppid && ++looks === 2) {
        writeFileSync(lockPath, taker);
        unlinkSync(claim);
      }
      return kill(pid, signal);
    });
    expect(() => acquireLock(path, 'bva answer', FILE)).toThrow(`${FILE} is locked by process ${process.ppid} (bva assess, since `);
    expect(readFileSync(lockPath, 'utf8')).toBe(taker);
  });

  it('whose process number now belongs to another run of a process: taken over', () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    // This test's own process is alive, but it is not the run the lock names (another boot, say).
    writeFileSync(lockPathFor(path), `${JSON.stringify({ pid: process.pid, host: hostname(), command: 'bva assess', since: '2020-01-05T10:00:00.000Z', instance: '783bd294-0000-0000-0000-000000000000/4242' })}\n`);
    const lock = acquireLock(path, 'bva answer', FILE);
    expect(lock.recovered).toBe(`recovered a stale lock left by process ${process.pid} (bva assess)`);
    lock.release();
  });

  it.skipIf(!existsSync('/proc/self/stat'))('naming the very run of a live bva: held; naming an earlier run of its number: taken over', async () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    const other = liveBva();
    try {
      let run: string | undefined;
      while ((run = processInstance(other.pid)) === undefined) await new Promise((r) => setTimeout(r, 10));
      const since = new Date().toISOString();
      const holder = { pid: other.pid, host: hostname(), command: 'bva assess', since };
      writeFileSync(lockPathFor(path), `${JSON.stringify({ ...holder, instance: run })}\n`);
      expect(() => acquireLock(path, 'bva answer', FILE)).toThrow(
        `${FILE} is being edited by another bva (bva assess, process ${other.pid}, since ${since.slice(0, 16).replace('T', ' ')} UTC); try again when it has finished`,
      );
      writeFileSync(lockPathFor(path), `${JSON.stringify({ ...holder, instance: `${run.split('/')[0]}/1` })}\n`);
      const lock = acquireLock(path, 'bva answer', FILE);
      expect(lock.recovered).toBe(`recovered a stale lock left by process ${other.pid} (bva assess)`);
      lock.release();
    } finally {
      other.stop();
    }
  });

  it('that cannot be read, and stays so: taken over with a notice', () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    writeFileSync(lockPathFor(path), '');
    const lock = acquireLock(path, 'bva answer', FILE);
    expect(lock.recovered).toBe('recovered an unreadable lock file');
    lock.release();
    expect(readdirSync(dir)).toEqual([FILE]);
  });
});

describe('claims left by bva killed while taking a stale lock over', () => {
  // Killed after putting its own lock in place but before removing its claim, a bva leaves a claim
  // on a lock that has gone, which no later takeover looks at again.
  const claimOf = (dir: string, hash: string): string => join(dir, `.${FILE}.bva-lock-claim-${hash}.tmp`);

  it('go when a bva next holds the lock: those of gone processes, unreadable, or an hour old; a live one stays', () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    const earlierRun = `${JSON.stringify({ pid: process.pid, host: hostname(), command: 'bva answer', since: '', instance: '783bd294-0000-0000-0000-000000000000/4242' })}\n`;
    writeFileSync(claimOf(dir, '0000000a'), lockText(goneProcess()));
    writeFileSync(claimOf(dir, '0000000b'), earlierRun);
    writeFileSync(claimOf(dir, '0000000c'), '');
    writeFileSync(claimOf(dir, '0000000d'), `${JSON.stringify({ pid: 1, host: 'elsewhere', command: 'bva answer', since: '' })}\n`);
    writeFileSync(claimOf(dir, '0000000e'), `${JSON.stringify({ pid: 1, host: 'elsewhere', command: 'bva answer', since: '' })}\n`);
    const hourAgo = new Date(Date.now() - 61 * 60 * 1000);
    utimesSync(claimOf(dir, '0000000e'), hourAgo, hourAgo);
    writeFileSync(claimOf(dir, '0000000f'), lockText(process.pid));
    const lock = acquireLock(path, 'bva answer', FILE);
    expect(lock.recovered).toBeUndefined();
    lock.release();
    expect(readdirSync(dir).sort()).toEqual([`.${FILE}.bva-lock-claim-0000000d.tmp`, `.${FILE}.bva-lock-claim-0000000f.tmp`, FILE]);
  });

  it('stay when a file is written without its lock (a --out to it), since a bva may be taking one over', () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    writeFileSync(claimOf(dir, '0000000a'), lockText(goneProcess()));
    writeFileAtomic(path, 'x: 2\n');
    expect(readFileSync(path, 'utf8')).toBe('x: 2\n');
    expect(readdirSync(dir).sort()).toEqual([`.${FILE}.bva-lock-claim-0000000a.tmp`, FILE]);
  });
});

describe('a live lock', () => {
  it("held by a process that is not bva: refused, saying how to check it and what to remove", () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    const since = new Date().toISOString();
    // This test runs in vitest's process: alive, and not bva.
    writeFileSync(lockPathFor(path), lockText(process.pid, 'bva assess', since));
    expect(() => acquireLock(path, 'bva answer', FILE)).toThrow(
      `${FILE} is locked by process ${process.pid} (bva assess, since ${since.slice(0, 16).replace('T', ' ')} UTC), which is running but is not bva; if ps -p ${process.pid} shows it has nothing to do with ${FILE}, remove .${FILE}.bva-lock`,
    );
  });

  it('is left alone by release() once it is no longer this process\'s', () => {
    const dir = tempDir({ [FILE]: 'x: 1\n' });
    const path = join(dir, FILE);
    const lock = acquireLock(path, 'bva answer', FILE);
    // Someone removed it by hand and another bva took the file.
    unlinkSync(lockPathFor(path));
    const other = lockText(process.ppid);
    writeFileSync(lockPathFor(path), other);
    lock.release();
    expect(readFileSync(lockPathFor(path), 'utf8')).toBe(other);
  });
});

describe('side files of a long file name', () => {
  it('fit where the name fits: the lock of a 250-byte name is taken and released', () => {
    const name = `${'a'.repeat(245)}.yaml`;
    const dir = tempDir({ [name]: 'x: 1\n' });
    const path = join(dir, name);
    const lock = acquireLock(path, 'bva answer', name);
    expect(Buffer.byteLength(lock.path.slice(dir.length + 1))).toBeLessThanOrEqual(255);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
    expect(readdirSync(dir)).toEqual([name]);
  });
});
