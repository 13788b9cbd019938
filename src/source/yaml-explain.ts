// YAML syntax errors in words a person who edits a file by hand can act on. The parser names what
// it could not read ("nested mappings are not allowed in compact mappings"); this names what the
// person wrote (a colon inside text, a quote never closed, a tab, a line indented out of step) at
// the line where they wrote it, says what to change, and drops the errors that only follow from it.
import { error, quote, type Problem } from './problem.js';

/** A syntax error as the yaml library reports it. */
export interface YamlError {
  readonly code: string;
  readonly message: string;
  readonly pos: readonly [number, number];
}

/** One line of the text: where it starts, its indentation, and its content (without the line break). */
export interface Line {
  readonly start: number;
  readonly indent: number;
  readonly text: string;
  /** Not blank, not only a comment, and not inside a block scalar (`|` or `>` text). */
  readonly content: boolean;
}

/** `key:` or `- key:` at the start of a line's content: the key, and where its value starts. */
const KEY = /^((?:-[ \t]+)*)((?:"[^"]*"|'[^']*'|[^\s#'"-][^:#]*?|-[^\s:#][^:#]*?)):(?:[ \t]+|$)/;

/** A value that starts a block scalar (`|`, `>-`, `|+2`, ...), perhaps with a comment after it. */
const BLOCK_SCALAR = /^[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/** Where an explanation drops the parser's other errors: on its own line only, or from there on. */
type Reach = 'line' | 'rest';

interface Explained {
  readonly problem: Problem;
  /** The line (0-based) the parser's error was on, which the explanation replaces. */
  readonly line: number;
  readonly reach: Reach;
}

/**
 * Problems for the parser's errors: each error the text explains is replaced by the explanation,
 * along with the errors that follow from it (on its line, or for a quote left open, a tab or a line
 * indented out of step, every later one); the rest are turned into problems by `plain`.
 */
export function explainYamlErrors(text: string, errors: readonly YamlError[], plain: (e: YamlError) => Problem): Problem[] {
  return errors.length === 0 ? [] : explainSyntax(splitLines(text), errors, plain).problems;
}

/**
 * explainYamlErrors over a text's lines (splitLines), and the line (0-based) from which an
 * explanation drops every later error (a tab, a quote left open, a line out of step), or
 * Infinity: what a reading in parts (src/source/yaml-parts.ts) needs to know it has missed nothing.
 */
export function explainSyntax(lines: readonly Line[], errors: readonly YamlError[], plain: (e: YamlError) => Problem): { problems: Problem[]; derailedAt: number } {
  const lineOf = (offset: number): number => lineAt(lines, offset);
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  // Tabs first: a tab before content derails everything after it, so it is the one thing to say.
  const tabs = tabLines(lines, sorted.filter((e) => e.code === 'TAB_AS_INDENT').map((e) => lineOf(e.pos[0])));
  let stopAt = tabs ? tabs.line : Infinity;
  const explained: Explained[] = tabs ? [tabs] : [];
  // The lines explained, looked up for every error: a set, so many errors cost in proportion to their number.
  const explainedLines = new Set(explained.map((x) => x.line));
  const others: { line: number; problem: Problem }[] = [];
  for (const e of sorted) {
    const at = lineOf(e.pos[0]);
    if (at >= stopAt || explainedLines.has(at)) continue;
    const x = explainOne(lines, e, at);
    if (!x) {
      others.push({ line: at, problem: plain(e) });
      continue;
    }
    explained.push(x);
    explainedLines.add(x.line);
    if (x.reach === 'rest') stopAt = Math.min(stopAt, x.line);
  }
  // What the explanations account for goes: the errors on their lines, and after one that derails the rest.
  const kept = others.filter((o) => o.line < stopAt && !explainedLines.has(o.line));
  return { problems: explained.map((x) => x.problem).concat(kept.map((o) => o.problem)), derailedAt: stopAt };
}

/** The 0-based line an offset is on. */
export function lineAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function explainOne(lines: readonly Line[], e: YamlError, at: number): Explained | undefined {
  if (e.code === 'MISSING_CHAR' && /closing ["']?quote/i.test(e.message)) return unclosedQuote(lines, at);
  const step = outOfStep(lines, at);
  if (step) return step;
  if (e.code === 'MULTILINE_IMPLICIT_KEY' || e.code === 'MISSING_CHAR' || e.code === 'BLOCK_AS_IMPLICIT_KEY') {
    const more = continuedText(lines, at) ?? deeperKey(lines, at);
    if (more) return more;
  }
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY') return colonInText(lines, at);
  return undefined;
}

/** One problem for every line indented with a tab, at the first. */
function tabLines(lines: readonly Line[], reported: readonly number[]): Explained | undefined {
  if (reported.length === 0) return undefined;
  const all = [...new Set(reported)].sort((a, b) => a - b);
  const first = all[0]!;
  const others = all.slice(1).map((l) => l + 1);
  const also = others.length === 0 ? '' : others.length === 1 ? ` (and the one on line ${others[0]})` : ` (and those on lines ${listWords(others.map(String))})`;
  const message = `this line is indented with a tab, and YAML indents with spaces only: replace the tab with spaces${also}`;
  return { line: first, reach: 'rest', problem: error('yaml-tab-indent', message, [], { offset: lines[first]!.start }) };
}

/**
 * A quote opened and never closed: said at the opening quote, found on the line of the error or,
 * when the parser read on to the end of the file, the nearest line above that opens a quote and
 * does not close it.
 */
function unclosedQuote(lines: readonly Line[], at: number): Explained {
  let found: { line: number; column: number; mark: string } | undefined;
  for (let i = at; i >= 0 && !found; i--) {
    const m = OPENS_QUOTE.exec(lines[i]!.text);
    if (m && !closes(m[2]!, m[3]!)) found = { line: i, column: m[1]!.length, mark: m[2]! };
  }
  const { line, column, mark } = found ?? { line: at, column: lines[at]!.indent, mark: '"' };
  const message = `the quote (${mark}) that opens this text is never closed: end the text with ${mark}, or remove the opening ${mark}`;
  return { problem: error('yaml-unclosed-quote', message, [], { offset: lines[line]!.start + column }), line, reach: 'rest' };
}

/**
 * True when some line opens a quoted value (`key: "`, `- '`) and does not close it on that line: a
 * quote that may have been left open. Cheap; asked only of a file that has problems already.
 */
export function mayHaveOpenQuote(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const m = OPENS_QUOTE.exec(text.slice(start, end).replace(/\r$/, ''));
    if (m && !closes(m[2]!, m[3]!)) return true;
    start = end + 1;
  }
  return false;
}

/**
 * True when some line opens a list or map in brackets (`[`, `{`) and does not close it on that line,
 * outside quotes and comments: a flow that may go on over several lines, which js-yaml and yaml do
 * not always read alike. Cheap: only lines with a bracket are looked at.
 */
export function mayHaveOpenFlow(text: string): boolean {
  let from = 0;
  // The next of each bracket, each looked for again only once passed: a text with many of one and
  // none of the other is not searched to its end for every line.
  let square = -2;
  let curly = -2;
  for (;;) {
    if (square !== -1 && square < from) square = text.indexOf('[', from);
    if (curly !== -1 && curly < from) curly = text.indexOf('{', from);
    const at = square === -1 ? curly : curly === -1 ? square : Math.min(square, curly);
    if (at === -1) return false;
    const start = text.lastIndexOf('\n', at) + 1;
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end).replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""').replace(/(^|[ \t])#.*$/, '');
    let depth = 0;
    for (const c of line) {
      if (c === '[' || c === '{') depth++;
      else if ((c === ']' || c === '}') && depth > 0) depth--;
    }
    if (depth > 0) return true;
    if (nl === -1) return false;
    from = end + 1;
  }
}

/** A line whose value (after `key: `, `- `, or nothing) starts with a quote: what comes before it, the quote, and the rest. */
const OPENS_QUOTE = /^([ \t]*(?:-[ \t]+)*(?:[^\s#'"][^:#]*:[ \t]+)?)(["'])(.*)$/;

/** Whether the rest of a line closes the quote it opened. */
const closes = (mark: string, rest: string): boolean => (mark === '"' ? /(?:^|[^\\])(?:\\\\)*"/.test(rest) : rest.replace(/''/g, '').includes("'"));

/**
 * A line indented less than the line before it, to a column where no key or list above it starts:
 * YAML cannot tell what it belongs to. Names the columns that would place it.
 */
function outOfStep(lines: readonly Line[], at: number): Explained | undefined {
  const line = lines[at]!;
  if (!line.content) return undefined;
  // Lined up with the line above (its dash, its key or its text): the common case, settled
  // without walking up through the lines above it, which every error on a long list would do.
  const prev = previousContent(lines, at);
  if (prev !== undefined && lines[prev]!.indent === line.indent) return undefined;
  const above = ancestors(lines, at);
  if (above.length === 0 || line.indent >= above[0]!.column) return undefined;
  if (above.some((a) => a.column === line.indent)) return undefined;
  const deeper = [...above].reverse().find((a) => a.column > line.indent);
  const shallower = above.find((a) => a.column < line.indent);
  const options = [deeper, shallower]
    .filter((a): a is Anchor => a !== undefined)
    .map((a) => `${plural(a.column, 'space')}, like ${quoteLine(a.label)} on line ${a.line + 1}`);
  const message = `this line is indented ${plural(line.indent, 'space')}, which lines up with nothing above it: indent it ${options.join(', or ')}`;
  return { problem: error('yaml-indent', message, [], { offset: line.start }), line: at, reach: 'rest' };
}

/**
 * The line after a `key: text` line, indented deeper and itself a key: YAML reads it as more of the
 * text, and then cannot. Said at the deeper line.
 */
function deeperKey(lines: readonly Line[], at: number): Explained | undefined {
  const line = lines[at]!;
  const key = KEY.exec(line.text.slice(line.indent));
  if (!key || !line.content) return undefined;
  const value = line.text.slice(line.indent + key[0].length).trim();
  if (value === '' || BLOCK_SCALAR.test(value)) return undefined;
  const next = nextContent(lines, at);
  if (next === undefined) return undefined;
  const after = lines[next]!;
  const keyColumn = line.indent + key[1]!.length;
  if (after.indent <= keyColumn || !KEY.test(after.text.slice(after.indent))) return undefined;
  const name = key[2]!;
  const message = `this line is indented ${plural(after.indent, 'space')}, deeper than ${quoteLine(`${name}:`)} on line ${at + 1}, so YAML reads it as more of that text: indent it ${plural(keyColumn, 'space')}, like ${quoteLine(`${name}:`)}`;
  return { problem: error('yaml-indent', message, [], { offset: after.start }), line: at, reach: 'line' };
}

/**
 * Plain text on a line of its own, after a `key: text` line and indented no deeper than that key:
 * meant as more of the text above. Said at the line, with the indentation that keeps it in the text.
 */
function continuedText(lines: readonly Line[], at: number): Explained | undefined {
  const line = lines[at]!;
  if (!line.content) return undefined;
  const own = line.text.slice(line.indent);
  if (KEY.test(own) || own.startsWith('- ') || own === '-') return undefined;
  const prev = previousContent(lines, at);
  if (prev === undefined) return undefined;
  const above = lines[prev]!;
  const key = KEY.exec(above.text.slice(above.indent));
  if (!key) return undefined;
  const value = above.text.slice(above.indent + key[0].length).trim();
  if (value === '' || BLOCK_SCALAR.test(value) || /^["'[{&*!]/.test(value)) return undefined;
  const keyColumn = above.indent + key[1]!.length;
  if (line.indent > keyColumn) return undefined;
  const name = key[2]!;
  const asKey = /^[A-Za-z0-9][\w.-]*$/.test(own.trim()) ? `; if ${own.trim()} is meant as a key, end it with a colon` : '';
  const message =
    `this line reads as more of the text of ${quoteLine(`${name}:`)} on line ${prev + 1}, but is indented no deeper than that key: ` +
    `indent it at least ${plural(keyColumn + 1, 'space')}, or start a block with ${name}: >- and write the text on the lines below it${asKey}`;
  return { problem: error('yaml-indent', message, [], { offset: line.start + line.indent }), line: at, reach: 'line' };
}

/** `key: some text: more`: a colon and a space inside unquoted text. Says how to write it. */
function colonInText(lines: readonly Line[], at: number): Explained | undefined {
  const line = lines[at]!;
  const own = line.text.slice(line.indent);
  const key = KEY.exec(own);
  if (!key) return undefined;
  const value = own.slice(key[0].length).replace(/[ \t]+#.*$/, '').trimEnd();
  const colon = /:(?:[ \t]|$)/.exec(value);
  if (!colon || /^["'[{|>]/.test(value)) return undefined;
  const name = key[2]!;
  // Worked out when shown: a text may have this slip on every one of its lines.
  const message = (): string => {
    // The words either side of the colon, as the person will find them in the line.
    const before = value.slice(0, colon.index).split(/\s+/).slice(-2).join(' ');
    const after = value.slice(colon.index + 1).trimStart().split(/\s+/)[0] ?? '';
    const around = `${before}:${after === '' ? '' : ` ${after}`}`;
    const block = `start a block with ${name}: >- and write the text on the lines below it, indented`;
    const fix = value.includes('"') ? block : `put the text in quotes, as in ${name}: ${quote(value)}, or ${block}`;
    return `a colon followed by a space inside text (${quote(around)}) makes YAML read a new key: ${fix}`;
  };
  return { problem: error('yaml-colon-in-text', message, [], { offset: line.start + line.indent + key[0].length }), line: at, reach: 'line' };
}

/** A key or list item that a line could line up with: its column, its line, and how it reads. */
interface Anchor {
  readonly column: number;
  readonly line: number;
  readonly label: string;
}

/**
 * The keys and list items open above line `at`, nearest (deepest) first: the line before it, then
 * each line before that indented less than everything after it. A `- key:` line opens two columns.
 * Each step goes straight to the next such line (see `outerLines`), so the cost is the depth of the
 * nesting, not the length of the file above.
 */
function ancestors(lines: readonly Line[], at: number): Anchor[] {
  const out: Anchor[] = [];
  const outer = outerLines(lines);
  let limit = Infinity;
  for (let i = previousContent(lines, at) ?? -1; i >= 0; i = outer[i]!) {
    const l = lines[i]!;
    const own = l.text.slice(l.indent);
    const dash = /^(-[ \t]+)+/.exec(own);
    const columns: Anchor[] = [];
    if (dash) {
      const rest = own.slice(dash[0].length);
      const key = KEY.exec(rest);
      if (key) columns.push({ column: l.indent + dash[0].length, line: i, label: `${key[2]}:` });
      columns.push({ column: l.indent, line: i, label: `- ${shorten(rest)}` });
    } else {
      const key = KEY.exec(own);
      columns.push({ column: l.indent, line: i, label: key ? `${key[2]}:` : shorten(own) });
    }
    for (const c of columns) if (c.column < limit) out.push(c);
    limit = l.indent;
    if (limit === 0) break;
  }
  return out;
}

/** For each content line, the nearest content line above it indented less (-1 for none); worked out once per text. */
const OUTER = new WeakMap<readonly Line[], Int32Array>();

function outerLines(lines: readonly Line[]): Int32Array {
  let outer = OUTER.get(lines);
  if (outer) return outer;
  outer = new Int32Array(lines.length).fill(-1);
  // The lines still open, by indentation: each line closes those indented as far or further.
  const open: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.content) continue;
    while (open.length > 0 && lines[open[open.length - 1]!]!.indent >= l.indent) open.pop();
    outer[i] = open.length > 0 ? open[open.length - 1]! : -1;
    open.push(i);
  }
  OUTER.set(lines, outer);
  return outer;
}

export function previousContent(lines: readonly Line[], at: number): number | undefined {
  for (let i = at - 1; i >= 0; i--) if (lines[i]!.content) return i;
  return undefined;
}

function nextContent(lines: readonly Line[], at: number): number | undefined {
  for (let i = at + 1; i < lines.length; i++) if (lines[i]!.content) return i;
  return undefined;
}

/**
 * The text's lines, with block scalars' bodies marked as not content (their indentation is the text's
 * own). One slice per line and a regular expression only on a line that may start a block scalar:
 * a file with a syntax error on each of its hundred thousand lines is split here once.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let blockAbove: number | undefined;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const rawEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    let bodyAt = start;
    while (bodyAt < rawEnd && (text.charCodeAt(bodyAt) === 32 || text.charCodeAt(bodyAt) === 9)) bodyAt++;
    const raw = text.slice(start, rawEnd);
    const indent = bodyAt - start;
    const empty = bodyAt === rawEnd;
    const blank = empty || text.charCodeAt(bodyAt) === 35;
    if (blockAbove !== undefined && (empty || indent > blockAbove)) {
      lines.push({ start, indent, text: raw, content: false });
    } else {
      blockAbove = undefined;
      lines.push({ start, indent, text: raw, content: !blank });
      // A block scalar's value starts with | or >: a line with neither cannot start one.
      if (!blank && (raw.includes('|', indent) || raw.includes('>', indent)) && opensBlock(raw, indent)) blockAbove = indent;
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

/** A line's text as a message quotes it, cut short. */
const shorten = (s: string): string => (s.length > 30 ? `${s.slice(0, 27).trimEnd()}...` : s);

const quoteLine = (s: string): string => `"${shorten(s)}"`;

const plural = (n: number, one: string): string => `${n} ${n === 1 ? one : `${one}s`}`;

/** "1, 2 and 3" */
const listWords = (words: readonly string[]): string => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);

/** True when a line's value, after its indentation, starts a block scalar (`key: |`, `- >-`). */
function opensBlock(text: string, indent: number): boolean {
  const body = text.slice(indent);
  const key = KEY.exec(body);
  const value = key ? body.slice(key[0].length) : /^-[ \t]+/.test(body) ? body.replace(/^(-[ \t]+)+/, '') : '';
  return BLOCK_SCALAR.test(value.trim());
}

/** What a content line starts: a list item (`- `), a key (`key:`), or neither (more text, a flow, ...). */
export function lineKind(line: Line): 'item' | 'key' | undefined {
  if (!line.content) return undefined;
  const own = line.text.slice(line.indent);
  if (own === '-' || own.startsWith('- ') || own.startsWith('-\t')) return 'item';
  return KEY.test(own) ? 'key' : undefined;
}

/**
 * Where a careful reading may start instead of at the top, for a text read well up to line `at`
 * (js-yaml read it that far): a list item or key at or above `at` that starts its own entry (the
 * content line above it is a key or an item, indented otherwise or the same kind, and the entries
 * before it alongside it are too), with the lines that hold it (each content line above it indented less than the
 * one below: its keys and items, outermost first), with no comment between it and the content
 * above. The held lines and the text from `start` on read as the whole text would from `start`
 * on. Undefined when no such line is found near `at`.
 */
export function readingStart(lines: readonly Line[], at: number): { readonly start: number; readonly holders: readonly number[] } | undefined {
  // Each entry above, nearest first, until one will do: a few, as each costs a look at the entries before it.
  let s = lines[at]?.content ? at : previousContent(lines, at);
  for (let tries = 0; s !== undefined && tries < START_TRIES; tries++) {
    const above = previousContent(lines, s);
    if (above === undefined) return undefined;
    const found = startingAt(lines, s, above);
    if (found) return found;
    s = above;
  }
  return undefined;
}

/** How many lines readingStart looks at, at most, for the start of an entry. */
const START_TRIES = 8;

/** readingStart's answer when line `s` itself starts an entry, else undefined. */
export function readingStartAt(lines: readonly Line[], s: number): { readonly start: number; readonly holders: readonly number[] } | undefined {
  const above = previousContent(lines, s);
  return lines[s]?.content && above !== undefined ? startingAt(lines, s, above) : undefined;
}

/** readingStart's answer when line `s` (below content line `above`) starts an entry. */
function startingAt(lines: readonly Line[], s: number, above: number): { readonly start: number; readonly holders: readonly number[] } | undefined {
  const line = lines[s]!;
  const prev = lines[above]!;
  const kind = lineKind(line);
  const prevKind = lineKind(prev);
  if (kind === undefined || prevKind === undefined || (prev.indent === line.indent && prevKind !== kind)) return undefined;
  const outer = outerLines(lines);
  const holders: number[] = [];
  for (let i = outer[s]!, child = s; ; child = i, i = outer[i]!) {
    if (!entries(lines, i, child) || (i >= 0 && !holds(lines, i, child))) return undefined;
    if (i < 0) break;
    holders.push(i);
  }
  // With nothing holding it, the entry is a key of the map the text is: the text's first line must be one too.
  const first = lines[0]!.content ? 0 : nextContent(lines, 0);
  if (holders.length === 0 && (line.indent !== 0 || first === undefined || lineKind(lines[first]!) !== 'key' || lines[first]!.indent !== 0)) return undefined;
  // A comment between the entry and the content above may be where the parser places an error,
  // and reads otherwise after the lines that hold the entry than after the entries before it.
  if (!opensBlock(prev.text, prev.indent)) for (let j = above + 1; j < s; j++) if (lines[j]!.text.trim() !== '') return undefined;
  return { start: s, holders: holders.reverse() };
}

/**
 * True when the lines from after line `at` (-1: the top) to line `child` that are indented no
 * deeper than it are entries alongside it: indented as far, and the same kind (items or keys).
 */
function entries(lines: readonly Line[], at: number, child: number): boolean {
  const { indent } = lines[child]!;
  const kind = lineKind(lines[child]!);
  // What is known of the lines after `at` for this indentation and kind: a text read in many parts
  // asks of the same long list again and again, and each line is looked at once.
  let known = ENTRIES.get(lines);
  if (!known) ENTRIES.set(lines, (known = new Map()));
  const key = `${at} ${indent} ${kind}`;
  const seen = known.get(key) ?? { upTo: at + 1, wrongAt: Infinity };
  for (let j = seen.upTo; j < child && seen.wrongAt === Infinity; j++) {
    const line = lines[j]!;
    if (line.content && line.indent <= indent && (line.indent !== indent || lineKind(line) !== kind)) seen.wrongAt = j;
    seen.upTo = j + 1;
  }
  known.set(key, seen);
  return seen.wrongAt >= child;
}

/** entries' findings for each text's lines: by holding line, indentation and kind, how far the lines are known to be entries, and the first that is not. */
const ENTRIES = new WeakMap<readonly Line[], Map<string, { upTo: number; wrongAt: number }>>();

/**
 * True when line `child` below line `at` is an entry `at` holds, not more of its text: `at` ends
 * with a key or a dash and nothing after (but a comment), and its first entry lines up with
 * `child`; or it is `- key: text`, and `child` lines up with the key.
 */
function holds(lines: readonly Line[], at: number, child: number): boolean {
  const line = lines[at]!;
  const indent = lines[child]!.indent;
  const own = line.text.slice(line.indent).replace(/[ \t]+#.*$/, '');
  const key = KEY.exec(own);
  const open = key ? own.slice(key[0].length).trim() === '' : /^(?:-[ \t]+)*-[ \t]*$/.test(own);
  if (open) return lines[nextContent(lines, at)!]!.indent === indent;
  return key !== null && key[1] !== '' && indent === line.indent + key[1]!.length && lineKind(lines[child]!) === 'key';
}
