// Loading an answers file: YAML, the answers schema, then checks against its catalogue, found by
// the one resolver (src/catalogue/resolve.ts): --catalogue, the file's pointer, the project
// configuration, the shipped catalogues.
import { dirname } from 'node:path';
import type { CatalogueModel } from '../catalogue/model.js';
import { CatalogueResolver, type CatalogueFile } from '../catalogue/resolve.js';
import type { CatalogueStore } from '../catalogue/shipped.js';
import validateAnswers from '../generated/validate-answers.js';
import { loadYaml, type LoadResult } from '../source/load.js';
import { error, type Problem } from '../source/problem.js';
import { readTextFile, type TextFile } from '../source/read.js';
import { schemaProblems } from '../source/schema.js';
import { checkAgainstCatalogue, checkDates } from './check.js';
import { answersStandIns, explainAnswers } from './explain.js';
import type { Answers, LoadedAnswers } from './model.js';

/**
 * Where an answers file's catalogue is found: the one resolver, or (for tests and simple callers)
 * the store with an optional --catalogue file, which becomes a resolver working from the answers
 * file's folder.
 */
export type AnswersSource = CatalogueResolver | { readonly store: CatalogueStore; readonly catalogue?: CatalogueFile | undefined };

/** The resolver for a source. */
const resolverOf = (src: AnswersSource, path: string): CatalogueResolver =>
  src instanceof CatalogueResolver ? src : new CatalogueResolver({ store: src.store, cwd: dirname(path), override: src.catalogue });

/** Checks an answers file's text. */
export async function loadAnswersText(file: TextFile, path: string, src: AnswersSource): Promise<LoadResult<LoadedAnswers>> {
  let catalogue: CatalogueModel | undefined;
  const result = await loadYaml<Answers>(file, {
    format: 'answers',
    validate: validateAnswers,
    check: async (data) => {
      const checked = await checkSemantics(data, path, src);
      catalogue = checked.catalogue;
      return checked.problems;
    },
    otherKind: (data) =>
      Array.isArray(data['themes']) || (!('authority' in data) && 'scales' in data)
        ? error('wrong-kind-of-file', 'this is a catalogue, not an answers file: check it with bva catalogue validate', [])
        : undefined,
    explain: (data) => explainAnswers(data, catalogue),
    standIns: answersStandIns,
    finish: (a) => a,
  });
  if (!result.ok) return result;
  // The check stage always resolves a catalogue when there are no errors.
  return { ok: true, value: { file, path, answers: result.value, catalogue: catalogue! }, warnings: result.warnings };
}

/** The checks after the schema: dates, the catalogue the data names, and the answers against it. */
async function checkSemantics(data: unknown, path: string, src: AnswersSource): Promise<{ problems: Problem[]; catalogue?: CatalogueModel | undefined }> {
  const problems: Problem[] = checkDates(data);
  const resolved = await resolverOf(src, path).forAnswers(data, path);
  // Concatenated, not pushed with ...: a spread of a hundred thousand problems overflows the stack.
  const more = resolved.catalogue ? checkAgainstCatalogue(data, resolved.catalogue) : [];
  return { problems: problems.concat(resolved.problems, more), catalogue: resolved.catalogue };
}

/**
 * Every check an answers file's text gets, on data that is already in hand (the schema, then the
 * semantic checks); `path` is where the file is, for its catalogue pointer. The problems carry
 * paths, not positions.
 */
export async function checkAnswersData(data: unknown, path: string, src: AnswersSource): Promise<{ problems: Problem[]; catalogue?: CatalogueModel | undefined }> {
  const problems = validateAnswers(data) ? [] : schemaProblems(validateAnswers.errors, data);
  const semantic = await checkSemantics(data, path, src);
  return { problems: [...problems, ...semantic.problems], catalogue: semantic.catalogue };
}

/** Reads (InputError when it cannot) and checks an answers file. */
export async function loadAnswersFile(path: string, displayPath: string, src: AnswersSource): Promise<LoadResult<LoadedAnswers>> {
  return loadAnswersText(readTextFile(path, displayPath), path, src);
}
