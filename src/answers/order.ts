// The order keys are written in: the answers schema's property order for records, catalogue order
// for themes and indicators. One source for the writer and for whole-file rendering.
import type { CatalogueModel } from '../catalogue/model.js';
import schema from './answers.schema.json' with { type: 'json' };
import type { DocPath } from '../source/problem.js';
import { followRefs } from '../source/schema.js';

type SchemaNode = {
  $ref?: string;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: unknown;
  items?: SchemaNode;
  type?: string;
};

const defs = (schema as { $defs: Record<string, SchemaNode> }).$defs;

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  const n = followRefs(defs, node);
  // For ordering, a choice between text and a record is the record.
  if (n?.anyOf) return deref(n.anyOf.map(deref).find((b) => b?.type === 'object' || b?.properties) ?? n.anyOf[0]);
  return n;
}

/** The schema node describing the value at a document path. */
function schemaAt(path: DocPath): SchemaNode | undefined {
  let node = deref(schema as SchemaNode);
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') node = deref(node.items);
    else node = deref(node.properties?.[seg] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined));
  }
  return node;
}

/**
 * The order of keys for the map at `path`: the catalogue's order for themes and for a theme's
 * indicators, the schema's for every record. Keys not listed sort after those that are.
 */
export function keyOrder(path: DocPath, catalogue: CatalogueModel): readonly string[] {
  if (path.length === 1 && path[0] === 'themes') return catalogue.themes.map((t) => t.id);
  if (path.length === 3 && path[0] === 'themes' && path[2] === 'indicators') {
    return catalogue.themeById.get(String(path[1]))?.indicators.map((i) => i.id) ?? [];
  }
  return Object.keys(schemaAt(path)?.properties ?? {});
}

/** Sorts keys by an order; unknown keys keep their relative order, after the known ones. */
export function sortKeys(keys: readonly string[], order: readonly string[]): string[] {
  const rank = new Map(order.map((k, i) => [k, i]));
  return keys
    .map((k, i) => ({ k, i, r: rank.get(k) ?? order.length + i }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.k);
}
