// Finding where a problem is, as a line and column. Most problems in bva's files sit in block-style
// YAML, where a key's line and a list item's dash can be found by indentation alone; doing that
// spares a command the careful parse (the yaml library's Document API costs more than the rest of
// `bva check` on the example). Anything indentation cannot settle (flow style, anchors, tags, tabs,
// several documents) is looked up in the parsed Document, parsed once, on first need. The two
// agree: a test compares them on every node of the example files.
import type { Anchor, DocPath, LocatedProblem, Position, Problem } from './problem.js';
import { sortProblems } from './problem.js';
import type { TextFile } from './read.js';
import { locate, parsePositional, type PositionalYaml } from './yaml.js';

/** Places problems in one text; parses it only if indentation cannot place one. */
export class Locator {
  readonly #text: string;
  #positional: Promise<Pick<PositionalYaml, 'doc' | 'lineCounter'>> | undefined;
  #lineStarts: number[] | undefined;

  constructor(text: string, positional?: Pick<PositionalYaml, 'doc' | 'lineCounter'>) {
    this.#text = text;
    this.#positional = positional ? Promise.resolve(positional) : undefined;
  }

  /** The 1-based line and column of a problem (or of a path). */
  async position(p: Pick<Problem, 'path' | 'anchor' | 'offset'>): Promise<Position> {
    if (p.offset !== undefined) return this.#at(p.offset);
    const offset = offsetByIndentation(this.#text, p.path, p.anchor ?? 'value');
    if (offset !== undefined) return this.#at(offset);
    this.#positional ??= parsePositional(this.#text);
    return locate(await this.#positional, p);
  }

  /** Gives each problem its file, line and column (and the related position, in its message), in reading order. */
  async locateAll(file: Pick<TextFile, 'path'>, problems: readonly Problem[]): Promise<LocatedProblem[]> {
    const located: LocatedProblem[] = [];
    for (const p of problems) {
      const { line, col } = await this.position(p);
      let message = p.message;
      if (p.related) {
        const r = await this.position({ path: p.related.path, ...(p.related.anchor ? { anchor: p.related.anchor } : {}) });
        message = `${message} (${p.related.label} ${r.line}:${r.col})`;
      }
      located.push({ file: file.path, line, col, severity: p.severity, code: p.code, message });
    }
    return sortProblems(located);
  }

  #at(offset: number): Position {
    const starts = (this.#lineStarts ??= lineStarts(this.#text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** One line of the text: where it starts, its indentation and its content after the indentation. */
interface Line {
  readonly start: number;
  readonly indent: number;
  readonly body: string;
}

/** A line that holds something: not blank, not only a comment. */
const isContent = (l: Line): boolean => l.body !== '' && !l.body.startsWith('#');

/** Characters that make a node's start depend on more than indentation: anchors, aliases, tags, flow. */
const PROPERTY = /^[&*!{[]/;

/**
 * The offset yaml's Document gives the node at `path` (its key, with anchor 'key'), found by
 * indentation; undefined when indentation alone cannot tell.
 */
export function offsetByIndentation(text: string, path: DocPath, anchor: Anchor): number | undefined {
  if (/^(?:---|\.\.\.)(?:\s|$)/m.test(text) || /^ *\t/m.test(text)) return undefined;
  const lines: Line[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(at, end).replace(/\r$/, '');
    const body = raw.trimStart();
    lines.push({ start: at, indent: raw.length - body.length, body: body.trimEnd() });
    at = end + 1;
  }
  // The node being looked at: the lines of its block (a map or a list), or a scalar's offset.
  let from = 0;
  let to = lines.length;
  let first = lines.slice(from, to).findIndex(isContent);
  if (first === -1) return undefined;
  let node: { kind: 'block'; from: number; to: number; start: number } | { kind: 'scalar'; start: number } = {
    kind: 'block',
    from,
    to,
    start: lines[first]!.start + lines[first]!.indent,
  };
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (node.kind !== 'block') return undefined;
    ({ from, to } = node);
    first = from + lines.slice(from, to).findIndex(isContent);
    if (first < from) return undefined;
    const indent = lines[first]!.indent;
    const isList = lines[first]!.body.startsWith('- ') || lines[first]!.body === '-';
    if (typeof seg === 'number') {
      if (!isList) return node.start; // yaml's lookup stops at the deepest node that exists
      const items = indicesAt(lines, from, to, indent).filter((k) => lines[k]!.body.startsWith('-'));
      const k = items[seg];
      if (k === undefined) return node.start;
      const item = lines[k]!;
      const rest = item.body.slice(1).trimStart();
      const restStart = item.start + item.indent + (item.body.length - rest.length);
      const itemEnd = items[seg + 1] ?? endOfBlock(lines, k + 1, to, indent);
      if (rest === '' || rest.startsWith('#')) {
        const inner = firstContent(lines, k + 1, itemEnd);
        if (inner === undefined) return undefined;
        node = { kind: 'block', from: k + 1, to: itemEnd, start: lines[inner]!.start + lines[inner]!.indent };
      } else if (PROPERTY.test(rest)) {
        return undefined;
      } else if (keyOf(rest) !== undefined) {
        // "- key: value": a map whose first key sits on the dash's line.
        node = { kind: 'block', from: k, to: itemEnd, start: restStart };
        if (!last) {
          // Look inside with the dash read as indentation.
          return offsetByIndentation(dashAsIndent(text, item), path.slice(i + 1), anchor);
        }
      } else {
        node = { kind: 'scalar', start: restStart };
      }
      continue;
    }
    if (isList) return node.start;
    // A key of this map: a line at the map's indentation that starts with it.
    const keyLine = indicesAt(lines, from, to, indent).find((k) => keyOf(lines[k]!.body) === seg);
    if (keyLine === undefined) {
      // The map's keys must all be plain for "not found" to be believed.
      if (indicesAt(lines, from, to, indent).some((k) => keyOf(lines[k]!.body) === undefined)) return undefined;
      return node.start;
    }
    const line = lines[keyLine]!;
    const keyStart = line.start + line.indent;
    if (last && anchor === 'key') return keyStart;
    const afterColon = line.body.slice(keyText(line.body)!.length + 1);
    const value = afterColon.trimStart();
    const valueStart = keyStart + keyText(line.body)!.length + 1 + (afterColon.length - value.length);
    const blockEnd = endOfBlock(lines, keyLine + 1, to, indent);
    if (value === '' || value.startsWith('#')) {
      const inner = firstContent(lines, keyLine + 1, blockEnd);
      if (inner === undefined) return undefined; // an empty value: yaml's position is subtle
      node = { kind: 'block', from: keyLine + 1, to: blockEnd, start: lines[inner]!.start + lines[inner]!.indent };
    } else if (PROPERTY.test(value)) {
      return undefined;
    } else {
      node = { kind: 'scalar', start: valueStart };
    }
  }
  return node.start;
}

/** Indexes of the content lines in [from, to) at exactly this indentation. */
function indicesAt(lines: readonly Line[], from: number, to: number, indent: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) if (isContent(lines[k]!) && lines[k]!.indent === indent) out.push(k);
  return out;
}

/** The first content line in [from, to). */
function firstContent(lines: readonly Line[], from: number, to: number): number | undefined {
  for (let k = from; k < to; k++) if (isContent(lines[k]!)) return k;
  return undefined;
}

/** Where the block under a line at `indent` ends: the next content line indented no deeper. */
function endOfBlock(lines: readonly Line[], from: number, to: number, indent: number): number {
  for (let k = from; k < to; k++) if (isContent(lines[k]!) && lines[k]!.indent <= indent) return k;
  return to;
}

/** The raw key of a `key: value` line, when it is a plain key. */
function keyText(body: string): string | undefined {
  const m = /^([A-Za-z0-9_$][^\s:#'"]*?|[A-Za-z0-9_$][^:#'"]*?[^\s:#'"]):(?:\s|$)/.exec(body);
  return m ? m[1] : undefined;
}

/** The key of a `key: value` line, when it is a plain key (quoted keys are left to the parser). */
function keyOf(body: string): string | undefined {
  return keyText(body);
}

/**
 * The text with one list item's "- " read as indentation, so the map on the dash's line can be
 * searched like any other block. Offsets are unchanged: the dash becomes a space.
 */
function dashAsIndent(text: string, item: Line): string {
  const dash = item.start + item.indent;
  const before = text.slice(0, item.start).replace(/[^\n]/g, ' ');
  // Only the item's own block matters: blank out everything before it, keep lengths.
  let end = text.length;
  const itemIndent = item.indent;
  const after = text.slice(dash + 1);
  const re = /\n( *)(\S)/g;
  for (let m = re.exec(after); m; m = re.exec(after)) {
    if (m[1]!.length <= itemIndent && m[2] !== '#') {
      end = dash + 1 + m.index + 1;
      break;
    }
  }
  return `${before}${text.slice(item.start, dash)} ${text.slice(dash + 1, end)}`;
}
