// bva's JSON Schemas: where each lives in the package, following a `$ref`, and turning schema errors
// into problems a person can act on: one per place, in plain words, pointing at the key or value
// concerned. The one place ajv's errors are converted.
import type { ErrorObject } from 'ajv';
import { error, pointerOf, quote, type DocPath, type PathSet, type Problem } from './problem.js';
import { notADate } from './dates.js';
import { nearest } from './suggest.js';
import { plural } from '../words.js';

/** Where each schema lives in the package. */
export const SCHEMA_FILES = {
  catalogue: 'src/catalogue/catalogue.schema.json',
  answers: 'src/answers/answers.schema.json',
  report: 'src/render/report.schema.json',
  trend: 'src/render/trend.schema.json',
  actions: 'src/render/actions.schema.json',
  config: 'src/config/config.schema.json',
} as const;

export type SchemaName = keyof typeof SCHEMA_FILES;

/** A schema node with its `$ref`s (all "#/$defs/Name" in bva's schemas) followed to the definition. */
export function followRefs<T extends { readonly $ref?: string }>(defs: Readonly<Record<string, T>>, node: T | undefined): T | undefined {
  let n = node;
  while (n?.$ref) n = defs[n.$ref.replace('#/$defs/', '')];
  return n;
}

/** Named patterns in bva's schemas, and how to say that a value does not match one. */
const PATTERNS: Record<string, (value: unknown) => string> = {
  IsoDate: (v) => (typeof v === 'string' ? notADate(v) : `${quote(v)} is not a date written YYYY-MM-DD`),
  Id: (v) => `${quote(v)} is not a valid id: use letters, digits, ".", "_" and "-", starting with a letter or digit`,
  Word: (v) => `${quote(v)} is not a valid rating word`,
  period: (v) => `${quote(v)} is not a period written YYYY-YY, like 2025-26`,
  version: (v) => `${quote(v)} is not a version written MAJOR.MINOR.PATCH, like 1.0.0`,
  url: (v) => `${quote(v)} is not a link starting https://`,
  link: (v) => `${quote(v)} is not a link, like https://example.org/report.pdf`,
  colour: (v) => `${quote(v)} is not a colour written #rrggbb, like #00703C`,
};

/** The most allowed keys an unknown-key message lists. */
const MAX_LISTED_KEYS = 10;

