// Loading a catalogue file: YAML with positions on demand, the catalogue schema, then semantic checks.
import validateCatalogue from '../generated/validate-catalogue.js';
import { loadYaml, type LoadResult } from '../source/load.js';
import { error, type Problem } from '../source/problem.js';
import { readTextFile, type TextFile } from '../source/read.js';
import { checkCatalogue } from './check.js';
import { indexCatalogue, type Catalogue, type CatalogueModel, type CatalogueOrigin } from './model.js';

/** Checks beyond the catalogue's own, run with them so their problems are located alike (`bva catalogue validate`'s crosswalk check). */
export type MoreChecks = (data: unknown, schemaOk: boolean) => Promise<Problem[]>;

/** Checks and indexes a catalogue's text. */
export async function loadCatalogueText(file: TextFile, origin: CatalogueOrigin, more?: MoreChecks): Promise<LoadResult<CatalogueModel>> {
  const result = await loadYaml<Catalogue>(file, {
    format: 'catalogue',
    validate: validateCatalogue,
    check: async (data, schemaOk) => [...checkCatalogue(data), ...(more ? await more(data, schemaOk) : [])],
    otherKind: (data) =>
      ('authority' in data || 'period' in data) && !Array.isArray(data['themes']) && !('scales' in data)
        ? error('wrong-kind-of-file', 'this is an answers file, not a catalogue: check it with bva validate', [])
        : undefined,
    finish: (c) => c,
  });
  if (!result.ok) return result;
  return { ok: true, value: indexCatalogue(result.value, origin), warnings: result.warnings };
}

/** Reads (InputError when it cannot), checks and indexes a catalogue file. */
export async function loadCatalogueFile(path: string, displayPath = path, shipped = false, more?: MoreChecks): Promise<LoadResult<CatalogueModel>> {
  return loadCatalogueText(readTextFile(path, displayPath), { path, display: displayPath, shipped }, more);
}
