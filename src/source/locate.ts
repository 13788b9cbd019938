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
  #outline: Outline | undefined;

  constructor(text: string, positional?: Pick<PositionalYaml, 'doc' | 'lineCounter'>) {
    this.#text = text;
    this.#positional = positional ? Promise.resolve(positional) : undefined;
  }

  /** The 1-based line and column of a problem (or of a path). */
  async position(p: Pick<Problem, 'path' | 'anchor' | 'offset'>): Promise<Position> {
    if (p.offset !== undefined) return this.#at(p.offset);
    // The outline is built once, so placing many problems stays linear in the file's size.
    const offset = (this.#outline ??= new Outline(this.#text)).offsetOf(p.path, p.anchor ?? 'value');
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

/** One line of the text with content: where it starts, its indentation, and what follows that. */
interface Line {
  readonly start: number;
  readonly indent: number;
  readonly body: string;
}

/** An entry of a block: a line, or the part of a list item's line after its dash. */
interface Entry {
  /** The line's index in the outline. */
  readonly line: number;
  /** Where the entry's text starts (its key, or its dash). */
  readonly at: number;
  /** The entry's text, from `at` to the end of the line. */
  readonly body: string;
}

/** A node being looked at: a block's entries (a map or a list), or a scalar's offset. */
type Node = { readonly kind: 'block'; readonly entries: readonly Entry[]; readonly start: number } | { readonly kind: 'scalar'; readonly start: number };

/** Characters that make a node's start depend on more than indentation: anchors, aliases, tags, flow. */
const PROPERTY = /^[&*!{[]/;

/**
 * A text's lines with content (not blank, not only a comment) as an outline by indentation:
 * each line's children are the lines indented deeper under it. Built in one pass; a path is then
 * looked up by walking it, so placing many problems costs little more than placing one.
 */
export class Outline {
  readonly #lines: Line[] = [];
  readonly #children: number[][] = [];
  readonly #roots: number[] = [];
  /** False for what indentation cannot settle: several documents, or tabs before content. */
  readonly #usable: boolean;

  constructor(text: string) {
    // Lines start after a line feed only (not after U+2028, as ^ with the m flag would have it).
    this.#usable = !/(?<![^\n])(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(text) && !/(?<![^\n]) *\t/.test(text);
    if (!this.#usable) return;
    const stack: number[] = [];
    let at = 0;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      const end = nl === -1 ? text.length : nl;
      const raw = text.slice(at, end).replace(/\r$/, '');
      const body = raw.trimStart();
      if (body !== '' && !body.startsWith('#')) {
        const line: Line = { start: at, indent: raw.length - body.length, body: body.trimEnd() };
        while (stack.length > 0 && this.#lines[stack[stack.length - 1]!]!.indent >= line.indent) stack.pop();
        const index = this.#lines.push(line) - 1;
        this.#children.push([]);
        (stack.length > 0 ? this.#children[stack[stack.length - 1]!]! : this.#roots).push(index);
        stack.push(index);
      }
      at = end + 1;
    }
  }

  /**
   * The offset yaml's Document gives the node at `path` (its key, with anchor 'key'), or
   * undefined when indentation alone cannot tell. Where the path stops existing, the offset of the
   * deepest node that does, as yaml's lookup gives it.
   */
  offsetOf(path: DocPath, anchor: Anchor): number | undefined {
    if (!this.#usable || this.#roots.length === 0) return undefined;
    const roots = this.#entries(this.#roots);
    let node: Node = { kind: 'block', entries: roots, start: roots[0]!.at };
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (node.kind !== 'block') return undefined;
      const entries: readonly Entry[] = node.entries;
      // A block's entries share a column; anything else is for the parser to judge.
      const column = entries[0]!.at - this.#lines[entries[0]!.line]!.start;
      if (entries.some((e) => e.at - this.#lines[e.line]!.start !== column)) return undefined;
      const isList = entries[0]!.body.startsWith('- ') || entries[0]!.body === '-';
      if (typeof seg === 'number') {
        if (!isList) return node.start; // yaml's lookup stops at the deepest node that exists
        const item: Entry | undefined = entries[seg];
        if (item === undefined) return node.start;
        const rest = item.body.slice(1).trimStart();
        const restAt = item.at + (item.body.length - rest.length);
        if (rest === '' || rest.startsWith('#')) {
          const inner = this.#entries(this.#children[item.line]!);
          if (inner.length === 0) return undefined;
          node = { kind: 'block', entries: inner, start: inner[0]!.at };
        } else if (PROPERTY.test(rest)) {
          return undefined;
        } else if (keyText(rest) !== undefined) {
          // "- key: value": a map whose first key sits on the dash's line and its others under it, at
          // the same column; lines deeper than that continue the first key's value.
          const column = restAt - this.#lines[item.line]!.start;
          const under = this.#children[item.line]!;
          if (under.some((k) => this.#lines[k]!.indent < column)) return undefined;
          const siblings = under.filter((k) => this.#lines[k]!.indent === column);
          node = { kind: 'block', entries: [{ line: item.line, at: restAt, body: rest }, ...this.#entries(siblings)], start: restAt };
        } else {
          node = { kind: 'scalar', start: restAt };
        }
        continue;
      }
      if (isList) return node.start;
      // A key of this map: an entry that starts with it.
      const entry: Entry | undefined = entries.find((e) => keyText(e.body) === seg);
      if (entry === undefined) {
        // The map's keys must all be plain for "not found" to be believed.
        if (entries.some((e) => keyText(e.body) === undefined)) return undefined;
        return node.start;
      }
      if (i === path.length - 1 && anchor === 'key') return entry.at;
      const key = keyText(entry.body)!;
      const afterColon = entry.body.slice(key.length + 1);
      const value = afterColon.trimStart();
      if (value === '' || value.startsWith('#')) {
        // A block under the key; on a list item's dash line, the lines under it are its siblings.
        if (entry.at !== this.#lines[entry.line]!.start + this.#lines[entry.line]!.indent) return undefined;
        const inner = this.#entries(this.#children[entry.line]!);
        if (inner.length === 0) return undefined; // an empty value: yaml's position is subtle
        node = { kind: 'block', entries: inner, start: inner[0]!.at };
      } else if (PROPERTY.test(value)) {
        return undefined;
      } else {
        node = { kind: 'scalar', start: entry.at + key.length + 1 + (afterColon.length - value.length) };
      }
    }
    return node.start;
  }

  #entries(lines: readonly number[]): Entry[] {
    return lines.map((line) => {
      const l = this.#lines[line]!;
      return { line, at: l.start + l.indent, body: l.body };
    });
  }
}

/**
 * The offset yaml's Document gives the node at `path` (its key, with anchor 'key'), found by
 * indentation; undefined when indentation alone cannot tell. For one lookup; a Locator keeps
 * its outline for many.
 */
export function offsetByIndentation(text: string, path: DocPath, anchor: Anchor): number | undefined {
  return new Outline(text).offsetOf(path, anchor);
}

/** The raw key of a `key: value` line, when it is a plain key (quoted keys are left to the parser). */
function keyText(body: string): string | undefined {
  const m = /^([A-Za-z0-9_$][^\s:#'"]*?|[A-Za-z0-9_$][^:#'"]*?[^\s:#'"]):(?:\s|$)/.exec(body);
  return m ? m[1] : undefined;
}
