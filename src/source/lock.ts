// One writer at a time: `bva assess` and `bva answer` hold a lock file beside the answers file,
// naming the process that holds it. A lock whose process is gone is stale and is taken over.
//
// Taking a stale lock over is the delicate part: several bva may find the same stale lock at once,
// and one of them may have taken it over (its own lock now in its place) by the time another acts.
// So a bva that judges a lock stale first claims it, by making a claim file whose name is derived
// from that lock (its inode and content): only one bva can make it. Holding the claim, it checks
// that the lock is still the one it judged (a later lock would have another name), and only then
// replaces it with its own, by a rename, so the lock's path is never empty. A claim left by a bva
// killed while holding it names a process that has gone, and is itself taken over the same way.
// Once a bva holds the lock no claim can be used any more (every one is on a lock that has gone),
// so it removes those left by killed bva then: a claim's name is shared, and only then can it be
// removed without taking it from a bva that has just made it its own.
import { closeSync, fstatSync, linkSync, lstatSync, openSync, readdirSync, readSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { checkWritable, CLAIM_KIND, LEFTOVER_AGE_MS, sideName, tempPathFor, writeTarget } from './atomic.js';
import { fnv1a, isAlive, isBva, processInstance } from './processes.js';
import { describeFsError } from './read.js';

/** The lock file for an answers file: hidden, beside it. */
export const lockPathFor = (path: string): string => join(dirname(path), `${sideName(path)}lock`);

export interface Lock {
  readonly path: string;
  /** Set when a stale lock was taken over: say so to the person. */
  readonly recovered?: string;
  release(): void;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
  /** Which run of the process (see processInstance), where the system says: a lock names one run. */
  readonly instance?: string;
}

/** A lock file as found: which file it is (device and inode), its text, and the holder it names. */
interface Found {
  readonly dev: number;
  readonly ino: number;
  readonly text: string;
  readonly holder: Holder | undefined;
}

/** How many times to look again when the lock changes while bva looks at it. */
const ATTEMPTS = 20;

/**
 * Takes the lock for editing the file at `path` (the file itself, through any symbolic link, so
 * that every name of it shares one lock), then checks that it may be written: not read-only, not a
 * folder or a device. Throws InputError (exit 2), holding nothing, when either fails.
 */
export function lockForWriting(path: string, command: string, display = path): Lock {
  const lock = acquireLock(writeTarget(path), command, display);
  try {
    checkWritable(path, { display });
  } catch (err) {
    lock.release();
    throw err;
  }
  return lock;
}

/**
 * Takes the lock for `path`, or throws InputError naming the holder when another live bva
 * process has it. `display` is the path as the person gave it.
 */
export function acquireLock(path: string, command: string, display = path, now = new Date()): Lock {
  const lockPath = lockPathFor(path);
  const instance = processInstance(process.pid);
  const me: Holder = { pid: process.pid, host: hostname(), command, since: now.toISOString(), ...(instance ? { instance } : {}) };
  const content = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) pause(5 * attempt);
    // 1. Make the lock; that fails when there is one.
    let made: boolean;
    try {
      made = createExclusive(path, lockPath, content);
    } catch (err) {
      throw new InputError(`${display}: cannot lock for writing: ${describeFsError(err, display)}`, { cause: err });
    }
    if (made) return held(path, lockPath, content, me.host);

    // 2. Judge the one that is there. One that cannot be read is stale once it has stayed so for a
    // moment (a bva on a file system without hard links writes its lock just after making it).
    let found = readLock(lockPath);
    if (found !== undefined && found.holder === undefined) {
      pause(100);
      const again = readLock(lockPath);
      if (again === undefined || !sameLock(again, found)) continue;
      found = again;
    }
    if (found === undefined) continue; // released meanwhile: try again
    const verdict = judge(found, me.host);
    if (verdict === 'live') throw new InputError(refusal(found.holder!, display));
    if (verdict === 'elsewhere') {
      throw new InputError(`${display} is locked by bva on ${found.holder!.host} (process ${found.holder!.pid}); remove ${lockPathFor(display)} if that is wrong`);
    }

    // 3. Stale: take it over, unless another bva does first (then look again).
    if (takeOver(path, lockPath, found, content, me.host)) {
      const recovered = found.holder ? `recovered a stale lock left by process ${found.holder.pid} (${found.holder.command})` : 'recovered an unreadable lock file';
      return held(path, lockPath, content, me.host, recovered);
    }
  }
  throw new InputError(`${display}: could not take the lock ${lockPathFor(display)}; other bva processes kept changing it`);
}

/**
 * The lock this process now holds (on the answers file `path`); releasing it removes it only while
 * it is still this one. Claims left beside it by killed bva go now.
 */
function held(path: string, lockPath: string, content: string, host: string, recovered?: string): Lock {
  removeDeadClaims(path, host);
  let released = false;
  return {
    path: lockPath,
    ...(recovered ? { recovered } : {}),
    release: () => {
      if (released) return;
      released = true;
      if (readLock(lockPath)?.text !== content) return;
      try {
        unlinkSync(lockPath);
      } catch {
        // already gone
      }
    },
  };
}

type Verdict = 'live' | 'elsewhere' | 'stale';

/**
 * Whether a lock's holder still holds it: a process of this computer that is alive, and the same
 * run of it that took the lock (its number may since have been given to another process, or the
 * computer restarted). A lock naming no holder is stale.
 */
