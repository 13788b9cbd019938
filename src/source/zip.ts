// A zip file (a workbook) checked before any zip library opens it: how many parts it holds, and
// how much each part and all of them really unpack to, as they inflate (zlib itself stops one byte
// past the limit), never taken from the sizes the zip declares. A workbook of a few kilobytes can
// unpack to gigabytes (a zip bomb), and the library that reads workbooks keeps every part in
// memory, so such bytes are refused here, in one line, before it sees them. The parts are found
// as that library finds them: from the directory at the end of the file, each at the offset its
// entry gives (so parts that share one payload are each counted). And the zip bva writes its own
// Office files into (writeZip).
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { InputError } from '../errors.js';
import { WORKBOOK_READ_MAX_CELLS } from '../render/limits.js';
import { count } from '../words.js';

/** What a zip may hold before it is refused. */
export interface ZipLimits {
  /** Parts (files and folders) in the zip. */
  readonly entries: number;
  /** Bytes one part may unpack to. */
  readonly entryBytes: number;
  /** Bytes all the parts together may unpack to. */
  readonly totalBytes: number;
  /** Cells (`<c>` elements) the sheets together may hold, counted in the parts a workbook reader reads as sheets. */
  readonly cells?: number;
}

const MiB = 1024 * 1024;

/**
 * The limits for a workbook given to `bva import`. The largest export bva makes (WORKBOOK_MAX_CELLS,
 * of the longest text that fits a 5 MiB answers file) holds 16 parts and unpacks to 9 MB, 4 MB of
 * it in one sheet; before that limit, 40,000 actions made 24 MB, 16 MB in one sheet, and these
 * limits leave twice that. They also stop well short of what the spreadsheet library cannot
 * read: it takes about 25 bytes of memory for each byte of sheet, so 48 MiB of the densest
 * sheets costs it about 1.2 GB. And the library's cost is per cell too: sheets that hold more
 * cells than bva writes (WORKBOOK_READ_MAX_CELLS) are refused before it reads them.
 */
export const WORKBOOK_LIMITS: ZipLimits = { entries: 1000, entryBytes: 32 * MiB, totalBytes: 48 * MiB, cells: WORKBOOK_READ_MAX_CELLS };

/** The parts the spreadsheet library reads as sheets (its own test of a part's name). */
const SHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;

/** How many cells a sheet's XML holds: its `<c ...>`, `<c>` and `<c/>` elements (never `<col`, `<cfRule` and the like). */
function cellsIn(xml: Uint8Array): number {
  let n = 0;
  for (let at = xml.indexOf(0x3c); at !== -1 && at + 2 < xml.length; at = xml.indexOf(0x3c, at + 1)) {
    if (xml[at + 1] !== 0x63) continue; // c
    const next = xml[at + 2];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n++;
  }
  return n;
}

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

const mib = (n: number): string => `${n / MiB} MiB`;

/**
 * Refuses (InputError, exit 2) a zip that holds more parts than `limits.entries`, or whose parts
 * unpack to more than `limits.entryBytes` each or `limits.totalBytes` together, whose sheets hold
 * more than `limits.cells` cells, and one whose structure a zip reader could not follow. `display`
 * names the file in the message.
 */
