// Policy gates for CI (`bva check`): pure checks over an assessment and the answers it scored.
// Each failure names the place in the answers file it concerns as a document path; the command
// turns paths into lines and columns with the project's one path-to-position lookup.
import { answerPath, type Answers, type Evidence } from '../answers/model.js';
import { levelOf, type CatalogueModel } from '../catalogue/model.js';
import { quote, type Anchor, type DocPath } from '../source/problem.js';
import type { ActionItem, IndicatorAssessment, Report, ThemeAssessment } from './assess.js';
import { plural } from '../words.js';
import { GATE_NAMES, type GateName } from './gate-flags.js';

/** What the gates look at: the scored report, the answers it came from, and the gates' settings. */
export interface GateInput {
  readonly report: Report;
  readonly answers: Answers;
  readonly catalogue: CatalogueModel;
  /** --min-level: a word of the characteristic scale (the command has checked it is one). */
  readonly minLevel?: string | undefined;
  /** --max-red: how many themes may be red. */
  readonly maxRed?: number | undefined;
  /** --evidence: the relative evidence paths that do not exist (the command looked on disk). */
  readonly missingEvidence?: ReadonlySet<string> | undefined;
}

/** One broken gate at one place in the answers file. */
export interface GateFailure {
  readonly gate: GateName;
  readonly message: string;
  /** Where in the answers file: the indicator, action, evidence entry or theme concerned. */
  readonly path: DocPath;
  readonly anchor: Anchor;
}

/** Each gate's check, by name. */
const CHECKS: Record<GateName, (input: GateInput) => GateFailure[]> = {
  'require-complete': requireComplete,
  'require-actions': requireActions,
  'no-overdue': noOverdue,
  'min-level': minLevel,
  'max-red': maxRed,
  evidence,
  'require-owners': requireOwners,
  'require-signoff': requireSignoff,
};

/** How each gate fared. */
export interface GateOutcome {
  readonly gate: GateName;
  readonly failures: readonly GateFailure[];
}

/** Applies the gates, in table order. */
export function evaluateGates(gates: readonly GateName[], input: GateInput): GateOutcome[] {
  return GATE_NAMES.filter((g) => gates.includes(g)).map((gate) => ({ gate, failures: CHECKS[gate](input) }));
}

// --- Where things are in the answers file ----------------------------------------------------

/**
 * The path to point at for `path`: the path itself when the answers file has it, else the deepest
 * part that exists (an unanswered indicator points at its theme's `indicators:`, or the theme).
 * Map entries are pointed at by their key, list items by their start.
 */
export function placeOf(answers: Answers, path: DocPath): { path: DocPath; anchor: Anchor } {
  let node: unknown = answers;
  let depth = 0;
  for (const seg of path) {
    // Own keys only: an id such as `constructor` must not find something on Object.prototype.
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, seg)) break;
    node = (node as Record<string | number, unknown>)[seg];
    depth++;
  }
  const found = path.slice(0, depth);
  const last = found[found.length - 1];
  return { path: found, anchor: typeof last === 'string' ? 'key' : 'value' };
}

/** A failure at `path`, or at the deepest part of it the file has. */
function failAt(input: GateInput, gate: GateName, message: string, path: DocPath): GateFailure {
  return { gate, message, ...placeOf(input.answers, path) };
}

/** Each indicator with its theme, in catalogue order. */
function* indicators(report: Report): Generator<[ThemeAssessment, IndicatorAssessment]> {
  for (const theme of report.themes) for (const indicator of theme.indicators) yield [theme, indicator];
}

/** Each action with its place in the file: its indicator's `actions:` list and its index there. */
function* actions(report: Report): Generator<[ActionItem, DocPath]> {
  for (const [theme, indicator] of indicators(report)) {
    for (const [i, n] of indicator.actions.entries()) yield [report.actions[n]!, [...answerPath(theme.id, indicator.id), 'actions', i]];
  }
}


// --- The gates -------------------------------------------------------------------------------

function requireComplete(input: GateInput): GateFailure[] {
  const out: GateFailure[] = [];
  for (const [theme, i] of indicators(input.report)) {
    if (i.status !== 'unanswered') continue;
    out.push(failAt(input, 'require-complete', `${i.id} (${theme.title}) is unanswered: rate it, or mark it not-applicable with a reason`, answerPath(theme.id, i.id)));
  }
  return out;
}

function requireActions(input: GateInput): GateFailure[] {
  const out: GateFailure[] = [];
  for (const [theme, i] of indicators(input.report)) {
    const lowest = i.kind === 'characteristic' && i.rating?.rank === 0;
    if (!i.redFlag && !lowest) continue;
    const own = i.actions.map((n) => input.report.actions[n]!);
    if (own.some((a) => a.status === 'open')) continue;
    const what = i.redFlag ? `red flag ${i.id} (${i.rating!.word})` : `${i.id} is rated ${i.rating!.word} and`;
    const done = own.length > 0 ? ` (${own.length === 1 ? 'its one action is' : `its ${own.length} actions are`} done)` : '';
    out.push(failAt(input, 'require-actions', `${what} has no open action${done}`, answerPath(theme.id, i.id)));
  }
  return out;
}

function noOverdue(input: GateInput): GateFailure[] {
  const out: GateFailure[] = [];
  for (const [a, path] of actions(input.report)) {
    if (!a.overdue) continue;
    out.push(failAt(input, 'no-overdue', `action on ${a.indicator} was due ${a.due} and is still open: ${quote(a.action)}`, path));
  }
  return out;
}

