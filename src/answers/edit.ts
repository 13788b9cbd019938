// Editing an answers file in place: each change becomes a small text edit at the exact place in
// the file, so every comment, blank line, quote style and key order a person chose survives, and
// untouched lines keep their bytes. Every result is re-read and compared with the intended data
// before it is returned: an edit that would not read back as intended is refused, never written.
import { isDeepStrictEqual } from 'node:util';
import { InternalError } from '../errors.js';
import type { DocPath } from '../source/problem.js';
import { lineEnding } from '../source/read.js';
import { mayHaveAlias, parseFast, parseNodes, parsePositional } from '../source/yaml.js';
import { isAlias, isMap, isScalar, isSeq, visit, type YAMLMap, type YAMLSeq } from '../source/yaml-lib.js';
import { Outline } from '../source/locate.js';
import { keyOrder } from './order.js';
import { renderItem, renderPair, type StyleContext } from './yaml-style.js';

/** A change to an answers document, in data terms. */
export type Change =
  /** Set the value at a path, creating the maps above it as needed. */
  | { readonly op: 'set'; readonly path: DocPath; readonly value: unknown }
  /** Remove a key (nothing when it is absent). */
  | { readonly op: 'delete'; readonly path: DocPath }
  /** Add an item to the end of the list at a path, creating the list as needed. */
  | { readonly op: 'append'; readonly path: DocPath; readonly value: unknown };

/**
 * The data after the changes: what the edited text must read back as. `data` is not modified:
 * the maps and lists along each change's path are copied, and everything else is shared.
 */
export function applyToData(data: unknown, changes: readonly Change[]): unknown {
  const copied = new Set<object>();
  const own = <T extends object>(value: T): T => {
    if (copied.has(value)) return value;
    const copy = (Array.isArray(value) ? [...value] : { ...value }) as T;
    copied.add(copy);
    return copy;
  };
  const root = own((typeof data === 'object' && data !== null ? data : {}) as Record<string | number, unknown>);
  next: for (const change of changes) {
    const parentPath = change.path.slice(0, -1);
    const last = change.path[change.path.length - 1]!;
    let node: Record<string | number, unknown> = root;
    for (const seg of parentPath) {
      const next = node[seg];
      if (typeof next !== 'object' || next === null) {
        if (change.op === 'delete') continue next; // nothing to delete; the other changes still apply
        node[seg] = {};
      } else {
        node[seg] = own(next);
      }
      node = node[seg] as Record<string | number, unknown>;
    }
    if (change.op === 'set') node[last] = structuredClone(change.value);
    else if (change.op === 'delete' && Array.isArray(node)) node.splice(Number(last), 1);
    else if (change.op === 'delete') delete node[last];
    else {
      const list = Array.isArray(node[last]) ? own(node[last] as unknown[]) : [];
      list.push(structuredClone(change.value));
      node[last] = list;
    }
  }
  return root;
}

/**
 * The text after the changes and the data it must read as. `data` is what `text` reads as (already
 * checked). Not yet verified: the caller reads the text back itself (saving reads it to check it
 * anyway) and then calls `assertReadsAs`, or `assertThemeEdit` for an edit confined to one theme.
 */
export async function editTextUnread(text: string, data: unknown, changes: readonly Change[], ctx: StyleContext): Promise<Edited> {
  const eol = lineEnding(text);
  let current = text;
  const themes = new Set<string | undefined>();
  for (const change of changes) {
    const edited = await applyOne(current, change, ctx, eol);
    current = edited.text;
    themes.add(edited.inTheme);
  }
  const [only] = themes;
  return { text: current, expected: applyToData(data, changes), ...(themes.size === 1 && only !== undefined ? { inTheme: only } : {}) };
}

/** An edit's result: the new text, the data it must read as, and the theme it was confined to. */
export interface Edited {
  readonly text: string;
  readonly expected: unknown;
  /** Every change was made inside this theme's block, found by indentation. */
  readonly inTheme?: string;
}

