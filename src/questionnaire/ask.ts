// The questionnaire's prompt seam, and the small helpers every question uses: the prompt functions
// it asks through (a terminal's, or a test's script), Esc as going back, and asking for a value
// that may be kept, changed or removed. Pure of any terminal: prompts.ts is the terminal's side.
import { isCalendarDate, notADate } from '../source/dates.js';

// --- The prompt seam -------------------------------------------------------------------------

/** Every question the questionnaire asks, by a stable id that tests name. */
export type QuestionId =
  | 'authority'
  | 'period'
  | 'catalogue'
  | 'catalogue-file'
  | 'which-file'
  | 'fix-file'
  | 'menu'
  | 'theme'
  | 'review-theme'
  | 'review'
  | 'rating'
  | 'reason'
  | 'commentary'
  | 'evidence'
  | 'action'
  | 'owner'
  | 'due'
  | 'more'
  | 'target'
  | 'evidence-entry'
  | 'evidence-change'
  | 'evidence-text'
  | 'action-entry'
  | 'action-change'
  | 'done-on'
  | 'progress'
  | 'progress-on'
  | 'confirm-remove'
  | 'theme-facts-theme'
  | 'theme-facts'
  | 'summary'
  | 'assurance-by'
  | 'assurance-on'
  | 'facts'
  | 'fact'
  | 'participants'
  | 'participant'
  | 'paper'
  | 'paper-status'
  | 'recommendations'
  | 'recommendation'
  | 'changed-file';

interface Question {
  readonly id: QuestionId;
  /** What the question is about (an indicator, an action, a theme, a field), where there is one. */
  readonly about?: string;
  readonly message: string;
}

export interface Choice<V> {
  readonly value: V;
  readonly name: string;
  /** Shown after the question once answered. */
  readonly short?: string;
  /** Why the choice cannot be taken now (shown greyed out). */
  readonly disabled?: string;
}

export type SelectItem<V> = Choice<V> | { readonly separator: string };

export interface SelectQuestion<V> extends Question {
  readonly choices: readonly SelectItem<V>[];
  readonly default?: V;
}

export interface TextQuestion extends Question {
  /** Taken when the person just presses Enter. */
  readonly default?: string | undefined;
  /** True, or what is wrong (the question is asked again). */
  readonly validate?: ((value: string) => true | string) | undefined;
  /**
   * Text of several lines (a commentary, a summary): line breaks are kept, a pasted paragraph
   * whole, and the person's editor can take over. Without it, pasted lines are joined with spaces.
   */
  readonly multiline?: boolean | undefined;
}

/**
 * The prompt functions the questionnaire asks through. Each rejects with an error named
 * `ExitPromptError` when the person presses Ctrl-C, and with EscapePromptError on Esc.
 */
export interface Prompts {
  select<V>(q: SelectQuestion<V>): Promise<V>;
  input(q: TextQuestion): Promise<string>;
}

/** Esc at a prompt: go back from the question. */
export class EscapePromptError extends Error {
  override readonly name = 'EscapePromptError';
  constructor() {
    super('Esc');
  }
}

/** True for the error a prompt rejects with on Ctrl-C. */
export const isPromptExit = (err: unknown): boolean => err instanceof Error && err.name === 'ExitPromptError';

/** True for the error a prompt rejects with on Esc. */
export const isEscape = (err: unknown): boolean => err instanceof Error && err.name === 'EscapePromptError';

/** Runs `ask`, giving `back` when the person presses Esc. */
export async function orBack<T, B>(ask: () => Promise<T>, back: B): Promise<T | B> {
  try {
    return await ask();
  } catch (err) {
    if (isEscape(err)) return back;
    throw err;
  }
}

/** The longest one-line text the answers schema allows (a Line), and the longest commentary (a Text). */
const LINE_MAX = 500;
const TEXT_MAX = 20000;

// --- Asking for text -------------------------------------------------------------------------------

/** A check for one-line answers: within the schema's limit. */
export function lineLimit(v: string): true | string {
  return v.trim().length <= LINE_MAX ? true : `Keep it within ${LINE_MAX} characters (this is ${v.trim().length}).`;
}

export function textLimit(v: string): true | string {
  return v.length <= TEXT_MAX ? true : `Keep it within ${TEXT_MAX} characters (this is ${v.length}).`;
}

/** A date question's check: blank (when allowed), `-` (when removable), or a real YYYY-MM-DD day. */
export const dateCheck =
  (o: { blank?: boolean; removable?: boolean } = {}) =>
  (v: string): true | string => {
    const t = v.trim();
    if ((t === '' && o.blank) || (t === '-' && o.removable) || isCalendarDate(t)) return true;
    return `${capitalFirst(notADate(t))}.`;
  };

const capitalFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Asks for a value that may already be set: the new text, undefined to keep the current one (Enter,
 * or the same text), or null to remove it (`-`, when removable). The current value is offered.
 */
export async function askValue(
  prompts: Prompts,
  q: TextQuestion & { readonly current?: string | undefined; readonly removable?: boolean },
): Promise<string | null | undefined> {
  const { current, removable, ...question } = q;
  const check = q.validate ?? (q.multiline ? textLimit : lineLimit);
  const answer = await prompts.input({
    ...question,
    ...(current !== undefined ? { default: current } : {}),
    validate: (v) => (removable && v.trim() === '-' ? true : check(v)),
  });
  const text = q.multiline ? answer.replace(/\s+$/, '') : answer.trim();
  if (removable && text.trim() === '-') return current === undefined ? undefined : null;
  if (text.trim() === '' || text === current) return undefined;
  return text;
}

