// How much a Word paper and an Excel workbook made by bva may hold. The libraries that write them
// build the whole document in memory at a high cost for every table cell (a Word cell carries its
// own width, margins, borders and fonts; an Excel cell its own style), so past these sizes a file
// would take many seconds and gigabytes to make, and at the largest input bva reads, more memory
// than Node.js has. No council's paper comes near them; a file that passes one is refused before
// the document is made, and the command says what to write instead.
import { count } from '../words.js';
import type { Table } from './table.js';

/** A document bva will not make, and why (the command adds the file's name and what to do instead). */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

/**
 * The most table cells and runs of text (a line of a paragraph, a heading, a link) a Word paper
 * may have: four times the worked example's 3,705. The docx library costs about 0.1 ms and 14 KB
 * of memory a part: 935 actions on one indicator make 14,700, which took bva 2.3 s and 325 MB
 * (`npm run bench`), and the 40,000 actions a 5 MiB file can hold would need over 5 GB, more
 * than Node.js has.
 */
export const PAPER_MAX_PARTS = 15_000;

/**
 * The most cells the tables of an Excel workbook may hold, all sheets together. The worked
 * example's export has 3,050; 16,000 actions make 147,000, which took bva 3.5 s and
 * 312 MB. exceljs costs about 1.7 KB a cell: the 173,000 shortest actions a 5 MiB file can hold
 * took 25 s and 2.5 GB.
 */
export const WORKBOOK_MAX_CELLS = 150_000;


/** Refuses (TooLargeError) tables that hold more cells than a workbook may. */
export function checkWorkbookSize(tables: readonly Table[]): void {
  const cells = tables.reduce((sum, t) => sum + t.rows.length * t.columns.length, 0);
  if (cells > WORKBOOK_MAX_CELLS) throw new TooLargeError(`too large for an Excel workbook: its tables hold ${count(cells)} cells, over the ${count(WORKBOOK_MAX_CELLS)} a workbook from bva may hold`);
}
