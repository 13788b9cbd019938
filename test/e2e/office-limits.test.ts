// Word and Excel files at the limits of their input. `bva import` given a workbook that would
// unpack to far more than its size (a zip bomb): refused in one line, exit 2, before the
// spreadsheet library sees it, the answers file untouched; the bombs are made here, byte by byte:
// a sheet of zeros, a zip that lies about its sizes, parts that share one payload, and a zip of
// very many parts. And a Word paper or a workbook too large to make: refused before it is made,
// in one line that says what to write instead, and nothing written.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CELL_MAX_CHARACTERS, PAPER_MAX_PARTS, WORKBOOK_MAX_CELLS, WORKBOOK_READ_MAX_CELLS, checkWorkbookSize } from '../../src/render/limits.js';
import type { Table } from '../../src/render/table.js';
import { WORKBOOK_LIMITS, checkZip } from '../../src/source/zip.js';
import { bvaBinary, bvaInProcess, leadershipAnswers, tempCopy, tempDir } from '../helpers.js';

const MiB = 1024 * 1024;

/** A part of a zip as it is written: its name, its bytes as stored, how, and the size it declares. */
interface Part {
  readonly name: string;
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  /** The unpacked size the zip declares (a lie, if so wished). */
  readonly declared: number;
  /** Another part's payload to point at instead of a copy of its own (overlapping parts). */
  readonly sameAs?: number;
}

const deflated = (name: string, bytes: Uint8Array, declared = bytes.length): Part => ({ name, data: deflateSync(bytes, { level: 1 }), method: 8, declared });

