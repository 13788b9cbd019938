// Reading a person's file: refuse what is not a reasonable text file before any parser sees it,
// and remember the byte-level details (BOM, line endings) so a save can keep them.
import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';

/** Files over this size are refused before parsing. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A text file as read: its content without BOM, and how to write it back the same way. */
export interface TextFile {
  /** The path as the person gave it, used in every message. */
  readonly path: string;
  /** The text, without a leading byte-order mark. */
  readonly text: string;
  /** The file started with a UTF-8 byte-order mark. */
  readonly bom: boolean;
  /** The file's line ending (CRLF when its first line break is CRLF). */
  readonly eol: '\n' | '\r\n';
  /** The file's permission bits, kept on save. */
  readonly mode: number;
}

const BOM = '\uFEFF';

/**
 * Decodes bytes as UTF-8 text, refusing (InputError) NUL bytes and invalid UTF-8 with the byte
 * offset of the first bad byte. Keeps whether the file had a BOM and which line ending it uses.
 */
export function decodeText(path: string, bytes: Uint8Array, mode = 0o644): TextFile {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new InputError(`${path}: refused: not a text file (NUL byte at offset ${nul})`);
  let text: string;
  try {
    // fatal: a bad byte throws instead of turning into U+FFFD; ignoreBOM: keep it, to see it.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: refused: not valid UTF-8 (byte offset ${firstInvalidUtf8(bytes)})`);
  }
  const bom = text.startsWith(BOM);
  if (bom) text = text.slice(1);
  return { path, text, bom, eol: lineEnding(text), mode };
}

/** The line ending a text uses, as its first line ends: CRLF or LF (LF for a text of one line). */
export function lineEnding(text: string): '\n' | '\r\n' {
  const firstBreak = text.indexOf('\n');
  return firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Reads a text file, refusing (InputError, exit 2) a missing or unreadable path, a directory,
 * a file over 5 MiB, and a file that is not UTF-8 text.
 */
export function readTextFile(path: string, displayPath = path): TextFile {
  const { bytes, mode } = readFileBytes(path, displayPath);
  return decodeText(displayPath, bytes, mode);
}

/**
 * Reads a file's bytes (a workbook, say), refusing (InputError, exit 2) what readTextFile refuses
 * before it looks at the content: a missing or unreadable path, a directory, a pipe or a device,
 * and a file over 5 MiB.
 */
export function readFileBytes(path: string, displayPath = path): { readonly bytes: Buffer; readonly mode: number } {
  let fd: number;
  try {
    // Non-blocking, so a named pipe is refused below instead of waiting forever for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(`${displayPath}: ${describeFsError(err, displayPath)}`, { cause: err });
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError(`${displayPath}: is a directory, not a file`);
    if (!st.isFile()) throw new InputError(`${displayPath}: not a regular file`);
    if (st.size > MAX_FILE_BYTES) {
      throw new InputError(`${displayPath}: refused: ${st.size} bytes is over the 5 MiB limit`);
    }
    const bytes = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, bytes, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { bytes: bytes.subarray(0, off), mode: st.mode & 0o7777 };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${displayPath}: ${describeFsError(err, displayPath)}`, { cause: err });
  } finally {
    closeSync(fd);
  }
}

/**
 * A one-line, human description of a file system error. Given the path as the person named it, a
 * missing folder is named as such, rather than as a missing file.
 */
export function describeFsError(err: unknown, display?: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': {
      const at = (err as NodeJS.ErrnoException).path;
      return display !== undefined && at !== undefined && !existsSync(dirname(at)) ? `the folder ${dirname(display)} does not exist` : 'no such file';
    }
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ELOOP':
      return 'too many symbolic links (a link that leads back to itself?)';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** The offset of the first byte that breaks UTF-8, or -1 when all bytes are valid UTF-8. */
function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
