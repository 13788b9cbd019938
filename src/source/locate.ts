// Finding where a problem is, as a line and column. Most problems in bva's files sit in block-style
// YAML, where a key's line and a list item's dash can be found by indentation alone; doing that
// spares a command the careful parse (the yaml library's Document API costs more than the rest of
// `bva check` on the example). Anything indentation cannot settle (flow style, anchors, tags, tabs,
// several documents) is looked up in the parsed Document, parsed once, on first need. The two
// agree: a test compares them on every node of the example files.
import type { Anchor, DocPath, LocatedProblem, Position, Problem } from './problem.js';
import { MAX_LISTED, PlacedProblem, plainProblem, sortProblems } from './problem.js';
import type { TextFile } from './read.js';
import { locate, MAX_DEPTH, parsePositional, repeatedKey, type PositionalYaml } from './yaml.js';

/** Places problems in one text; parses it only if indentation cannot place one. */
export class Locator {
  readonly #text: string;
  #positional: Promise<Pick<PositionalYaml, 'doc' | 'lineCounter'>> | undefined;
  #lineStarts: Int32Array | undefined;
  /** The line #lineAt found last. */
  #lastLine = 0;
  #outline: Outline | undefined;

  constructor(text: string, positional?: Pick<PositionalYaml, 'doc' | 'lineCounter'>) {
    this.#text = text;
    this.#positional = positional ? Promise.resolve(positional) : undefined;
  }

  /** The 1-based line and column of a problem (or of a path). */
  async position(p: Pick<Problem, 'path' | 'anchor' | 'offset'>): Promise<Position> {
    const known = this.#byIndentation(p);
    if (known !== undefined) return known;
    this.#positional ??= parsePositional(this.#text);
    return locate(await this.#positional, p);
  }

  /** Where indentation alone places a problem, or undefined when the parser must. */
  #byIndentation(p: Pick<Problem, 'path' | 'anchor' | 'offset'>): Position | undefined {
    const offset = this.#offsetOf(p);
    return offset === undefined ? undefined : this.#at(offset);
  }

  /** The offset where indentation alone places a problem, or undefined when the parser must. */
  #offsetOf(p: Pick<Problem, 'path' | 'anchor' | 'offset'>): number | undefined {
    if (p.offset !== undefined) return p.offset;
    // The outline is built once, so placing many problems stays linear in the file's size.
    return (this.#outline ??= new Outline(this.#text)).offsetOf(p.path, p.anchor ?? 'value');
  }

