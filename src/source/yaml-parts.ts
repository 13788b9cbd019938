// A long text that js-yaml could not read, read in parts for its syntax problems (syntaxProblems):
// the yaml library's careful parse of a 4.5 MB text costs three seconds and 400 MB, most of it to
// count problems nobody reads past the first thousand, or to read stretches with none.
import jsYaml from 'js-yaml';
import type { Document } from 'yaml';
import { error, MAX_LISTED, type Problem } from './problem.js';
import { count } from '../words.js';
import { NestingLimit, parseGuarded, yamlIssue, type OpenNode, type StopRule } from './yaml.js';
import {
  explainSyntax,
  lineAt,
  lineKind,
  mayHaveOpenFlow,
  mayHaveOpenQuote,
  previousContent,
  readingStart,
  readingStartAt,
  splitLines,
  type Line,
  type YamlError,
} from './yaml-explain.js';

/** The sizes syntaxProblems reads by (smaller in tests, to read small texts in part). */
export interface PartSizes {
  /** The shortest text read in part (READ_PART_FROM). */
  readonly from?: number;
  /** How much is read first (FIRST_PART). */
  readonly first?: number;
  /** How much text js-yaml is given at first to find the next error in (ON_CHUNK). */
  readonly chunk?: number;
  /** How many problems are enough to stop at (MAX_LISTED). */
  readonly most?: number;
  /**
   * Told of each part whose errors are kept: the offset where it starts, the offsets of the lines
   * holding it, where it stopped reading (`cut`), the stretch its errors are kept from (`from`,
   * `to`: offsets, `to` not included), and those errors.
   */
  readonly trace?: (part: {
    readonly start: number;
    readonly holders: readonly number[];
    readonly cut: number;
    readonly from: number;
    readonly to: number;
    readonly errors: readonly YamlError[];
  }) => void;
}

/** A text shorter than this is read whole, however many syntax errors it has (a second at most). */
export const READ_PART_FROM = 256 * 1024;
/** How much of the text a part reads before it may stop (four times more when it must read again). */
const FIRST_PART = 16 * 1024;
/** A line that may be indented with a tab: the tab's explanation names every such line, so such a text is read whole. */
const TAB_INDENT = /^ *\t/m;

/**
 * The syntax problems of a long text that js-yaml could not read, from `errorAt` (where js-yaml met
 * its first error), read in parts: what the careful parse of the whole text (parsePositional)
 * reports, without its cost (three seconds and 400 MB for 4.5 MB of text), or undefined when that
 * parse must be made instead. Two things differ (the README's "Syntax errors in a long file"):
 * faults the yaml library finds where js-yaml reads well are not looked for in the stretches only
 * js-yaml reads; and each part reads from a fresh start, where the whole text may read on from an
 * earlier error otherwise (a later key at a list's indentation, said at the list's start).
 *
 * - A part starts at the entry holding an error js-yaml met (readingStart), read after the lines
 *   that hold that entry, so the text from there reads as it does in the whole (js-yaml read the
 *   text before it well).
 * - It ends at the start of an entry where only block maps and lists are open, once `first` bytes
 *   are read, and only the problems before the entry last read are trusted (it might read
 *   differently with what follows).
 * - After a part, js-yaml reads on from its last entry, to the next error it meets, where the next
 *   part starts; when it meets none, every problem has been found. Where that cannot be done, the
 *   part is read again, four times longer.
 * - Once MAX_LISTED problems are found, the reading stops, and a last problem says where.
 * - A text that may hold a quote left open or a line indented with a tab (whose explanations look
 *   at the whole text), or a list or map in brackets open over several lines (which js-yaml and
 *   yaml read differently), is read whole, as is one whose parts cannot be started as above.
 */