export function checkZip(bytes: Uint8Array, display: string, limits: ZipLimits = WORKBOOK_LIMITS): void {
  const broken = (why: string): InputError => new InputError(`${display}: not an Excel workbook bva can read (${why})`);
  // 1. The end-of-directory record: the last 22 bytes, or earlier by the length of a comment.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw broken('not a zip file');
  if (end >= 20 && u32(bytes, end - 20) === ZIP64_LOCATOR) throw broken('a ZIP64 file, which no workbook of this size needs');
  const directoryAt = u32(bytes, end + 16);
  const directoryEnd = directoryAt + u32(bytes, end + 12);
  if (directoryEnd > end) throw broken('its directory lies outside the file');

  // 2. Every entry of the directory, counted as it is walked (the count the zip declares is not trusted).
  let entries = 0;
  let total = 0;
  let cells = 0;
  for (let at = directoryAt; at < directoryEnd; ) {
    if (at + 46 > directoryEnd || u32(bytes, at) !== DIRECTORY_ENTRY) throw broken('a damaged directory');
    entries++;
    if (entries > limits.entries) throw new InputError(`${display}: refused: it holds more than ${limits.entries} parts, over the limit for a workbook`);
    const method = u16(bytes, at + 10);
    const packed = u32(bytes, at + 20);
    const nameLength = u16(bytes, at + 28);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const local = u32(bytes, at + 42);
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (local + 30 > bytes.length || u32(bytes, local) !== LOCAL_HEADER) throw broken(`${name}: a damaged entry`);
    const dataAt = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (dataAt + packed > bytes.length) throw broken(`${name}: a damaged entry`);
    const data = bytes.subarray(dataAt, dataAt + packed);

    // 3. Its real size: stored, as it is; deflated, as zlib inflates it, stopped by zlib itself one
    // byte past what is left of either limit (so at most that much is ever held).
    let unpacked: Uint8Array | undefined;
    let size: number;
    const left = Math.min(limits.entryBytes, limits.totalBytes - total);
    if (method === 0) [unpacked, size] = [data, data.length];
    else if (method === 8) {
      try {
        unpacked = inflateRawSync(data, { maxOutputLength: left + 1 });
        size = unpacked.length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw broken(`${name}: ${err instanceof Error ? err.message : String(err)}`);
        size = left + 1;
      }
    } else throw broken(`${name}: compression method ${method}, which workbooks do not use`);
    if (size > limits.entryBytes) throw new InputError(`${display}: refused: ${name} unpacks to more than ${mib(limits.entryBytes)}, over the limit for one part of a workbook`);
    if (total + size > limits.totalBytes) throw new InputError(`${display}: refused: its parts unpack to more than ${mib(limits.totalBytes)}, over the limit for a workbook`);
    total += size;
    // 4. The cells of a sheet: the library's cost is theirs, so no more than a workbook from bva holds.
    if (limits.cells !== undefined && unpacked !== undefined && SHEET.test(name)) {
      cells += cellsIn(unpacked);
      if (cells > limits.cells) {
        throw new InputError(`${display}: refused: its sheets hold more than ${count(limits.cells)} cells, more than a workbook from bva holds; save its Answers and Actions sheets as CSV files and give those to bva import instead`);
      }
    }
  }
}

/**
 * Parts packed as one zip file, in the order given, each deflated by zlib (Node.js's own, native:
 * the libraries' own JavaScript deflate took ten times as long for a large workbook) and stamped
 * with `day` (YYYY-MM-DD) as its time, so the same parts give the same bytes on any machine. Zip
 * times are local times without a zone: the day is written as it is, never converted.
 */
export function writeZip(parts: Iterable<readonly [string, string | Uint8Array]>, day: string): Uint8Array {
  const time = 0; // midnight
  const date = ((Number(day.slice(0, 4)) - 1980) << 9) | (Number(day.slice(5, 7)) << 5) | Number(day.slice(8, 10));
  const chunks: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  let count = 0;
  for (const [name, data] of parts) {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const packed = deflateRawSync(bytes);
    const path = Buffer.from(name, 'utf8');
    if (bytes.length > 0xfffffffe || offset + packed.length > 0xfffffffe) throw new Error('a zip part too large for a zip without ZIP64');
    // Local header: signature, version 2.0, flags (bit 11: the name is UTF-8), deflate, time, date, CRC, sizes, name length, no extra.
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc32(bytes), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(bytes.length, 22);
    local.writeUInt16LE(path.length, 26);
    // Its directory entry: the same facts, and where the local header is.
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(DIRECTORY_ENTRY, 0);
    entry.writeUInt16LE(20, 4);
    local.copy(entry, 6, 4, 30);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, path, packed);
    directory.push(entry, path);
    offset += 30 + path.length + packed.length;
    count++;
  }
  if (count > 0xffff) throw new Error('too many zip parts for a zip without ZIP64');
  const size = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
}
