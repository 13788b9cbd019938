// Turning YAML text into data. Two parsers, one meaning: js-yaml reads well-formed files fast
// (the common case, and what keeps bva quick on large files); yaml's Document API is used when a
// problem needs a line and column, because it keeps every node's position. Both use the YAML 1.2
// core schema, so a date stays a string and `yes` stays a word.
import jsYaml from 'js-yaml';
import type { Document, LineCounter } from 'yaml';
import { error, type Anchor, type DocPath, type Position, type Problem } from './problem.js';
import { explainYamlErrors, mayHaveOpenQuote, type YamlError } from './yaml-explain.js';

/** How many alias expansions a document may make before it is refused as a resource attack. */
export const MAX_ALIAS_COUNT = 100;
/** How deeply collections may nest; bva's own files need fewer than ten levels. */
export const MAX_DEPTH = 64;
/**
 * How deep yaml's parser stack may grow before the text is refused unread. A collection adds one
 * or two entries, so no file within MAX_DEPTH comes near it; past it, yaml's parser slows down
 * with the depth (a 4 MB line of `[` took 12 s and 2 GB), so the parse stops here instead.
 */
const MAX_PARSER_STACK = 2 * MAX_DEPTH + 8;

/**
 * What js-yaml makes of a list or a map used as a key ("a,b", "[object Object]"). No id or
 * schema key has a comma, so a valid file never holds one; a file that does goes to the careful
 * parser, which refuses a collection key at its place.
 */
const looksLikeCollectionKey = (key: string): boolean => key.includes(',') || key === '[object Object]';

/**
 * The fast path: parse with js-yaml and return the data, or undefined when the text needs the
 * careful parser: a syntax error, a duplicate key, an unknown tag, a shared (aliased) collection,
 * deep nesting, a list or a map used as a key, or an explicit `?` key. Any doubt goes to the careful parser, so this only ever saves time.
 */
export function parseFast(text: string): { data: unknown } | undefined {
  const read = readFast(text);
  return read === undefined || read.repeated ? undefined : { data: read.data };
}

/**
 * parseFast, and one more answer: when js-yaml's only complaint is a repeated key, the data with
 * each repeated key's last value and `repeated` true (the text read again with js-yaml's `json`
 * option, which lets a later key replace an earlier one). The repeats are for the caller to find
 * (Locator.repeatedKeys): the careful parser costs five times js-yaml on a large file only to
 * name them. The same doubts as parseFast's send such a text the careful way, as does a quote that
 * may be left open, where js-yaml reads on and yaml stops. `seen.errorAt` is set to where js-yaml
 * met an error in the text (not a repeated key), when it did: the text before it reads well.
 */
export function readFast(text: string, seen: { errorAt?: number } = {}): { readonly data: unknown; readonly repeated: boolean } | undefined {
  let data: unknown;
  let repeated = false;
  try {
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false });
  } catch (err) {
    const reason = (err as { reason?: unknown }).reason;
    if (reason !== 'duplicated mapping key') {
      const at = (err as { mark?: { position?: unknown } }).mark?.position;
      if (typeof at === 'number') seen.errorAt = at;
      return undefined;
    }
    if (mayHaveOpenQuote(text)) return undefined;
    try {
      data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: true });
    } catch {
      return undefined;
    }
    repeated = true;
  }
  if (mayHaveListKey(text)) return undefined;
  // Only an alias (`*name`) can make two places share a collection; without one, the cheaper
  // depth-only walk will do. Aliases can also repeat a long text many times over: more text than
  // the file holds goes to the careful parser, which limits aliases.
  const mayShare = mayHaveAlias(text);
  if (repeated && mayShare) return undefined;
  return (mayShare ? isPlainTree(data) && textSize(data) <= text.length : withinDepth(data, 0)) ? { data, repeated } : undefined;
}

/**
 * A key repeated in one map, at the repeat (`offset`, where its key starts), naming where the key
 * first is: found by the careful parser, or by indentation (Locator.repeatedKeys).
 */
export function repeatedKey(path: DocPath, offset: number): Problem {
  return error('duplicate-key', `duplicate key ${JSON.stringify(String(path[path.length - 1]))}`, path, {
    anchor: 'key',
    offset,
    related: { path, anchor: 'key', label: 'first at' },
  });
}