export async function syntaxProblems(text: string, errorAt: number, sizes: PartSizes = {}): Promise<Problem[] | undefined> {
  const { from: partFrom = READ_PART_FROM, first = FIRST_PART, chunk = ON_CHUNK, most = MAX_LISTED } = sizes;
  if (text.length < partFrom || TAB_INDENT.test(text) || mayHaveOpenQuote(text) || mayHaveOpenFlow(text)) return undefined;
  const lines = splitLines(text);
  const reader = new PartReader(await import('./yaml-lib.js'), text, lines);
  const some = (problems: Problem[]): Problem[] | undefined => (problems.length > 0 ? problems : undefined);
  // The errors found so far, each trusted, all before `floor`.
  const found: YamlError[] = [];
  let floor = 0;
  let start = readingStart(lines, lineAt(lines, errorAt));
  while (start !== undefined) {
    if (!reader.holding(start)?.readsWell) return undefined;
    let next: ReadingStart | undefined;
    for (let size = first; next === undefined; size = size * 4 + 1) {
      const read = reader.read(start, size);
      if (read === undefined) return undefined;
      if (read === 'more') continue;
      const trust = read.trust ?? Infinity;
      const errors = found.concat(read.errors.filter((e) => e.pos[0] >= floor && e.pos[0] < trust));
      const traced = (to: number): void =>
        sizes.trace?.({
          start: lines[start!.start]!.start,
          holders: start!.holders.map((i) => lines[i]!.start),
          cut: read.cut ?? text.length,
          from: floor,
          to,
          errors: read.errors.filter((e) => e.pos[0] >= floor && e.pos[0] < to),
        });
      if (read.trust === undefined) {
        traced(text.length);
        return some(explainSyntax(lines, errors, yamlIssue).problems);
      }
      if (read.trust <= floor) continue;
      const { problems, derailedAt } = explainSyntax(lines, errors, yamlIssue);
      const before = problems.filter((p) => p.offset! < trust);
      // An explanation that drops every later error: the rest of the text cannot add to these.
      if (derailedAt < lineAt(lines, trust) || before.length >= most) traced(trust);
      if (derailedAt < lineAt(lines, trust)) return some(before);
      if (before.length >= most) return stoppedAt(lines, before, most);
      // Too few: on from the last entry read, with js-yaml, to the next error it meets; only when
      // the parser had open, as that entry began, just what the lines holding it open.
      const resume = readingStartAt(lines, lineAt(lines, trust));
      const onTo = resume === undefined || read.openAtTrust !== reader.openAt(resume) ? undefined : nextError(text, lines, resume, chunk);
      if (onTo === undefined) continue;
      traced(trust);
      for (const e of errors.slice(found.length)) found.push(e);
      floor = trust;
      if (onTo === 'none') return some(explainSyntax(lines, found, yamlIssue).problems);
      next = readingStart(lines, lineAt(lines, onTo));
      if (next === undefined) return undefined;
    }
    start = next;
  }
  return undefined;
}

type ReadingStart = NonNullable<ReturnType<typeof readingStart>>;

/** The lines holding an entry, then the text from the entry on, up to `end`: the text one part reads, and where its offsets are in the file. */
function textFrom(text: string, lines: readonly Line[], start: ReadingStart, end: number): { source: string; head: number; inFile: (offset: number) => number } {
  const held = start.holders.map((i) => lines[i]!);
  const heldAt: number[] = [];
  let head = '';
  for (const line of held) {
    heldAt.push(head.length);
    head += `${line.text}\n`;
  }
  const begin = lines[start.start]!.start;
  const inFile = (offset: number): number => {
    if (offset >= head.length) return begin + offset - head.length;
    let k = heldAt.length - 1;
    while (heldAt[k]! > offset) k--;
    return held[k]!.start + offset - heldAt[k]!;
  };
  return { source: head + text.slice(begin, end), head: head.length, inFile };
}

/** How much text js-yaml is given at a time to find the next error in (twice as much each time). */
const ON_CHUNK = 64 * 1024;
/** How many content lines after a chunk's size are tried for one a reading may start at. */
const CHUNK_END_TRIES = 16;

