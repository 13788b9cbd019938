// Loading an answers file: YAML, the answers schema, then checks against the catalogue the file
// names (a shipped one, by id and version) or the one given with --catalogue.
import type { CatalogueStore } from '../catalogue/shipped.js';
import { catalogueLabel, type CatalogueModel } from '../catalogue/model.js';
import validateAnswers from '../generated/validate-answers.js';
import { asRecord } from '../source/guards.js';
import { loadYaml, type LoadResult } from '../source/load.js';
import { error, quote, warning, type Problem } from '../source/problem.js';
import { readTextFile, type TextFile } from '../source/read.js';
import { schemaProblems } from '../source/schema.js';
import { checkAgainstCatalogue, checkDates } from './check.js';
import { explainAnswers } from './explain.js';
import type { Answers, LoadedAnswers } from './model.js';

export interface AnswersSource {
  readonly store: CatalogueStore;
  /** A catalogue file to check against instead of the one the answers name (--catalogue). */
  readonly catalogue?: { readonly path: string; readonly display: string } | undefined;
}

/** Checks an answers file's text. */
export async function loadAnswersText(file: TextFile, path: string, src: AnswersSource): Promise<LoadResult<LoadedAnswers>> {
  let catalogue: CatalogueModel | undefined;
  const result = await loadYaml<Answers>(file, {
    format: 'answers',
    validate: validateAnswers,
    check: async (data) => {
      const checked = await checkSemantics(data, src);
      catalogue = checked.catalogue;
      return checked.problems;
    },
    otherKind: (data) =>
      Array.isArray(data['themes']) || (!('authority' in data) && 'scales' in data)
        ? error('wrong-kind-of-file', 'this is a catalogue, not an answers file: check it with bva catalogue validate', [])
        : undefined,
    explain: (problems, data) => explainAnswers(problems, data, catalogue),
    finish: (a) => a,
  });
  if (!result.ok) return result;
  // The check stage always resolves a catalogue when there are no errors.
  return { ok: true, value: { file, path, answers: result.value, catalogue: catalogue! }, warnings: result.warnings };
}

/** The checks after the schema: dates, the catalogue the data names, and the answers against it. */
async function checkSemantics(data: unknown, src: AnswersSource): Promise<{ problems: Problem[]; catalogue?: CatalogueModel | undefined }> {
  const problems: Problem[] = checkDates(data);
  const resolved = await resolveCatalogue(data, src);
  problems.push(...resolved.problems);
  if (resolved.catalogue) problems.push(...checkAgainstCatalogue(data, resolved.catalogue));
  return { problems, catalogue: resolved.catalogue };
}

/**
 * Every check an answers file's text gets, on data that is already in hand (the schema, then the
 * semantic checks); the problems carry paths, not positions.
 */
export async function checkAnswersData(data: unknown, src: AnswersSource): Promise<{ problems: Problem[]; catalogue?: CatalogueModel | undefined }> {
  const problems = validateAnswers(data) ? [] : schemaProblems(validateAnswers.errors, data);
  const semantic = await checkSemantics(data, src);
  return { problems: [...problems, ...semantic.problems], catalogue: semantic.catalogue };
}

/** Reads (InputError when it cannot) and checks an answers file. */
export async function loadAnswersFile(path: string, displayPath: string, src: AnswersSource): Promise<LoadResult<LoadedAnswers>> {
  return loadAnswersText(readTextFile(path, displayPath), path, src);
}

/** The catalogue for an answers document, or the problems that stop it being found. */
async function resolveCatalogue(data: unknown, src: AnswersSource): Promise<{ catalogue?: CatalogueModel; problems: Problem[] }> {
  const ref = asRecord(asRecord(data)?.['catalogue']);
  const id = ref?.['id'];
  const version = ref?.['version'];
  if (src.catalogue) {
    const catalogue = await src.store.load(src.catalogue.path, src.catalogue.display);
    const problems: Problem[] = [];
    if (typeof id === 'string' && typeof version === 'string' && (id !== catalogue.catalogue.id || version !== catalogue.catalogue.version)) {
      problems.push(
        warning('unknown-catalogue', `the file names ${id} ${version}; checked against ${catalogueLabel(catalogue.catalogue)} from ${src.catalogue.display}`, ['catalogue'], { anchor: 'key' }),
      );
    }
    return { catalogue, problems };
  }
  if (typeof id !== 'string' || typeof version !== 'string') return { problems: [] }; // the schema reports it
  const catalogue = await src.store.find(id, version);
  if (catalogue) return { catalogue, problems: [] };
  const shipped = await src.store.shipped();
  const sameId = shipped.filter((m) => m.catalogue.id === id);
  const list = shipped.map((m) => catalogueLabel(m.catalogue)).join(', ') || 'none';
  const problem =
    sameId.length > 0
      ? error('unknown-catalogue', `no version ${quote(version)} of catalogue ${id} is shipped (shipped: ${list}); or give the catalogue file with --catalogue`, ['catalogue', 'version'])
      : error('unknown-catalogue', `unknown catalogue ${quote(id)} (shipped: ${list}); give its file with --catalogue`, ['catalogue', 'id']);
  return { problems: [problem] };
}
