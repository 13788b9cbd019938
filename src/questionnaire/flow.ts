// The questionnaire: a theme menu, then one indicator at a time, each answer saved the moment its
// questions are done. It asks through injected prompt functions, so tests drive it with scripted
// answers and no terminal; Ctrl-C at any prompt keeps every saved answer and nothing half-entered.
import { answerChanges, type AnswerEdit } from '../answers/changes.js';
import { loadAnswersText, type AnswersSource } from '../answers/load.js';
import { actionStatus, answerOf, isAnswered, type Action, type IndicatorAnswer, type LoadedAnswers } from '../answers/model.js';
import { reviewView } from '../answers/review.js';
import { saveChanges } from '../answers/save.js';
import { NOT_APPLICABLE, catalogueLabel, type CatalogueModel, type IndicatorEntry, type Theme } from '../catalogue/model.js';
import { CancelledError, InputError } from '../errors.js';
import { terminalLine } from '../render/escape.js';
import { problemLine } from '../render/problems.js';
import { shellArg } from '../render/terminal.js';
import { financialYear, isCalendarDate, isPeriod } from '../source/dates.js';
import type { LocatedProblem } from '../source/problem.js';
import { readTextFile, type TextFile } from '../source/read.js';
import {
  actionList,
  evidenceList,
  fit,
  indicatorScreen,
  menuScreen,
  overallProgress,
  reviewScreen,
  shownText,
  themeProgress,
  type ScreenStyle,
} from './screen.js';

// --- The prompt seam -------------------------------------------------------------------------

/** Every question the questionnaire asks, by a stable id that tests name. */
export type QuestionId =
  | 'authority'
  | 'period'
  | 'catalogue'
  | 'catalogue-file'
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
  | 'changed-file';

interface Question {
  readonly id: QuestionId;
  /** The indicator the question is about, where there is one. */
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
  readonly default?: string;
  /** True, or what is wrong (the question is asked again). */
  readonly validate?: (value: string) => true | string;
}

/**
 * The prompt functions the questionnaire asks through. Each rejects with an error named
 * `ExitPromptError` when the person presses Ctrl-C.
 */
export interface Prompts {
  select<V>(q: SelectQuestion<V>): Promise<V>;
  input(q: TextQuestion): Promise<string>;
  /** Multi-line text in the person's editor. */
  editor(q: TextQuestion): Promise<string>;
  /** Whether an editor is set (VISUAL or EDITOR); without one, commentary is asked as one line. */
  readonly hasEditor: boolean;
}

/** True for the error a prompt rejects with on Ctrl-C. */
export const isPromptExit = (err: unknown): boolean => err instanceof Error && err.name === 'ExitPromptError';

/** What the questionnaire needs besides its prompts. */
export interface SittingOptions extends ScreenStyle {
  readonly prompts: Prompts;
  /** Writes text to the screen. */
  readonly show: (text: string) => void;
  /** The answers file as the person named it. */
  readonly file: string;
  /** Where saved answers are checked. */
  readonly source: AnswersSource;
  /**
   * Holds Ctrl-C off while a save is written: returns a function that lets go and says whether
   * Ctrl-C came meanwhile. Absent, Ctrl-C between prompts ends the process at once (the write
   * being atomic, the file is then as it was before the save, or as after it).
   */
  readonly holdInterrupts?: (() => () => boolean) | undefined;
}

/** The longest one-line text the answers schema allows (a Line), and the longest commentary (a Text). */
const LINE_MAX = 500;
const TEXT_MAX = 20000;

/** Select values for moving about; a colon never starts a rating word, so they cannot collide. */
const NAV = { skip: ':skip', back: ':back', menu: ':menu', file: ':file' } as const;

// --- A new file --------------------------------------------------------------------------------

/** What a new answers file needs, as asked. */
export interface NewFileAnswers {
  readonly authority: string;
  readonly period: string;
  readonly catalogue: CatalogueModel;
}

export interface NewFileOptions {
  readonly prompts: Prompts;
  readonly show: (text: string) => void;
  readonly file: string;
  /** The shipped catalogues to offer, and the one offered first. */
  readonly shipped: readonly CatalogueModel[];
  readonly defaultCatalogue: CatalogueModel;
  /** Given on the command line: not asked for. */
  readonly catalogue?: CatalogueModel | undefined;
  /** Columns to fit the choices in. */
  readonly width: number;
  /** Today, YYYY-MM-DD: the period offered is the financial year it falls in. */
  readonly today: string;
  /** Loads a catalogue file the person names; throws InputError when it cannot be used. */
  readonly loadCatalogue: (path: string) => Promise<CatalogueModel>;
}