/**
 * Where js-yaml, reading on from an entry (after the lines holding it), meets its first error, as
 * an offset in the file; 'none' when it reads to the end; undefined when it cannot say where.
 * It reads a chunk at a time, each ending before an entry the next starts at: for each error,
 * js-yaml counts the lines of all it was given.
 */
function nextError(text: string, lines: readonly Line[], from: ReadingStart, chunk: number): number | 'none' | undefined {
  let start = from;
  for (let size = chunk; ; size = size * 2 + 1) {
    const begin = lines[start.start]!.start;
    // The chunk ends before the first line, from `size` bytes on, where a reading may start.
    let next: ReadingStart | undefined;
    if (begin + size < text.length) {
      for (let j = lineAt(lines, begin + size), tries = 0; j < lines.length && tries < CHUNK_END_TRIES && next === undefined; j++) {
        if (!lines[j]!.content || j <= start.start) continue;
        tries++;
        next = readingStartAt(lines, j);
      }
    }
    const end = next === undefined ? text.length : lines[next.start]!.start;
    const { source, head, inFile } = textFrom(text, lines, start, end);
    try {
      // json: a repeated key is no syntax error, and does not stop the reading.
      jsYaml.load(source, { schema: jsYaml.CORE_SCHEMA, json: true });
    } catch (err) {
      const at = (err as { mark?: { position?: unknown } }).mark?.position;
      return typeof at === 'number' && at >= head ? inFile(at) : undefined;
    }
    if (next === undefined) return 'none';
    start = next;
  }
}

/** Reads the parts of one text (see syntaxProblems), the lines holding each part's entry parsed once per chain of them. */
class PartReader {
  /** For each chain of holding lines: whether they read well alone, and what the parser has open after them. */
  readonly #held = new Map<string, { readonly readsWell: boolean; readonly open: readonly OpenNode[] } | undefined>();

  constructor(
    private readonly lib: typeof import('./yaml-lib.js'),
    private readonly text: string,
    private readonly lines: readonly Line[],
  ) {}

