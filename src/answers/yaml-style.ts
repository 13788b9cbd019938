// bva's house style for YAML that it writes: keys in catalogue and schema order, 2-space indents,
// lists indented under their key, one-line text plain (quoted only when YAML needs it), long text
// as a folded block (>-) and text with line breaks as a literal block (|-), lines within 100
// columns, a blank line before each theme. Used for new files and for every fragment the writer
// inserts, so a file bva writes reads the same whichever command wrote it.
import type { CatalogueModel } from '../catalogue/model.js';
import type { DocPath } from '../source/problem.js';
import { Document, Scalar, YAMLMap, YAMLSeq } from '../source/yaml-lib.js';
import { keyOrder, sortKeys } from './order.js';

/** The widest line bva writes, where text allows. */
export const LINE_WIDTH = 100;

export interface StyleContext {
  readonly catalogue: CatalogueModel;
}

/** A value as a yaml node in house style; `path` is where it sits, for key order. */
function toNode(value: unknown, path: DocPath, ctx: StyleContext, column: number): unknown {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    value.forEach((item, i) => seq.items.push(toNode(item, [...path, i], ctx, column + 2) as never));
    return seq;
  }
  if (typeof value === 'object' && value !== null) {
    const map = new YAMLMap();
    const obj = value as Record<string, unknown>;
    for (const key of sortKeys(Object.keys(obj), keyOrder(path, ctx.catalogue))) {
      if (obj[key] === undefined) continue;
      map.add({ key: new Scalar(key), value: toNode(obj[key], [...path, key], ctx, column + 2) } as never);
    }
    return map;
  }
  const scalar = new Scalar(value);
  if (typeof value === 'string') {
    const key = path[path.length - 1];
    const room = LINE_WIDTH - column - (typeof key === 'string' ? key.length + 2 : 2);
    // The line and paragraph separators are invisible, and YAML 1.1 readers break lines at them:
    // such text is double-quoted, with them written as \L and \P (see stringify).
    if (/[\u2028\u2029]/.test(value)) scalar.type = 'QUOTE_DOUBLE';
    else if (value.includes('\n')) scalar.type = 'BLOCK_LITERAL';
    // Fold only text with spaces to fold at: a long link stays on its line.
    else if (value.length > room && value.trim() === value && !/\s\s/.test(value) && /\s/.test(value)) scalar.type = 'BLOCK_FOLDED';
  }
  return scalar;
}

function stringify(node: unknown, column: number): string {
  const doc = new Document();
  doc.contents = node as never;
  const text = doc.toString({ indent: 2, indentSeq: true, lineWidth: Math.max(40, LINE_WIDTH - column), minContentWidth: 20, flowCollectionPadding: false });
  // Only double-quoted text holds a separator (toNode), where YAML writes it as an escape.
  return text.replace(/\u2028/g, '\\L').replace(/\u2029/g, '\\P');
}

/**
 * Indents every non-empty line. Lines are split at line feeds only: a regular expression's ^ with the
 * m flag would also start a line after U+2028 or U+2029, which YAML 1.2 text may hold.
 */
const indent = (text: string, column: number): string => (column === 0 ? text : text.replace(/(?<![^\n])(?=[^\n])/g, ' '.repeat(column)));

/**
 * `key: value` (one or more lines, ending in a line break) for a map at `parentPath`, indented to
 * `column`. With `firstLineIndented` false the first line starts at the key (for replacing in place).
 */
export function renderPair(key: string, value: unknown, parentPath: DocPath, column: number, ctx: StyleContext, firstLineIndented = true): string {
  if (parentPath.length === 0 && key === 'themes' && typeof value === 'object' && value !== null && Object.keys(value).length > 0) {
    return renderThemes(value as Record<string, unknown>, ctx);
  }
  const map = new YAMLMap();
  map.add({ key: new Scalar(key), value: toNode(value, [...parentPath, key], ctx, column + 2) } as never);
  const text = indent(stringify(map, column), column);
  return firstLineIndented ? text : text.slice(column);
}

/** `- item` (one or more lines, ending in a line break) for the list at `listPath`, its dash at `column`. */
export function renderItem(value: unknown, listPath: DocPath, index: number, column: number, ctx: StyleContext): string {
  const seq = new YAMLSeq();
  seq.items.push(toNode(value, [...listPath, index], ctx, column + 2) as never);
  return indent(stringify(seq, column), column);
}

/**
 * A whole answers document in house style, after the given header comment lines (each starting
 * with "#"). Each theme under `themes:` is preceded by a blank line.
 */
export function renderDocument(data: Record<string, unknown>, header: readonly string[], ctx: StyleContext): string {
  let out = header.map((line) => `${line}\n`).join('');
  for (const key of sortKeys(Object.keys(data), keyOrder([], ctx.catalogue))) {
    const value = data[key];
    if (value === undefined) continue;
    out += renderPair(key, value, [], 0, ctx);
  }
  return out;
}

/** `themes:` with each theme after a blank line, so each reads as a section in a diff. */
function renderThemes(themes: Record<string, unknown>, ctx: StyleContext): string {
  let out = 'themes:\n';
  for (const id of sortKeys(Object.keys(themes), keyOrder(['themes'], ctx.catalogue))) {
    out += `\n${renderPair(id, themes[id] ?? {}, ['themes'], 2, ctx)}`;
  }
  return out;
}
