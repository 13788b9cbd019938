// Writing a file so that a crash, a kill or Ctrl-C leaves either the old content or the new, in
// full: a temporary file in the same folder, flushed to disk, then renamed over the original.
//
// What the rename may replace, and what it must not (the README's "What bva promises" says the same):
// - a symbolic link is written through: its target gets the new content, and the link stays;
// - a file that is an input of the command (the same device and inode, by whatever name or link)
//   is never written;
// - a folder, a block device or a socket is refused; a character device or a named pipe (such as
//   /dev/null, /dev/stdout, or a pipe another program reads) is written to as a stream where the
//   caller allows it (`--out`), since renaming over it would put a regular file in its place;
// - a read-only file is refused unless forced;
// - the file keeps its permission bits, and its owner and group where the process may set them.
import { accessSync, closeSync, constants, fchmodSync, mkdirSync, fchownSync, fsyncSync, lstatSync, openSync, readdirSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { fnv1a, hostTag, isAlive } from './processes.js';
import { describeFsError } from './read.js';

/** The most bytes a file name may have on the file systems bva meets (ext4, APFS, NTFS, tmpfs). */
const NAME_MAX = 255;
/** Room kept for what bva adds after `.NAME.bva-` (the longest: `lock-PID-HOST-RANDOM.tmp`). */
const SUFFIX_ROOM = 48;
/** A leftover that names no process, or one on another computer, is removed once it is this old. */
export const LEFTOVER_AGE_MS = 60 * 60 * 1000;
/** The kind of a claim on a stale lock (see lock.ts): `lock-claim-HASH.tmp`, beside the lock. */
export const CLAIM_KIND = 'lock-claim-';

/**
 * The start of the name of every file bva keeps beside `path` (its lock, temporary files):
 * `.NAME.bva-`. A name too long to take the additions is shortened, with a hash of the whole name
 * to keep it apart from others, so the files fit wherever the name itself fits.
 */
export function sideName(path: string): string {
  const name = basename(path);
  const room = NAME_MAX - SUFFIX_ROOM - '..bva-'.length;
  return `.${Buffer.byteLength(name) <= room ? name : `${truncateUtf8(name, room - 9)}~${fnv1a(name)}`}.bva-`;
}

/** The first `max` bytes of `text` in UTF-8, never cutting a letter in two. */
function truncateUtf8(text: string, max: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    bytes += n;
    end += ch.length;
  }
  return text.slice(0, end);
}

/**
 * A temporary name beside `path` for `kind` ('' for a write, 'lock-' for a lock in the making):
 * it names this process and computer, so another bva can tell whether its maker is still alive.
 */
export function tempPathFor(path: string, kind = ''): string {
  // Not node:crypto: loading it costs every command that writes a few milliseconds.
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return join(dirname(path), `${sideName(path)}${kind}${process.pid}-${hostTag()}-${random}.tmp`);
}

/** Bytes for a text file: BOM and line endings as the original had them. */
export function encodeText(text: string, o: { bom?: boolean } = {}): Buffer {
  return Buffer.from((o.bom ? '\uFEFF' : '') + text, 'utf8');
}

/** A file the command reads, which it must never write over. */
export interface Input {
  readonly path: string;
  /** The path as the person gave it. */
  readonly display: string;
  /** What it is, for the message: "the answers file", "the catalogue". */
  readonly what: string;
}

export interface WriteOptions {
  /** Permission bits for a new file (an existing one keeps its own). */
  readonly mode?: number;
  /** The path as the person gave it, for messages. */
  readonly display?: string;
  /** The files the command read: the target must be none of them. */
  readonly inputs?: readonly (Input | undefined)[];
  /** Replace a read-only file. */
  readonly force?: boolean;
  /** Write a character device or a named pipe as a stream (an `--out` may be /dev/stdout). */
  readonly stream?: boolean;
  /** The flag that named the target (`--out`), for the message refusing an input. */
  readonly flag?: string;
}

/** Where a write lands: the file at the end of any symbolic links, and what is there now. */
interface Target {
  readonly path: string;
  readonly stat: Stats | undefined;
}

/** The file a write to `path` changes: the end of its symbolic links, where there are any. */
export function writeTarget(path: string): string {
  return targetOf(path).path;
}

/** The path a write goes to: through symbolic links (even a link to a file not made yet). */
function targetOf(path: string): Target {
  try {
    const stat = statSync(path);
    // A regular file is replaced where it really is; anything else is written, or refused, as named.
    return { path: stat.isFile() ? realpathSync(path) : path, stat };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return { path, stat: undefined };
  }
  // Missing: a link to a file not made yet makes that file, as a shell's `>` would.
  let at = path;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!lstatSync(at).isSymbolicLink()) break;
      link = readlinkSync(at);
    } catch {
      break;
    }
    at = resolve(dirname(at), link);
  }
  return { path: at, stat: undefined };
}

/**
 * Refuses (InputError, exit 2) a write to `path` that must not happen: a file the command reads,
 * a folder, a device that is not a stream, a read-only file (unless forced). Returns where the
 * write goes. Commands call it before they start work that ends in a write (`bva assess`, `bva
 * answer`), so a person is told before answering; writeFileAtomic calls it again.
 */