/**
 * Asks for the council, the period and the catalogue of a file that does not exist yet. Ctrl-C
 * becomes CancelledError: nothing has been written.
 */
export async function askNewFile(o: NewFileOptions): Promise<NewFileAnswers> {
  try {
    o.show(`${terminalLine(o.file)} does not exist yet: a few questions to start it.\n`);
    const authority = (
      await o.prompts.input({
        id: 'authority',
        message: "The council's name:",
        validate: (v) => (v.trim() === '' ? 'Give the council’s name, as it should appear in the report.' : lineLimit(v)),
      })
    ).trim();
    const period = (
      await o.prompts.input({
        id: 'period',
        message: 'The period assessed (the financial year, YYYY-YY):',
        default: financialYear(o.today),
        validate: (v) => (isPeriod(v.trim()) ? true : 'Write the period as YYYY-YY with consecutive years, like 2025-26.'),
      })
    ).trim();
    const catalogue = o.catalogue ?? (await askCatalogue(o));
    return { authority, period, catalogue };
  } catch (err) {
    if (isPromptExit(err)) throw new CancelledError(`Stopped. Nothing was written: ${o.file} was not created.`, { cause: err });
    throw err;
  }
}

async function askCatalogue(o: NewFileOptions): Promise<CatalogueModel> {
  const picked = await o.prompts.select<CatalogueModel | typeof NAV.file>({
    id: 'catalogue',
    message: 'The catalogue to assess against:',
    choices: [
      ...o.shipped.map((m) => ({
        value: m,
        name: fit(`${catalogueLabel(m.catalogue)}, ${m.indicatorCount} indicators: ${terminalLine(m.catalogue.title)}`, o.width - 4),
        short: catalogueLabel(m.catalogue),
      })),
      { value: NAV.file, name: 'A catalogue file of your own', short: 'a catalogue file' },
    ],
    default: o.defaultCatalogue,
  });
  if (picked !== NAV.file) return picked;
  for (;;) {
    const path = (await o.prompts.input({ id: 'catalogue-file', message: 'The catalogue file:', validate: (v) => (v.trim() === '' ? 'Give the path of a catalogue file.' : true) })).trim();
    try {
      return await o.loadCatalogue(path);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      o.show(`${terminalLine(err.message)}\n`);
    }
  }
}

// --- The sitting -----------------------------------------------------------------------------

/** "Stopped. 38 of 86 answered, saved in my-council.yaml. Run bva assess my-council.yaml to carry on." */
export function stoppedMessage(loaded: LoadedAnswers, file: string): string {
  const p = overallProgress(loaded.answers, reviewView(loaded.catalogue, loaded.answers));
  return `Stopped. ${p.answered} of ${p.total} answered, saved in ${file}. Run bva assess ${shellArg(file)} to carry on.`;
}

/**
 * Runs one sitting over a valid answers file until the person quits, and returns the file as
 * saved. Ctrl-C becomes CancelledError, whose message says how much is answered and where.
 */
export async function runSitting(start: LoadedAnswers, o: SittingOptions): Promise<LoadedAnswers> {
  const sitting = new Sitting(start, o);
  try {
    await sitting.menuLoop();
    return sitting.current;
  } catch (err) {
    if (isPromptExit(err)) throw new CancelledError(stoppedMessage(sitting.current, o.file), { cause: err });
    throw err;
  }
}

type Outcome = 'next' | 'back' | 'menu';

class Sitting {
  current: LoadedAnswers;

  constructor(
    start: LoadedAnswers,
    private readonly o: SittingOptions,
  ) {
    this.current = start;
  }

  /** The catalogue as this file is answered: a reviewer's file walks only the indicators it asks for. */
  private get catalogue(): CatalogueModel {
    return reviewView(this.current.catalogue, this.current.answers);
  }

  private answerTo(entry: IndicatorEntry): IndicatorAnswer | undefined {
    return answerOf(this.current.answers, entry.theme.id, entry.indicator.id);
  }

  private entriesOf(theme?: Theme): IndicatorEntry[] {
    const all = [...this.catalogue.indicatorById.values()];
    return theme ? all.filter((e) => e.theme.id === theme.id) : all;
  }