function minLevel(input: GateInput): GateFailure[] {
  const scale = input.catalogue.catalogue.scales.characteristic;
  const min = scale && input.minLevel !== undefined ? levelOf(scale, input.minLevel) : undefined;
  if (!min) return [];
  const out: GateFailure[] = [];
  for (const theme of input.report.themes) {
    const level = theme.level;
    if (level && level.rank >= min.rank) continue;
    const is = level ? `level ${level.word} is below ${min.level.word}` : `has no level (no characteristic is rated); ${min.level.word} is required`;
    out.push(failAt(input, 'min-level', `${theme.title}: ${is}`, ['themes', theme.id]));
  }
  return out;
}

function maxRed(input: GateInput): GateFailure[] {
  const allowed = input.maxRed ?? 0;
  const red = input.report.themes.filter((t) => t.rag === 'red');
  if (red.length <= allowed) return [];
  const tally = `${plural(red.length, 'theme')} red, at most ${allowed} allowed`;
  return red.map((t) => failAt(input, 'max-red', `${t.title} is red (${t.reasons.join('; ')}); ${tally}`, ['themes', t.id]));
}

/**
 * The evidence entries that name a relative path, to look for on disk: a record's `path`, or a
 * plain line that reads as a path (no spaces, no URL scheme, not absolute, a `/` in it, and a file
 * name with an extension or a trailing `/`), like `evidence/peer-challenge.pdf`.
 */
export function evidencePaths(answers: Answers): { path: DocPath; file: string }[] {
  const out: { path: DocPath; file: string }[] = [];
  for (const [themeId, theme] of Object.entries(answers.themes ?? {})) {
    for (const [id, a] of Object.entries(theme?.indicators ?? {})) {
      (a?.evidence ?? []).forEach((e, i) => {
        const file = relativePathOf(e);
        if (file !== undefined) out.push({ path: [...answerPath(themeId, id), 'evidence', i, ...(typeof e === 'string' ? [] : ['path'])], file });
      });
    }
  }
  return out;
}

const ABSOLUTE = /^(\/|\\|[A-Za-z]:[\\/])/;
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function relativePathOf(e: Evidence): string | undefined {
  if (typeof e !== 'string') return e.path !== undefined && !ABSOLUTE.test(e.path) ? e.path : undefined;
  if (/\s/.test(e) || URL_SCHEME.test(e) || ABSOLUTE.test(e) || !e.includes('/')) return undefined;
  return /(^|\/)[^/]+\.[A-Za-z0-9]+$|\/$/.test(e) ? e : undefined;
}

function evidence(input: GateInput): GateFailure[] {
  const out: GateFailure[] = [];
  for (const { path, file } of evidencePaths(input.answers)) {
    if (input.missingEvidence?.has(file)) out.push(failAt(input, 'evidence', `evidence ${quote(file)} does not exist (paths are relative to the answers file)`, path));
  }
  for (const [theme, i] of indicators(input.report)) {
    i.evidence.forEach((e, n) => {
      if (!e.stale) return;
      const path = [...answerPath(theme.id, i.id), 'evidence', n, 'review-by'];
      out.push(failAt(input, 'evidence', `evidence for ${i.id} was due for review by ${e.reviewBy}: ${quote(e.title)}`, path));
    });
  }
  return out;
}

function requireOwners(input: GateInput): GateFailure[] {
  const out: GateFailure[] = [];
  for (const [a, path] of actions(input.report)) {
    if (a.status !== 'open') continue;
    const missing = [a.owner === undefined ? 'owner' : '', a.due === undefined ? 'due date' : ''].filter(Boolean);
    if (missing.length === 0) continue;
    out.push(failAt(input, 'require-owners', `open action on ${a.indicator} has no ${missing.join(' and no ')}: ${quote(a.action)}`, path));
  }
  return out;
}

/**
 * Every theme signed off, and (where the sign-off recorded a digest) its answers still those signed:
 * a failure for each indicator changed, added or removed since, at that indicator.
 */
function requireSignoff(input: GateInput): GateFailure[] {
  const out: GateFailure[] = [];
  for (const theme of input.report.themes) {
    const signed = theme.assurance.signedOff;
    if (!signed) {
      const state = theme.assurance.state;
      const soFar = state === 'none' ? 'no assurance recorded' : `assurance so far: ${state}`;
      const where = input.answers.themes?.[theme.id]?.assurance ? ['themes', theme.id, 'assurance'] : ['themes', theme.id];
      out.push(failAt(input, 'require-signoff', `${theme.title} is not signed off (${soFar})`, where));
      continue;
    }
    const since = theme.assurance.changedSinceSignOff;
    if (!since) continue;
    const after = `after ${theme.title} was signed off on ${signed.on} by ${signed.by}`;
    const again = 'sign it off again (bva sign) or undo the change';
    for (const i of since.indicators) {
      const what = { changed: 'changed', added: 'was answered', removed: 'was removed' }[i.change];
      out.push(failAt(input, 'require-signoff', `${i.id} ${what} ${after}; ${again}`, answerPath(theme.id, i.id)));
    }
    if (since.themeText) out.push(failAt(input, 'require-signoff', `${theme.title}'s summary changed ${after}; ${again}`, ['themes', theme.id, 'summary']));
  }
  return out;
}