/**
 * Reads back an edit confined to one theme's block without parsing the whole file: the text
 * before and after the block must be unchanged byte for byte, and the block, old and new, must
 * read as that theme's data before and after. Throws InternalError otherwise.
 */
export async function assertThemeEdit(before: string, after: string, themeId: string, data: unknown, expected: unknown): Promise<void> {
  const was = themeRegion(before, themeId);
  const now = themeRegion(after, themeId);
  const themeOf = (d: unknown): unknown => ((d as { themes?: Record<string, unknown> } | undefined)?.themes ?? {})[themeId];
  // The fast parser declines what it is unsure of (aliases, say); the careful one reads it then.
  const readsAs = async (text: string): Promise<unknown> =>
    ((parseFast(text)?.data ?? (await parsePositional(text)).data) as Record<string, unknown> | undefined)?.[themeId];
  const ok =
    was !== undefined &&
    now !== undefined &&
    before.slice(0, was.start) === after.slice(0, now.start) &&
    before.slice(was.end) === after.slice(now.end) &&
    isDeepStrictEqual(await readsAs(before.slice(was.start, was.end)), themeOf(data)) &&
    isDeepStrictEqual(await readsAs(after.slice(now.start, now.end)), themeOf(expected));
  if (!ok) throw new InternalError('the edit did not read back as intended, so the file was left unchanged');
}

/** Refuses an edit whose text does not read back as the intended data. */
export function assertReadsAs(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new InternalError('the edit did not read back as intended, so the file was left unchanged');
  }
}

interface Found {
  /** The deepest existing node on the path, and how many segments it covers. */
  readonly node: unknown;
  readonly depth: number;
}

type Range = [number, number, number];
const rangeOf = (n: unknown): Range | undefined => (n as { range?: Range } | null | undefined)?.range ?? undefined;

/**
 * The text after one change. On a large file only the theme the change is in is parsed (see
 * `parseFor`); when the change turns out to need more of the file, it is made on the whole.
 */
async function applyOne(text: string, change: Change, ctx: StyleContext, eol: string): Promise<{ text: string; inTheme?: string }> {
  // A key or an item added to a very large block: placed by indentation, as yaml's Document would
  // place it, without parsing the block (a theme of several megabytes costs seconds to parse).
  if (text.length > LARGE_TEXT) {
    const fast = editByIndentation(text, change, ctx, eol);
    if (fast !== undefined) {
      const theme = change.path[0] === 'themes' && change.path.length > 2 && themeRegion(text, String(change.path[1])) !== undefined ? String(change.path[1]) : undefined;
      return theme === undefined ? { text: fast } : { text: fast, inTheme: theme };
    }
  }
  const root = await parseFor(text, change.path);
  try {
    const edited = await applyAt(root, text, change, ctx, eol);
    return root.prefix === 1 ? { text: edited, inTheme: String(change.path[1]) } : { text: edited };
  } catch (err) {
    if (!(err instanceof NeedsWholeFile)) throw err;
    return { text: await applyAt(await parseWhole(text), text, change, ctx, eol) };
  }
}

/** Texts larger than this have keys and items added by indentation where it can place them. */
const LARGE_TEXT = 1024 * 1024;

/**
 * The text after adding a key to a block map, or an item to the end of a non-empty block list, at
 * the place yaml's Document would give (see applyAt and insertionPoint): found by indentation, with
 * no parse. Undefined when indentation cannot settle it (flow style, anchors or aliases, a change
 * that replaces or removes), for the parsing path to do. Exported for the test that holds the two
 * paths to the same bytes.
 */
