// Saving changes to an answers file: edit in place (comments kept), check the result against the
// catalogue, write atomically. Used by `init`, `answer` and the questionnaire alike.
import { catalogueInput } from '../catalogue/model.js';
import { encodeText, writeFileAtomic, type WriteOptions } from '../source/atomic.js';
import { error, type LocatedProblem, type Problem } from '../source/problem.js';
import type { TextFile } from '../source/read.js';
import { Locator } from '../source/locate.js';
import { declaredFormat, formatNeeded } from '../source/format.js';
import { applyToData, assertReadsAs, assertThemeEdit, editTextUnread, SharedValue, type Change, type Edited } from './edit.js';
import { checkAnswersData, loadAnswersText, type AnswersSource } from './load.js';
import type { Answers, LoadedAnswers } from './model.js';

/** The outcome of a save: the file as now on disk, or the problems the change would cause. */
export type SaveResult = { readonly ok: true; readonly value: LoadedAnswers } | { readonly ok: false; readonly problems: readonly LocatedProblem[] };

/**
 * Applies changes to a loaded (valid) answers file and writes it, unless the result would be
 * invalid: then nothing is written and the problems are returned.
 */
export async function saveChanges(target: LoadedAnswers, changes: readonly Change[], src: AnswersSource): Promise<SaveResult> {
  if (changes.length === 0) return { ok: true, value: target };
  let edited: Edited;
  try {
    edited = await editTextUnread(target.file.text, target.answers, withFormat(target.answers, changes), { catalogue: target.catalogue });
  } catch (err) {
    if (!(err instanceof SharedValue)) throw err;
    return { ok: false, problems: await new Locator(target.file.text).locateAll(target.file, [sharedValueProblem(err)]) };
  }
  const file = { ...target.file, text: edited.text };
  if (edited.inTheme === undefined) return writeChecked(target.path, file, src, edited.expected);

  // An edit inside one theme: read back that theme's block alone (the rest of the text is unchanged
  // byte for byte), and check the intended data instead of parsing the whole file again. Only that
  // theme changed, and the rest was checked when the file was loaded, so the checks need only the
  // top-level keys and that theme (the other themes' unanswered warnings don't stop a save).
  await assertThemeEdit(target.file.text, edited.text, edited.inTheme, target.answers, edited.expected);
  const expected = edited.expected as Answers;
  const checked = await checkAnswersData({ ...expected, themes: { [edited.inTheme]: expected.themes?.[edited.inTheme] } }, target.path, src);
  if (checked.problems.length > 0 && checked.problems.some((p) => p.severity === 'error')) {
    // Positions are needed only now, in the new text.
    const located = await new Locator(file.text).locateAll(file, checked.problems);
    return { ok: false, problems: located };
  }
  writeFileAtomic(target.path, encodeText(file.text, { bom: file.bom }), { mode: file.mode, display: file.path, inputs: [catalogueInput(target.catalogue), ...src.store.inputs()] });
  return { ok: true, value: { ...target, file, answers: expected, catalogue: checked.catalogue ?? target.catalogue } };
}

/** What a refused edit of a shared value says, at the anchor or alias. */
function sharedValueProblem(err: SharedValue): Problem {
  const [top, , group, id, ...rest] = err.path;
  const what = top === 'themes' && group === 'indicators' && id !== undefined ? `${rest.length > 0 ? rest.join('.') : 'the answer'} of ${id}` : err.path.join('.');
  return error('yaml-shared-value', `${what} is shared through a YAML anchor or alias; bva changes only values written out in full: write it out where it is used, then try again`, err.path, { offset: err.offset });
}


/**
 * The changes, and one more when they make the file need a newer format than it declares: its
 * `format:` is raised (never lowered), so an older bva says it needs upgrading (src/source/format.ts).
 */
function withFormat(data: Answers, changes: readonly Change[]): readonly Change[] {
  const needed = formatNeeded('answers', applyToData(data, changes));
  return needed > (declaredFormat(data) ?? 1) ? [...changes, { op: 'set', path: ['format'], value: needed }] : changes;
}

/**
 * Checks a whole new text as an answers file and, when it has no errors (and, given `expected`,
 * reads back as exactly that data), writes it atomically.
 */
export async function writeChecked(path: string, file: TextFile, src: AnswersSource, expected?: unknown, o: Pick<WriteOptions, 'force' | 'inputs'> = {}): Promise<SaveResult> {
  const checked = await loadAnswersText(file, path, src);
  // An edit that does not read back as intended is a bug in bva, whatever else is wrong with it.
  if (expected !== undefined) assertReadsAs(checked.ok ? checked.value.answers : checked.data, expected);
  if (!checked.ok) return checked;
  // Never over a file the run read: the catalogue and the configuration that found it, among others.
  const inputs = [...(o.inputs ?? []), catalogueInput(checked.value.catalogue), ...src.store.inputs()];
  writeFileAtomic(path, encodeText(file.text, { bom: file.bom }), { mode: file.mode, display: file.path, ...(o.force ? { force: true } : {}), inputs });
  return { ok: true, value: checked.value };
}
