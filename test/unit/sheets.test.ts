// The spreadsheet edge, pure: tables as CSV and back, text that could open as a formula kept safe
// and read back exactly, and an exported table read back as changes to the answers file (none
// when nothing was edited; each cell that is wrong a problem at its SHEET!CELL).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { planImport, type SheetTable } from '../../src/answers/import.js';
import type { Answers } from '../../src/answers/model.js';
import { assess } from '../../src/assessment/assess.js';
import { indexCatalogue, type Catalogue } from '../../src/catalogue/model.js';
import { parseCsv, tableCsv } from '../../src/render/csv.js';
import { exportTables } from '../../src/render/export-tables.js';
import { reportScales } from '../../src/render/report-formats.js';
import { columnLetters, formulaSafe, officeText, restoreText, type Table } from '../../src/render/table.js';
import { ROOT } from '../helpers.js';

const yamlAt = (path: string): unknown => parseYaml(readFileSync(join(ROOT, path), 'utf8'));
const shipped = indexCatalogue(yamlAt('criteria/best-value-2024.yaml') as Catalogue, { path: 'criteria/best-value-2024.yaml', display: 'best-value-2024', shipped: true });
const current = yamlAt('examples/2025-26.yaml') as Answers;
const report = assess(current, shipped, { asOf: '2026-01-31', previous: yamlAt('examples/2024-25.yaml') as Answers, version: '9.9.9' });
const tables = exportTables(report, { generatedBy: 'bva 9.9.9', scales: reportScales(shipped.catalogue) });
const table = (name: string): Table => tables.find((t) => t.name === name)!;

/** A table as `bva import` reads it from its CSV file. */
function readBack(t: Table, edit: (records: string[][]) => void = () => {}): SheetTable {
  const parsed = parseCsv(tableCsv(t));
  if (!('records' in parsed)) throw new Error('unparsable');
  edit(parsed.records);
  return { source: `${t.file}.csv`, rows: parsed.records.map((r) => r.map((v) => (v === '' ? undefined : v))) };
}

/** Sets a cell of CSV records by its A1 name. */
const put = (records: string[][], cell: string, value: string): void => {
  const [, col, row] = /^([A-Z]+)(\d+)$/.exec(cell)!;
  records[Number(row) - 1]![col!.charCodeAt(0) - 65] = value;
};

describe('text that could open as a formula', () => {
  const awkward = ['=SUM(A1:A9)', '+44 1632 960418', '-12%', '@risk', '\tindented', "'quoted", "''twice", 'plain', 'a = b', ''];

  it('starts with an apostrophe, and reads back exactly', () => {
    expect(awkward.map(formulaSafe)).toEqual(["'=SUM(A1:A9)", "'+44 1632 960418", "'-12%", "'@risk", "'\tindented", "''quoted", "'''twice", 'plain', 'a = b', '']);
    for (const text of awkward) expect(restoreText(formulaSafe(text))).toBe(text);
  });
});

describe('text in an Office file', () => {
  it('shows the control characters XML cannot hold as U+FFFD, and keeps tabs and line breaks', () => {
    expect(officeText('a\u0007b\u001bc\td\ne\r\uFFFF')).toBe('a\uFFFDb\uFFFDc\td\ne\r\uFFFD');
  });

  it('reads back as no change where the file has such a character', () => {
    const bell: Answers = { ...current, themes: { ...current.themes, leadership: { ...current.themes!['leadership'], indicators: { ...current.themes!['leadership']!.indicators, 'lead.c1': { ...current.themes!['leadership']!.indicators!['lead.c1']!, commentary: 'Ring the \u0007 bell' } } } } };
    const sheet: SheetTable = { source: 'Answers', rows: [['ID', 'Commentary'], ['lead.c1', officeText('Ring the \u0007 bell')]] };
    expect(planImport([sheet], bell, shipped)).toEqual({ ok: true, plan: { changes: [], answersChanged: [], actionsChanged: [], actionsAdded: 0 } });
  });
});