  /** The menu, until the person quits. */
  async menuLoop(): Promise<void> {
    for (;;) {
      const { answers } = this.current;
      this.o.show(menuScreen(answers, this.catalogue, this.o.file, this.o));
      const all = this.entriesOf();
      const next = all.find((e) => !isAnswered(this.answerTo(e)));
      const choice = await this.o.prompts.select<'continue' | 'pick' | 'review' | 'quit'>({
        id: 'menu',
        message: 'What next?',
        choices: [
          ...(next
            ? [
                {
                  value: 'continue' as const,
                  name: fit(`Continue with the next unanswered indicator (${terminalLine(next.indicator.id)}, ${terminalLine(next.theme.title)})`, this.o.width - 4),
                  short: 'Continue',
                },
              ]
            : []),
          { value: 'pick', name: 'Pick a theme' },
          { value: 'review', name: "Review a theme's answers" },
          { value: 'quit', name: next ? 'Save and quit' : 'Finish: every indicator is answered', short: next ? 'Save and quit' : 'Finish' },
        ],
        default: next ? 'continue' : 'quit',
      });
      if (choice === 'quit') return;
      if (choice === 'continue') {
        await this.walk(all, 0, true);
      } else {
        const theme = await this.pickTheme(choice === 'pick' ? 'theme' : 'review-theme');
        if (theme === undefined) continue;
        const entries = this.entriesOf(theme);
        if (choice === 'pick') {
          const first = entries.findIndex((e) => !isAnswered(this.answerTo(e)));
          await this.walk(entries, first === -1 ? 0 : first, false);
        } else {
          await this.review(theme, entries);
        }
      }
    }
  }

  private async pickTheme(id: 'theme' | 'review-theme'): Promise<Theme | undefined> {
    const width = String(this.catalogue.themes.length).length;
    const picked = await this.o.prompts.select<Theme | typeof NAV.menu>({
      id,
      message: id === 'theme' ? 'Which theme?' : 'Review which theme?',
      choices: [
        ...this.catalogue.themes.map((theme, i) => {
          const p = themeProgress(theme, this.current.answers);
          return { value: theme, name: `${String(i + 1).padStart(width)}  ${terminalLine(theme.title)} (${p.answered} of ${p.total} answered)`, short: terminalLine(theme.title) };
        }),
        { separator: ' ' },
        { value: NAV.menu, name: 'Back to the menu', short: 'menu' },
      ],
    });
    return picked === NAV.menu ? undefined : picked;
  }

  private async review(theme: Theme, entries: readonly IndicatorEntry[]): Promise<void> {
    this.o.show(reviewScreen(theme, this.current.answers, this.o));
    const idWidth = Math.max(...entries.map((e) => terminalLine(e.indicator.id).length));
    const picked = await this.o.prompts.select<number>({
      id: 'review',
      message: 'Change which answer? (the theme goes on from there)',
      choices: [
        ...entries.map((e, i) => ({
          value: i,
          name: `${terminalLine(e.indicator.id).padEnd(idWidth)}  ${terminalLine(this.answerTo(e)?.rating ?? 'unanswered')}`,
          short: terminalLine(e.indicator.id),
        })),
        { separator: ' ' },
        { value: -1, name: 'Back to the menu', short: 'menu' },
      ],
    });
    if (picked >= 0) await this.walk(entries, picked, false);
  }

  /**
   * One indicator after another from `start`: every one in the list, or only the unanswered ones.
   * Back returns to the indicator shown before (or the one before in the list).
   */
  private async walk(list: readonly IndicatorEntry[], start: number, onlyUnanswered: boolean): Promise<void> {
    const wanted = (i: number): boolean => !onlyUnanswered || !isAnswered(this.answerTo(list[i]!));
    const nextFrom = (i: number): number => {
      let j = i;
      while (j < list.length && !wanted(j)) j++;
      return j;
    };
    const history: number[] = [];
    let i = nextFrom(start);
    while (i < list.length) {
      const back = history.length > 0 ? history[history.length - 1] : i > 0 ? i - 1 : undefined;
      const outcome = await this.indicator(list[i]!, back !== undefined);
      if (outcome === 'menu') return;
      if (outcome === 'back') {
        history.pop();
        i = back!;
        continue;
      }
      history.push(i);
      i = nextFrom(i + 1);
    }
    const p = overallProgress(this.current.answers, this.catalogue);
    if (onlyUnanswered) {
      this.o.show(p.answered === p.total ? `\nEvery indicator is answered (${p.total} of ${p.total}).\n` : `\nNo more unanswered indicators after the ones you skipped: ${p.answered} of ${p.total} answered.\n`);
    } else {
      const theme = list[0]!.theme;
      const t = themeProgress(theme, this.current.answers);
      this.o.show(`\nEnd of ${terminalLine(theme.title)}: ${t.answered} of ${t.total} answered.\n`);
    }
  }

