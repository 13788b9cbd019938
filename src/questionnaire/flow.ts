// The questionnaire: a menu, then one indicator at a time, each answer saved the moment its
// questions are done; per theme its summary and assurance; the file's own facts and committee
// paper. It asks through injected prompt functions, so tests drive it with scripted answers and no
// terminal. Ctrl-C at any prompt keeps every saved answer and nothing half-entered; Esc leaves the
// question it is at (an indicator without saving it, a list back to where it was chosen from).
import { answerChanges, markDone, reopen, type ActionEdit, type AnswerEdit, type EvidenceEdit } from '../answers/changes.js';
import type { Change } from '../answers/edit.js';
import { loadAnswersText, type AnswersSource } from '../answers/load.js';
import { actionRef, actionStatus, answerOf, evidenceTitle, isAnswered, type Action, type Evidence, type IndicatorAnswer, type LoadedAnswers } from '../answers/model.js';
import { reviewView } from '../answers/review.js';
import { saveChanges } from '../answers/save.js';
import { NOT_APPLICABLE, NOT_APPLICABLE_LABEL, catalogueLabel, ratingLabel, ratingWords, type CatalogueModel, type IndicatorEntry, type Theme } from '../catalogue/model.js';
import { CancelledError, InputError } from '../errors.js';
import { terminalLine } from '../render/escape.js';
import { problemLine } from '../render/problems.js';
import { shellArg } from '../words.js';
import { financialYear, isPeriod } from '../source/dates.js';
import type { LocatedProblem } from '../source/problem.js';
import { readTextFile, type TextFile } from '../source/read.js';
import { fileFacts, themeFacts } from './facts.js';
import { actionList, evidenceList, indicatorScreen, menuScreen, overallProgress, reviewScreen, shownText, themeProgress, type ScreenStyle } from './screen.js';

import { askValue, dateCheck, isEscape, isPromptExit, lineLimit, orBack, textLimit, type Prompts } from './ask.js';

export { EscapePromptError, isEscape, isPromptExit } from './ask.js';
export type { Choice, Prompts, QuestionId, SelectItem, SelectQuestion, TextQuestion } from './ask.js';

/** What the questionnaire needs besides its prompts. */
export interface SittingOptions extends ScreenStyle {
  readonly prompts: Prompts;
  /** Writes text to the screen. */
  readonly show: (text: string) => void;
  /** The answers file as the person named it. */
  readonly file: string;
  /** Where saved answers are checked. */
  readonly source: AnswersSource;
  /** Arguments a command needs after the file to find its catalogue (` --catalogue PATH` when one was given), for the hints; '' or absent for none. */
  readonly again?: string;
  /** Today, YYYY-MM-DD: the day offered for a date (an action done, a sign-off). */
  readonly today: string;
  /**
   * Holds Ctrl-C off while a save is written: returns a function that lets go and says whether
   * Ctrl-C came meanwhile. Absent, Ctrl-C between prompts ends the process at once (the write
   * being atomic, the file is then as it was before the save, or as after it).
   */
  readonly holdInterrupts?: (() => () => boolean) | undefined;
}

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
 * (or Esc) becomes CancelledError: nothing has been written.
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
    if (isPromptExit(err) || isEscape(err)) throw new CancelledError(`Stopped. Nothing was written: ${o.file} was not created.`, { cause: err });
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
        name: `${catalogueLabel(m.catalogue)}, ${m.indicatorCount} indicators: ${terminalLine(m.catalogue.title)}`,
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
export function stoppedMessage(loaded: LoadedAnswers, file: string, again = ''): string {
  const p = overallProgress(loaded.answers, reviewView(loaded.catalogue, loaded.answers));
  return `Stopped. ${p.answered} of ${p.total} answered, saved in ${file}. Run bva assess ${shellArg(file)}${again} to carry on.`;
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
    if (isPromptExit(err)) throw new CancelledError(stoppedMessage(sitting.current, o.file, o.again), { cause: err });
    throw err;
  }
}

/** What the theme's and the file's own questions (facts.ts) use of a sitting. */
export interface SittingApi {
  readonly o: SittingOptions;
  readonly current: LoadedAnswers;
  /**
   * Saves the changes `plan` gives for the file as it is once any edit made outside bva is taken
   * in; says `done` (or why nothing was saved) and returns whether it saved.
   */
  commit(plan: () => Change[], done: string): Promise<boolean>;
}