  /**
   * Every repeated key of a text that js-yaml read with each repeated key's last value (`data`),
   * as the careful parser reports them, in the order it does; or undefined when indentation cannot
   * settle every map, and the careful parser must.
   */
  repeatedKeys(data: unknown): Problem[] | undefined {
    const found = (this.#outline ??= new Outline(this.#text)).repeatedKeys(data, MAX_DEPTH);
    return found?.map((r) => repeatedKey(r.path, r.at));
  }

  /**
   * Gives each problem its file, line and column (and the related position, in its message): the
   * first MAX_LISTED in reading order (sortProblems' order), which are listed, as plain objects with
   * their messages made; the rest (only counted) after them, in no particular order, each with its
   * message, line and column worked out only if read. Sorting four hundred thousand problems, or
   * making their lines and columns, to list a thousand costs more than the rest of a check.
   */
  async locateAll(file: Pick<TextFile, 'path'>, problems: readonly Problem[]): Promise<LocatedProblem[]> {
    const n = problems.length;
    const located: LocatedProblem[] = new Array<LocatedProblem>(n);
    // Each problem's place in reading order as one number: errors before warnings, then by line and
    // column (columns are under ten million, lines under a hundred million).
    const order = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = problems[i]!;
      // Placed by indentation without waiting, where it can be: a file may have many thousands.
      const place = this.#offsetOf(p) ?? (await this.position(p));
      order[i] = (p.severity === 'error' ? 0 : 1e15) + (typeof place === 'number' ? this.#orderAt(place) : place.line * 1e7 + place.col);
      if (p.related) {
        const { line, col } = typeof place === 'number' ? this.#at(place) : place;
        const r = await this.position({ path: p.related.path, ...(p.related.anchor ? { anchor: p.related.anchor } : {}) });
        located[i] = { file: file.path, line, col, severity: p.severity, code: p.code, message: `${p.message} (${p.related.label} ${r.line}:${r.col})` };
      } else {
        located[i] = new PlacedProblem(file.path, p, place, this.#place);
      }
    }
    if (n <= MAX_LISTED) return sortProblems(located).map(plainProblem);
    const last = order.slice().sort()[MAX_LISTED - 1]!;
    const first: LocatedProblem[] = [];
    const rest: LocatedProblem[] = [];
    for (let i = 0; i < n; i++) (order[i]! <= last ? first : rest).push(located[i]!);
    return sortProblems(first).map(plainProblem).concat(rest);
  }

  /** The line and column of an offset, for a problem that is read. */
  readonly #place = (offset: number): Position => this.#at(offset);

  #at(offset: number): Position {
    const line = this.#lineAt(offset);
    return { line: line + 1, col: offset - this.#lineStarts![line]! + 1 };
  }

  /** An offset's place in reading order, as locateAll numbers it (without making its position). */
  #orderAt(offset: number): number {
    const line = this.#lineAt(offset);
    return (line + 1) * 1e7 + offset - this.#lineStarts![line]! + 1;
  }

  /** The 0-based line an offset is on. */
  #lineAt(offset: number): number {
    const starts = (this.#lineStarts ??= lineStarts(this.#text));
    // Problems mostly come in reading order: the line of the last one, or the next, is looked at first.
    const near = this.#lastLine;
    if (starts[near]! <= offset) {
      if (near + 1 === starts.length || offset < starts[near + 1]!) return near;
      if (near + 2 === starts.length || offset < starts[near + 2]!) return (this.#lastLine = near + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.#lastLine = lo);
  }
}

function lineStarts(text: string): Int32Array {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const starts = new Int32Array(lines);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
  return starts;
}

/** White space as \s matches it at the end of a line: what a line's content is trimmed of. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** No lines: what most lines have under them. */
const NONE: readonly number[] = [];

/** An entry of a block: a line, or the part of a list item's line after its dash. */
interface Entry {
  /** The line's index in the outline. */
  readonly line: number;
  /** Where the entry's text starts (its key, or its dash). */
  readonly at: number;
  /** The entry's text, from `at` to the end of the line. */
  readonly body: string;
}

/** A node being looked at: a block (a map or a list), or a scalar's offset. */
type Node = { readonly kind: 'block'; readonly block: Block } | { readonly kind: 'scalar'; readonly start: number };

/** Characters that make a node's start depend on more than indentation: anchors, aliases, tags, flow. */
const PROPERTY = /^[&*!{[]/;

/**
 * A block's entries with what every lookup in it needs, worked out once: whether they share a
 * column (else the parser must judge), whether they are a list's items, and their keys.
 */
interface Block {
  /** The block's lines: each line is an entry (its text from its indentation on). */
  readonly lines: readonly number[];
  /** In a list item's map, the first entry: the part of the dash's line after the dash. */
  readonly first?: Entry;
  readonly start: number;
  readonly aligned: boolean;
  readonly isList: boolean;
  /** Each plain key's first entry, by its index in `lines`; undefined until first asked for. */
  byKey?: KeyIndex;
  /** Whether every entry is a plain `key:` (so a key not found is not there). */
  allPlain?: boolean;
}

/**
 * A text's lines with content (not blank, not only a comment) as an outline by indentation:
 * each line's children are the lines indented deeper under it. Built in one pass; a path is then
 * looked up by walking it, each block on the way indexed once, so placing many problems costs
 * time in proportion to their number and the text's size, not to their product.
 */
export class Outline {
  readonly #text: string;
  /** Each line with content: where it starts, its indentation, and where its content ends. */
  readonly #start: Int32Array;
  readonly #indent: Int32Array;
  readonly #end: Int32Array;
  /** Where each line's subtree ends: the next line not indented under it. */
  readonly #next: Int32Array;
  /** How many lines have content. */
  readonly #count: number = 0;
  /** The lines indented under a line (most have none), listed on first use. */
  readonly #children = new Map<number, readonly number[]>();
  #roots: readonly number[] | undefined;
  /** The document's block: where every path starts. */
  #root: Node | undefined;
  /** False for what indentation cannot settle: several documents, or tabs before content. */
  readonly #usable: boolean;
  /** The blocks looked at so far, by the lines they are made of (or a list item's line). */
  readonly #blocks = new Map<readonly number[] | number, Block>();
  #examined = 0;

  constructor(text: string) {
    this.#text = text;
    // Lines start after a line feed only (not after U+2028, as ^ with the m flag would have it).
    this.#usable = !/(?<![^\n])(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(text) && !/(?<![^\n]) *\t/.test(text);
    let lines = 1;
    if (this.#usable) for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    else lines = 0;
    // Four numbers a line, in arrays made once: a file may have hundreds of thousands of lines.
    const start = (this.#start = new Int32Array(lines));
    const indents = (this.#indent = new Int32Array(lines));
    const ends = (this.#end = new Int32Array(lines));
    const next = (this.#next = new Int32Array(lines));
    if (!this.#usable) return;
    // One pass over the characters, with the lines whose subtrees are still open on a stack.
    const stack = new Int32Array(lines);
    let depth = 0;
    let count = 0;
    let at = 0;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      const stop = nl === -1 ? text.length : nl;
      let first = at;
      while (first < stop && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
      let last = stop;
      while (last > first && isSpace(text.charCodeAt(last - 1))) last--;
      if (last > first && text.charCodeAt(first) !== 35 /* # */) {
        const indent = first - at;
        while (depth > 0 && indents[stack[depth - 1]!]! >= indent) next[stack[--depth]!] = count;
        start[count] = at;
        indents[count] = indent;
        ends[count] = last;
        stack[depth++] = count++;
      }
      at = stop + 1;
    }
    while (depth > 0) next[stack[--depth]!] = count;
    this.#count = count;
  }

  /**
   * How many entries and path steps the outline has looked at so far: the work placing problems
   * costs, which stays in proportion to the text and the problems (a test holds it to that).
   */
  get examined(): number {
    return this.#examined;
  }

  /** A line's content: from its first character that is not indentation to its last that is not space. */
  #body(line: number): string {
    return this.#text.slice(this.#start[line]! + this.#indent[line]!, this.#end[line]!);
  }

  /** The lines indented under a line: the first after it, then each after the one before's subtree. */
  #under(line: number): readonly number[] {
    const stop = this.#next[line]!;
    if (stop === line + 1) return NONE;
    let under = this.#children.get(line);
    if (under === undefined) {
      const lines: number[] = [];
      for (let k = line + 1; k < stop; k = this.#next[k]!) lines.push(k);
      this.#children.set(line, (under = lines));
    }
    return under;
  }

  /** The lines indented under none. */
  #rootLines(): readonly number[] {
    if (this.#roots === undefined) {
      const lines: number[] = [];
      for (let k = 0; k < this.#count; k = this.#next[k]!) lines.push(k);
      this.#roots = lines;
    }
    return this.#roots;
  }

  /**
   * The offset yaml's Document gives the node at `path` (its key, with anchor 'key'), or
   * undefined when indentation alone cannot tell. Where the path stops existing, the offset of the
   * deepest node that does, as yaml's lookup gives it.
   */
  offsetOf(path: DocPath, anchor: Anchor): number | undefined {
    const r = this.#resolve(path, anchor);
    return r === undefined ? undefined : typeof r === 'number' ? r : r.kind === 'block' ? r.block.start : r.start;
  }

  /**
   * The entries of the block map or block list at `path`, each with where its text starts and
   * where the content of its last line ends; undefined when indentation alone cannot tell, or the
   * path does not lead to a block of plain lines. What an edit of a very large block needs to add a
   * key or an item without parsing the block.
   */
  entriesAt(path: DocPath): { readonly isList: boolean; readonly entries: readonly { readonly key: string | undefined; readonly at: number; readonly end: number }[] } | undefined {
    const r = this.#resolve(path, 'value');
    if (r === undefined || typeof r === 'number' || r.kind !== 'block' || r.block.first || !r.block.aligned) return undefined;
    const block = r.block;
    const entries = block.lines.map((line) => ({ key: block.isList ? undefined : keyText(this.#body(line)), at: this.#start[line]! + this.#indent[line]!, end: this.#endOf(line) }));
    return { isList: block.isList, entries };
  }

  /**
   * Where a line's subtree ends, as yaml's Document has it: its last line with content, or a
   * comment after that indented deeper than the line itself (yaml counts it in the subtree).
   */
  #endOf(line: number): number {
    const text = this.#text;
    const indent = this.#indent[line]!;
    let end = this.#end[this.#lastLine(line)]!;
    for (let at = text.indexOf('\n', end) + 1; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) {
      let first = at;
      while (text.charCodeAt(first) === 32) first++;
      const stop = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
      if (/^\s*$/.test(text.slice(first, stop))) continue; // a blank line
      if (text.charCodeAt(first) !== 35 /* # */ || first - at <= indent) break;
      let last = stop;
      while (last > first && isSpace(text.charCodeAt(last - 1))) last--;
      end = last;
    }
    return end;
  }

  /** The last line of a line's subtree. */
  #lastLine(line: number): number {
    return this.#next[line]! - 1;
  }

  /**
   * Walks `path` by indentation: the node it leads to, or (a number) the offset where it stops
   * existing or the key's offset for anchor 'key', or undefined when indentation cannot tell.
   */
  #resolve(path: DocPath, anchor: Anchor): Node | number | undefined {
    if (!this.#usable || this.#count === 0) return undefined;
    let node: Node = (this.#root ??= { kind: 'block', block: this.#blockOf(this.#rootLines()) });
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      this.#examined++;
      if (node.kind !== 'block') return undefined;
      const block: Block = node.block;
      // A block's entries share a column; anything else is for the parser to judge.
      if (!block.aligned) return undefined;
      if (typeof seg === 'number') {
        if (!block.isList) return block.start; // yaml's lookup stops at the deepest node that exists
        if (seg >= block.lines.length) return block.start;
        const item = this.#entry(block, seg);
        const rest = item.body.slice(1).trimStart();
        const restAt = item.at + (item.body.length - rest.length);
        if (rest === '' || rest.startsWith('#')) {
          const inner = this.#under(item.line);
          if (inner.length === 0) return undefined;
          node = { kind: 'block', block: this.#blockOf(inner) };
        } else if (PROPERTY.test(rest)) {
          return undefined;
        } else if (keyText(rest) !== undefined) {
          const inline = this.#itemMap(item, rest, restAt);
          if (inline === undefined) return undefined;
          node = { kind: 'block', block: inline };
        } else {
          node = { kind: 'scalar', start: restAt };
        }
        continue;
      }
      if (block.isList) return block.start;
      // A key of this map: an entry that starts with it.
      const index = this.#keysOf(block).get(String(seg));
      if (index === undefined) {
        // The map's keys must all be plain for "not found" to be believed.
        return block.allPlain ? block.start : undefined;
      }
      // A key's own place needs no more than its line: most of many thousand problems are there.
      if (i === path.length - 1 && anchor === 'key') return this.#entryAt(block, index);
      const entry = this.#entry(block, index);
      const key = keyText(entry.body)!;
      const afterColon = entry.body.slice(key.length + 1);
      const value = afterColon.trimStart();
      if (value === '' || value.startsWith('#')) {
        // A block under the key; on a list item's dash line, the lines under it are its siblings.
        if (entry.at !== this.#start[entry.line]! + this.#indent[entry.line]!) return undefined;
        const inner = this.#under(entry.line);
        if (inner.length === 0) return undefined; // an empty value: yaml's position is subtle
        node = { kind: 'block', block: this.#blockOf(inner) };
      } else if (PROPERTY.test(value)) {
        return undefined;
      } else {
        node = { kind: 'scalar', start: entry.at + key.length + 1 + (afterColon.length - value.length) };
      }
    }
    return node;
  }

  /**
   * Every repeated key in the text, with where the repeat's key starts, in the order the careful
   * parser finds them (reading order, a map's repeats before what is inside its values); or
   * undefined when indentation cannot settle it. `data` is the text as read with each repeated
   * key's last value: it says which values are maps, lists and scalars (so a block scalar's lines,
   * or a long text's, are never taken for keys), and every map and list of it must match the
   * outline's, key for key and item for item. Anything else goes to the parser: a map or list not
   * in plain block style, quoted keys, keys that read as numbers, a quote not closed on its line,
   * a value that a repeat replaces that is more than one line of text, nesting near `maxDepth`.
   */
  repeatedKeys(data: unknown, maxDepth: number): { readonly path: DocPath; readonly at: number }[] | undefined {
    if (!this.#usable || this.#count === 0 || typeof data !== 'object' || data === null) return undefined;
    const found: { path: DocPath; at: number }[] = [];
    const path: (string | number)[] = [];
    const visit = (value: object, block: Block): boolean => {
      this.#examined++;
      if (!block.aligned || path.length + 2 >= maxDepth) return false;
      if (Array.isArray(value)) {
        if (!block.isList || block.first !== undefined || block.lines.length !== value.length) return false;
        for (let i = 0; i < value.length; i++) {
          const item = this.#entry(block, i);
          if (item.body !== '-' && !item.body.startsWith('- ')) return false;
          const rest = item.body.slice(1).trimStart();
          const v: unknown = value[i];
          if (typeof v !== 'object' || v === null || emptyFlow(rest, v)) {
            if (keyText(rest) !== undefined || !(oneLineStart(rest) || emptyFlow(rest, v))) return false;
            continue;
          }
          let inner: Block | undefined;
          if (rest === '' || rest.startsWith('#')) {
            const under = this.#under(item.line);
            inner = under.length === 0 ? undefined : this.#blockOf(under);
          } else if (keyText(rest) !== undefined) {
            inner = this.#itemMap(item, rest, item.at + (item.body.length - rest.length));
          }
          if (inner === undefined) return false;
          path.push(i);
          const ok = visit(v, inner);
          path.pop();
          if (!ok) return false;
        }
        return true;
      }
      if (block.isList) return false;
      const byKey = this.#keysOf(block);
      if (!block.allPlain) return false;
      const keys = Object.keys(value);
      if (keys.length !== byKey.size) return false;
      for (const key of keys) if (!byKey.has(key)) return false;
      // Which entries hold the value the data has: the last of each key (all of them, without repeats).
      let last: Set<number> | undefined;
      if (byKey.size !== block.lines.length) {
        last = new Set();
        const seen = new Set<string>();
        for (let i = block.lines.length - 1; i >= 0; i--) {
          const key = keyText(this.#entry(block, i).body)!;
          if (!seen.has(key)) last.add(i);
          seen.add(key);
        }
      }
      for (let i = 0; i < block.lines.length; i++) {
        const entry = this.#entry(block, i);
        const key = keyText(entry.body)!;
        const rest = entry.body.slice(key.length + 1).trimStart();
        if (byKey.get(key) !== i) {
          // A key that reads as a number may be written two ways (1.0 and 1): the parser decides.
          const c = key.charCodeAt(0);
          if (c >= 48 && c <= 57) return false;
          found.push({ path: [...path, key], at: this.#entryAt(block, i) });
        }
        if (last !== undefined && !last.has(i)) {
          // A value a repeat replaces is not in the data, to say what is under it: only a text on
          // the key's line is settled here, with a block scalar's lines under it (for a list item's
          // first key, the lines indented under the dash that are not its siblings).
          const under = i === 0 && block.first !== undefined ? this.#under(entry.line).length - (block.lines.length - 1) : this.#under(entry.line).length;
          const blockText = rest.startsWith('|') || rest.startsWith('>');
          if (rest === '' || rest.startsWith('#') || !(oneLineStart(rest) || emptyFlowText(rest)) || (under > 0 && !blockText)) return false;
          continue;
        }
        const v = (value as Record<string, unknown>)[key];
        if (typeof v !== 'object' || v === null || emptyFlow(rest, v)) {
          if (!(oneLineStart(rest) || emptyFlow(rest, v))) return false;
          continue;
        }
        // A block under the key; on a list item's dash line, the lines under it are its siblings.
        if (!(rest === '' || rest.startsWith('#')) || entry.at !== this.#start[entry.line]! + this.#indent[entry.line]!) return false;
        const under = this.#under(entry.line);
        if (under.length === 0) return false;
        path.push(key);
        const ok = visit(v, this.#blockOf(under));
        path.pop();
        if (!ok) return false;
      }
      return true;
    };
    return visit(data, this.#blockOf(this.#rootLines())) ? found : undefined;
  }

  /** The block made of these lines, worked out on first use. */
  #blockOf(lines: readonly number[]): Block {
    let block = this.#blocks.get(lines);
    if (block === undefined) {
      this.#examined += lines.length;
      const column = this.#indent[lines[0]!]!;
      const body = this.#body(lines[0]!);
      block = {
        lines,
        start: this.#start[lines[0]!]! + column,
        aligned: lines.every((line) => this.#indent[line] === column),
        isList: body.startsWith('- ') || body === '-',
      };
      this.#blocks.set(lines, block);
    }
    return block;
  }

  /** Where the i-th entry of a block starts (its key, or its dash). */
  #entryAt(block: Block, i: number): number {
    if (i === 0 && block.first) return block.first.at;
    const line = block.lines[i]!;
    return this.#start[line]! + this.#indent[line]!;
  }

  /** The i-th entry of a block. Made when asked for: a block may have hundreds of thousands. */
  #entry(block: Block, i: number): Entry {
    if (i === 0 && block.first) return block.first;
    const line = block.lines[i]!;
    return { line, at: this.#start[line]! + this.#indent[line]!, body: this.#body(line) };
  }

  /**
   * "- key: value": a map whose first key sits on the dash's line and its others under it, at the
   * same column; lines deeper than that continue the first key's value. Undefined when a line
   * under the dash sits left of the key (for the parser to judge).
   */
  #itemMap(item: Entry, rest: string, restAt: number): Block | undefined {
    const known = this.#blocks.get(item.line);
    if (known !== undefined) return known;
    const column = restAt - this.#start[item.line]!;
    const under = this.#under(item.line);
    this.#examined += under.length;
    if (under.some((k) => this.#indent[k]! < column)) return undefined;
    const block: Block = {
      lines: [item.line, ...under.filter((k) => this.#indent[k] === column)],
      first: { line: item.line, at: restAt, body: rest },
      start: restAt,
      aligned: true,
      isList: rest.startsWith('- ') || rest === '-',
    };
    this.#blocks.set(item.line, block);
    return block;
  }

  /** A map block's plain keys, indexed on first use. */
  #keysOf(block: Block): KeyIndex {
    if (block.byKey === undefined) {
      this.#examined += block.lines.length;
      const index = new KeyIndex(this.#text, block.lines.length);
      for (let i = 0; i < block.lines.length; i++) {
        const line = block.lines[i]!;
        index.add(i, i === 0 && block.first ? block.first.at : this.#start[line]! + this.#indent[line]!, this.#end[line]!);
      }
      block.byKey = index;
      block.allPlain = index.allPlain;
    }
    return block.byKey;
  }
}

/**
 * A block map's plain keys, each to the index of its first entry: a table of entries by a hash of
 * the key's characters, read in place in the text, so that indexing a block of hundreds of
 * thousands of keys makes no strings (a Map of them cost more than the rest of placing them).
 */
class KeyIndex {
  readonly #text: string;
  /** Where each entry's key starts in the text, and its length (-1: not a plain key). */
  readonly #from: number[];
  readonly #length: number[];
  /**
   * Open addressing: 1 + an entry's index in the slot its key's hash leads to, 0 when empty. None
   * for a small block (most are: an item's few keys), whose keys are compared one by one.
   */
  readonly #table: Int32Array | undefined;
  readonly #mask: number = 0;
  /** How many different plain keys. */
  size = 0;
  /** Whether every entry is a plain `key:` (so a key not found is not there). */
  allPlain = true;

  constructor(text: string, entries: number) {
    this.#text = text;
    this.#from = new Array<number>(entries).fill(0);
    this.#length = new Array<number>(entries).fill(-1);
    if (entries > SMALL_BLOCK) {
      let slots = 16;
      while (slots < entries * 2) slots *= 2;
      this.#table = new Int32Array(slots);
      this.#mask = slots - 1;
    }
  }

  /** Indexes entry `i`, whose text runs from `from` to `to`, unless its key is not plain or was seen. */
  add(i: number, from: number, to: number): void {
    const end = keyEnd(this.#text, from, to);
    if (end === -1) {
      this.allPlain = false;
      return;
    }
    const table = this.#table;
    if (table === undefined) {
      if (this.#find(this.#text, from, end - from, i) === undefined) this.size++;
      this.#from[i] = from;
      this.#length[i] = end - from;
      return;
    }
    this.#from[i] = from;
    this.#length[i] = end - from;
    let slot = hashOf(this.#text, from, end) & this.#mask;
    for (let e = table[slot]!; e !== 0; e = table[slot]!) {
      if (this.#same(e - 1, this.#text, from, end - from)) return;
      slot = (slot + 1) & this.#mask;
    }
    table[slot] = i + 1;
    this.size++;
  }

  /** The index of the first entry with this key. */
  get(key: string): number | undefined {
    const table = this.#table;
    if (table === undefined) return this.#find(key, 0, key.length, this.#from.length);
    let slot = hashOf(key, 0, key.length) & this.#mask;
    for (let e = table[slot]!; e !== 0; e = table[slot]!) {
      if (this.#same(e - 1, key, 0, key.length)) return e - 1;
      slot = (slot + 1) & this.#mask;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** In a small block, the first of the entries before `before` whose key is the `length` characters of `s` from `from`. */
  #find(s: string, from: number, length: number, before: number): number | undefined {
    for (let e = 0; e < before; e++) if (this.#same(e, s, from, length)) return e;
    return undefined;
  }

  /** Whether entry `e`'s key is the `length` characters of `s` from `from`. */
  #same(e: number, s: string, from: number, length: number): boolean {
    if (this.#length[e] !== length) return false;
    const at = this.#from[e]!;
    for (let k = 0; k < length; k++) if (this.#text.charCodeAt(at + k) !== s.charCodeAt(from + k)) return false;
    return true;
  }
}

/** Blocks with up to this many entries are searched key by key: a table costs more than it saves. */
const SMALL_BLOCK = 8;

/** FNV-1a over the characters of `s` from `from` to `to`. */
function hashOf(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/**
 * The offset yaml's Document gives the node at `path` (its key, with anchor 'key'), found by
 * indentation; undefined when indentation alone cannot tell. For one lookup; a Locator keeps
 * its outline for many.
 */
export function offsetByIndentation(text: string, path: DocPath, anchor: Anchor): number | undefined {
  return new Outline(text).offsetOf(path, anchor);
}

/**
 * True when a scalar value starting with this text (after `key: ` or `- `) is settled by its line
 * and the lines indented under it: not an anchor, alias, tag or flow collection, and any quote it
 * opens is closed on the line (js-yaml reads a quoted text on across lines that yaml refuses).
 */
function oneLineStart(value: string): boolean {
  if (PROPERTY.test(value)) return false;
  const mark = value.charCodeAt(0);
  if (mark === 34 /* " */) {
    for (let i = 1; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 92 /* \ */) i++;
      else if (c === 34) return closedAt(value, i + 1);
    }
    return false;
  }
  if (mark === 39 /* ' */) {
    for (let i = 1; i < value.length; i++) {
      if (value.charCodeAt(i) !== 39) continue;
      if (value.charCodeAt(i + 1) === 39) i++;
      else return closedAt(value, i + 1);
    }
    return false;
  }
  return true;
}

/** True when the value is an empty list or map written `[]` or `{}` on its line, as `v` is. */
function emptyFlow(value: string, v: unknown): boolean {
  if (typeof v !== 'object' || v === null || !emptyFlowText(value)) return false;
  return Array.isArray(v) ? v.length === 0 && value.startsWith('[') : Object.keys(v).length === 0 && value.startsWith('{');
}

/** True when the value is `[]` or `{}`, then nothing but white space and a comment. */
const emptyFlowText = (value: string): boolean => (value.startsWith('[]') || value.startsWith('{}')) && closedAt(value, 2);

/** True when nothing but white space and a comment follows a closing quote. */
function closedAt(value: string, from: number): boolean {
  const after = value.slice(from).trimStart();
  return after === '' || (after.startsWith('#') && from < value.length && isSpace(value.charCodeAt(from)));
}

/**
 * The raw key of a `key: value` line, when it is a plain key (quoted keys are left to the parser):
 * what /^([A-Za-z0-9_$][^\s:#'"]*?|[A-Za-z0-9_$][^:#'"]*?[^\s:#'"]):(?:\s|$)/ captures, scanned by
 * hand, as it is asked of every line of a block with many thousand keys. The first colon decides:
 * a key holds none, nor a # or a quote, and does not end with a space.
 */
function keyText(body: string): string | undefined {
  const end = keyEnd(body, 0, body.length);
  return end === -1 ? undefined : body.slice(0, end);
}

/** Where keyText's key of the part of `text` from `from` to `to` ends (its colon), read in place; -1 for none. */
function keyEnd(text: string, from: number, to: number): number {
  const c = text.charCodeAt(from);
  if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36)) return -1;
  for (let i = from + 1; i < to; i++) {
    const d = text.charCodeAt(i);
    if (d === 58 /* : */) {
      if (isSpace(text.charCodeAt(i - 1))) return -1;
      return i + 1 === to || isSpace(text.charCodeAt(i + 1)) ? i : -1;
    }
    if (d === 35 /* # */ || d === 39 /* ' */ || d === 34 /* " */) return -1;
  }
  return -1;
}
