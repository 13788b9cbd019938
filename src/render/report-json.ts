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
  readonly anyOf?: readonly SchemaNode[];
}

/**
 * A copy of `value` with every object's keys in the order its JSON Schema lists them (keys the
 * schema does not list follow, sorted), so the same data always gives the same bytes. Shared by
 * every JSON output that has a schema (`bva report`, `bva trend`, `bva actions`).
 */
export function orderedBySchema(value: unknown, schema: object): unknown {
  const defs = (schema as { $defs?: Record<string, SchemaNode> }).$defs ?? {};
  const ordered = (v: unknown, node: SchemaNode | undefined): unknown => {
    let n = followRefs(defs, node);
    // A choice between a record and null orders as the record.
    if (n?.anyOf) n = n.anyOf.map((b) => followRefs(defs, b)).find((b) => b?.properties) ?? n;
    if (Array.isArray(v)) return v.map((x) => ordered(x, n?.items));
    if (v === null || typeof v !== 'object') return v;
    const record = v as Record<string, unknown>;
    const listed = Object.keys(n?.properties ?? {});
    const keys = [...listed.filter((k) => Object.hasOwn(record, k)), ...Object.keys(record).filter((k) => !listed.includes(k)).sort()];
    const out: Record<string, unknown> = {};
    for (const k of keys) if (record[k] !== undefined) out[k] = ordered(record[k], n?.properties?.[k]);
    return out;
  };
  return ordered(value, schema as SchemaNode);
}

/** The report as JSON: schema key order, two-space indent, a trailing newline. */
export function renderReportJson(report: Report, _o?: ReportRenderOptions): string {
  return `${jsonText(orderedBySchema(report, schema))}\n`;
}