export function checkWritable(path: string, o: WriteOptions = {}): Target {
  const display = o.display ?? path;
  const target = targetOf(path);
  const st = target.stat;
  if (st === undefined) return target;
  for (const input of o.inputs ?? []) {
    if (input === undefined) continue;
    let other: Stats;
    try {
      other = statSync(input.path);
    } catch {
      continue;
    }
    if (other.dev === st.dev && other.ino === st.ino) {
      const named = `${o.flag === undefined ? '' : `${o.flag} `}${display}`;
      const sameName = resolve(input.path) === resolve(path);
      throw new InputError(`${named} is ${input.what} ${input.display}${sameName ? '' : ' (the same file by another name)'}; nothing was written: choose another path`);
    }
  }
  if (st.isDirectory()) throw new InputError(`${display}: is a directory, not a file`);
  if (st.isCharacterDevice() || st.isFIFO()) {
    if (o.stream) return target;
    throw new InputError(`${display}: not a regular file`);
  }
  if (!st.isFile()) throw new InputError(`${display}: not a regular file`);
  if (!o.force && isReadOnly(target.path, st)) {
    throw new InputError(`${display}: the file is read-only; make it writable first (chmod u+w) if it is meant to change`);
  }
  return target;
}

/** True when no one may write the file, or this process may not. */
function isReadOnly(path: string, st: Stats): boolean {
  if ((st.mode & 0o222) === 0) return true;
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * Writes `content` to `path` atomically (see the rules at the top of this module), keeping the
 * original file's permission bits, owner and group (or `mode` for a new file). Leftover temporary
 * files of earlier, killed writes to the same path are removed. Throws InputError (exit 2) when
 * the write is refused or the folder cannot be written.
 */
export function writeFileAtomic(path: string, content: Buffer | string, o: WriteOptions = {}): void {
  const display = o.display ?? path;
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const target = checkWritable(path, o);
  const st = target.stat;
  if (st !== undefined && !st.isFile()) return writeStream(target.path, bytes, display);

  const dir = dirname(target.path);
  const tmp = tempPathFor(target.path);
  const mode = st !== undefined ? st.mode & 0o7777 : (o.mode ?? 0o644);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    // The owner and group first (changing them clears set-id bits), then the mode, past the umask.
    if (st !== undefined && (st.uid !== process.getuid?.() || st.gid !== process.getgid?.())) keepOwner(fd, st);
    fchmodSync(fd, mode);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target.path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw new InputError(`${display}: cannot write: ${describeFsError(err, display)}`, { cause: err });
  }
  // Make the rename itself durable; not every file system lets a folder be opened for this.
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // best effort
  }
  removeLeftovers(target.path);
}

/**
 * Makes the folder `path` (and those above it) for an output to go into, or throws InputError
 * (exit 2) in one line naming it as the person did (`display`): a name taken by a file, no
 * permission.
 */
export function makeFolder(path: string, display = path): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (err) {
    throw new InputError(`${display}: cannot make the folder: ${describeFsError(err, display)}`, { cause: err });
  }
}

/** Gives the new file the old one's owner and group, as far as this process may. */
function keepOwner(fd: number, st: Stats): void {
  try {
    fchownSync(fd, st.uid, st.gid);
  } catch {
    // Not allowed to give the file away: keep at least the group, where this process is in it.
    try {
      fchownSync(fd, -1, st.gid);
    } catch {
      // the file is the writer's, as any new file would be
    }
  }
}

/** Writes to a character device or a named pipe as it is: there is nothing to replace. */
function writeStream(path: string, bytes: Buffer, display: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
  } catch (err) {
    throw new InputError(`${display}: cannot write: ${describeFsError(err, display)}`, { cause: err });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A side file's maker, as its name gives it: `PID-HOST-RANDOM.tmp`, after any kind. */
const MAKER = /^(?:lock-)?(\d+)-([0-9a-f]{8})-[0-9a-z]+\.tmp$/;

/**
 * Removes what killed writes to `path` left beside it: temporary files whose maker is provably
 * gone (a process of this computer that no longer exists), or that are over an hour old. A file
 * another bva is writing now is left alone.
 */
export function removeLeftovers(path: string): void {
  const dir = dirname(path);
  const prefix = sideName(path);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const here = hostTag();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    // A claim's name is shared by every bva taking the same lock over: lock.ts removes leftover
    // ones while it holds the lock, when no claim can be used any more.
    if (name.startsWith(CLAIM_KIND, prefix.length)) continue;
    const maker = MAKER.exec(name.slice(prefix.length));
    let dead = maker !== null && maker[2] === here && Number(maker[1]) !== process.pid && !isAlive(Number(maker[1]));
    if (!dead) {
      try {
        dead = Date.now() - lstatSync(join(dir, name)).mtimeMs > LEFTOVER_AGE_MS;
      } catch {
        continue;
      }
    }
    if (!dead) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // another process removed it
    }
  }
}