/**
 * Converts a validator's errors to problems, at most one per place and message. Errors at a place
 * `covered` holds (or inside it) are left out: another problem says what went wrong there (see
 * LoadSpec.explain), and a file may have hundreds of thousands of them.
 */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined, data: unknown, covered?: PathSet): Problem[] {
  if (!errors || errors.length === 0) return [];
  // One path per place, however many errors are there (a map with many unknown keys has one).
  const paths = new Map<string, (string | number)[]>();
  const pathOf = (pointer: string): (string | number)[] => {
    let path = paths.get(pointer);
    if (path === undefined) paths.set(pointer, (path = pointerToPath(pointer, data)));
    return path;
  };
  // An anyOf that fails reports every branch. Where some error explains the value itself (an
  // unknown key, an empty text) drop the branches that merely wanted another type.
  const explained = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'type' && e.keyword !== 'anyOf' && e.keyword !== 'propertyNames') {
      // Every ancestor of this place is explained by it too: up to the first already known to be.
      for (let at = e.instancePath; !explained.has(at); at = at.slice(0, Math.max(0, at.lastIndexOf('/')))) {
        explained.add(at);
        if (at === '') break;
      }
    }
  }
  const kept = covered === undefined || covered.size === 0 ? errors : errors.filter((e) => !covered.coversPointer(placeOf(e)));
  const typesAt = new Map<string, string[]>();
  for (const e of kept) {
    if (e.keyword === 'type' && !explained.has(e.instancePath)) {
      const types = typesAt.get(e.instancePath) ?? [];
      types.push(String(e.params['type']));
      typesAt.set(e.instancePath, types);
    }
  }
  const out: Problem[] = [];
  // The same error at the same place (an anyOf's branches each say it): kept once. Judged on the
  // error's place, kind and details, so no message is made to compare; and only when an anyOf
  // failed, as nothing else repeats an error.
  const seen = kept.some((e) => e.keyword === 'anyOf') ? new Set<string>() : undefined;
  for (const e of kept) {
    if (e.keyword === 'anyOf' || e.keyword === 'propertyNames') continue;
    if (seen) {
      const key = `${e.instancePath}|${e.keyword}|${(e as { propertyName?: string }).propertyName ?? ''}|${JSON.stringify(e.params)}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const path = pathOf(e.instancePath);
    if (e.keyword === 'type') {
      const types = typesAt.get(e.instancePath);
      if (!types) continue;
      typesAt.delete(e.instancePath);
      out.push(error('wrong-type', `${label(path)}must be ${types.map(typeName).join(' or ')}, not ${typeName(kindOf(e.data))}`, path));
      continue;
    }
    out.push(convert(e, path));
  }
  return out;
}

/** Where an error's problem is, as a JSON Pointer: the key itself for an unknown key or a bad key name, else the value. */
function placeOf(e: ErrorObject): string {
  const key = e.keyword === 'additionalProperties' ? String(e.params['additionalProperty']) : (e as { propertyName?: string }).propertyName;
  return key === undefined ? e.instancePath : `${e.instancePath}${pointerOf([key])}`;
}

function convert(e: ErrorObject, path: (string | number)[]): Problem {
  const p = e.params as Record<string, unknown>;
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    // An error about a key itself (propertyNames): point at the key.
    const keyPath = [...path, propertyName];
    const detail = e.keyword === 'pattern' ? PATTERNS['Id']!(propertyName) : (e.message ?? 'is not allowed');
    return error('bad-format', `key ${detail}`, keyPath, { anchor: 'key' });
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      return new UnknownKey(path, String(p['additionalProperty']), allowedKeys(e.parentSchema));
    }
    case 'required': {
      const missing = String(p['missingProperty']);
      // "catalogue is missing", "actions item 1 is missing": the place named as label() names it.
      const where = path.length > 0 ? `${label(path).slice(0, -2)} is missing` : 'missing';
      return error('missing-key', `${where} ${quote(missing)}`, path, { anchor: path.length > 0 ? 'key' : 'value' });
    }
    case 'pattern': {
      const name = patternName(e.schemaPath);
      const say = PATTERNS[name];
      return error('bad-format', `${label(path)}${say ? say(e.data) : `${quote(e.data)} does not match ${String(p['pattern'])}`}`, path);
    }
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      return error('bad-format', `${label(path)}${quote(e.data)} is not one of: ${allowed.join(', ')}`, path);
    }
    case 'minLength':
      return error('bad-format', `${label(path)}must not be empty`, path);
    case 'maxLength':
      return error('bad-format', `${label(path)}is longer than ${String(p['limit'])} characters`, path);
    case 'minItems':
      return error('bad-format', `${label(path)}needs at least ${plural(Number(p['limit']), 'item')}`, path);
    case 'maxItems':
      return error('bad-format', `${label(path)}may have at most ${String(p['limit'])} items`, path);
    case 'minProperties':
      return error('bad-format', `${label(path)}needs at least ${plural(Number(p['limit']), 'entry', 'entries')}`, path);
    default:
      return error('schema', `${label(path)}${e.message ?? 'is not valid'}`, path);
  }
}

/**
 * An unknown key: the commonest problem a file can have many thousands of (a file of 5 MiB can hold
 * 400,000), so each is a small object sharing its map's path and the allowed keys, its path and
 * its words (with a "did you mean") made only when asked for.
 */
class UnknownKey implements Problem {
  readonly severity = 'error';
  readonly code = 'unknown-key';
  readonly anchor = 'key';

  constructor(
    readonly map: DocPath,
    readonly key: string,
    readonly allowed: readonly string[],
  ) {}

  get path(): DocPath {
    return [...this.map, this.key];
  }

  get message(): string {
    const guess = nearest(this.key, this.allowed);
    const hint = guess ? `; did you mean ${quote(guess)}?` : this.allowed.length > 0 && this.allowed.length <= MAX_LISTED_KEYS ? `; expected one of: ${this.allowed.join(', ')}` : '';
    return `unknown key ${quote(this.key)}${hint}`;
  }
}

/** The keys a schema allows (worked out once per schema: a file may have many unknown keys). */
const allowedCache = new WeakMap<object, string[]>();
function allowedKeys(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  let keys = allowedCache.get(schema);
  if (keys === undefined) {
    keys = Object.keys((schema as { properties?: object }).properties ?? {}).filter((k) => k !== '$schema');
    allowedCache.set(schema, keys);
  }
  return keys;
}

/** "due: " for a path ending in a key, "evidence 2: " for a list item, "" for the root. */
function label(path: DocPath): string {
  if (path.length === 0) return '';
  const last = path[path.length - 1]!;
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return `${parent === undefined ? 'item' : String(parent)} item ${last + 1}: `;
  }
  return `${last}: `;
}

/** The name of the schema definition or property a pattern belongs to ("Date", "period"). */
function patternName(schemaPath: string): string {
  const parts = schemaPath.split('/');
  // "#/$defs/Date/pattern" or "#/properties/period/pattern"
  return parts[parts.length - 2] ?? '';
}

/** A JSON Pointer as a document path, with list indexes as numbers. */
export function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const i = Number(seg);
      path.push(i);
      node = node[i];
    } else {
      path.push(seg);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as Kind;
}

function typeName(t: string): string {
  switch (t) {
    case 'string':
      return 'text';
    case 'array':
      return 'a list';
    case 'object':
      return 'a map of keys';
    case 'null':
      return 'empty';
    case 'boolean':
      return 'true or false';
    case 'integer':
    case 'number':
      return 'a number';
    default:
      return t;
  }
}
