// What a change to an answers file does to the document, in data terms: the rules for an
// indicator's answer (rating, not-applicable reason, target, commentary, evidence, actions and
// their progress), a theme's summary and assurance, and the file's own facts (authority, period,
// assessment date, participants, the committee paper). Shared by `bva answer` and `bva assess`, so
// both write the same file for the same change. Setting a value to what it already is changes
// nothing, so an unchanged answer leaves the file's bytes alone.
import { isDeepStrictEqual } from 'node:util';
import { NOT_APPLICABLE } from '../catalogue/model.js';
import type { DocPath } from '../source/problem.js';
import type { Change } from './edit.js';
import { answerPath, type Action, type Answers, type AssuranceStepName, type Evidence, type IndicatorAnswer, type Participant, type ThemeAnswers } from './model.js';
import type { Paper, Progress } from '../generated/answers.js';
import { signOffChange } from './signoff.js';

export type { Paper, Progress };

/** A change to one evidence entry, by its 0-based place in the indicator's list. */
export interface EvidenceEdit {
  readonly index: number;
  /** New text: the line itself, or a record's title. */
  readonly text?: string | undefined;
  /** Remove the entry. */
  readonly remove?: true | undefined;
}

/** The fields of an action a person sets directly. */
export type ActionFields = Partial<Pick<Action, 'action' | 'owner' | 'due' | 'status' | 'done-on'>>;

/** A change to one action, by its 0-based place in the indicator's list. */
export interface ActionEdit {
  readonly index: number;
  /** Fields to set. */
  readonly set?: ActionFields | undefined;
  /** Fields to remove. */
  readonly unset?: readonly ('owner' | 'due' | 'done-on')[] | undefined;
  /** Progress notes to add, after those there. */
  readonly progress?: readonly Progress[] | undefined;
  /** Remove the action. */
  readonly remove?: true | undefined;
}

/** What to change in one indicator's answer; anything absent is left as it is. */
export interface AnswerEdit {
  /** A word of the indicator's scale (not not-applicable: that comes with a reason). */
  readonly rating?: string | undefined;
  /** Marks the indicator not applicable, for this reason. */
  readonly notApplicable?: string | undefined;
  /** Removes the rating (and a not-applicable reason): the indicator is unanswered again. */
  readonly unrate?: true | undefined;
  /** The level aimed for by the next review; blank removes it. */
  readonly target?: string | undefined;
  /** Replaces the commentary; blank text removes it. */
  readonly commentary?: string | undefined;
  /** Evidence lines to add. */
  readonly evidence?: readonly string[] | undefined;
  /** Changes to the evidence there. */
  readonly evidenceEdits?: readonly EvidenceEdit[] | undefined;
  /** Actions to add. */
  readonly actions?: readonly Action[] | undefined;
  /** Changes to the actions there. */
  readonly actionEdits?: readonly ActionEdit[] | undefined;
}

/**
 * The changes that make `before` (the indicator's current answer, if any) say what `edit` says.
 * A rating on the scale drops a not-applicable reason; not-applicable sets rating and reason;
 * evidence and actions are changed in place, removed, then added after what is left. Removing every
 * entry of a list removes the list.
 */
export function answerChanges(themeId: string, indicatorId: string, before: IndicatorAnswer | undefined, edit: AnswerEdit): Change[] {
  const base = answerPath(themeId, indicatorId);
  const changes: Change[] = [];
  const set = (key: string, value: unknown, current: unknown): void => {
    if (value !== current) changes.push({ op: 'set', path: [...base, key], value });
  };
  const remove = (key: string, current: unknown): void => {
    if (current !== undefined) changes.push({ op: 'delete', path: [...base, key] });
  };
  if (edit.unrate) {
    remove('rating', before?.rating);
    remove('reason', before?.reason);
  }
  if (edit.rating !== undefined) {
    set('rating', edit.rating, before?.rating);
    remove('reason', before?.reason);
  }
  if (edit.notApplicable !== undefined) {
    set('rating', NOT_APPLICABLE, before?.rating);
    set('reason', edit.notApplicable, before?.reason);
  }
  if (edit.target !== undefined) {
    if (edit.target.trim() === '') remove('target', before?.target);
    else set('target', edit.target, before?.target);
  }
  if (edit.commentary !== undefined) {
    if (edit.commentary.trim() === '') remove('commentary', before?.commentary);
    else set('commentary', edit.commentary, before?.commentary);
  }
  changes.push(...listChanges([...base, 'evidence'], before?.evidence ?? [], edit.evidenceEdits ?? [], edit.evidence ?? [], evidenceItemChanges));
  changes.push(...listChanges([...base, 'actions'], before?.actions ?? [], edit.actionEdits ?? [], edit.actions ?? [], actionItemChanges));
  return changes;
}

