// The colours the office formats fill cells with (Word tables, spreadsheet cells): a status on its
// colour, a rating on its level's colour, each with the colour of the words on it. Hex RRGGBB
// without the '#', as Word and Excel take them. One place, so a catalogue's own colours reach
// every format through it.
import type { Rag } from '../generated/report.js';
import { NOT_APPLICABLE_COLOUR, PALETTE, RAG_TONES, levelColour, type Colour } from './html-style.js';

/** A cell's fill and the colour of its words. */
export interface Fill {
  readonly fill: string;
  readonly text: string;
}

const hex = (c: Colour): string => PALETTE[c].slice(1).toUpperCase();

/** White words on a colour: every status and rating colour holds 4.5:1 against white (html-style's COLOUR_PAIRS). */
const onColour = (c: Colour): Fill => ({ fill: hex(c), text: hex('paper') });

/** A status's cell. */
export const ragFill = (rag: Rag): Fill => onColour(RAG_TONES[rag].bg);

/**
 * A rating's cell: the level at `rank` (0 = weakest) on a scale of `of` levels, by its place on the
 * scale. (When the catalogue gives its levels colours, they come in here.)
 */
export const levelFill = (rank: number, of: number): Fill => onColour(levelColour(rank, of));

/** A not-applicable rating's cell. */
export const notApplicableFill: Fill = onColour(NOT_APPLICABLE_COLOUR);

/** Header cells of a table. */
export const headerFill: Fill = { fill: hex('head'), text: hex('ink') };

/** A rating as a heat map shows it: its level's colour, not applicable's grey, or none when it is not answered. */
export function heatFill(cell: { readonly rank?: number; readonly of?: number; readonly notApplicable: boolean }): Fill | undefined {
  if (cell.rank !== undefined && cell.of !== undefined) return levelFill(cell.rank, cell.of);
  return cell.notApplicable ? notApplicableFill : undefined;
}