export function editByIndentation(text: string, change: Change, ctx: StyleContext, eol: string): string | undefined {
  if (change.op === 'delete' || mayHaveAlias(text)) return undefined;
  const outline = new Outline(text);
  const lines = new LineIndex(text);
  const splice = (at: number, insert: string): string => {
    let body = insert.replace(/\r?\n/g, eol);
    if (at === text.length && text.length > 0 && !text.endsWith('\n') && body !== '') body = eol + body;
    return text.slice(0, at) + body + text.slice(at);
  };
  const path = change.path;
  if (change.op === 'append') {
    const list = outline.entriesAt(path);
    if (!list || !list.isList || list.entries.length === 0) return undefined;
    const last = list.entries[list.entries.length - 1]!;
    const at = lines.nextLineStart(last.end);
    return splice(at, renderItem(change.value, path, list.entries.length, lines.column(list.entries[0]!.at), ctx));
  }
  // set: the deepest map on the path that exists, and the first key of the path it lacks.
  for (let depth = path.length - 1; depth >= 1; depth--) {
    const map = outline.entriesAt(path.slice(0, depth));
    if (!map) continue;
    if (map.isList || map.entries.length === 0 || map.entries.some((e) => e.key === undefined)) return undefined;
    const key = String(path[depth]);
    if (map.entries.some((e) => e.key === key)) return undefined; // it exists: a replacement, parsed
    let value: unknown = change.value;
    for (let i = path.length - 1; i > depth; i--) value = { [String(path[i])]: value };
    const mapPath = path.slice(0, depth);
    const order = keyOrder(mapPath, ctx.catalogue);
    const rank = (k: string): number => {
      const r = order.indexOf(k);
      return r === -1 ? order.length : r;
    };
    const column = lines.column(map.entries[0]!.at);
    const themesMap = mapPath.length === 1 && mapPath[0] === 'themes';
    const blankBetween = themesMap || (map.entries.length > 1 && lines.blankBefore(map.entries[1]!.at));
    const rendered = renderPair(key, value, mapPath, column, ctx);
    let after = -1;
    for (let i = 0; i < map.entries.length; i++) if (rank(map.entries[i]!.key!) <= rank(key)) after = i;
    if (after >= 0) return splice(lines.nextLineStart(map.entries[after]!.end), (blankBetween ? '\n' : '') + rendered);
    return splice(lines.commentBlockStart(lines.lineStart(map.entries[0]!.at)), rendered + (blankBetween ? '\n' : ''));
  }
  return undefined;
}

