// Turning YAML text into data. Two parsers, one meaning: js-yaml reads well-formed files fast
// (the common case, and what keeps bva quick on large files); yaml's Document API is used when a
// problem needs a line and column, because it keeps every node's position. Both use the YAML 1.2
// core schema, so a date stays a string and `yes` stays a word.
import jsYaml from 'js-yaml';
import type { Document, LineCounter } from 'yaml';
import { error, type Anchor, type DocPath, type Position, type Problem } from './problem.js';

/** How many alias expansions a document may make before it is refused as a resource attack. */
export const MAX_ALIAS_COUNT = 100;
/** How deeply collections may nest; bva's own files need fewer than ten levels. */
export const MAX_DEPTH = 64;

/**
 * The fast path: parse with js-yaml and return the data, or undefined when the text needs the
 * careful parser: a syntax error, a duplicate key, an unknown tag, a shared (aliased) collection
 * or deep nesting. Any doubt goes to the careful parser, so this only ever saves time.
 */
export function parseFast(text: string): { data: unknown } | undefined {
  let data: unknown;
  try {
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  // Only an alias (`*name`) can make two places share a collection; without one, the cheaper
  // depth-only walk will do.
  const mayShare = /(^|[\s[{,:-])\*[^\s,[\]{}]/.test(text);
  return (mayShare ? isPlainTree(data) : withinDepth(data, 0)) ? { data } : undefined;
}

/** True when no collection in `value` is nested more than MAX_DEPTH deep. */
function withinDepth(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!withinDepth(item, depth + 1)) return false;
  } else {
    for (const key in value) if (!withinDepth((value as Record<string, unknown>)[key], depth + 1)) return false;
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
  const { parseDocument, LineCounter, isMap, isSeq, isScalar, isPair } = await import('./yaml-lib.js');
  const lineCounter = new LineCounter();
  const problems: Problem[] = [];
  let doc: Document.Parsed;
  try {
    // uniqueKeys off: yaml's own check is quadratic and names one position; ours is linear and names both.
    // resolveKnownTags off: YAML 1.1's !!binary, !!timestamp, !!omap, !!pairs and !!set are
    // unknown tags here, as on the fast path, instead of turning into Buffers, Dates, Maps and Sets.
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, resolveKnownTags: false });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return { doc: parseDocument('', { lineCounter }), lineCounter, problems: [tooDeep()], data: undefined };
  }
  for (const e of [...doc.errors, ...doc.warnings]) problems.push(yamlIssue(e));
  if (problems.length > 0) return { doc, lineCounter, problems, data: undefined };

  // Depth and duplicate keys, in one walk over the nodes.
  const walk = (node: unknown, path: (string | number)[]): boolean => {
    if (path.length > MAX_DEPTH) return false;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
        const keyPath = [...path, key];
        if (seen.has(key)) {
          // A path lookup finds the first of two equal keys: name the repeat by its offset.
          problems.push(
            error('duplicate-key', `duplicate key ${JSON.stringify(key)}`, keyPath, {
              anchor: 'key',
              offset: (item.key as { range?: [number, number, number] }).range?.[0] ?? 0,
              related: { path: keyPath, anchor: 'key', label: 'first at' },
            }),
          );
        }
        seen.add(key);
        if (!walk(item.value, keyPath)) return false;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) if (!walk(node.items[i], [...path, i])) return false;
    }
    return true;
  };
  let shallow: boolean;
  try {
    shallow = walk(doc.contents, []);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    shallow = false;
  }
  if (!shallow) return { doc, lineCounter, problems: [tooDeep()], data: undefined };
  if (problems.length > 0) return { doc, lineCounter, problems, data: undefined };
  try {
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (!isPlainTree(data, true)) return { doc, lineCounter, problems: [tooDeep()], data: undefined };
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

function yamlIssue(e: { code: string; message: string; pos: [number, number] }): Problem {
  if (e.code === 'TAG_RESOLVE_FAILED') {
    const tag = e.message.replace(/^Unresolved tag: /, '').replace('tag:yaml.org,2002:', '!!');
    return error('yaml-tag', `unknown tag ${tag}: bva reads plain YAML only`, [], { offset: e.pos[0] });
  }
  // yaml's messages name the position again at the end; the line and column already say it.
  const message = e.message.replace(/ at line \d+, column \d+[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
  return error('yaml-syntax', message.charAt(0).toLowerCase() + message.slice(1), [], { offset: e.pos[0] });
}

const tooDeep = (): Problem => error('yaml-too-deep', `refused: nested more than ${MAX_DEPTH} levels deep`, []);

/**
 * True when data is a tree: no collection appears twice (aliases share them) and nesting stays
 * within MAX_DEPTH. With `allowShared`, shared collections are fine (yaml has already counted them).
 */
function isPlainTree(data: unknown, allowShared = false): boolean {
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return false;
    if (seen.has(value)) {
      if (allowShared) continue;
      return false;
    }
    seen.add(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return true;
}