type Outcome = 'next' | 'back' | 'menu';

/** An indicator's answer being put together, before it is saved. */
interface Draft {
  edit: AnswerEdit;
  readonly evidenceEdits: Map<number, EvidenceEdit>;
  readonly actionEdits: Map<number, ActionEdit>;
}

class Sitting implements SittingApi {
  current: LoadedAnswers;

  constructor(
    start: LoadedAnswers,
    readonly o: SittingOptions,
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

  /** An indicator's rating as a person reads it: its scale's label, Not applicable, or unanswered. */
  private ratingShown(entry: IndicatorEntry): string {
    const rating = this.answerTo(entry)?.rating;
    return rating === undefined ? 'unanswered' : ratingLabel(entry.scale, rating);
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
      type MenuChoice = 'continue' | 'pick' | 'review' | 'theme-facts' | 'facts' | 'quit';
      const choice = await orBack(
        () =>
          this.o.prompts.select<MenuChoice>({
            id: 'menu',
            message: 'What next?',
            choices: [
              ...(next
                ? [{ value: 'continue' as const, name: `Continue with the next unanswered indicator (${terminalLine(next.indicator.id)}, ${terminalLine(next.theme.title)})`, short: 'Continue' }]
                : []),
              { value: 'pick', name: 'Pick a theme' },
              { value: 'review', name: "Review a theme's answers" },
              { value: 'theme-facts', name: "A theme's summary and assurance (assessed, moderated, signed off)", short: 'Summary and assurance' },
              { value: 'facts', name: 'The assessment itself: council, period, date, who took part, the committee paper', short: 'The assessment itself' },
              { value: 'quit', name: next ? 'Save and quit' : 'Finish: every indicator is answered', short: next ? 'Save and quit' : 'Finish' },
            ],
            default: next ? 'continue' : 'quit',
          }),
        undefined,
      );
      if (choice === undefined) continue;
      if (choice === 'quit') return;
      if (choice === 'continue') {
        await this.walk(all, 0, true);
      } else if (choice === 'facts') {
        await fileFacts(this);
      } else {
        const theme = await this.pickTheme(choice === 'pick' ? 'theme' : choice === 'review' ? 'review-theme' : 'theme-facts-theme');
        if (theme === undefined) continue;
        const entries = this.entriesOf(theme);
        if (choice === 'pick') {
          const first = entries.findIndex((e) => !isAnswered(this.answerTo(e)));
          await this.walk(entries, first === -1 ? 0 : first, false);
        } else if (choice === 'review') {
          await this.review(theme, entries);
        } else {
          await themeFacts(this, theme, false);
        }
      }
    }
  }

  private async pickTheme(id: 'theme' | 'review-theme' | 'theme-facts-theme'): Promise<Theme | undefined> {
    const width = String(this.catalogue.themes.length).length;
    const message = { theme: 'Which theme?', 'review-theme': 'Review which theme?', 'theme-facts-theme': "Which theme's summary and assurance?" }[id];
    const picked = await orBack(
      () =>
        this.o.prompts.select<Theme | typeof NAV.menu>({
          id,
          message,
          choices: [
            ...this.catalogue.themes.map((theme, i) => {
              const p = themeProgress(theme, this.current.answers);
              return { value: theme, name: `${String(i + 1).padStart(width)}  ${terminalLine(theme.title)} (${p.answered} of ${p.total} answered)`, short: terminalLine(theme.title) };
            }),
            { separator: ' ' },
            { value: NAV.menu, name: 'Back to the menu', short: 'menu' },
          ],
        }),
      NAV.menu,
    );
    return picked === NAV.menu ? undefined : picked;
  }

