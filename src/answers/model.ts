// The answers file as bva uses it: the checked data, its catalogue, and plain helpers to read it.
import type { CatalogueModel } from '../catalogue/model.js';
import type { Action, Answers, AssuranceStep, Evidence, EvidenceRecord, IndicatorAnswer, Participant, ThemeAnswers } from '../generated/answers.js';
import type { TextFile } from '../source/read.js';

export type { Action, Answers, AssuranceStep, Evidence, EvidenceRecord, IndicatorAnswer, Participant, ThemeAnswers };

/** An answers file that passed its checks, with the catalogue it was checked against. */
export interface LoadedAnswers {
  readonly file: TextFile;
  /** The absolute path it was read from. */
  readonly path: string;
  readonly answers: Answers;
  readonly catalogue: CatalogueModel;
}

/** The assurance steps, in the order they happen. */
export const ASSURANCE_STEPS = ['assessed', 'moderated', 'signed-off'] as const;
export type AssuranceStepName = (typeof ASSURANCE_STEPS)[number];

/** The answer to an indicator, wherever it sits in the file (undefined when absent). */
export function answerOf(answers: Answers, themeId: string, indicatorId: string): IndicatorAnswer | undefined {
  return answers.themes?.[themeId]?.indicators?.[indicatorId];
}

/** The document path of an indicator's answer: where answerOf finds it in the file. */
export const answerPath = (themeId: string, indicatorId: string): string[] => ['themes', themeId, 'indicators', indicatorId];

/** An indicator counts as answered when it has a rating (a scale word or not-applicable). */
export const isAnswered = (a: IndicatorAnswer | undefined): boolean => a?.rating !== undefined;

/** An action's status: open unless it says done. */
export const actionStatus = (a: Pick<Action, 'status'>): 'open' | 'done' => a.status ?? 'open';

/** An action is overdue when it is open and its due date is before the as-of day (rule 7). */
export const isOverdue = (a: Pick<Action, 'status' | 'due'>, asOf: string): boolean => actionStatus(a) === 'open' && a.due !== undefined && a.due < asOf;

/** The title of an evidence entry: the line itself, or a record's title. */
export const evidenceTitle = (e: Evidence): string => (typeof e === 'string' ? e : e.title);

/** A participant as "Name (Role)" or the line given. */
export const participantLabel = (p: Participant): string => (typeof p === 'string' ? p : p.role ? `${p.name} (${p.role})` : p.name);

/** "Helen Ashworth (Head of Policy)" as a name and a role; a plain name as it is: participantLabel read back. */
export function parseParticipant(text: string): Participant {
  const m = /^(.*\S)\s*\(([^()]*\S[^()]*)\)$/.exec(text.trim());
  return m ? { name: m[1]!.trim(), role: m[2]!.trim() } : text.trim();
}

/** How many of the catalogue's indicators this file answers. */
export function answeredCount(answers: Answers, catalogue: CatalogueModel): number {
  let n = 0;
  for (const [id, entry] of catalogue.indicatorById) if (isAnswered(answerOf(answers, entry.theme.id, id))) n++;
  return n;
}

/**
 * Why `previous` may not be last period's file for `current`, in words (none when it looks right):
 * another council's file, the same period, or a later one. Commands that compare with last
 * period's file (--previous) warn with these and go on.
 */
export function previousMismatch(current: Pick<Answers, 'authority' | 'period'>, previous: Pick<Answers, 'authority' | 'period'>): string[] {
  const council = (name: string): string => name.replace(/\s+/g, ' ').trim().toLowerCase();
  const reasons: string[] = [];
  if (council(current.authority) !== council(previous.authority)) reasons.push(`it is ${previous.authority}'s, and this file is ${current.authority}'s`);
  if (previous.period === current.period) reasons.push(`it covers the same period, ${current.period}`);
  else if (previous.period > current.period) reasons.push(`it covers ${previous.period}, after this file's ${current.period}`);
  return reasons;
}

/**
 * An action's reference, `INDICATOR#N`: the indicator's id and the action's 1-based place in that
 * indicator's list (`lead.c6#2`). The one way bva names an action to a person or another program
 * (`bva answer`, `bva actions`, the spreadsheet's action ids).
 */
export const actionRef = (indicatorId: string, index: number): string => `${indicatorId}#${index + 1}`;

/** The indicator id and 0-based index an action reference names, or undefined when it is not one. */
export function parseActionRef(ref: string): { readonly indicatorId: string; readonly index: number } | undefined {
  const m = /^(.+)#([1-9][0-9]{0,5})$/.exec(ref);
  return m ? { indicatorId: m[1]!, index: Number(m[2]) - 1 } : undefined;
}