/**
 * Changes to a list: each item's own changes, then removals from the last to the first (so the
 * places of those before stay right), then additions; a list left empty is removed whole.
 */
function listChanges<T, E extends { readonly index: number; readonly remove?: true | undefined }>(
  path: DocPath,
  items: readonly T[],
  edits: readonly E[],
  added: readonly T[],
  itemChanges: (path: DocPath, item: T, edit: E) => Change[],
): Change[] {
  const removed = new Set(edits.filter((e) => e.remove && e.index < items.length).map((e) => e.index));
  if (removed.size > 0 && removed.size === items.length && added.length === 0) return [{ op: 'delete', path }];
  const changes: Change[] = [];
  for (const e of edits) if (!e.remove && e.index < items.length && !removed.has(e.index)) changes.push(...itemChanges([...path, e.index], items[e.index]!, e));
  for (const i of [...removed].sort((a, b) => b - a)) changes.push({ op: 'delete', path: [...path, i] });
  if (removed.size === items.length && items.length > 0) {
    // Every item replaced: the list is written anew, rather than emptied and added to.
    return [...changes.filter((c) => c.op !== 'delete'), { op: 'set', path, value: [...added] }];
  }
  for (const item of added) changes.push({ op: 'append', path, value: item });
  return changes;
}

function evidenceItemChanges(path: DocPath, item: Evidence, edit: EvidenceEdit): Change[] {
  if (edit.text === undefined) return [];
  if (typeof item === 'string') return item === edit.text ? [] : [{ op: 'set', path, value: edit.text }];
  return item.title === edit.text ? [] : [{ op: 'set', path: [...path, 'title'], value: edit.text }];
}

function actionItemChanges(path: DocPath, item: Action, edit: ActionEdit): Change[] {
  const changes: Change[] = [];
  for (const [key, value] of Object.entries(edit.set ?? {}) as [keyof ActionFields, string | undefined][]) {
    if (value !== undefined && item[key] !== value) changes.push({ op: 'set', path: [...path, key], value });
  }
  for (const key of edit.unset ?? []) if (item[key] !== undefined) changes.push({ op: 'delete', path: [...path, key] });
  for (const note of edit.progress ?? []) changes.push({ op: 'append', path: [...path, 'progress'], value: note });
  return changes;
}

/** Marks an action done on a day: status done and the day it was done. */
export const markDone = (index: number, on: string): ActionEdit => ({ index, set: { status: 'done', 'done-on': on } });

/** Opens a done action again: status open, and no done date. */
export const reopen = (index: number): ActionEdit => ({ index, set: { status: 'open' }, unset: ['done-on'] });

// --- A theme --------------------------------------------------------------------------------------

/** One assurance step as recorded: who, and on which day. */
export interface StepRecord {
  readonly by: string;
  readonly on: string;
}

/** What to change in a theme's own answers (not its indicators'). */
export interface ThemeEdit {
  /** Replaces the summary; blank text removes it. */
  readonly summary?: string | undefined;
  /** Records an assurance step (who and when), or removes it (null). */
  readonly assurance?: Partial<Readonly<Record<AssuranceStepName, StepRecord | null>>> | undefined;
}

/** The changes that make a theme's summary and assurance say what `edit` says. */
export function themeChanges(themeId: string, before: ThemeAnswers | undefined, edit: ThemeEdit): Change[] {
  const base = ['themes', themeId];
  const changes: Change[] = [];
  let after = before;
  if (edit.summary !== undefined) {
    if (edit.summary.trim() === '') {
      if (before?.summary !== undefined) changes.push({ op: 'delete', path: [...base, 'summary'] });
      const { summary: _summary, ...rest } = before ?? {};
      after = rest;
    } else if (edit.summary !== before?.summary) {
      changes.push({ op: 'set', path: [...base, 'summary'], value: edit.summary });
      after = { ...before, summary: edit.summary };
    }
  }
  const steps = Object.entries(edit.assurance ?? {}).filter(([, r]) => r !== undefined) as [AssuranceStepName, StepRecord | null][];
  const left = Object.keys(before?.assurance ?? {}).filter((k) => !steps.some(([step, r]) => step === k && r === null));
  if (before?.assurance !== undefined && left.length === 0 && steps.every(([, r]) => r === null)) {
    // Every step recorded is removed: the assurance goes with them, rather than stay as an empty map.
    changes.push({ op: 'delete', path: [...base, 'assurance'] });
  } else {
    // A sign-off's digest is of the theme as it will stand, its new summary included.
    for (const [step, record] of steps) changes.push(...assuranceChanges(themeId, after, step, record));
  }
  return changes;
}