  /**
   * The lines holding an entry, read alone: whether they read well (as they do in the whole text),
   * and what the parser has open after them; undefined when they cannot be read.
   */
  holding(start: ReadingStart): { readonly readsWell: boolean; readonly open: readonly OpenNode[] } | undefined {
    const key = start.holders.join(' ');
    if (this.#held.has(key)) return this.#held.get(key);
    const { source } = textFrom(this.text, this.lines, start, this.lines[start.start]!.start);
    let open: readonly OpenNode[] = [];
    let found: { readonly readsWell: boolean; readonly open: readonly OpenNode[] } | undefined;
    try {
      const doc = parseGuarded(this.lib, source, new this.lib.LineCounter(), (_, now) => {
        open = now.slice();
        return false;
      });
      found = { readsWell: doc.errors.length === 0, open };
    } catch {
      found = undefined;
    }
    this.#held.set(key, found);
    return found;
  }

  /**
   * What the parser has open at an entry after the lines holding it (see openBefore), as it would
   * have at the entry in the whole text when all before it read well.
   */
  openAt(start: ReadingStart): string | undefined {
    const held = this.holding(start);
    return held === undefined ? undefined : openBefore(held.open, this.lines[start.start]!);
  }

  /**
   * The part from `start` read until `size` bytes are read and an entry can be stopped at: its
   * errors (offsets in the file), and `trust`, where the last entry read starts (undefined when it
   * read to the end of the text); 'more' when the text given to the parser ended first; undefined
   * when it cannot be read.
   */
  read(start: ReadingStart, size: number): { errors: YamlError[]; trust?: number; cut?: number; openAtTrust?: string | undefined } | 'more' | undefined {
    const { lines } = this;
    const from = lines[start.start]!.start;
    // Text enough to stop in, and no more: the parser reads what it is given to the end.
    const wanted = from + 2 * size + 4096;
    const end = wanted >= this.text.length ? this.text.length : lines[Math.min(lines.length - 1, lineAt(lines, wanted) + 1)]!.start;
    const { source, head, inFile } = textFrom(this.text, lines, start, end);
    let trust: number | undefined;
    let cut: number | undefined;
    let openAtTrust: string | undefined;
    // What was open as the last content line began, and as the one before it did.
    let current: { line: number; open: string | undefined } | undefined;
    let before: typeof current;
    const stop: StopRule = (offset, open) => {
      const at = inFile(offset);
      const n = lineAt(lines, at);
      const line = lines[n]!;
      const starts = line.start === at;
      if (line.content && starts) [before, current] = [current, { line: n, open: openBefore(open, line) }];
      if (offset < head + size || !starts || !open.every((t) => t.type === 'document' || t.type === 'block-map' || t.type === 'block-seq')) return false;
      const last = previousContent(lines, n);
      if (last === undefined || lineKind(line) === undefined || lineKind(lines[last]!) === undefined || line.indent > lines[last]!.indent) return false;
      // The parser has looked at the whole of the line it stops before: it must be in what it was given.
      if ((n + 1 < lines.length ? lines[n + 1]!.start : this.text.length) > end) return false;
      // And it has open, for that line, what the lines holding it open: the text after it cannot
      // add to the errors before it, as it could after an error that leaves the parser elsewhere.
      const holding = readingStartAt(lines, n);
      if (holding === undefined || openBefore(open, line) !== this.openAt(holding)) return false;
      trust = lines[last]!.start;
      cut = at;
      openAtTrust = before?.line === last ? before.open : undefined;
      return true;
    };
    let doc: Document.Parsed;
    try {
      doc = parseGuarded(this.lib, source, new this.lib.LineCounter(), stop);
    } catch (err) {
      if (err instanceof NestingLimit || err instanceof RangeError) return undefined;
      throw err;
    }
    if (trust === undefined && end < this.text.length) return 'more';
    const errors = [...doc.errors, ...doc.warnings].map((e): YamlError => ({ code: e.code, message: e.message, pos: [inFile(e.pos[0]), inFile(e.pos[1])] }));
    return trust === undefined ? { errors } : { errors, trust, cut: cut!, openAtTrust };
  }
}

/**
 * The collections the parser has open that an entry on `line` sits in (those indented less), in
 * words; undefined when anything else is open, or a collection as far indented of the other kind
 * (a list where the line is a key, a map where it is an item), which the parser may make a key of.
 */
function openBefore(open: readonly OpenNode[], line: Line): string | undefined {
  const kind = lineKind(line) === 'item' ? 'block-seq' : 'block-map';
  let words = '';
  for (const node of open) {
    if (node.type === 'document') continue;
    if (node.type !== 'block-map' && node.type !== 'block-seq') return undefined;
    if (node.indent! < line.indent) words += `${node.type} ${node.indent} `;
    else if (node.indent === line.indent && node.type !== kind) return undefined;
  }
  return words;
}

/**
 * The first problems of a text read in part, in reading order, up to the line of the `most`-th (the
 * MAX_LISTED-th), then a last one there saying bva stopped: `most` in all at most, so every output
 * lists it.
 */
function stoppedAt(lines: readonly Line[], problems: readonly Problem[], most: number): Problem[] {
  const sorted = [...problems].sort((a, b) => a.offset! - b.offset!);
  const line = lines[lineAt(lines, sorted[most - 1]!.offset!)]!;
  let shown = sorted.filter((p) => p.offset! < line.start);
  let at = line.start + line.indent;
  // All on one line (a long line of many errors): the first of them, and the stop at the next.
  if (shown.length === 0) {
    shown = sorted.slice(0, most - 1);
    at = sorted[most - 1]!.offset!;
  }
  const message = `bva stopped reading the file here, after the ${count(shown.length)} problems before it: fix them and run bva again to check the rest`;
  return [...shown, error('stopped-reading', message, [], { offset: at })];
}