async function applyAt(root: Root, text: string, change: Change, ctx: StyleContext, eol: string): Promise<string> {
  const lines = new LineIndex(text);
  const path = change.path;

  // Walk down the path through block maps and lists. A change inside a collection that an alias
  // shares, or through an alias, would change the other places too: refused (SharedValue).
  // Without an alias anywhere in the text, nothing is shared: no walk over the nodes is needed.
  const used = mayHaveAlias(text) ? usedAnchors(root.node) : new Set<string>();
  const sharedAt = (n: unknown): number | undefined => {
    const anchor = (n as { anchor?: string } | null)?.anchor;
    return anchor !== undefined && used.has(anchor) ? anchorAt(text, n, anchor) : undefined;
  };
  let node: unknown = root.node;
  let depth = root.prefix;
  for (; depth < path.length; depth++) {
    const seg = path[depth]!;
    const shared = sharedAt(node);
    if (shared !== undefined) throw new SharedValue(path, shared);
    if (isAlias(node)) throw new SharedValue(path, rangeOf(node)?.[0] ?? 0);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
    } else {
      break;
    }
  }
  const found: Found = { node, depth };
  // The value itself: replacing or removing it must not remove an anchor an alias uses, and a
  // list shared by an alias cannot take an item in one place only. (An alias itself may be
  // replaced by a value: the anchor it named stays where it is.)
  if (found.depth === path.length) {
    const inside = usedAnchorIn(text, found.node, used);
    if (inside !== undefined) throw new SharedValue(path, inside);
    if (change.op === 'append' && isAlias(found.node)) throw new SharedValue(path, rangeOf(found.node)?.[0] ?? 0);
  }
  const splice = (start: number, end: number, insert: string): string => {
    // Inserted text uses the file's line endings, and starts a new line at a file's unterminated end.
    let body = insert.replace(/\r?\n/g, eol);
    if (start === text.length && text.length > 0 && !text.endsWith('\n') && body !== '') body = eol + body;
    return text.slice(0, start) + body + text.slice(end);
  };

  if (change.op === 'delete') {
    if (found.depth < path.length) return text; // nothing to delete
    const parent = containerAt(root, path.slice(0, -1));
    // An item of a block list: its lines go (a list's last item is removed by removing its key).
    if (isSeq(parent) && !parent.flow && parent.items.length > 1 && typeof path[path.length - 1] === 'number') {
      const item = parent.items[path[path.length - 1] as number];
      return splice(lines.lineStart(rangeOf(item)![0]), lines.nextLineStart(contentEnd(text, item)), '');
    }
    // A map's only key: write the map as {}, since a key left with nothing under it reads as null.
    if (!isMap(parent) || parent.flow || parent.items.length === 1) return replaceContainer(text, root, path.slice(0, -1), change, ctx, lines, splice);
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[path.length - 1]))!;
    const start = lines.lineStart(rangeOf(pair.key)![0]);
    const end = lines.nextLineStart(contentEnd(text, pair.value ?? pair.key));
    return splice(start, end, '');
  }

  if (change.op === 'append') {
    if (found.depth === path.length && isSeq(found.node) && !found.node.flow && found.node.items.length > 0) {
      const seq = found.node as YAMLSeq;
      const last = seq.items[seq.items.length - 1];
      const at = lines.nextLineStart(contentEnd(text, last));
      const column = lines.column(rangeOf(seq)![0]);
      return splice(at, at, renderItem(change.value, path, seq.items.length, column, ctx));
    }
    // No list yet, or an empty or flow one: write the whole list.
    const existing = found.depth === path.length && isSeq(found.node) ? (found.node.toJSON() as unknown[]) : [];
    return (await applyOne(text, { op: 'set', path, value: [...existing, change.value] }, ctx, eol)).text;
  }

  // set
  if (found.depth === path.length) {
    // The key exists: replace its pair, from the key to the end of its value.
    const parent = containerAt(root, path.slice(0, -1));
    // An item of a block list: replace its value after the dash, in place.
    if (isSeq(parent) && !parent.flow && typeof path[path.length - 1] === 'number') {
      const item = parent.items[path[path.length - 1] as number];
      const column = lines.column(rangeOf(parent)![0]);
      const dash = `${' '.repeat(column)}- `;
      const rendered = renderItem(change.value, path.slice(0, -1), path[path.length - 1] as number, column, ctx).replace(/\n$/, '');
      if (rendered.startsWith(dash) && lines.column(rangeOf(item)![0]) === column + 2) return splice(rangeOf(item)![0], contentEnd(text, item), rendered.slice(dash.length));
    }
    if (!isMap(parent) || parent.flow) return replaceContainer(text, root, path.slice(0, -1), change, ctx, lines, splice);
    const key = String(path[path.length - 1]);
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key)!;
    const start = rangeOf(pair.key)![0];
    const end = contentEnd(text, pair.value ?? pair.key);
    const column = lines.column(start);
    const rendered = renderPair(key, change.value, path.slice(0, -1), column, ctx, false).replace(/\n$/, '');
    // A comment after a one-line value stays after it only if the new value is one line too.
    const restOfLine = text.slice(end, lines.lineEnd(end));
    if (rendered.includes('\n') && /^\s*#/.test(restOfLine)) {
      return splice(start, lines.lineEnd(end), `${rendered}\n${' '.repeat(column)}${restOfLine.trim()}`);
    }
    return splice(start, end, rendered);
  }

  // The key is missing: add it to the deepest map that exists, with whatever maps lie between.
  const parentPath = path.slice(0, found.depth);
  const parent = found.node;
  let value: unknown = change.value;
  for (let i = path.length - 1; i > found.depth; i--) value = { [String(path[i])]: value };
  const key = String(path[found.depth]);
  if (isMap(parent) && !parent.flow && parent.items.length > 0) {
    return splice(...insertionPoint(text, parent, key, value, parentPath, ctx, lines));
  }
  // An empty, null or flow-style parent: write it whole, with the new key.
  if (found.depth === root.prefix) {
    if (root.prefix > 0) throw new NeedsWholeFile();
    throw new InternalError('the file has no map at its top level');
  }
  const existing = isMap(parent) ? (parent.toJSON() as Record<string, unknown>) : {};
  return (await applyOne(text, { op: 'set', path: parentPath, value: { ...existing, [key]: value } }, ctx, eol)).text;
}