/**
 * The changes that record one assurance step of a theme (or remove it, given null): the one place a
 * step is written here. A sign-off goes through signOffChange (answers/signoff.ts), so it carries
 * the digest of the theme's answers as they stand (`theme`), as every recorded sign-off does.
 */
export function assuranceChanges(themeId: string, theme: ThemeAnswers | undefined, step: AssuranceStepName, record: StepRecord | null): Change[] {
  const current = theme?.assurance?.[step];
  if (record === null) {
    if (current === undefined) return [];
    // The last step recorded: the assurance goes with it, rather than stay as an empty map.
    const others = Object.keys(theme?.assurance ?? {}).filter((k) => k !== step);
    return [{ op: 'delete', path: others.length === 0 ? ['themes', themeId, 'assurance'] : ['themes', themeId, 'assurance', step] }];
  }
  // The role recorded stays with the same person or group.
  const role = current?.by === record.by ? current.role : undefined;
  const change: Change =
    step === 'signed-off'
      ? signOffChange(themeId, theme, { by: record.by, role, on: record.on })
      : { op: 'set', path: ['themes', themeId, 'assurance', step], value: { by: record.by, ...(role !== undefined ? { role } : {}), on: record.on } };
  return change.op === 'set' && isDeepStrictEqual(change.value, current) ? [] : [change];
}

// --- The file's own facts -------------------------------------------------------------------------

/** The committee paper's one-value fields. */
export type PaperField = Exclude<keyof Paper, 'recommendations'>;

/** What to change in the file's own facts. */
export interface FileEdit {
  readonly authority?: string | undefined;
  readonly period?: string | undefined;
  /** The assessment date; blank removes it. */
  readonly assessmentDate?: string | undefined;
  /** Participants to add. */
  readonly participants?: readonly Participant[] | undefined;
  /** Participants to remove, by their 0-based place. */
  readonly removeParticipants?: readonly number[] | undefined;
  /** The committee paper's fields; blank text removes one. */
  readonly paper?: Partial<Readonly<Record<PaperField, string>>> | undefined;
  /** Recommendations to add. */
  readonly recommendations?: readonly string[] | undefined;
  /** Recommendations to remove, by their 0-based place. */
  readonly removeRecommendations?: readonly number[] | undefined;
}

/** The changes that make the file's own facts say what `edit` says. */
export function fileChanges(before: Answers, edit: FileEdit): Change[] {
  const changes: Change[] = [];
  const set = (path: DocPath, value: string | undefined, current: string | undefined, removable: boolean): void => {
    if (value === undefined) return;
    if (value.trim() === '' && removable) {
      if (current !== undefined) changes.push({ op: 'delete', path });
    } else if (value !== current) {
      changes.push({ op: 'set', path, value });
    }
  };
  set(['authority'], edit.authority, before.authority, false);
  set(['period'], edit.period, before.period, false);
  set(['assessment-date'], edit.assessmentDate, before['assessment-date'], true);
  const removals = (indexes: readonly number[] | undefined): { index: number; remove: true }[] => (indexes ?? []).map((index) => ({ index, remove: true as const }));
  changes.push(...listChanges(['participants'], before.participants ?? [], removals(edit.removeParticipants), edit.participants ?? [], () => []));
  const paper = before.paper ?? {};
  const paperChanges: Change[] = [];
  for (const [field, value] of Object.entries(edit.paper ?? {}) as [PaperField, string | undefined][]) {
    const path = ['paper', field];
    if (value === undefined) continue;
    if (value.trim() === '') {
      if (paper[field] !== undefined) paperChanges.push({ op: 'delete', path });
    } else if (value !== paper[field]) {
      paperChanges.push({ op: 'set', path, value });
    }
  }
  paperChanges.push(...listChanges(['paper', 'recommendations'], paper.recommendations ?? [], removals(edit.removeRecommendations), edit.recommendations ?? [], () => []));
  // A paper left with nothing in it goes, rather than stay as an empty map.
  const left = Object.keys(paper).filter((k) => !paperChanges.some((c) => c.op === 'delete' && c.path.length === 2 && c.path[1] === k));
  const adds = paperChanges.some((c) => c.op !== 'delete');
  changes.push(...(before.paper !== undefined && left.length === 0 && !adds ? [{ op: 'delete' as const, path: ['paper'] }] : paperChanges));
  return changes;
}
