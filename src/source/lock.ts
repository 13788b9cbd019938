// One writer at a time: `bva assess` and `bva answer` hold a lock file beside the answers file,
// naming the process that holds it. A lock whose process is gone is stale and is taken over.
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { describeFsError } from './read.js';

/** The lock file for an answers file: hidden, beside it. */
export const lockPathFor = (path: string): string => join(dirname(path), `.${basename(path)}.bva-lock`);

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
}

/**
 * Takes the lock for `path`, or throws InputError naming the holder when another live bva
 * process has it. `display` is the path as the person gave it.
 */
export function acquireLock(path: string, command: string, display = path, now = new Date()): Lock {
  const lockPath = lockPathFor(path);
  const me: Holder = { pid: process.pid, host: hostname(), command, since: now.toISOString() };
  let recovered: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (!createLockFile(lockPath, `${JSON.stringify(me)}\n`)) continue;
      let released = false;
      return {
        path: lockPath,
        ...(recovered ? { recovered } : {}),
        release: () => {
          if (released) return;
          released = true;
          try {
            unlinkSync(lockPath);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new InputError(`${display}: cannot lock for writing: ${describeFsError(err, display)}`, { cause: err });
      }
    }
    const holder = readHolder(lockPath);
    if (holder && holder.host === me.host && isAlive(holder.pid)) {
      throw new InputError(
        `${display} is being edited by another bva (${holder.command}, process ${holder.pid}, since ${holder.since.slice(0, 16).replace('T', ' ')} UTC); try again when it has finished`,
      );
    }
    if (holder && holder.host !== me.host) {
      throw new InputError(`${display} is locked by bva on ${holder.host} (process ${holder.pid}); remove ${lockPathFor(display)} if that is wrong`);
    }
    // Stale: its process is gone (or the lock is unreadable). Take it over.
    recovered = holder ? `recovered a stale lock left by process ${holder.pid} (${holder.command})` : 'recovered an unreadable lock file';
    try {
      unlinkSync(lockPath);
    } catch {
      // another process took it over first: try again
    }
  }
  throw new InputError(`${display}: could not take the lock ${lockPathFor(display)}`);
}

/**
 * Creates the lock file with its content already in it, so another bva never finds it empty and
 * takes it for a stale one: the holder is written to a file of its own, which is then linked to
 * the lock's name (a link, unlike a rename, fails when the name exists). Where the file system has
 * no hard links, the lock is created and then written. Throws EEXIST when the lock is held; false
 * means "try again" (the staging file was removed as a leftover by another bva's write).
 */
function createLockFile(lockPath: string, content: string): boolean {
  // Named like a leftover of a killed write, so the next write removes it if this process dies here.
  const staging = `${lockPath.replace(/-lock$/, '')}-lock-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(staging, content, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(staging, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw err;
    if (code === 'ENOENT') return false;
    const fd = openSync(lockPath, 'wx', 0o644);
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  } finally {
    try {
      unlinkSync(staging);
    } catch {
      // already removed
    }
  }
}

function readHolder(lockPath: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<Holder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string') {
      return { pid: h.pid, host: h.host, command: String(h.command ?? 'bva'), since: String(h.since ?? '') };
    }
  } catch {
    // unreadable
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