/**
 * True when the text may use a list as a key, which js-yaml turns into the text of its item
 * (`[lead.c1]:` reads as "lead.c1"), so that no later check can tell it from a plain key: a `]`
 * before a key's colon, or an explicit key (`?` first on its line, after any indentation and list
 * dashes). Text like it, in a quoted string, is only sent the slow way. A search for `?` rather
 * than a multi-line regular expression: this runs on every file read, and this way costs a
 * fraction of it on a 3 MB file.
 */
function mayHaveListKey(text: string): boolean {
  for (let i = text.indexOf('?'); i !== -1; i = text.indexOf('?', i + 1)) {
    const next = text[i + 1];
    if (next !== undefined && next !== ' ' && next !== '\t' && next !== '\r' && next !== '\n') continue;
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t' || text[j] === '-')) j--;
    if (j < 0 || text[j] === '\n') return true;
  }
  return /\][ \t]*:(?:[ \t\r\n]|$)/.test(text);
}

/** True when the text may hold an alias: a `*` that starts a token and is followed by a name. */
export function mayHaveAlias(text: string): boolean {
  for (let i = text.indexOf('*'); i !== -1; i = text.indexOf('*', i + 1)) {
    const before = i === 0 ? ' ' : text[i - 1]!;
    const after = text[i + 1];
    if (after !== undefined && !/[\s,[\]{}]/.test(after) && /[\s[{,:-]/.test(before)) return true;
  }
  return false;
}

/** True when no collection in `value` is nested more than MAX_DEPTH deep and no key looks like a collection. */
function withinDepth(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!withinDepth(item, depth + 1)) return false;
  } else {
    for (const key in value) if (looksLikeCollectionKey(key) || !withinDepth((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** A document parsed with positions: what the careful path and the writer work with. */
export interface PositionalYaml {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Syntax problems, unknown tags, duplicate keys, alias and depth limits. */
  readonly problems: Problem[];
  /** The data, when there are no problems. */
  readonly data: unknown;
}

/**
 * The careful path: parse with yaml's Document API, keeping positions, and report every syntax
 * problem, duplicate key (with both positions), unknown tag, alias bomb and over-deep nesting.
 */
export async function parsePositional(text: string): Promise<PositionalYaml> {
  const lib = await import('./yaml-lib.js');
  const { isAlias, isMap, isSeq, isScalar, isPair } = lib;
  const lineCounter = new lib.LineCounter();
  const problems: Problem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseGuarded(lib, text, lineCounter);
  } catch (err) {
    if (err instanceof NestingLimit) return { doc: lib.parseDocument(''), lineCounter, problems: [tooDeep(err.offset)], data: undefined };
    if (!(err instanceof RangeError)) throw err;
    return { doc: lib.parseDocument(''), lineCounter, problems: [tooDeep()], data: undefined };
  }
  // Not pushed with ...: a spread of a hundred thousand problems overflows the stack.
  const syntax = explainYamlErrors(text, [...doc.errors, ...doc.warnings], yamlIssue);
  if (syntax.length > 0) return { doc, lineCounter, problems: syntax, data: undefined };

  // Depth and duplicate keys, in one walk over the nodes. One path, grown and shrunk as the walk
  // goes, copied only into a problem: a large file has hundreds of thousands of nodes.
  const path: (string | number)[] = [];
  const walk = (node: unknown): boolean => {
    if (path.length > MAX_DEPTH) return false;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        // A list or map as a key: JavaScript keys are text, and a person's keys in bva's files are ids.
        const keyNode = isAlias(item.key) ? item.key.resolve(doc) : item.key;
        if (isMap(keyNode) || isSeq(keyNode)) {
          const offset = (item.key as { range?: [number, number, number] }).range?.[0] ?? 0;
          problems.push(error('yaml-complex-key', 'a key must be plain text, not a list or a map', [...path], { offset }));
          continue;
        }
        const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
        if (seen.has(key)) {
          // A path lookup finds the first of two equal keys: name the repeat by its offset.
          problems.push(repeatedKey([...path, key], (item.key as { range?: [number, number, number] }).range?.[0] ?? 0));
        }
        seen.add(key);
        path.push(key);
        const ok = walk(item.value);
        path.pop();
        if (!ok) return false;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        path.push(i);
        const ok = walk(node.items[i]);
        path.pop();
        if (!ok) return false;
      }
    }
    return true;
  };
  let shallow: boolean;
  try {
    shallow = walk(doc.contents);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    shallow = false;
  }
  if (!shallow) return { doc, lineCounter, problems: [tooDeep()], data: undefined };
  if (problems.length > 0) return { doc, lineCounter, problems, data: undefined };
  try {
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (!isPlainTree(data, true)) return { doc, lineCounter, problems: [tooDeep()], data: undefined };
    // A few aliases of a long text, repeated in a list, make a small file into a huge report.
    if (textSize(data) > 2 * text.length + 4096) {
      const message = 'refused: aliases expand the file to more than twice its size (a resource-exhaustion attack?)';
      return { doc, lineCounter, problems: [error('yaml-alias-limit', message, [])], data: undefined };
    }
    return { doc, lineCounter, problems, data };
  } catch (err) {
    if (err instanceof ReferenceError) {
      const message = `refused: more than ${MAX_ALIAS_COUNT} alias expansions (a resource-exhaustion attack?)`;
      return { doc, lineCounter, problems: [error('yaml-alias-limit', message, [])], data: undefined };
    }
    if (err instanceof RangeError) return { doc, lineCounter, problems: [tooDeep()], data: undefined };
    throw err;
  }
}

/**
 * Only the nodes, with their positions, of a text already known to be valid YAML (a block of a file
 * that was read and checked): what an edit needs, without the checks and the data parsePositional
 * makes, which double the cost on a large block. `ok` is false when the text does not parse alone.
 */
export async function parseNodes(text: string): Promise<{ doc: Document.Parsed; ok: boolean }> {
  const lib = await import('./yaml-lib.js');
  try {
    const doc = parseGuarded(lib, text, new lib.LineCounter());
    return { doc, ok: doc.errors.length === 0 };
  } catch (err) {
    if (err instanceof NestingLimit || err instanceof RangeError) return { doc: lib.parseDocument(''), ok: false };
    throw err;
  }
}

/** Where a problem is, as a 1-based line and column. */
export function locate(y: Pick<PositionalYaml, 'doc' | 'lineCounter'>, problem: Pick<Problem, 'path' | 'anchor' | 'offset'>): Position {
  if (problem.offset !== undefined) return y.lineCounter.linePos(problem.offset);
  return locatePath(y, problem.path, problem.anchor ?? 'value');
}

/**
 * The position of the node at `path` (of its key when `anchor` is 'key'); where the path stops
 * existing, the position of the deepest node that does. The one path-to-position lookup in bva.
 */
export function locatePath(y: Pick<PositionalYaml, 'doc' | 'lineCounter'>, path: DocPath, anchor: Anchor): Position {
  const { doc, lineCounter } = y;
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    node = followAlias(node, doc);
    const items = (node as { items?: unknown[] } | null)?.items;
    if (!Array.isArray(items)) break;
    let next: unknown;
    if (typeof seg === 'number' && !items.some(isPairLike)) {
      next = items[seg];
      if (next === undefined) break;
    } else {
      const pair = items.find((p): p is PairLike => isPairLike(p) && scalarText(p.key) === String(seg));
      if (!pair) break;
      if (i === path.length - 1 && anchor === 'key') return lineCounter.linePos(rangeStart(pair.key) ?? offset);
      next = pair.value ?? pair.key;
    }
    node = next;
    offset = rangeStart(next) ?? offset;
  }
  return lineCounter.linePos(offset);
}

interface PairLike {
  key: unknown;
  value: unknown;
}

const isPairLike = (p: unknown): p is PairLike => typeof p === 'object' && p !== null && 'key' in p && 'value' in p;

const scalarText = (node: unknown): string =>
  typeof node === 'object' && node !== null && 'value' in node ? String((node as { value: unknown }).value) : String(node);

const rangeStart = (node: unknown): number | undefined =>
  (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];

function followAlias(node: unknown, doc: Document.Parsed): unknown {
  const alias = node as { source?: unknown; resolve?: (d: Document.Parsed) => unknown } | null;
  if (alias && typeof alias.source === 'string' && typeof alias.resolve === 'function') return alias.resolve(doc) ?? node;
  return node;
}

export function yamlIssue(e: YamlError): Problem {
  if (e.code === 'TAG_RESOLVE_FAILED') {
    const tag = e.message.replace(/^Unresolved tag: /, '').replace('tag:yaml.org,2002:', '!!');
    return error('yaml-tag', `unknown tag ${tag}: bva reads plain YAML only`, [], { offset: e.pos[0] });
  }
  // yaml's messages name the position again at the end; the line and column already say it.
  const message = e.message.replace(/ at line \d+, column \d+[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
  return error('yaml-syntax', message.charAt(0).toLowerCase() + message.slice(1), [], { offset: e.pos[0] });
}

const tooDeep = (offset?: number): Problem =>
  error('yaml-too-deep', `refused: nested more than ${MAX_DEPTH} levels deep`, [], offset === undefined ? {} : { offset });

/** Thrown out of the guarded parse when the nesting passes MAX_PARSER_STACK, at `offset`. */
export class NestingLimit extends Error {
  constructor(readonly offset: number) {
    super('nested too deeply');
  }
}

/**
 * Asked at the start of each line (its offset, and what the parser has open there): true to read no
 * further, as if the text ended there.
 */
export type StopRule = (offset: number, open: readonly OpenNode[]) => boolean;

/** A node the parser has open: its kind ('block-map', 'flow-collection', ...) and, for a collection, its indentation. */
export interface OpenNode {
  readonly type: string;
  readonly indent?: number;
}

/**
 * yaml's parseDocument, with its parser stopped as soon as its stack passes MAX_PARSER_STACK, so
 * deep nesting costs no more than its first few hundred bytes. The lexer, parser and composer
 * parseDocument uses, fed one token at a time (the pattern yaml documents for its Parser).
 */
export function parseGuarded(lib: typeof import('./yaml-lib.js'), text: string, lineCounter: LineCounter, stop?: StopRule): Document.Parsed {
  const parser = new lib.Parser(lineCounter.addNewLine);
  // uniqueKeys off: yaml's own check is quadratic and names one position; ours is linear and names both.
  // resolveKnownTags off: YAML 1.1's !!binary, !!timestamp, !!omap, !!pairs and !!set are
  // unknown tags here, as on the fast path, instead of turning into Buffers, Dates, Maps and Sets.
  const composer = new lib.Composer({ uniqueKeys: false, prettyErrors: false, strict: true, resolveKnownTags: false });
  function* tokens(): Generator<Parameters<typeof composer.next>[0]> {
    lineCounter.addNewLine(0);
    // Where the nesting first looked deeper than allowed: the place to point the person at.
    let deepFrom: number | undefined;
    for (const lexeme of new lib.Lexer().lex(text)) {
      const at = parser.offset;
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_DEPTH + 2) deepFrom ??= at;
      if (parser.stack.length > MAX_PARSER_STACK) throw new NestingLimit(deepFrom ?? at);
      if (stop && (lexeme === '\n' || lexeme === '\r\n') && stop(parser.offset, parser.stack)) break;
    }
    yield* parser.end();
  }
  let doc: Document.Parsed | undefined;
  // Each syntax error yaml finds is an Error object, and an Error records the calls that made it:
  // most of the cost of a text with a hundred thousand of them. Their calls are never shown.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const next of composer.compose(tokens(), true, text.length)) {
      if (doc === undefined) {
        doc = next;
      } else {
        doc.errors.push(new lib.YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'a second YAML document starts here; bva reads one document per file'));
        break;
      }
    }
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  // compose(tokens, forceDoc = true) always gives a document, if only an empty one.
  return doc!;
}

/**
 * How much text the data holds: the length of every key and text, 1 for any other value, counting
 * a shared value each time it appears. Without aliases this is never more than the file's length,
 * since every character comes from the file; more means aliases repeated it.
 */
function textSize(data: unknown): number {
  const sizes = new Map<object, number>();
  const size = (value: unknown): number => {
    if (typeof value === 'string') return value.length;
    if (typeof value !== 'object' || value === null) return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    let n = 0;
    if (Array.isArray(value)) for (const item of value) n += size(item);
    else for (const [key, item] of Object.entries(value)) n += key.length + size(item);
    sizes.set(value, n);
    return n;
  };
  return size(data);
}

/**
 * True when data is a tree: no collection appears twice (aliases share them), nesting stays within
 * MAX_DEPTH, and no key looks like a list or a map. `fromCareful`: the data came from the careful
 * parser, which has already counted aliases and named any collection key at its place.
 */
function isPlainTree(data: unknown, fromCareful = false): boolean {
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return false;
    if (seen.has(value)) {
      if (fromCareful) continue;
      return false;
    }
    seen.add(value);
    if (!fromCareful && !Array.isArray(value) && Object.keys(value).some(looksLikeCollectionKey)) return false;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return true;
}