  /** Asks one indicator's questions and saves the answer; asks again when the save is refused. */
  private async indicator(entry: IndicatorEntry, canGoBack: boolean): Promise<Outcome> {
    const id = entry.indicator.id;
    for (;;) {
      const before = this.answerTo(entry);
      this.o.show(indicatorScreen(entry, before, this.catalogue, overallProgress(this.current.answers, this.catalogue), this.o));
      const wordWidth = Math.max(NOT_APPLICABLE.length, ...entry.scale.levels.map((l) => l.word.length));
      const rating = await this.o.prompts.select<string>({
        id: 'rating',
        about: id,
        message: `${terminalLine(id)}: ${terminalLine(entry.scale.question ?? 'Your rating?')}`,
        choices: [
          ...entry.scale.levels.map((l) => ({ value: l.word, name: `${l.word.padEnd(wordWidth)}  ${terminalLine(l.meaning)}`, short: l.word })),
          { value: NOT_APPLICABLE, name: `${NOT_APPLICABLE.padEnd(wordWidth)}  Does not apply to this council (you will be asked why).`, short: NOT_APPLICABLE },
          { separator: ' ' },
          { value: NAV.skip, name: 'Skip for now', short: 'skipped' },
          { value: NAV.back, name: 'Back to the previous indicator', short: 'back', ...(canGoBack ? {} : { disabled: '(this is the first)' }) },
          { value: NAV.menu, name: 'Back to the menu', short: 'menu' },
        ],
        ...(before?.rating !== undefined ? { default: before.rating } : {}),
      });
      if (rating === NAV.skip) return 'next';
      if (rating === NAV.back) return 'back';
      if (rating === NAV.menu) return 'menu';
      // Everything for this indicator is asked before anything is saved: Ctrl-C part-way keeps the old answer.
      const edit: AnswerEdit = rating === NOT_APPLICABLE ? { notApplicable: await this.reason(entry, before) } : { rating, ...(await this.details(entry, before, rating)) };
      if (await this.save(entry, edit)) return 'next';
    }
  }

  private async reason(entry: IndicatorEntry, before: IndicatorAnswer | undefined): Promise<string> {
    const current = before?.rating === NOT_APPLICABLE ? before.reason : undefined;
    const reason = await this.o.prompts.input({
      id: 'reason',
      about: entry.indicator.id,
      message: `Why does ${terminalLine(entry.indicator.id)} not apply?`,
      ...(current !== undefined ? { default: current } : {}),
      validate: (v) => (v.trim() === '' ? 'Say why it does not apply: the report shows the reason.' : textLimit(v)),
    });
    return reason.trim();
  }

  /** Commentary, evidence and actions for a rated indicator. */
  private async details(entry: IndicatorEntry, before: IndicatorAnswer | undefined, rating: string): Promise<AnswerEdit> {
    const about = entry.indicator.id;
    const commentary = await this.commentary(about, before);
    this.o.show(evidenceList(before?.evidence ?? [], this.o));
    const evidence: string[] = [];
    for (;;) {
      const line = (await this.o.prompts.input({ id: 'evidence', about, message: 'Evidence: a document, link or path (Enter to go on):', validate: (v) => lineLimit(v) })).trim();
      if (line === '') break;
      evidence.push(line);
    }
    this.o.show(actionList(before?.actions ?? [], this.o));
    const redFlag = entry.scale.levels.find((l) => l.word === rating)?.['red-flag'] === true;
    const actions: Action[] = [];
    for (;;) {
      const open = (before?.actions ?? []).some((a) => actionStatus(a) === 'open') || actions.length > 0;
      const message = redFlag && !open ? 'A red flag needs an action. Action to take (Enter for none):' : 'Action to take (Enter to go on):';
      const action = (await this.o.prompts.input({ id: 'action', about, message, validate: (v) => lineLimit(v) })).trim();
      if (action === '') break;
      const owner = (await this.o.prompts.input({ id: 'owner', about, message: 'Who owns it (Enter for no one yet)?', validate: (v) => lineLimit(v) })).trim();
      const due = (
        await this.o.prompts.input({
          id: 'due',
          about,
          message: 'Due by, YYYY-MM-DD (Enter for no date):',
          validate: (v) => (v.trim() === '' || isCalendarDate(v.trim()) ? true : `${JSON.stringify(v.trim())} is not a real date: write it YYYY-MM-DD, like 2026-03-31.`),
        })
      ).trim();
      actions.push({ action, ...(owner !== '' ? { owner } : {}), ...(due !== '' ? { due } : {}), status: 'open' });
    }
    return { ...(commentary !== undefined ? { commentary } : {}), evidence, actions };
  }

