// `bva answer FILE [TARGET] [...]`: set answers from a script. TARGET names what is set: an
// indicator (its rating, target, commentary, evidence and actions), an action as INDICATOR#N (done,
// progress, owner, due), a theme (its summary and assurance), or nothing, for the file's own facts
// and its committee paper. Every change is checked against the catalogue and the schema before
// anything is written; a refused change leaves the file untouched. What changed is said on stderr,
// a removed value included.
import { answerChanges, fileChanges, markDone, reopen, themeChanges, type ActionEdit, type AnswerEdit, type EvidenceEdit, type FileEdit, type PaperField, type StepRecord, type ThemeEdit } from '../answers/changes.js';
import type { Change } from '../answers/edit.js';
import {
  ASSURANCE_STEPS,
  actionRef,
  actionStatus,
  answeredCount,
  answerOf,
  parseActionRef,
  parseParticipant,
  participantLabel,
  type Action,
  type Answers,
  type AssuranceStepName,
  type IndicatorAnswer,
  type LoadedAnswers,
} from '../answers/model.js';
import { saveChanges } from '../answers/save.js';
import { NOT_APPLICABLE, ratingWords, scaleWords, type IndicatorEntry, type Theme } from '../catalogue/model.js';
import { EXIT, UsageError } from '../errors.js';
import { say, terminalLine } from '../render/escape.js';
import { isPeriod } from '../source/dates.js';
import { lockForWriting } from '../source/lock.js';
import { nearest } from '../source/suggest.js';
import { plural } from '../words.js';
import { ANSWER_FLAGS, CLEARABLE, TARGET_KINDS, flagName, type AnswerFlagName, type TargetKind } from './answer-flags.js';
import { answersSource, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

/** What commander passes: each flag's value (a list for a repeatable one), and --catalogue. */
export type AnswerOptions = { [K in AnswerFlagName]?: K extends 'done' | 'reopen' | 'remove' ? boolean : (typeof ANSWER_FLAGS)[K] extends { repeat: true } ? string[] : string } & {
  catalogue?: string;
};

/** A change refused for what the file holds (an action or evidence entry that is not there): exit 1, nothing written. */
class Refused extends Error {}

/** The changes for one target, and what to say about them once saved. */
interface Plan {
  /** The target as named in messages: the indicator, action or theme id, or the file. */
  readonly name: string;
  readonly changes: readonly Change[];
  /** What the change did, in words, given the file as saved. */
  readonly said: (after: Answers) => string[];
}

export async function answer(ctx: CommandContext, file: string, target: string | undefined, opts: AnswerOptions): Promise<number> {
  // 1. The flags must describe one coherent change; what can be told without the file is told first.
  const given = (Object.keys(ANSWER_FLAGS) as AnswerFlagName[]).filter((n) => opts[n] !== undefined);
  const ref = target === undefined ? undefined : parseActionRef(target);
  const early: TargetKind | undefined = target === undefined ? 'file' : ref ? 'action' : undefined;
  if (early) checkFlags(given, early, target, opts);
  for (const n of given) {
    const value = opts[n];
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(emptyValue(n));
    if (Array.isArray(value) && value.some((v) => v.trim() === '')) throw new UsageError(`${flagName(n)} needs text`);
  }

  const path = resolvePath(ctx, file);
  const lock = lockForWriting(path, 'bva answer', file);
  try {
    if (lock.recovered) ctx.stderr.write(say`bva: ${file}: ${lock.recovered}\n`);
    // 2. The file must be valid, and the target must be in it or its catalogue.
    const loaded = await loadValidAnswers(ctx, file, opts.catalogue);
    let plan: Plan;
    try {
      plan = planFor(ctx, loaded, file, target, ref, given, opts);
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      ctx.stderr.write(say`bva: ${err.message}; nothing was written\n`);
      return EXIT.invalid;
    }

    // 3. Edit, check, write.
    const answered = (a: Answers): string => `answered ${answeredCount(a, loaded.catalogue)} of ${loaded.catalogue.indicatorCount}`;
    if (plan.changes.length === 0) {
      ctx.stderr.write(say`${plan.name}: ${[...plan.said(loaded.answers), say`nothing to change, ${file} left as it was (${answered(loaded.answers)})`].join('; ')}\n`);
      return EXIT.ok;
    }
    const saved = await saveChanges(loaded, plan.changes, answersSource(ctx, opts.catalogue));
    if (!saved.ok) {
      printProblems(ctx, saved.problems);
      return EXIT.invalid;
    }
    const after = saved.value.answers;
    ctx.stderr.write(say`${plan.name}: ${[...plan.said(after), say`saved ${file} (${answered(after)})`].join('; ')}\n`);
    return EXIT.ok;
  } finally {
    lock.release();
  }
}

/** The plan for the target: an indicator, an action, a theme, or the file. */
function planFor(ctx: CommandContext, loaded: LoadedAnswers, file: string, target: string | undefined, ref: ReturnType<typeof parseActionRef>, given: readonly AnswerFlagName[], opts: AnswerOptions): Plan {
  const { catalogue } = loaded;
  if (target === undefined) return filePlan(loaded.answers, file, opts);
  if (ref) {
    const entry = catalogue.indicatorById.get(ref.indicatorId);
    if (!entry) throw new Refused(unknownTarget(ref.indicatorId, loaded));
    const actions = answerOf(loaded.answers, entry.theme.id, entry.indicator.id)?.actions ?? [];
    if (ref.index >= actions.length) {
      const range = actions.length === 1 ? ` (it has ${actionRef(ref.indicatorId, 0)})` : actions.length > 1 ? ` (its actions are ${actionRef(ref.indicatorId, 0)} to ${actionRef(ref.indicatorId, actions.length - 1)})` : '';
      throw new Refused(`${ref.indicatorId} has ${plural(actions.length, 'action')}, so there is no ${target}${range}`);
    }
    return actionPlan(entry, actions, ref.index, opts, ctx.today);
  }
  const theme = catalogue.themeById.get(target);
  const entry = catalogue.indicatorById.get(target);
  if (theme) {
    checkFlags(given, 'theme', target, opts);
    return themePlan(theme, loaded.answers, opts, ctx.today);
  }
  if (!entry) throw new Refused(unknownTarget(target, loaded));
  checkFlags(given, 'indicator', target, opts);
  return indicatorPlan(entry, answerOf(loaded.answers, entry.theme.id, target), opts);
}

/** Refuses (exit 2) flags that do not belong to this kind of target, or none at all, or a field --clear cannot clear here. */
function checkFlags(given: readonly AnswerFlagName[], kind: TargetKind, target: string | undefined, opts: AnswerOptions): void {
  const what = target === undefined ? 'the file' : target;
  if (given.filter((n) => n !== 'clear').length === 0 && (opts.clear ?? []).length === 0) {
    const flags = (Object.keys(ANSWER_FLAGS) as AnswerFlagName[]).filter((n) => n !== 'clear' && (ANSWER_FLAGS[n].kinds as readonly TargetKind[]).includes(kind)).map(flagName);
    throw new UsageError(`say what to set for ${what}: ${flags.slice(0, 8).join(', ')}${flags.length > 8 ? ', ...' : ''} or --clear (bva answer --help lists them all)`);
  }
  for (const n of given) {
    const kinds = ANSWER_FLAGS[n].kinds as readonly TargetKind[];
    if (kinds.includes(kind)) continue;
    const forWhat = kinds.map((k) => TARGET_KINDS[k].named).join(' or ');
    const is = target === undefined ? 'no TARGET was given' : `${target} is ${kind === 'action' ? 'an action' : `a${kind === 'indicator' ? 'n' : ''} ${kind}`}`;
    throw new UsageError(`${flagName(n)} is for ${forWhat}, and ${is}`);
  }
  for (const field of opts.clear ?? []) {
    if (!CLEARABLE[kind].includes(field)) {
      throw new UsageError(`--clear ${field}: ${what} has no such field to clear; for ${TARGET_KINDS[kind].named.replace(/ \(.*$/, '')}, clear one of: ${CLEARABLE[kind].join(', ')}`);
    }
  }
}

/** The message for a text flag given as empty: removing a value is said with --clear. */
function emptyValue(n: AnswerFlagName): string {
  const field = flagName(n).slice(2);
  const clear = Object.values(CLEARABLE).some((fields) => fields.includes(field));
  if (clear) return `${flagName(n)} is empty: to remove the ${field.replace(/-/g, ' ')}, say so with --clear ${field}`;
  return `${flagName(n)} needs ${n === 'notApplicable' ? 'a reason' : 'text'}`;
}

function unknownTarget(id: string, loaded: LoadedAnswers): string {
  const { catalogue } = loaded;
  const guess = nearest(id, [...catalogue.indicatorById.keys(), ...catalogue.themeById.keys()]);
  return `unknown indicator or theme ${JSON.stringify(id)} in ${catalogue.catalogue.id}${guess ? `; did you mean ${guess}?` : ''}`;
}

/** A list place given as a number from 1, checked against the list's length. */
function place(value: string, flag: string, count: number, what: string, owner: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new UsageError(`${flag}: expected a place in the list, 1 or more, got ${JSON.stringify(value)}`);
  const n = Number(value);
  if (n > count) throw new Refused(`${owner} has ${plural(count, what, what === 'evidence entry' ? 'evidence entries' : `${what}s`)}, so there is no ${ordinal(n)}`);
  return n - 1;
}

const ordinal = (n: number): string => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

// --- An indicator ---------------------------------------------------------------------------------

function indicatorPlan(entry: IndicatorEntry, before: IndicatorAnswer | undefined, opts: AnswerOptions): Plan {
  const id = entry.indicator.id;
  const clear = new Set(opts.clear ?? []);
  if (opts.notApplicable !== undefined && opts.rating !== undefined) throw new UsageError('--not-applicable sets the rating: give one or the other');
  if (clear.has('rating') && (opts.rating !== undefined || opts.notApplicable !== undefined)) throw new UsageError('--clear rating removes the rating: give it, or a rating, not both');
  if (clear.has('target') && opts.target !== undefined) throw new UsageError('--clear target removes the target: give it, or --target, not both');
  if (clear.has('commentary') && opts.commentary !== undefined) throw new UsageError('--clear commentary removes the commentary: give it, or --commentary, not both');
  if ((opts.owner !== undefined || opts.due !== undefined) && opts.action === undefined) {
    throw new UsageError(`--owner and --due describe an action: give --action too, to add one, or name an action to change, like ${actionRef(id, 0)}`);
  }
  if (opts.rating === NOT_APPLICABLE) throw new UsageError('use --not-applicable REASON to mark an indicator not applicable');
  const words = ratingWords(entry);
  const levels = scaleWords(entry);
  const offScale = (what: string, word: string, allowed: string[]): Refused => {
    const guess = nearest(word, allowed);
    return new Refused(`${id}: ${what} ${JSON.stringify(word)} is not on its ${entry.indicator.kind} scale${guess ? ` (did you mean ${guess}?)` : ''}; use one of: ${allowed.join(', ')}`);
  };
  if (opts.rating !== undefined && !words.includes(opts.rating)) throw offScale('rating', opts.rating, words);
  if (opts.target !== undefined && !levels.includes(opts.target)) throw offScale('target', opts.target, levels);

  const evidenceCount = before?.evidence?.length ?? 0;
  const evidenceEdits: EvidenceEdit[] = [
    ...(opts.replaceEvidence ?? []).map((v) => {
      const m = /^([^=]*)=([\s\S]*)$/.exec(v);
      if (!m || m[2]!.trim() === '') throw new UsageError(`--replace-evidence: write it N=TEXT, like 2="Cabinet minutes, 12 March 2025"; got ${JSON.stringify(v)}`);
      return { index: place(m[1]!.trim(), '--replace-evidence', evidenceCount, 'evidence entry', id), text: m[2]! };
    }),
    ...(opts.removeEvidence ?? []).map((v) => ({ index: place(v, '--remove-evidence', evidenceCount, 'evidence entry', id), remove: true as const })),
  ];
  const action: Action | undefined =
    opts.action === undefined ? undefined : { action: opts.action, ...(opts.owner !== undefined ? { owner: opts.owner } : {}), ...(opts.due !== undefined ? { due: opts.due } : {}), status: 'open' };
  const edit: AnswerEdit = {
    rating: opts.rating,
    notApplicable: opts.notApplicable,
    ...(clear.has('rating') ? { unrate: true as const } : {}),
    target: clear.has('target') ? '' : opts.target,
    commentary: clear.has('commentary') ? '' : opts.commentary,
    evidence: opts.evidence,
    evidenceEdits,
    actions: action ? [action] : undefined,
  };
  const changes = answerChanges(entry.theme.id, id, before, edit);
  return {
    name: id,
    changes,
    said: (after) => {
      const now = answerOf(after, entry.theme.id, id);
      const was = before?.rating !== undefined && before.rating !== now?.rating ? ` (was ${before.rating})` : '';
      const out = [`${now?.rating ?? 'unrated'}${was}`];
      if (changes.length === 0) return out;
      if (now?.target !== before?.target) out.push(now?.target !== undefined ? `target ${now.target}` : 'target removed');
      if (now?.commentary !== before?.commentary) out.push(now?.commentary === undefined ? 'commentary removed' : before?.commentary === undefined ? 'commentary added' : 'commentary replaced');
      const replaced = evidenceEdits.filter((e) => e.text !== undefined).length;
      const removed = evidenceEdits.filter((e) => e.remove).length;
      if (replaced > 0) out.push(`${plural(replaced, 'evidence entry', 'evidence entries')} replaced`);
      if (removed > 0) out.push(`${plural(removed, 'evidence entry', 'evidence entries')} removed`);
      if ((opts.evidence ?? []).length > 0) out.push(`${plural(opts.evidence!.length, 'evidence entry', 'evidence entries')} added`);
      if (action) out.push(`action ${actionRef(id, (now?.actions?.length ?? 1) - 1)} added`);
      return out;
    },
  };
}

// --- An action ------------------------------------------------------------------------------------

function actionPlan(entry: IndicatorEntry, actions: readonly Action[], index: number, opts: AnswerOptions, today: string): Plan {
  const id = entry.indicator.id;
  const name = actionRef(id, index);
  const current = actions[index]!;
  const clear = new Set(opts.clear ?? []);
  if (opts.remove && Object.entries(opts).some(([k, v]) => v !== undefined && k !== 'remove' && k !== 'catalogue')) throw new UsageError('--remove takes the action out of the plan: give it on its own');
  const done = opts.done === true || opts.doneOn !== undefined;
  if (done && opts.reopen) throw new UsageError('--done and --reopen say opposite things: give one');
  if (opts.progressOn !== undefined && opts.progress === undefined) throw new UsageError('--progress-on dates a progress note: give --progress NOTE too');
  for (const field of ['owner', 'due'] as const) {
    if (clear.has(field) && opts[field] !== undefined) throw new UsageError(`--clear ${field} removes the ${field}: give it, or --${field}, not both`);
  }
  if (clear.has('done-on') && done) throw new UsageError('--clear done-on removes the day it was done: give it, or --done, not both');
  if (opts.remove) {
    return { name, changes: answerChanges(entry.theme.id, id, { actions: [...actions] }, { actionEdits: [{ index, remove: true }] }), said: () => [`removed from ${id}'s actions ("${terminalLine(current.action)}")`] };
  }
  const edits: ActionEdit[] = [];
  if (done) edits.push(markDone(index, opts.doneOn ?? current['done-on'] ?? today));
  if (opts.reopen) edits.push(reopen(index));
  edits.push({
    index,
    set: { ...(opts.action !== undefined ? { action: opts.action } : {}), ...(opts.owner !== undefined ? { owner: opts.owner } : {}), ...(opts.due !== undefined ? { due: opts.due } : {}) },
    unset: [...clear].filter((f): f is 'owner' | 'due' | 'done-on' => f === 'owner' || f === 'due' || f === 'done-on'),
    ...(opts.progress !== undefined ? { progress: [{ on: opts.progressOn ?? today, note: opts.progress }] } : {}),
  });
  const changes = answerChanges(entry.theme.id, id, { actions: [...actions] }, { actionEdits: edits });
  return {
    name,
    changes,
    said: (after) => {
      const now = answerOf(after, entry.theme.id, id)?.actions?.[index] ?? current;
      const out: string[] = [actionStatus(now) === 'done' ? `done${now['done-on'] !== undefined ? ` on ${now['done-on']}` : ''}` : 'open'];
      if (changes.length === 0) return out;
      if (actionStatus(now) !== actionStatus(current)) out[0] = `${out[0]} (was ${actionStatus(current)})`;
      for (const key of ['action', 'owner', 'due'] as const) {
        if (now[key] !== current[key]) out.push(now[key] === undefined ? `${key} removed` : key === 'action' ? 'text replaced' : `${key} ${terminalLine(now[key])}`);
      }
      if (opts.progress !== undefined) out.push(`progress note added (${opts.progressOn ?? today})`);
      return out;
    },
  };
}

// --- A theme --------------------------------------------------------------------------------------

/** Each assurance step's flags. */
const STEP_FLAGS: Record<AssuranceStepName, { readonly by: AnswerFlagName; readonly on: AnswerFlagName; readonly said: string }> = {
  assessed: { by: 'assessedBy', on: 'assessedOn', said: 'assessed' },
  moderated: { by: 'moderatedBy', on: 'moderatedOn', said: 'moderated' },
  'signed-off': { by: 'signedOffBy', on: 'signedOffOn', said: 'signed off' },
};

function themePlan(theme: Theme, answers: Answers, opts: AnswerOptions, today: string): Plan {
  const before = answers.themes?.[theme.id];
  const clear = new Set(opts.clear ?? []);
  if (clear.has('summary') && opts.summary !== undefined) throw new UsageError('--clear summary removes the summary: give it, or --summary, not both');
  const assurance: Partial<Record<AssuranceStepName, StepRecord | null>> = {};
  for (const step of ASSURANCE_STEPS) {
    const f = STEP_FLAGS[step];
    const by = opts[f.by] as string | undefined;
    const on = opts[f.on] as string | undefined;
    if (clear.has(step)) {
      if (by !== undefined || on !== undefined) throw new UsageError(`--clear ${step} removes that record: give it, or ${flagName(f.by)}, not both`);
      assurance[step] = null;
      continue;
    }
    if (by === undefined && on === undefined) continue;
    const current = before?.assurance?.[step];
    if (by === undefined && current === undefined) {
      throw new UsageError(`${flagName(f.on)} dates a record that ${theme.id} does not have yet: give ${flagName(f.by)} NAME too`);
    }
    assurance[step] = { by: by ?? current!.by, on: on ?? (by !== undefined ? today : current!.on) };
  }
  const edit: ThemeEdit = { summary: clear.has('summary') ? '' : opts.summary, assurance };
  // Each step is written by assuranceChanges, the one place a step (a sign-off above all) is recorded.
  const changes = themeChanges(theme.id, before, edit);
  return {
    name: theme.id,
    changes,
    said: (after) => {
      const now = after.themes?.[theme.id];
      const out: string[] = [];
      if (now?.summary !== before?.summary) out.push(now?.summary === undefined ? 'summary removed' : before?.summary === undefined ? 'summary added' : 'summary replaced');
      for (const step of ASSURANCE_STEPS) {
        const was = before?.assurance?.[step];
        const is = now?.assurance?.[step];
        if (was?.by === is?.by && was?.on === is?.on) continue;
        out.push(is ? `${STEP_FLAGS[step].said} by ${terminalLine(is.by)} on ${is.on}` : `${STEP_FLAGS[step].said} record removed`);
      }
      return out;
    },
  };
}

// --- The file itself ------------------------------------------------------------------------------

/** Each committee-paper field's flag. */
const PAPER_FLAGS: Record<PaperField, AnswerFlagName> = {
  title: 'paperTitle',
  meeting: 'meeting',
  'meeting-date': 'meetingDate',
  author: 'author',
  contact: 'contact',
  version: 'paperVersion',
  status: 'paperStatus',
  purpose: 'purpose',
  narrative: 'narrative',
};

function filePlan(answers: Answers, file: string, opts: AnswerOptions): Plan {
  const clear = new Set(opts.clear ?? []);
  if (opts.period !== undefined && !isPeriod(opts.period)) throw new UsageError(`--period must be written YYYY-YY with consecutive years, like 2025-26; got ${JSON.stringify(opts.period)}`);
  const participants = answers.participants ?? [];
  const removeParticipants = (opts.removeParticipant ?? []).map((v) => {
    const byName = participants.findIndex((p) => (typeof p === 'string' ? p : p.name).toLowerCase() === v.trim().toLowerCase());
    if (byName >= 0) return byName;
    if (/^\d+$/.test(v.trim())) return place(v.trim(), '--remove-participant', participants.length, 'participant', file);
    throw new Refused(`${file} has no participant named ${JSON.stringify(v)}${participants.length > 0 ? ` (they are: ${participants.map(participantLabel).join('; ')})` : ''}`);
  });
  if (clear.has('participants')) removeParticipants.push(...participants.map((_, i) => i));
  const recommendations = answers.paper?.recommendations ?? [];
  const removeRecommendations = (opts.removeRecommendation ?? []).map((v) => place(v, '--remove-recommendation', recommendations.length, 'recommendation', file));
  if (clear.has('recommendations')) removeRecommendations.push(...recommendations.map((_, i) => i));
  const paper: Partial<Record<PaperField, string>> = {};
  for (const [field, flag] of Object.entries(PAPER_FLAGS) as [PaperField, AnswerFlagName][]) {
    const value = opts[flag] as string | undefined;
    const clearName = flagName(flag).slice(2);
    if (clear.has(clearName) && value !== undefined) throw new UsageError(`--clear ${clearName} removes it: give it, or ${flagName(flag)}, not both`);
    if (clear.has(clearName)) paper[field] = '';
    else if (value !== undefined) paper[field] = value;
  }
  if (clear.has('assessment-date') && opts.assessmentDate !== undefined) throw new UsageError('--clear assessment-date removes it: give it, or --assessment-date, not both');
  const edit: FileEdit = {
    authority: opts.authority,
    period: opts.period,
    assessmentDate: clear.has('assessment-date') ? '' : opts.assessmentDate,
    participants: (opts.participant ?? []).map(parseParticipant),
    removeParticipants: [...new Set(removeParticipants)],
    paper,
    recommendations: opts.recommendation,
    removeRecommendations: [...new Set(removeRecommendations)],
  };
  const changes = fileChanges(answers, edit);
  return {
    name: file,
    changes,
    said: (after) => {
      const out: string[] = [];
      const field = (label: string, was: string | undefined, is: string | undefined): void => {
        if (was !== is) out.push(is === undefined ? `${label} removed` : `${label} ${terminalLine(is)}`);
      };
      field('authority', answers.authority, after.authority);
      field('period', answers.period, after.period);
      field('assessment date', answers['assessment-date'], after['assessment-date']);
      const added = edit.participants?.length ?? 0;
      const removed = edit.removeParticipants?.length ?? 0;
      if (added > 0) out.push(`${plural(added, 'participant')} added`);
      if (removed > 0) out.push(`${plural(removed, 'participant')} removed`);
      for (const f of Object.keys(PAPER_FLAGS) as PaperField[]) field(`paper ${f.replace('-', ' ')}`, answers.paper?.[f], after.paper?.[f]);
      const recAdded = edit.recommendations?.length ?? 0;
      const recRemoved = edit.removeRecommendations?.length ?? 0;
      if (recAdded > 0) out.push(`${plural(recAdded, 'recommendation')} added`);
      if (recRemoved > 0) out.push(`${plural(recRemoved, 'recommendation')} removed`);
      return out;
    },
  };
}