/** A zip file of the parts, as any zip writer lays it out: local headers and data, then the directory. */
function zip(parts: readonly Part[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  const push = (b: Uint8Array): void => {
    chunks.push(b);
    at += b.length;
  };
  const header = (size: number, fill: (v: DataView) => void): Uint8Array => {
    const b = new Uint8Array(size);
    fill(new DataView(b.buffer));
    return b;
  };
  parts.forEach((p) => {
    if (p.sameAs !== undefined) {
      offsets.push(offsets[p.sameAs]!);
      return;
    }
    offsets.push(at);
    const name = strToU8(p.name);
    push(
      header(30, (v) => {
        v.setUint32(0, 0x04034b50, true);
        v.setUint16(8, p.method, true);
        v.setUint32(18, p.data.length, true);
        v.setUint32(22, p.declared, true);
        v.setUint16(26, name.length, true);
      }),
    );
    push(name);
    push(p.data);
  });
  const directoryAt = at;
  parts.forEach((p, n) => {
    const own = parts[p.sameAs ?? n]!;
    const name = strToU8(p.name);
    push(
      header(46, (v) => {
        v.setUint32(0, 0x02014b50, true);
        v.setUint16(10, own.method, true);
        v.setUint32(20, own.data.length, true);
        v.setUint32(24, p.declared, true);
        v.setUint16(28, name.length, true);
        v.setUint32(42, offsets[n]!, true);
      }),
    );
    push(name);
  });
  const directorySize = at - directoryAt;
  push(
    header(22, (v) => {
      v.setUint32(0, 0x06054b50, true);
      v.setUint16(8, Math.min(parts.length, 0xffff), true);
      v.setUint16(10, Math.min(parts.length, 0xffff), true);
      v.setUint32(12, directorySize, true);
      v.setUint32(16, directoryAt, true);
    }),
  );
  const out = new Uint8Array(at);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

const CONTENT_TYPES = deflated('[Content_Types].xml', strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'));
/** Zeros, one more MiB than a part may unpack to. */
const ZEROS = new Uint8Array(WORKBOOK_LIMITS.entryBytes + MiB);

describe('bva import refuses a workbook that would unpack to too much, before reading it', () => {
  const sheet = deflated('xl/worksheets/sheet1.xml', ZEROS);
  const under = deflated('xl/worksheets/sheet1.xml', ZEROS.subarray(0, 20 * MiB));
  const cases: [string, Uint8Array, string][] = [
    ['a sheet of zeros', zip([CONTENT_TYPES, sheet]), `xl/worksheets/sheet1.xml unpacks to more than ${WORKBOOK_LIMITS.entryBytes / MiB} MiB, over the limit for one part of a workbook`],
    ['a zip that says its sheet is 100 bytes', zip([CONTENT_TYPES, { ...sheet, declared: 100 }]), `xl/worksheets/sheet1.xml unpacks to more than ${WORKBOOK_LIMITS.entryBytes / MiB} MiB, over the limit for one part of a workbook`],
    [
      'three parts under the limit each that share one payload',
      zip([CONTENT_TYPES, under, { ...under, name: 'xl/worksheets/sheet2.xml', sameAs: 1 }, { ...under, name: 'xl/worksheets/sheet3.xml', sameAs: 1 }]),
      `its parts unpack to more than ${WORKBOOK_LIMITS.totalBytes / MiB} MiB, over the limit for a workbook`,
    ],
    [
      'very many parts',
      zip([CONTENT_TYPES, ...Array.from({ length: WORKBOOK_LIMITS.entries + 500 }, (_, n): Part => ({ name: `xl/part${n}.xml`, data: new Uint8Array(), method: 0, declared: 0 }))]),
      `it holds more than ${WORKBOOK_LIMITS.entries} parts, over the limit for a workbook`,
    ],
  ];

  it.each(cases)('%s: one line, exit 2, the answers file untouched', (_, bytes, message) => {
    expect(bytes.length).toBeLessThan(MiB);
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    writeFileSync(join(dir, 'book.xlsx'), bytes);
    expect(bvaBinary(['import', '2025-26.yaml', 'book.xlsx'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: `bva: book.xlsx: refused: ${message}\n` });
    expect(readFileSync(join(dir, '2025-26.yaml')).equals(readFileSync('examples/2025-26.yaml'))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['2025-26.yaml', 'book.xlsx']);
  });

  /** A sheet of `n` cells, in rows of ten, with columns and a conditional format whose elements are not cells. */
  const sheetOf = (n: number): Part => {
    const rows: string[] = [];
    for (let r = 0; r * 10 < n; r++) rows.push(`<row r="${r + 1}">${Array.from({ length: Math.min(10, n - r * 10) }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}"><v>1</v></c>`).join('')}</row>`);
    const xml = `<worksheet><cols><col min="1" max="10"/></cols><sheetData>${rows.join('')}</sheetData><conditionalFormatting><cfRule type="expression"/></conditionalFormatting></worksheet>`;
    return deflated('xl/worksheets/sheet1.xml', strToU8(xml));
  };

  it('counts the cells of its sheets: at the limit they are read, one more is refused unread, in one line with what to do instead', () => {
    expect(() => checkZip(zip([CONTENT_TYPES, sheetOf(WORKBOOK_READ_MAX_CELLS)]), 'book.xlsx')).not.toThrow();
    const over = zip([CONTENT_TYPES, sheetOf(WORKBOOK_READ_MAX_CELLS + 1)]);
    expect(over.length).toBeLessThan(MiB);
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    writeFileSync(join(dir, 'book.xlsx'), over);
    expect(bvaBinary(['import', '2025-26.yaml', 'book.xlsx'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: `bva: book.xlsx: refused: its sheets hold more than ${WORKBOOK_READ_MAX_CELLS.toLocaleString('en-GB')} cells, more than a workbook from bva holds; save its Answers and Actions sheets as CSV files and give those to bva import instead\n`,
    });
    expect(readFileSync(join(dir, '2025-26.yaml')).equals(readFileSync('examples/2025-26.yaml'))).toBe(true);
    // More than a workbook from bva holds, but no fewer than the largest it writes.
    expect(WORKBOOK_READ_MAX_CELLS).toBeGreaterThan(WORKBOOK_MAX_CELLS);
  });

  it('reads a zip that is not a workbook as before: not one bva can read, exit 2', async () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    writeFileSync(join(dir, 'notes.xlsx'), 'just some text, not a zip\n');
    writeFileSync(join(dir, 'method.xlsx'), zip([{ ...CONTENT_TYPES, method: 12 as 8 }]));
    expect(await bvaInProcess(['import', '2025-26.yaml', 'notes.xlsx'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'bva: notes.xlsx: not an Excel workbook bva can read (not a zip file)\n' });
    expect(await bvaInProcess(['import', '2025-26.yaml', 'method.xlsx'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: method.xlsx: not an Excel workbook bva can read ([Content_Types].xml: compression method 12, which workbooks do not use)\n',
    });
  });
});

/** An answers file with `n` open actions on one indicator. */
const withActions = (n: number): string =>
  leadershipAnswers(
    '      lead.c1:',
    '        rating: developing',
    '        actions:',
    ...Array.from({ length: n }, (_, i) => `          - action: Action ${i + 1}\n            owner: Head of Service\n            due: 2027-01-31\n            status: open`),
  );

describe('a Word paper or a workbook too large to make is refused before it is made', () => {
  it('a Word paper of 1,800 actions: one line with what to write instead, exit 2, nothing written', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), withActions(1800));
    expect(bvaBinary(['report', 'plan.yaml', '--format', 'docx', '--out', 'paper.docx'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `bva: plan.yaml: refused: too large for a Word paper: it would hold more than ${PAPER_MAX_PARTS.toLocaleString('en-GB')} table cells and lines of text, the most a Word paper from bva may hold; ` +
        'this file has 1,800 actions and 0 evidence entries: write the action plan as a workbook or CSV instead, with bva actions plan.yaml --out actions.xlsx (or actions.csv)\n',
    });
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
    // What it says to do instead works.
    expect(bvaBinary(['actions', 'plan.yaml', '--out', 'actions.xlsx'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: 'Wrote actions.xlsx (Excel workbook, 1800 actions)\n' });
  });

  it('a workbook of 10,953 actions (one more than fits), from bva export and from bva actions: refused, and CSV offered, which works', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), withActions(10_953));
    const limit = WORKBOOK_MAX_CELLS.toLocaleString('en-GB');
    expect(await bvaInProcess(['export', 'plan.yaml', '--out', 'plan.xlsx'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: `bva: plan.yaml: refused: too large for an Excel workbook: its tables hold 100,006 cells, over the ${limit} a workbook from bva may hold; write the tables as CSV instead, with bva export plan.yaml --format csv --out FOLDER/\n`,
    });
    expect(await bvaInProcess(['actions', 'plan.yaml', '--format', 'xlsx'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: `bva: plan.yaml: refused: too large for an Excel workbook: its tables hold 120,483 cells, over the ${limit} a workbook from bva may hold; write the action plan as CSV instead, with bva actions plan.yaml --out actions.csv\n`,
    });
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
    expect(await bvaInProcess(['actions', 'plan.yaml', '--out', 'actions.csv'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: 'Wrote actions.csv (CSV, 10953 actions)\n' });
    expect(readFileSync(join(dir, 'actions.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(10_954);
  });

  it('a workbook with a cell longer than Excel holds (evidence titles joined): refused, naming the cell, and CSV offered, which works', () => {
    const dir = tempDir();
    const titles = Array.from({ length: 90 }, (_, i) => `          - title: ${JSON.stringify(`Minutes of meeting ${i + 1}: ${'x'.repeat(400)}`)}`);
    // A name with a space: the command offered instead can be pasted as it is.
    writeFileSync(join(dir, 'long plan.yaml'), leadershipAnswers('      lead.c1:', '        rating: developing', '        evidence:', ...titles));
    expect(bvaBinary(['export', 'long plan.yaml', '--out', 'long.xlsx'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'bva: long plan.yaml: refused: too long for an Excel workbook: the "Evidence" of row 13 on the sheet "Answers" holds 38,150 characters, over the 32,767 a cell in Excel may hold; ' +
        "write the tables as CSV instead, with bva export 'long plan.yaml' --format csv --out FOLDER/\n",
    });
    expect(readdirSync(dir)).toEqual(['long plan.yaml']);
    expect(bvaBinary(['export', 'long plan.yaml', '--format', 'csv', '--out', 'tables/'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'tables', 'answers.csv'), 'utf8')).toContain(`Minutes of meeting 90: ${'x'.repeat(400)}`);
  });

  it('counts a cell as Excel would hold it, with the apostrophe that keeps text from being a formula', () => {
    const table = (text: string): Table => ({ name: 'Answers', file: 'answers', columns: [{ header: 'Commentary', kind: 'text', width: 10 }], rows: [[text]] });
    expect(() => checkWorkbookSize([table('a'.repeat(CELL_MAX_CHARACTERS))])).not.toThrow();
    expect(() => checkWorkbookSize([table('a'.repeat(CELL_MAX_CHARACTERS + 1))])).toThrow('the "Commentary" of row 2 on the sheet "Answers" holds 32,768 characters');
    expect(() => checkWorkbookSize([table(`=${'a'.repeat(CELL_MAX_CHARACTERS - 1)}`)])).toThrow('holds 32,768 characters');
  });

  it("counts a workbook's cells over every table: at the limit it is made, one cell more is refused", () => {
    const table = (rows: number, columns: number): Table => ({
      name: 'T',
      file: 't',
      columns: Array.from({ length: columns }, () => ({ header: 'H', kind: 'text' as const, width: 10 })),
      rows: Array.from({ length: rows }, () => Array<undefined>(columns).fill(undefined)),
    });
    expect(() => checkWorkbookSize([table(WORKBOOK_MAX_CELLS / 10 - 1, 10), table(1, 10)])).not.toThrow();
    expect(() => checkWorkbookSize([table(WORKBOOK_MAX_CELLS / 10 - 1, 10), table(1, 11)])).toThrow(`its tables hold ${(WORKBOOK_MAX_CELLS + 1).toLocaleString('en-GB')} cells`);
  });
});
