// The report as JSON: the assessment as data, for other tools. Keys are written in the order the
// report's JSON Schema lists them (not the order code happened to build them in), so the same
// input always gives the same bytes and a change to assess() cannot reorder the output.
import type { Report } from '../generated/report.js';
import type { ReportRenderOptions } from './report-formats.js';
import schema from './report.schema.json' with { type: 'json' };
import { followRefs } from '../source/schema.js';
import { jsonText } from './escape.js';

interface SchemaNode {
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
}

const defs = (schema as { $defs: Record<string, SchemaNode> }).$defs;

/** A copy of `value` with every object's keys in its schema's property order (keys the schema does not list follow, sorted). */
function ordered(value: unknown, node: SchemaNode | undefined): unknown {
  const n = followRefs(defs, node);
  if (Array.isArray(value)) return value.map((v) => ordered(v, n?.items));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const listed = Object.keys(n?.properties ?? {});
  const keys = [...listed.filter((k) => Object.hasOwn(record, k)), ...Object.keys(record).filter((k) => !listed.includes(k)).sort()];
  const out: Record<string, unknown> = {};
  for (const k of keys) if (record[k] !== undefined) out[k] = ordered(record[k], n?.properties?.[k]);
  return out;
}

/** The report as JSON: schema key order, two-space indent, a trailing newline. */
export function renderReportJson(report: Report, _o?: ReportRenderOptions): string {
  return `${jsonText(ordered(report, schema as SchemaNode))}\n`;
}