  private async review(theme: Theme, entries: readonly IndicatorEntry[]): Promise<void> {
    this.o.show(reviewScreen(theme, this.current.answers, this.catalogue, this.o));
    const idWidth = Math.max(...entries.map((e) => terminalLine(e.indicator.id).length));
    const picked = await orBack(
      () =>
        this.o.prompts.select<number>({
          id: 'review',
          message: 'Change which answer? (the theme goes on from there)',
          choices: [
            ...entries.map((e, i) => ({
              value: i,
              name: `${terminalLine(e.indicator.id).padEnd(idWidth)}  ${terminalLine(this.ratingShown(e))}`,
              short: terminalLine(e.indicator.id),
            })),
            { separator: ' ' },
            { value: -1, name: 'Back to the menu', short: 'menu' },
          ],
        }),
      -1,
    );
    if (picked >= 0) await this.walk(entries, picked, false);
  }

  /**
   * One indicator after another from `start`: every one in the list, or only the unanswered ones.
   * Back returns to the indicator shown before (or the one before in the list). Leaving a theme
   * offers its summary and assurance.
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
      const theme = list[i]!.theme;
      i = nextFrom(i + 1);
      // The end of a theme: its summary and assurance, when the theme is all answered or was walked whole.
      const leaving = i >= list.length || list[i]!.theme.id !== theme.id;
      const t = themeProgress(theme, this.current.answers);
      if (leaving && (!onlyUnanswered || t.answered === t.total)) {
        this.o.show(`\nEnd of ${terminalLine(theme.title)}: ${t.answered} of ${t.total} answered.\n`);
        await themeFacts(this, theme, true);
      }
    }
    if (onlyUnanswered) {
      const p = overallProgress(this.current.answers, this.catalogue);
      this.o.show(p.answered === p.total ? `\nEvery indicator is answered (${p.total} of ${p.total}).\n` : `\nNo more unanswered indicators after the ones you skipped: ${p.answered} of ${p.total} answered.\n`);
    }
  }

  /**
   * Asks one indicator's questions and saves the answer; asks again when the save is refused. Esc
   * at any of its questions leaves it as it was, and goes back to the menu.
   */
  private async indicator(entry: IndicatorEntry, canGoBack: boolean): Promise<Outcome> {
    const id = entry.indicator.id;
    for (;;) {
      const before = this.answerTo(entry);
      this.o.show(indicatorScreen(entry, before, this.catalogue, overallProgress(this.current.answers, this.catalogue), this.o));
      let edit: AnswerEdit | Outcome;
      try {
        edit = await this.askIndicator(entry, before, canGoBack);
      } catch (err) {
        if (!isEscape(err)) throw err;
        this.o.show(this.o.paint.dim(`Left ${terminalLine(id)} without saving: its answer is as it was.`) + '\n');
        return 'menu';
      }
      if (typeof edit === 'string') return edit;
      if (await this.save(entry, edit)) return 'next';
    }
  }

  /** The rating, then what goes with it, then anything more: the whole edit, nothing saved yet. */
  private async askIndicator(entry: IndicatorEntry, before: IndicatorAnswer | undefined, canGoBack: boolean): Promise<AnswerEdit | Outcome> {
    const id = entry.indicator.id;
    // Each level by its label (what a person reads); the word is what the file keeps.
    const labelWidth = Math.max(NOT_APPLICABLE_LABEL.length, ...entry.scale.levels.map((l) => terminalLine(l.label).length));
    // The cursor starts on the answer given, else last period's, else on Skip: a stray Enter records nothing.
    const previous = before?.previous !== undefined && ratingWords(entry).includes(before.previous) ? before.previous : undefined;
    const rating = await this.o.prompts.select<string>({
      id: 'rating',
      about: id,
      message: `${terminalLine(id)}: ${terminalLine(entry.scale.question ?? 'Your rating?')}`,
      choices: [
        ...entry.scale.levels.map((l) => ({ value: l.word, name: `${terminalLine(l.label).padEnd(labelWidth)}  ${terminalLine(l.meaning)}`, short: terminalLine(l.label) })),
        { value: NOT_APPLICABLE, name: `${NOT_APPLICABLE_LABEL.padEnd(labelWidth)}  Does not apply to this council (you will be asked why).`, short: NOT_APPLICABLE_LABEL },
        { separator: ' ' },
        { value: NAV.skip, name: 'Skip for now', short: 'skipped' },
        { value: NAV.back, name: 'Back to the previous indicator', short: 'back', ...(canGoBack ? {} : { disabled: '(this is the first)' }) },
        { value: NAV.menu, name: 'Back to the menu', short: 'menu' },
      ],
      default: before?.rating ?? previous ?? NAV.skip,
    });
    if (rating === NAV.skip) return 'next';
    if (rating === NAV.back) return 'back';
    if (rating === NAV.menu) return 'menu';
    // Everything for this indicator is asked before anything is saved: Ctrl-C or Esc part-way keeps the old answer.
    const draft: Draft = {
      edit: rating === NOT_APPLICABLE ? { notApplicable: await this.reason(entry, before) } : { rating, ...(await this.details(entry, before, rating)) },
      evidenceEdits: new Map(),
      actionEdits: new Map(),
    };
    await this.more(entry, before, draft);
    return { ...draft.edit, evidenceEdits: [...draft.evidenceEdits.values()], actionEdits: [...draft.actionEdits.values()] };
  }

