// How much a Word paper and an Excel workbook made by bva may hold. The libraries that write them
// build the whole document in memory at a high cost for every table cell (a Word cell carries its
// own width and paragraphs; an Excel cell its own value and style objects), so past these sizes a file
// would take many seconds and gigabytes to make, and at the largest input bva reads, more memory
// than Node.js has. No council's paper comes near them; a file that passes one is refused before
// the document is made, and the command says what to write instead.
import { count } from '../words.js';
import { cellOf, formulaSafe, officeText, type Table } from './table.js';

/** A document bva will not make, and why (the command adds the file's name and what to do instead). */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

/**
 * The most table cells and runs of text (a line of a paragraph, a heading, a link) a Word paper
 * may have: four times the worked example's 3,705. The docx library costs about 0.1 ms and 10 KB
 * of memory a part: 935 actions on one indicator make 14,700, which took bva 1.3 to 1.9 s and 207 MB
 * (`npm run bench`, 2026-12-03), and the 40,000 actions a 5 MiB file can hold would need over
 * 5 GB, more than Node.js has.
 */
export const PAPER_MAX_PARTS = 15_000;

/**
 * The most cells the tables of an Excel workbook may hold, all sheets together: thirty times the
 * worked example's export (3,050). exceljs builds an object for every cell and then its XML, and
 * `bva import` reads every cell back the same way; at this size a file under the 5 MiB input
 * limit holds 10,922 actions of 350 characters, whose export took 2.4 s and 262 MB, and whose
 * import back 3.4 s and 255 MB (`npm run bench`, 2026-12-03, on a busy host). 128,000 shorter
 * cells took an eighth longer to export; the 173,000 shortest actions a 5 MiB file can hold took
 * 25 s and 2.5 GB. Import's time is mostly exceljs reading the sheets' XML, byte by byte, and the
 * edit of the answers file, which a lower limit would not cut: fewer cells hold longer text.
 */
export const WORKBOOK_MAX_CELLS = 100_000;

/**
 * The most cells `bva import` reads from a workbook, all sheets together, before it is refused
 * unread: what bva writes (WORKBOOK_MAX_CELLS) and a fiftieth more, room for the header rows and
 * the hidden sheet of the words offered in cells, which a workbook holds beside its tables' cells.
 */
export const WORKBOOK_READ_MAX_CELLS = WORKBOOK_MAX_CELLS + WORKBOOK_MAX_CELLS / 50;

/**
 * The most characters Excel holds in a cell. A longer text (a long commentary, or many evidence
 * titles joined in one cell) makes Excel say the file is damaged and cut the text short, so a
 * round trip through the workbook would lose the rest.
 */
export const CELL_MAX_CHARACTERS = 32_767;

/**
 * Refuses (TooLargeError) tables that hold more cells than a workbook may, or a text longer than a
 * cell may hold, as the workbook holds it (with formulaSafe's apostrophe).
 */
export function checkWorkbookSize(tables: readonly Table[]): void {
  const cells = tables.reduce((sum, t) => sum + t.rows.length * t.columns.length, 0);
  if (cells > WORKBOOK_MAX_CELLS) throw new TooLargeError(`too large for an Excel workbook: its tables hold ${count(cells)} cells, over the ${count(WORKBOOK_MAX_CELLS)} a workbook from bva may hold`);
  for (const table of tables) {
    table.rows.forEach((row, r) => {
      table.columns.forEach((column, c) => {
        const value = cellOf(row[c]).value;
        if (typeof value !== 'string' || value.length < CELL_MAX_CHARACTERS) return;
        const length = officeText(formulaSafe(value)).length;
        if (length <= CELL_MAX_CHARACTERS) return;
        throw new TooLargeError(
          `too long for an Excel workbook: the "${column.header}" of row ${r + 2} on the sheet "${table.name}" holds ${count(length)} characters, over the ${count(CELL_MAX_CHARACTERS)} a cell in Excel may hold`,
        );
      });
    });
  }
}