/** Where and what to insert for a new key in a block map with items: keeps catalogue/schema order. */
function insertionPoint(
  text: string,
  map: YAMLMap,
  key: string,
  value: unknown,
  mapPath: DocPath,
  ctx: StyleContext,
  lines: LineIndex,
): [number, number, string] {
  const order = keyOrder(mapPath, ctx.catalogue);
  const rank = (k: string): number => {
    const r = order.indexOf(k);
    return r === -1 ? order.length : r;
  };
  const keys = map.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  const column = lines.column(rangeOf(map.items[0]!.key)![0]);
  // Themes are separated by a blank line in house style; elsewhere, follow what the file does.
  const themesMap = mapPath.length === 1 && mapPath[0] === 'themes';
  const blankBetween = themesMap || (map.items.length > 1 && lines.blankBefore(rangeOf(map.items[1]!.key)![0]));
  const rendered = renderPair(key, value, mapPath, column, ctx);
  // After the last key that sorts before the new one; else before the first key.
  let after = -1;
  for (let i = 0; i < keys.length; i++) if (rank(keys[i]!) <= rank(key)) after = i;
  if (after >= 0) {
    const pair = map.items[after]!;
    const at = lines.nextLineStart(contentEnd(text, pair.value ?? pair.key));
    return [at, at, (blankBetween ? '\n' : '') + rendered];
  }
  // Before the first key, and before the comment lines directly above it (they describe it); at
  // the top of the file those lines are the file's header (the schema line), so after them.
  const firstKeyStart = lines.lineStart(rangeOf(map.items[0]!.key)![0]);
  const at = mapPath.length === 0 ? firstKeyStart : lines.commentBlockStart(firstKeyStart);
  return [at, at, rendered + (blankBetween ? '\n' : '')];
}

/** Rewrites a flow-style (or otherwise unusual) container whole, in house style, with the change made. */
function replaceContainer(
  text: string,
  root: Root,
  containerPath: DocPath,
  change: Change,
  ctx: StyleContext,
  _lines: LineIndex,
  splice: (start: number, end: number, insert: string) => string,
): string {
  if (containerPath.length <= root.prefix) {
    if (root.prefix > 0) throw new NeedsWholeFile();
    throw new InternalError('cannot rewrite the whole file in place');
  }
  const container = containerAt(root, containerPath) as { toJSON(): unknown } | undefined;
  const base = { [String(containerPath[containerPath.length - 1])]: container?.toJSON() ?? {} };
  const updated = applyToData(base, [{ ...change, path: [String(containerPath[containerPath.length - 1]), ...change.path.slice(containerPath.length)] } as Change]) as Record<string, unknown>;
  const grand = containerAt(root, containerPath.slice(0, -1));
  if (!isMap(grand) || grand.flow) return replaceContainer(text, root, containerPath.slice(0, -1), { op: 'set', path: containerPath, value: Object.values(updated)[0] }, ctx, _lines, splice);
  const key = String(containerPath[containerPath.length - 1]);
  const pair = grand.items.find((p) => isScalar(p.key) && String(p.key.value) === key)!;
  const start = rangeOf(pair.key)![0];
  const end = contentEnd(text, pair.value ?? pair.key);
  const column = _lines.column(start);
  return splice(start, end, renderPair(key, updated[key], containerPath.slice(0, -1), column, ctx, false).replace(/\n$/, ''));
}