  private async reason(entry: IndicatorEntry, before: IndicatorAnswer | undefined): Promise<string> {
    const current = before?.rating === NOT_APPLICABLE ? before.reason : undefined;
    const reason = await this.o.prompts.input({
      id: 'reason',
      about: entry.indicator.id,
      message: `Why does ${terminalLine(entry.indicator.id)} not apply?`,
      multiline: true,
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
      // A pasted list keeps every line: each is an entry.
      const text = await this.o.prompts.input({ id: 'evidence', about, message: 'Evidence: a document, link or path, one a line (Enter to go on):', multiline: true, validate: (v) => lineLimits(v) });
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      if (lines.length === 0) break;
      evidence.push(...lines);
    }
    this.o.show(actionList(about, before?.actions ?? [], this.o));
    const redFlag = entry.scale.levels.find((l) => l.word === rating)?.['red-flag'] === true;
    const actions: Action[] = [];
    for (;;) {
      const open = (before?.actions ?? []).some((a) => actionStatus(a) === 'open') || actions.length > 0;
      const message = redFlag && !open ? 'A red flag needs an action. Action to take (Enter for none):' : 'Action to take (Enter to go on):';
      const action = (await this.o.prompts.input({ id: 'action', about, message, validate: (v) => lineLimit(v) })).trim();
      if (action === '') break;
      const owner = (await this.o.prompts.input({ id: 'owner', about, message: 'Who owns it (Enter for no one yet)?', validate: (v) => lineLimit(v) })).trim();
      const due = (await this.o.prompts.input({ id: 'due', about, message: 'Due by, YYYY-MM-DD (Enter for no date):', validate: dateCheck({ blank: true }) })).trim();
      actions.push({ action, ...(owner !== '' ? { owner } : {}), ...(due !== '' ? { due } : {}), status: 'open' });
    }
    return { ...(commentary !== undefined ? { commentary } : {}), evidence, actions };
  }

  /** The new commentary ('' removes it), or undefined to keep it as it is. */
  private async commentary(about: string, before: IndicatorAnswer | undefined): Promise<string | undefined> {
    const current = before?.commentary;
    if (current !== undefined) this.o.show(shownText('Commentary', current, this.o));
    const text = await askValue(this.o.prompts, {
      id: 'commentary',
      about,
      message: current !== undefined ? `Commentary for ${terminalLine(about)} (Enter keeps it as shown; - removes it):` : `Commentary for ${terminalLine(about)}: where the council is, and why this rating (Enter for none):`,
      multiline: true,
      current,
      removable: true,
    });
    return text === null ? '' : (text ?? undefined);
  }

  /**
   * Anything more before the indicator is saved: its target, and the evidence and actions it
   * already has (an action done, a progress note, a change, a removal). Enter saves.
   */
  private async more(entry: IndicatorEntry, before: IndicatorAnswer | undefined, draft: Draft): Promise<void> {
    const id = entry.indicator.id;
    const evidence = before?.evidence ?? [];
    const actions = before?.actions ?? [];
    for (;;) {
      const target = draft.edit.target !== undefined ? draft.edit.target || undefined : before?.target;
      const rated = draft.edit.notApplicable === undefined;
      const kept = evidence.filter((_, i) => !draft.evidenceEdits.get(i)?.remove).length;
      const left = actions.map((a, i) => draftAction(a, draft.actionEdits.get(i))).filter((a): a is Action => a !== undefined);
      const open = left.filter((a) => actionStatus(a) === 'open').length;
      type More = 'save' | 'target' | 'actions' | 'evidence';
      const choices = [
        { value: 'save' as const, name: `Save ${terminalLine(id)} and go on`, short: 'Save' },
        ...(rated ? [{ value: 'target' as const, name: `Target for the next review: ${target !== undefined ? terminalLine(target) : 'none set'}`, short: 'Target' }] : []),
        ...(left.length > 0 ? [{ value: 'actions' as const, name: `Its actions (${left.length}, ${open} open): mark one done, add a progress note, change or remove one`, short: 'Actions' }] : []),
        ...(kept > 0 ? [{ value: 'evidence' as const, name: `Its evidence (${kept}): change or remove an entry`, short: 'Evidence' }] : []),
      ];
      // Nothing more to offer (not applicable, with no evidence or actions): saved at once.
      if (choices.length === 1) return;
      const choice = await this.o.prompts.select<More>({ id: 'more', about: id, message: `${terminalLine(id)}: anything more before it is saved?`, choices, default: 'save' });
      if (choice === 'save') return;
      if (choice === 'target') await orBack(() => this.target(entry, before, draft), undefined);
      if (choice === 'actions') await this.actions(entry, actions, draft);
      if (choice === 'evidence') await this.evidence(entry, evidence, draft);
    }
  }

  private async target(entry: IndicatorEntry, before: IndicatorAnswer | undefined, draft: Draft): Promise<void> {
    const id = entry.indicator.id;
    const levels = entry.scale.levels;
    const current = draft.edit.target !== undefined ? draft.edit.target || undefined : before?.target;
    const rating = draft.edit.rating;
    // Offered first: the target there is, else the level above the rating.
    const above = levels[Math.min(levels.length - 1, levels.findIndex((l) => l.word === rating) + 1)]?.word;
    const wordWidth = Math.max(...levels.map((l) => l.word.length));
    const picked = await this.o.prompts.select<string>({
      id: 'target',
      about: id,
      message: `${terminalLine(id)}: the level aimed for by the next review`,
      choices: [...levels.map((l) => ({ value: l.word, name: `${l.word.padEnd(wordWidth)}  ${terminalLine(l.meaning)}`, short: l.word })), { separator: ' ' }, { value: '', name: 'No target', short: 'none' }],
      default: current ?? above ?? '',
    });
    draft.edit = { ...draft.edit, target: picked === (before?.target ?? '') ? undefined : picked };
  }

  /** The indicator's actions: pick one, then what to do with it; Esc or Back returns. */
  private async actions(entry: IndicatorEntry, actions: readonly Action[], draft: Draft): Promise<void> {
    const id = entry.indicator.id;
    for (;;) {
      const views = actions.map((a, i) => ({ i, a: draftAction(a, draft.actionEdits.get(i)) })).filter((v): v is { i: number; a: Action } => v.a !== undefined);
      this.o.show(actionList(id, actions.map((a, i) => draftAction(a, draft.actionEdits.get(i))), this.o));
      const picked = await orBack(
        () =>
          this.o.prompts.select<number>({
            id: 'action-entry',
            about: id,
            message: 'Which action?',
            choices: [...views.map(({ i, a }) => ({ value: i, name: `${actionRef(id, i)}  ${terminalLine(a.action)} (${actionState(a)})`, short: actionRef(id, i) })), { separator: ' ' }, { value: -1, name: 'Back', short: 'back' }],
          }),
        -1,
      );
      if (picked < 0) return;
      await orBack(() => this.oneAction(id, picked, draftAction(actions[picked]!, draft.actionEdits.get(picked))!, draft), undefined);
    }
  }

  private async oneAction(id: string, index: number, action: Action, draft: Draft): Promise<void> {
    const ref = actionRef(id, index);
    const edit = (more: ActionEdit): void => {
      draft.actionEdits.set(index, mergeActionEdit(draft.actionEdits.get(index), more));
    };
    const open = actionStatus(action) === 'open';
    type What = 'done' | 'reopen' | 'progress' | 'change' | 'remove' | 'back';
    const what = await this.o.prompts.select<What>({
      id: 'action-change',
      about: ref,
      message: `${ref}: ${terminalLine(action.action)}`,
      choices: [
        open ? { value: 'done', name: 'Mark it done' } : { value: 'reopen', name: 'Open it again' },
        { value: 'progress', name: 'Add a progress note' },
        { value: 'change', name: 'Change its text, owner or due date' },
        { value: 'remove', name: 'Remove it from the action plan' },
        { separator: ' ' },
        { value: 'back', name: 'Back' },
      ],
      default: open ? 'done' : 'progress',
    });
    if (what === 'done') {
      const on = (await this.o.prompts.input({ id: 'done-on', about: ref, message: 'Done on, YYYY-MM-DD:', default: this.o.today, validate: dateCheck() })).trim();
      edit(markDone(index, on));
    } else if (what === 'reopen') {
      edit(reopen(index));
    } else if (what === 'progress') {
      const note = await this.o.prompts.input({ id: 'progress', about: ref, message: `Progress on ${ref}:`, multiline: true, validate: (v) => (v.trim() === '' ? 'Write the note, or press Esc to go back.' : textLimit(v)) });
      const on = (await this.o.prompts.input({ id: 'progress-on', about: ref, message: 'As of, YYYY-MM-DD:', default: this.o.today, validate: dateCheck() })).trim();
      edit({ index, progress: [{ on, note: note.replace(/\s+$/, '') }] });
    } else if (what === 'change') {
      const text = await askValue(this.o.prompts, { id: 'action', about: ref, message: 'The action (Enter keeps it):', current: action.action });
      const owner = await askValue(this.o.prompts, { id: 'owner', about: ref, message: `Who owns it (${action.owner !== undefined ? 'Enter keeps them; - for no one' : 'Enter for no one yet'})?`, current: action.owner, removable: true });
      const due = await askValue(this.o.prompts, { id: 'due', about: ref, message: `Due by, YYYY-MM-DD (${action.due !== undefined ? 'Enter keeps it; - for no date' : 'Enter for no date'}):`, current: action.due, removable: true, validate: dateCheck({ blank: true, removable: true }) });
      edit({
        index,
        set: { ...(text ? { action: text } : {}), ...(owner ? { owner } : {}), ...(due ? { due } : {}) },
        unset: [...(owner === null ? (['owner'] as const) : []), ...(due === null ? (['due'] as const) : [])],
      });
    } else if (what === 'remove') {
      const sure = await this.o.prompts.select<boolean>({
        id: 'confirm-remove',
        about: ref,
        message: `Remove ${ref} from the action plan? (last period's file keeps it)`,
        choices: [
          { value: false, name: 'No, keep it' },
          { value: true, name: `Yes, remove ${ref}` },
        ],
        default: false,
      });
      if (sure) edit({ index, remove: true });
    }
  }

  /** The indicator's evidence: pick an entry, then change or remove it; Esc or Back returns. */
  private async evidence(entry: IndicatorEntry, evidence: readonly Evidence[], draft: Draft): Promise<void> {
    const id = entry.indicator.id;
    for (;;) {
      const views = evidence.map((e, i) => ({ i, title: draft.evidenceEdits.get(i)?.text ?? evidenceTitle(e), removed: draft.evidenceEdits.get(i)?.remove === true })).filter((v) => !v.removed);
      const picked = await orBack(
        () =>
          this.o.prompts.select<number>({
            id: 'evidence-entry',
            about: id,
            message: 'Which evidence entry?',
            choices: [...views.map((v) => ({ value: v.i, name: terminalLine(v.title), short: `entry ${v.i + 1}` })), { separator: ' ' }, { value: -1, name: 'Back', short: 'back' }],
          }),
        -1,
      );
      if (picked < 0) return;
      const title = draft.evidenceEdits.get(picked)?.text ?? evidenceTitle(evidence[picked]!);
      const what = await orBack(
        () =>
          this.o.prompts.select<'change' | 'remove' | 'back'>({
            id: 'evidence-change',
            about: id,
            message: terminalLine(title),
            choices: [{ value: 'change', name: 'Change its text' }, { value: 'remove', name: 'Remove it' }, { separator: ' ' }, { value: 'back', name: 'Back' }],
          }),
        'back' as const,
      );
      if (what === 'remove') draft.evidenceEdits.set(picked, { index: picked, remove: true });
      if (what === 'change') {
        const text = await orBack(() => askValue(this.o.prompts, { id: 'evidence-text', about: id, message: 'The evidence (Enter keeps it):', current: title }), undefined);
        if (text) draft.evidenceEdits.set(picked, { index: picked, text });
      }
    }
  }

  /** Saves one indicator's answer; false (nothing saved) when the file would become invalid. */
  private async save(entry: IndicatorEntry, edit: AnswerEdit): Promise<boolean> {
    const id = entry.indicator.id;
    let changed = 0;
    const saved = await this.commit(() => {
      const changes = answerChanges(entry.theme.id, id, this.answerTo(entry), edit);
      changed = changes.length;
      return changes;
    }, '');
    if (!saved) {
      this.o.show(`Nothing was saved for ${terminalLine(id)}: answer it again.\n`);
      return false;
    }
    const p = overallProgress(this.current.answers, this.catalogue);
    const rating = this.answerTo(entry)?.rating === undefined ? 'unrated' : this.ratingShown(entry);
    this.o.show(this.o.paint.dim(`${changed > 0 ? 'Saved' : 'Unchanged'}: ${terminalLine(id)} ${terminalLine(rating)}. ${p.answered} of ${p.total} answered.`) + '\n');
    return true;
  }

  async commit(plan: () => Change[], done: string): Promise<boolean> {
    await this.catchUp();
    const changes = plan();
    if (changes.length > 0) {
      // Ctrl-C while the save is written waits for it, then stops the sitting (exit 130).
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
        throw new CancelledError(stoppedMessage(this.current, this.o.file, this.o.again));
      }
      if (!saved.ok) {
        this.showProblems(saved.problems);
        return false;
      }
      this.current = saved.value;
    }
    if (done !== '') this.o.show(this.o.paint.dim(`${changes.length > 0 ? 'Saved' : 'Unchanged'}: ${done}.`) + '\n');
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
      const choice = await orBack(
        () =>
          this.o.prompts.select<'again' | 'overwrite'>({
            id: 'changed-file',
            message: `${terminalLine(this.o.file)} was changed outside bva and is no longer valid. Fix it, then:`,
            choices: [
              { value: 'again', name: 'Try again' },
              { value: 'overwrite', name: "Overwrite it with this sitting's copy (the changes made outside bva are lost)" },
            ],
          }),
        'again' as const,
      );
      if (choice === 'overwrite') return;
      file = readNow();
      if (file === undefined) return;
    }
  }

  private showProblems(problems: readonly LocatedProblem[]): void {
    for (const p of problems) if (p.severity === 'error') this.o.show(`${problemLine(p, this.o.paint)}\n`);
  }
}