describe('a table as CSV', () => {
  const t: Table = {
    name: 'T',
    file: 't',
    columns: [
      { header: 'Text', kind: 'text', width: 10 },
      { header: 'Count', kind: 'number', width: 5 },
      { header: 'Due', kind: 'date', width: 10 },
    ],
    rows: [
      ['plain', 3, '2026-03-31'],
      ['a, "quoted" comma\nand a line', 0, undefined],
      [{ value: '=HYPERLINK("http://x")', bold: true }, undefined, '2026-01-01'],
    ],
  };

  it('is UTF-8 with a byte-order mark, a header row, RFC 4180 quoting and CRLF line ends', () => {
    expect(tableCsv(t)).toBe('\uFEFFText,Count,Due\r\nplain,3,2026-03-31\r\n"a, ""quoted"" comma\nand a line",0,\r\n"\'=HYPERLINK(""http://x"")",,2026-01-01\r\n');
  });

  it('reads back as the records written', () => {
    expect(parseCsv(tableCsv(t))).toEqual({
      records: [
        ['Text', 'Count', 'Due'],
        ['plain', '3', '2026-03-31'],
        ['a, "quoted" comma\nand a line', '0', ''],
        ['\'=HYPERLINK("http://x")', '', '2026-01-01'],
      ],
    });
    expect(parseCsv('a,b\n1,2')).toEqual({ records: [['a', 'b'], ['1', '2']] });
    expect(parseCsv('a\r\n"open')).toEqual({ unclosedAt: 2 });
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('the exported tables', () => {
  it('are the summary, heat map, answers, actions, evidence, scales and about, in that order', () => {
    expect(tables.map((t) => t.name)).toEqual(['Summary', 'Heat map', 'Answers', 'Actions', 'Evidence', 'Scales', 'About']);
    expect(table('Answers').columns.map((c) => c.header)).toEqual(['Theme', 'ID', 'Kind', 'Indicator', 'Rating', 'Reason (not applicable)', 'Target', 'Previous (2024-25)', 'Commentary', 'Evidence', 'Notes']);
    expect(table('Actions').columns.map((c) => c.header)).toEqual(['Ref', 'Theme', 'Indicator', 'Action', 'Owner', 'Due', 'Status', 'Done on', 'Overdue on 2026-01-31']);
    expect(table('Heat map').columns.map((c) => c.header)).toEqual(['Theme', 'ID', 'Indicator', '2025-26', '2024-25', 'Movement']);
  });

  it('offer each rating from its own scale, and each status from open and done', () => {
    const answers = table('Answers').rows;
    const choices = (row: number, col: number): unknown => (answers[row]![col] as { choices?: unknown }).choices;
    const c1 = answers.findIndex((r) => r[1] === 'ci.c1');
    const f1 = answers.findIndex((r) => r[1] === 'ci.f1');
    expect(choices(c1, 4)).toEqual(['not-in-place', 'developing', 'established', 'embedded', 'not-applicable']);
    expect(choices(c1, 6)).toEqual(['not-in-place', 'developing', 'established', 'embedded']);
    expect(choices(f1, 4)).toEqual(['present', 'emerging', 'not-present', 'not-applicable']);
    expect((table('Actions').rows[0]![6] as { choices?: unknown }).choices).toEqual(['open', 'done']);
  });

  it('say in words which indicators are derived', () => {
    const row = table('Answers').rows.find((r) => r[1] === 'res.f1')!;
    expect(row[10]).toBe("Derived: the catalogue's own reading, not a point its source makes in so many words.");
  });
});

describe('reading the tables back', () => {
  const all = (edit: Record<string, (records: string[][]) => void> = {}): SheetTable[] => tables.map((t) => readBack(t, edit[t.name]));

  it('changes nothing when nothing was edited', () => {
    expect(planImport(all(), current, shipped)).toEqual({ ok: true, plan: { changes: [], answersChanged: [], actionsChanged: [], actionsAdded: 0 } });
  });

  it('changes exactly the cells that were edited, in the file\'s words', () => {
    const result = planImport(
      all({
        Answers: (r) => {
          put(r, 'E13', 'Embedded'); // lead.c1's rating, given as the label
          put(r, 'I26', '=a commentary that starts like a formula'); // gov.c2's commentary
          put(r, 'G13', ''); // lead.c1 has no target: still none
        },
        Actions: (r) => {
          put(r, 'F27', '31/03/2026'); // res.f1#5's due date, written the UK way
          r.push(['', '', 'lead.c1', 'A new action', 'Chief Executive', '2026-09-30', '', '', '']);
        },
      }),
      current,
      shipped,
    );
    expect(result).toEqual({
      ok: true,
      plan: {
        changes: [
          { op: 'set', path: ['themes', 'leadership', 'indicators', 'lead.c1', 'rating'], value: 'embedded' },
          { op: 'set', path: ['themes', 'governance', 'indicators', 'gov.c2', 'commentary'], value: '=a commentary that starts like a formula' },
          { op: 'set', path: ['themes', 'use-of-resources', 'indicators', 'res.f1', 'actions', 4, 'due'], value: '2026-03-31' },
          { op: 'append', path: ['themes', 'leadership', 'indicators', 'lead.c1', 'actions'], value: { action: 'A new action', owner: 'Chief Executive', due: '2026-09-30', status: 'open' } },
        ],
        answersChanged: ['lead.c1', 'gov.c2'],
        actionsChanged: ['res.f1#5'],
        actionsAdded: 1,
      },
    });
  });

  it('refuses every cell that is wrong, each at its place, and changes nothing', () => {
    const result = planImport(
      all({
        Answers: (r) => {
          put(r, 'E13', 'establised');
          put(r, 'B14', 'lead.c99');
          put(r, 'E15', 'not-applicable');
          put(r, 'F16', 'A reason for a rated indicator');
          put(r, 'G17', 'not-applicable');
        },
        Actions: (r) => {
          put(r, 'F27', '2026-02-30');
          put(r, 'A28', 'res.f2#9');
          put(r, 'G29', 'closed');
          put(r, 'H30', '2026-01-05');
        },
        About: (r) => put(r, 'B4', '2024-25'),
      }),
      current,
      shipped,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      { at: 'answers.csv!E13', message: 'rating for lead.c1 "establised" is not one of not-in-place, developing, established, embedded, not-applicable (did you mean established?)' },
      { at: 'answers.csv!B14', message: 'unknown indicator "lead.c99" in best-value-2024 (did you mean lead.c1?)' },
      { at: 'answers.csv!F15', message: 'lead.c3 is not-applicable: give the reason' },
      { at: 'answers.csv!F16', message: 'a reason is only for a not-applicable rating, and lead.c4 is established' },
      { at: 'answers.csv!G17', message: 'target for lead.c5 "not-applicable" is not one of not-in-place, developing, established, embedded' },
      { at: 'actions.csv!F27', message: '"2026-02-30" is not a date; write a date, like 2026-03-31 or 31/03/2026' },
      { at: 'actions.csv!A28', message: 'no action res.f2#9: res.f2 has 2 actions (leave Ref empty to add one)' },
      { at: 'actions.csv!G29', message: 'status "closed" is not one of open, done' },
      { at: 'actions.csv!H30', message: 'a completion date is for a done action, and this one is open' },
      { at: 'about.csv!B4', message: 'this workbook is for "2024-25", and the answers file is for "2025-26"' },
    ]);
  });

  it('refuses a formula where a value belongs', () => {
    const answers: SheetTable = { source: 'Answers', rows: [['ID', 'Rating', 'Commentary'], ['lead.c1', 'established', { formula: 'A1&B1' }]] };
    expect(planImport([answers], current, shipped)).toEqual({ ok: false, problems: [{ at: 'Answers!C2', message: 'a formula (=A1&B1); bva reads values, not formulas' }] });
  });
});
