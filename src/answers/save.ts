// Saving changes to an answers file: edit in place (comments kept), check the result against the
// catalogue, write atomically. Used by `init`, `answer` and the questionnaire alike.
import { writeFileAtomic, encodeText } from '../source/atomic.js';
import type { LocatedProblem } from '../source/problem.js';
import type { TextFile } from '../source/read.js';
import { editText, type Change } from './edit.js';
import { loadAnswersText, type AnswersSource } from './load.js';
import type { LoadedAnswers } from './model.js';

/** The outcome of a save: the file as now on disk, or the problems the change would cause. */
export type SaveResult = { readonly ok: true; readonly value: LoadedAnswers } | { readonly ok: false; readonly problems: readonly LocatedProblem[] };

/**
 * Applies changes to a loaded (valid) answers file and writes it, unless the result would be
 * invalid: then nothing is written and the problems are returned.
 */
export async function saveChanges(target: LoadedAnswers, changes: readonly Change[], src: AnswersSource): Promise<SaveResult> {
  if (changes.length === 0) return { ok: true, value: target };
  const text = await editText(target.file.text, target.answers, changes, { catalogue: target.catalogue });
  return writeChecked(target.path, { ...target.file, text }, src);
}

/** Checks a whole new text as an answers file and, when it has no errors, writes it atomically. */
export async function writeChecked(path: string, file: TextFile, src: AnswersSource): Promise<SaveResult> {
  const checked = await loadAnswersText(file, path, src);
  if (!checked.ok) return checked;
  writeFileAtomic(path, encodeText(file.text, { bom: file.bom }), { mode: file.mode, display: file.path });
  return { ok: true, value: checked.value };
}