/** Each line of a list of one-line entries within the schema's limit. */
function lineLimits(v: string): true | string {
  for (const line of v.split('\n')) {
    const verdict = lineLimit(line);
    if (verdict !== true) return verdict;
  }
  return true;
}

/** An action as it will be once its pending edit is saved; undefined when it is to be removed. */
function draftAction(a: Action, e: ActionEdit | undefined): Action | undefined {
  if (!e) return a;
  if (e.remove) return undefined;
  const out: Record<string, unknown> = { ...a, ...e.set };
  for (const key of e.unset ?? []) delete out[key];
  if (e.progress?.length) out['progress'] = [...(a.progress ?? []), ...e.progress];
  return out as unknown as Action;
}

/** Two pending edits of one action as one. */
function mergeActionEdit(a: ActionEdit | undefined, b: ActionEdit): ActionEdit {
  if (!a) return b;
  const set = { ...a.set, ...b.set };
  const unset = [...(a.unset ?? []).filter((k) => !(k in (b.set ?? {}))), ...(b.unset ?? [])];
  for (const k of unset) delete (set as Record<string, unknown>)[k];
  return { index: a.index, set, unset: [...new Set(unset)], progress: [...(a.progress ?? []), ...(b.progress ?? [])], ...(a.remove || b.remove ? { remove: true as const } : {}) };
}

/** "open, due 2026-03-31" or "done on 2026-02-20". */
export function actionState(a: Action): string {
  if (actionStatus(a) === 'done') return a['done-on'] !== undefined ? `done on ${a['done-on']}` : 'done';
  return a.due !== undefined ? `open, due ${a.due}` : 'open';
}
