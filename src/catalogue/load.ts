// Loading a catalogue file: YAML with positions on demand, the catalogue schema, then semantic checks.
import validateCatalogue from '../generated/validate-catalogue.js';
import { loadYaml, type LoadResult } from '../source/load.js';
import { error } from '../source/problem.js';
import { readTextFile, type TextFile } from '../source/read.js';
import { checkCatalogue } from './check.js';
import { indexCatalogue, type Catalogue, type CatalogueModel, type CatalogueOrigin } from './model.js';

/** Checks and indexes a catalogue's text. */
export async function loadCatalogueText(file: TextFile, origin: CatalogueOrigin): Promise<LoadResult<CatalogueModel>> {
  const result = await loadYaml<Catalogue>(file, {
    format: 'catalogue',
    validate: validateCatalogue,
    check: (data) => checkCatalogue(data),
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
export async function loadCatalogueFile(path: string, displayPath = path, shipped = false): Promise<LoadResult<CatalogueModel>> {
  return loadCatalogueText(readTextFile(path, displayPath), { path, display: displayPath, shipped });
}