/** The node at a (whole-document) path through maps and lists, or undefined. */
function containerAt(root: Root, path: DocPath): unknown {
  if (path.length < root.prefix) throw new NeedsWholeFile();
  let node = root.node;
  for (const seg of path.slice(root.prefix)) {
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node;
}

/**
 * Where a node's own text ends: its value end, without the line breaks a block scalar or a block
 * collection counts as its own (so a trailing comment or the next key stays where it is).
 */
function contentEnd(text: string, node: unknown): number {
  const r = rangeOf(node);
  if (!r) throw new InternalError('a node without a position');
  let end = r[1];
  while (end > r[0] && (text[end - 1] === '\n' || text[end - 1] === '\r' || text[end - 1] === ' ')) end--;
  return end;
}

/**
 * Where an edit starts from: the node for the first `prefix` segments of every path. The whole
 * document (prefix 0), or one theme's block parsed on its own (prefix 1: a map holding just that
 * theme, standing for `themes`), with its nodes' positions shifted to the whole text's.
 */
interface Root {
  readonly node: unknown;
  readonly prefix: number;
}

/** Thrown when a change made on one theme's block needs the whole document after all. */
class NeedsWholeFile extends Error {}

/**
 * Thrown when a change would reach a value that other places share through a YAML anchor and
 * alias (`&name` ... `*name`): changing it in one place would change it in all, or cut the link.
 * `offset` is where the anchor or alias is; `path` is the change's.
 */
export class SharedValue extends Error {
  constructor(
    readonly path: DocPath,
    readonly offset: number,
  ) {
    super('a value shared through a YAML anchor or alias');
  }
}

/** The anchors some alias in the document refers to: only those make a value shared. */
function usedAnchors(node: unknown): Set<string> {
  const used = new Set<string>();
  visit(node as never, { Alias: (_, alias) => void used.add(alias.source) });
  return used;
}

/** Where a node's anchor (`&name`) is written: before the node's own text, which its range starts at. */
function anchorAt(text: string, node: unknown, anchor: string): number {
  const start = rangeOf(node)?.[0] ?? 0;
  const at = text.lastIndexOf(`&${anchor}`, start);
  return at === -1 ? start : at;
}

/** Where a node, or anything in it, carries an anchor that an alias uses; undefined when nothing does. */
function usedAnchorIn(text: string, node: unknown, used: ReadonlySet<string>): number | undefined {
  if (used.size === 0) return undefined;
  let at: number | undefined;
  visit(node as never, (_, n) => {
    const anchor = (n as { anchor?: string } | null)?.anchor;
    if (anchor !== undefined && used.has(anchor)) {
      at = anchorAt(text, n, anchor);
      return visit.BREAK;
    }
    return undefined;
  });
  return at;
}

async function parseWhole(text: string): Promise<Root> {
  const { doc } = await parseNodes(text);
  return { node: doc.contents, prefix: 0 };
}

/**
 * Parses what a change at `path` needs. yaml's Document API takes about a second for a file of
 * 10,000 indicators, so a change inside an existing theme parses that theme's block alone (found by indentation: the block runs from its key to the next line indented no deeper).
 * Any doubt — no such block, a parse problem, another key — parses the whole file; and every edit is
 * read back whole and compared with the intended data before it is written.
 */
async function parseFor(text: string, path: DocPath): Promise<Root> {
  const themeId = path[0] === 'themes' && path.length > 2 ? path[1] : undefined;
  const region = typeof themeId === 'string' ? themeRegion(text, themeId) : undefined;
  if (region) {
    const { doc, ok } = await parseNodes(text.slice(region.start, region.end));
    const only = isMap(doc.contents) && doc.contents.items.length === 1 ? doc.contents.items[0] : undefined;
    // Anchors and aliases may reach beyond the block: such a theme is edited in the whole document.
    if (ok && only && isScalar(only.key) && only.key.value === themeId && isMap(only.value) && !only.value.flow && !(mayHaveAlias(text) && hasAnchorsOrAliases(only.value))) {
      shiftRanges(doc.contents, region.start);
      return { node: doc.contents, prefix: 1 };
    }
  }
  return parseWhole(text);
}

/** True when a node or anything in it is an alias or carries an anchor. */
function hasAnchorsOrAliases(node: unknown): boolean {
  let found = false;
  visit(node as never, (_, n) => {
    if (isAlias(n) || (n as { anchor?: string } | null)?.anchor !== undefined) {
      found = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

/** The span of one theme's block under a top-level `themes:` key, or undefined when it cannot be told by indentation alone. */
export function themeRegion(text: string, themeId: string): { start: number; end: number } | undefined {
  // Native regular expressions from a starting offset: this runs on every edit of a large file.
  // A line starts after a line feed, and only there: (?<![^\n]) rather than ^ with the m flag,
  // which would also start one after U+2028 or U+2029, characters a YAML text may hold.
  const from = (re: RegExp, at: number): RegExpExecArray | null => {
    re.lastIndex = at;
    return re.exec(text);
  };
  const themes = /(?<![^\n])themes:[ \t]*(?:#[^\n]*)?(?=\r?\n|$)/.exec(text);
  if (!themes) return undefined;
  const body = themes.index + themes[0].length;
  if (from(/(?<![^\n])(?:---|\.\.\.)/g, body)) return undefined;
  // The first line with content under `themes:` sets the themes' indentation.
  const first = from(/(?<![^\n])([ \t]*)[^\s#]/g, body);
  if (!first || first[1]!.length === 0 || first[1]!.includes('\t')) return undefined;
  const indent = first[1]!.length;
  const escaped = themeId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const key = from(new RegExp(`(?<![^\\n]) {${indent}}${escaped}:[ \\t]*(?:#[^\\n]*)?(?=\\r?\\n|$)`, 'g'), first.index);
  if (!key) return undefined;
  // The themes end at a line indented less than they are: none may come between them and the key.
  if (new RegExp(`(?<![^\\n]) {0,${indent - 1}}[^\\s#]`).test(text.slice(first.index, key.index))) return undefined;
  // The theme's block runs to the next line with content indented no deeper than its key.
  const next = from(new RegExp(`(?<![^\\n]) {0,${indent}}[^\\s#]`, 'g'), key.index + key[0].length);
  const end = next ? next.index : text.length;
  // Tabs before content: indentation cannot be told; leave it to the parser.
  if (/(?<![^\n]) *\t/.test(text.slice(key.index, end))) return undefined;
  return { start: key.index, end };
}

/** Moves every node's position by `base`: a block parsed alone, placed back in its file. */
function shiftRanges(node: unknown, base: number): void {
  const range = rangeOf(node);
  if (range) for (let i = 0; i < range.length; i++) range[i]! += base;
  if (isMap(node)) {
    for (const pair of node.items) {
      shiftRanges(pair.key, base);
      shiftRanges(pair.value, base);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) shiftRanges(item, base);
  }
}

/** Line arithmetic over a text. */
class LineIndex {
  constructor(private readonly text: string) {}
  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }
  /** The offset of the line break ending the line (or the text's end). */
  lineEnd(offset: number): number {
    const n = this.text.indexOf('\n', offset);
    const end = n === -1 ? this.text.length : n;
    return end > 0 && this.text[end - 1] === '\r' ? end - 1 : end;
  }
  nextLineStart(offset: number): number {
    const n = this.text.indexOf('\n', offset);
    return n === -1 ? this.text.length : n + 1;
  }
  column(offset: number): number {
    return offset - this.lineStart(offset);
  }
  /** True when a blank line comes before the line at `offset`, or before the comment lines directly above it. */
  blankBefore(offset: number): boolean {
    const start = this.commentBlockStart(this.lineStart(offset));
    if (start === 0) return false;
    const prev = this.text.slice(this.lineStart(start - 1), start);
    return prev.trim() === '';
  }
  /** The start of the run of comment lines directly above the line starting at `lineStart`. */
  commentBlockStart(lineStart: number): number {
    let at = lineStart;
    while (at > 0) {
      const prevStart = this.lineStart(at - 1);
      if (!/^\s*#/.test(this.text.slice(prevStart, at))) break;
      at = prevStart;
    }
    return at;
  }
}