function judge(found: Found, host: string): Verdict {
  const h = found.holder;
  if (h === undefined) return 'stale';
  if (h.host !== host) return 'elsewhere';
  if (!isAlive(h.pid)) return 'stale';
  if (h.instance !== undefined) {
    const now = processInstance(h.pid);
    if (now !== undefined && now !== h.instance) return 'stale';
  }
  return 'live';
}

/** True when two looks found the same lock file with the same content. */
const sameLock = (a: Found, b: Found): boolean => a.dev === b.dev && a.ino === b.ino && a.text === b.text;

/** The refusal for a lock whose process is alive: bva's, or a process that may have taken its number. */
function refusal(h: Holder, display: string): string {
  const since = h.since.slice(0, 16).replace('T', ' ');
  if (isBva(h.pid) === false) {
    return `${display} is locked by process ${h.pid} (${h.command}, since ${since} UTC), which is running but is not bva; if ps -p ${h.pid} shows it has nothing to do with ${display}, remove ${lockPathFor(display)}`;
  }
  return `${display} is being edited by another bva (${h.command}, process ${h.pid}, since ${since} UTC); try again when it has finished`;
}

/**
 * Replaces the stale lock (or claim) `found` at `lockPath` with one holding `content`, and returns
 * true; or returns false, changing nothing, when another bva is taking it over or it is no longer
 * the one found. `path` is the answers file; `depth` counts claims on claims (a bva killed while
 * taking over), a few at most.
 */
function takeOver(path: string, lockPath: string, found: Found, content: string, host: string, depth = 0): boolean {
  const claim = claimPathFor(path, lockPath, found);
  let claimed: boolean;
  try {
    claimed = createExclusive(path, claim, content);
  } catch {
    return false;
  }
  if (!claimed) {
    // Another bva is taking this lock over, or was killed doing it: its claim names it.
    const other = readLock(claim);
    if (other === undefined || depth >= 3 || judge(other, host) !== 'stale') return false;
    if (!takeOver(path, claim, other, content, host, depth + 1)) return false;
  }
  try {
    // Holding the claim, no other bva may replace the lock: check it is still the one judged.
    const now = readLock(lockPath);
    if (now === undefined || !sameLock(now, found)) return false;
    const staging = tempPathFor(path, 'lock-');
    writeFileSync(staging, content, { flag: 'wx', mode: 0o644 });
    try {
      renameSync(staging, lockPath);
    } catch (err) {
      unlinkQuietly(staging);
      throw err;
    }
    return true;
  } catch {
    return false;
  } finally {
    unlinkQuietly(claim);
  }
}

/**
 * The claim file for taking over `claimed` (the lock of the answers file `path`, or a claim left on
 * it) as `found`: beside it, named from its inode and content, so every bva that judges the same
 * file stale makes the same name, and no later lock shares it.
 */
export function claimPathFor(path: string, claimed: string, found: Pick<Found, 'dev' | 'ino' | 'text'>): string {
  return join(dirname(path), `${sideName(path)}${CLAIM_KIND}${fnv1a(`${basename(claimed)}:${found.dev}:${found.ino}:${found.text}`)}.tmp`);
}

/**
 * Removes the claims beside the answers file `path` that killed bva left: those naming a process
 * that has gone (or an earlier run of its number), or that cannot be read, and any over an hour
 * old (from another computer, say). Called only while this process holds the lock: every claim is
 * then on a lock that has gone, so a bva that still holds one gives it up unused, and removing one
 * just taken over by a live bva costs nothing. A live bva's claim is left to it.
 */
function removeDeadClaims(path: string, host: string): void {
  const dir = dirname(path);
  const prefix = `${sideName(path)}${CLAIM_KIND}`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const claim = join(dir, name);
    const found = readLock(claim);
    let dead = found === undefined || judge(found, host) === 'stale';
    if (!dead) {
      try {
        dead = Date.now() - lstatSync(claim).mtimeMs > LEFTOVER_AGE_MS;
      } catch {
        continue;
      }
    }
    if (dead) unlinkQuietly(claim);
  }
}

/**
 * Creates `path` with its content already in it, so another bva never finds it empty and takes it
 * for a stale lock: the content is written to a file of its own, which is then linked to the name
 * (a link, unlike a rename, fails when the name exists). Where the file system has no hard links,
 * the file is created and then written. `answers` is the answers file the lock is for. Returns
 * false when the name exists; throws on other errors.
 */
function createExclusive(answers: string, path: string, content: string): boolean {
  // Named as a temporary file of this process, so a write's clean-up removes it if this process dies here.
  const staging = tempPathFor(answers, 'lock-');
  writeFileSync(staging, content, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(staging, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') throw err;
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  } finally {
    unlinkQuietly(staging);
  }
}

/** The lock file at `path` as it is now (which file, its text, its holder), or undefined when there is none. */
function readLock(path: string): Found | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    const buf = Buffer.alloc(Math.min(st.size, 4096));
    const n = buf.length === 0 ? 0 : readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    return { dev: st.dev, ino: st.ino, text, holder: holderOf(text) };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function holderOf(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string') {
      return { pid: h.pid, host: h.host, command: String(h.command ?? 'bva'), since: String(h.since ?? ''), ...(typeof h.instance === 'string' ? { instance: h.instance } : {}) };
    }
  } catch {
    // unreadable
  }
  return undefined;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Waits `ms` milliseconds without giving up the thread (bva's lock is taken before anything else runs). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
