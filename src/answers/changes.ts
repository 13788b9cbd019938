// One indicator's answer as document changes: the rules for what a new rating, a not-applicable
// reason, commentary, evidence and actions do to the file, shared by `bva answer` and `bva assess`.
import { NOT_APPLICABLE } from '../catalogue/model.js';
import type { Change } from './edit.js';
import { answerPath, type Action, type IndicatorAnswer } from './model.js';

/** What to change in one indicator's answer; anything absent is left as it is. */
export interface AnswerEdit {
  /** A word of the indicator's scale (not not-applicable: that comes with a reason). */
  readonly rating?: string | undefined;
  /** Marks the indicator not applicable, for this reason. */
  readonly notApplicable?: string | undefined;
  /** The level aimed for by the next review. */
  readonly target?: string | undefined;
  /** Replaces the commentary; blank text removes it. */
  readonly commentary?: string | undefined;
  /** Evidence lines to add. */
  readonly evidence?: readonly string[] | undefined;
  /** Actions to add. */
  readonly actions?: readonly Action[] | undefined;
}

/**
 * The changes that make `before` (the indicator's current answer, if any) say what `edit` says.
 * A rating on the scale drops a not-applicable reason; not-applicable sets rating and reason;
 * evidence and actions are added after what is there. Setting a value to what it already is
 * changes nothing, so an unchanged answer leaves the file's bytes alone.
 */
export function answerChanges(themeId: string, indicatorId: string, before: IndicatorAnswer | undefined, edit: AnswerEdit): Change[] {
  const base = answerPath(themeId, indicatorId);
  const changes: Change[] = [];
  const set = (key: string, value: unknown, current: unknown): void => {
    if (value !== current) changes.push({ op: 'set', path: [...base, key], value });
  };
  if (edit.rating !== undefined) {
    set('rating', edit.rating, before?.rating);
    if (before?.reason !== undefined) changes.push({ op: 'delete', path: [...base, 'reason'] });
  }
  if (edit.notApplicable !== undefined) {
    set('rating', NOT_APPLICABLE, before?.rating);
    set('reason', edit.notApplicable, before?.reason);
  }
  if (edit.target !== undefined) set('target', edit.target, before?.target);
  if (edit.commentary !== undefined) {
    if (edit.commentary.trim() === '') {
      if (before?.commentary !== undefined) changes.push({ op: 'delete', path: [...base, 'commentary'] });
    } else {
      set('commentary', edit.commentary, before?.commentary);
    }
  }
  for (const line of edit.evidence ?? []) changes.push({ op: 'append', path: [...base, 'evidence'], value: line });
  for (const action of edit.actions ?? []) changes.push({ op: 'append', path: [...base, 'actions'], value: action });
  return changes;
}
