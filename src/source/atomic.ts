// Writing a file so that a crash, a kill or Ctrl-C leaves either the old content or the new, in
// full: a temporary file in the same folder, flushed to disk, then renamed over the original.
import { closeSync, fchmodSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { describeFsError } from './read.js';

/** The prefix of a temporary file for `path`, so leftovers of a killed write can be recognised. */
const tempPrefix = (path: string): string => `.${basename(path)}.bva-`;

/** Bytes for a text file: BOM and line endings as the original had them. */
export function encodeText(text: string, o: { bom?: boolean } = {}): Buffer {
  return Buffer.from((o.bom ? '\uFEFF' : '') + text, 'utf8');
}

/**
 * Writes `content` to `path` atomically, keeping the original file's permission bits (or `mode`
 * for a new file). Leftover temporary files of earlier, killed writes to the same path are removed.
 * Throws InputError (exit 2) when the folder cannot be written.
 */
export function writeFileAtomic(path: string, content: Buffer | string, o: { mode?: number; display?: string } = {}): void {
  const display = o.display ?? path;
  const dir = dirname(path);
  // Unique enough with the clock and a random part; the exclusive open ('wx') refuses a clash.
  // (Not node:crypto: loading it costs every command that writes a few milliseconds.)
  const tmp = join(dir, `${tempPrefix(path)}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}.tmp`);
  let mode = o.mode;
  if (mode === undefined) {
    try {
      mode = statSync(path).mode & 0o7777;
    } catch {
      mode = 0o644;
    }
  }
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    fchmodSync(fd, mode);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
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
  removeLeftovers(path);
}

/** Removes temporary files that killed writes to `path` left behind. */
export function removeLeftovers(path: string): void {
  const prefix = tempPrefix(path);
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) {
      try {
        unlinkSync(join(dirname(path), name));
      } catch {
        // another process removed it
      }
    }
  }
}