  /** The new commentary ('' removes it), or undefined to keep it as it is. */
  private async commentary(about: string, before: IndicatorAnswer | undefined): Promise<string | undefined> {
    const current = before?.commentary;
    if (this.o.prompts.hasEditor) {
      const text = await this.o.prompts.editor({
        id: 'commentary',
        about,
        message: `Commentary for ${terminalLine(about)}: where the council is, and why this rating.`,
        ...(current !== undefined ? { default: current } : {}),
        validate: (v) => textLimit(v),
      });
      return text.replace(/\s+$/, '');
    }
    if (current !== undefined) this.o.show(shownText('Commentary', current, this.o));
    const line = await this.o.prompts.input({
      id: 'commentary',
      about,
      message: current !== undefined ? 'Commentary, one line (Enter keeps it as it is; - removes it):' : 'Commentary, one line (Enter for none):',
      validate: (v) => textLimit(v),
    });
    const text = line.trim();
    if (text === '') return undefined;
    return text === '-' ? '' : text;
  }

  /** Saves one indicator's answer; false (nothing saved) when the file would become invalid. */
  private async save(entry: IndicatorEntry, edit: AnswerEdit): Promise<boolean> {
    const id = entry.indicator.id;
    await this.catchUp();
    const changes = answerChanges(entry.theme.id, id, this.answerTo(entry), edit);
    if (changes.length > 0) {
      // 1. Ctrl-C while the save is written waits for it, then stops the sitting (exit 130).
      const letGo = this.o.holdInterrupts?.();
      let interrupted = false;
      let saved: Awaited<ReturnType<typeof saveChanges>>;
      try {
        saved = await saveChanges(this.current, changes, this.o.source);
      } finally {
        interrupted = letGo?.() ?? false;
      }
      if (interrupted) {
        if (saved.ok) this.current = saved.value;
        throw new CancelledError(stoppedMessage(this.current, this.o.file));
      }
      if (!saved.ok) {
        this.showProblems(saved.problems);
        this.o.show(`Nothing was saved for ${terminalLine(id)}: answer it again.\n`);
        return false;
      }
      this.current = saved.value;
    }
    const p = overallProgress(this.current.answers, this.catalogue);
    const rating = this.answerTo(entry)?.rating ?? 'unrated';
    this.o.show(this.o.paint.dim(`${changes.length > 0 ? 'Saved' : 'Unchanged'}: ${terminalLine(id)} ${terminalLine(rating)}. ${p.answered} of ${p.total} answered.`) + '\n');
    return true;
  }

  /**
   * Takes in edits made to the file outside bva since the last save, so a save never undoes them.
   * A file that went missing is written again from this sitting's copy; one that became invalid
   * is waited for until the person fixes it, or overwritten if they say so.
   */
  private async catchUp(): Promise<void> {
    const { path } = this.current;
    /** The file as it is on disk now, or undefined (said on screen) when it cannot be read. */
    const readNow = (): TextFile | undefined => {
      try {
        return readTextFile(path, this.o.file);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        this.o.show(`${terminalLine(err.message)}; writing it again from this sitting.\n`);
        return undefined;
      }
    };
    let file = readNow();
    if (file === undefined || file.text === this.current.file.text) return;
    for (;;) {
      const reread = await loadAnswersText(file, path, this.o.source);
      if (reread.ok) {
        this.current = reread.value;
        this.o.show(`${terminalLine(this.o.file)} was changed outside bva; those changes are kept.\n`);
        return;
      }
      this.showProblems(reread.problems);
      const choice = await this.o.prompts.select<'again' | 'overwrite'>({
        id: 'changed-file',
        message: `${terminalLine(this.o.file)} was changed outside bva and is no longer valid. Fix it, then:`,
        choices: [
          { value: 'again', name: 'Try again' },
          { value: 'overwrite', name: "Overwrite it with this sitting's copy (the changes made outside bva are lost)" },
        ],
      });
      if (choice === 'overwrite') return;
      file = readNow();
      if (file === undefined) return;
    }
  }

  private showProblems(problems: readonly LocatedProblem[]): void {
    for (const p of problems) if (p.severity === 'error') this.o.show(`${problemLine(p, this.o.paint)}\n`);
  }
}

/** A check for one-line answers: within the schema's limit. */
function lineLimit(v: string): true | string {
  return v.trim().length <= LINE_MAX ? true : `Keep it within ${LINE_MAX} characters (this is ${v.trim().length}).`;
}

function textLimit(v: string): true | string {
  return v.length <= TEXT_MAX ? true : `Keep it within ${TEXT_MAX} characters (this is ${v.length}).`;
}
