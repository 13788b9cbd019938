// The colours the office formats fill cells with (Word tables, spreadsheet cells): a status on its
// colour, a rating on its level's colour, each with the colour of the words on it. Hex RRGGBB
// without the '#', as Word and Excel take them. One place, so a catalogue's own colours reach
// every format through it.
import type { Rag } from '../generated/report.js';
import { fallbackColour, textColourOn } from '../catalogue/model.js';
import { NOT_APPLICABLE_COLOUR, PALETTE, RAG_TONES, type Colour } from './html-style.js';

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
 * A cell in a level's colour (#RRGGBB, the catalogue's or bva's by its place on the scale), its
 * words in white or black, whichever reads better (as the HTML report does): a council's own pale
 * colour stays legible.
 */
export const colourFill = (colour: string): Fill => ({ fill: colour.slice(1).toUpperCase(), text: textColourOn(colour.toUpperCase()).slice(1) });

/** A not-applicable rating's cell. */
export const notApplicableFill: Fill = onColour(NOT_APPLICABLE_COLOUR);

/** Header cells of a table. */
export const headerFill: Fill = { fill: hex('head'), text: hex('ink') };

/**
 * A rating as a heat map shows it: its level's colour (from the scale, levelColour), else bva's by
 * its place on the scale, not applicable's grey, or none when it is not answered.
 */
export function heatFill(cell: { readonly colour?: string; readonly rank?: number; readonly of?: number; readonly notApplicable: boolean }): Fill | undefined {
  if (cell.colour !== undefined && /^#[0-9A-Fa-f]{6}$/.test(cell.colour)) return colourFill(cell.colour);
  if (cell.rank !== undefined && cell.of !== undefined) return colourFill(fallbackColour(cell.rank, cell.of));
  return cell.notApplicable ? notApplicableFill : undefined;
}
