// A new period's answers from last period's: what carries forward and what starts afresh.
import type { CatalogueModel } from '../catalogue/model.js';
import type { Paper } from '../generated/answers.js';
import { actionStatus, type Answers, type IndicatorAnswer, type ThemeAnswers } from './model.js';

/** What was carried, for the message after `bva init --from`. */
export interface CarryCounts {
  summaries: number;
  commentaries: number;
  evidence: number;
  openActions: number;
  previousRatings: number;
  /** The committee paper's facts carried (author, contact, meeting), as the file names them. */
  paper: string[];
  /** Indicators answered last period that the new catalogue no longer has. */
  dropped: string[];
}

/**
 * The themes of a new period's file: last period's theme summaries, commentary, evidence and
 * open actions, with each rating kept as `previous` (a fresh judgement is asked for each year).
 * Targets, assurance and ratings do not carry. Indicators are matched by id, so a newer catalogue
 * version takes what still exists, under the theme it now belongs to.
 */
export function carryForward(previous: Answers, catalogue: CatalogueModel): { themes: Record<string, ThemeAnswers>; paper?: Paper; counts: CarryCounts } {
  const paper = carryPaper(previous.paper);
  const counts: CarryCounts = { summaries: 0, commentaries: 0, evidence: 0, openActions: 0, previousRatings: 0, paper: Object.keys(paper ?? {}), dropped: [] };
  const themes: Record<string, ThemeAnswers> = {};
  for (const [themeId, theme] of Object.entries(previous.themes ?? {})) {
    if (!theme) continue;
    if (theme.summary !== undefined && catalogue.themeById.has(themeId)) {
      (themes[themeId] ??= {}).summary = theme.summary;
      counts.summaries++;
    }
    for (const [id, old] of Object.entries(theme.indicators ?? {})) {
      if (!old) continue;
      const entry = catalogue.indicatorById.get(id);
      if (!entry) {
        counts.dropped.push(id);
        continue;
      }
      const next: IndicatorAnswer = {};
      if (old.rating !== undefined) {
        next.previous = old.rating;
        counts.previousRatings++;
      }
      if (old.commentary !== undefined) {
        next.commentary = old.commentary;
        counts.commentaries++;
      }
      if (old.evidence && old.evidence.length > 0) {
        next.evidence = old.evidence;
        counts.evidence += old.evidence.length;
      }
      const open = (old.actions ?? []).filter((a) => actionStatus(a) === 'open');
      if (open.length > 0) {
        next.actions = open;
        counts.openActions += open.length;
      }
      if (Object.keys(next).length > 0) ((themes[entry.theme.id] ??= {}).indicators ??= {})[id] = next;
    }
  }
  return { themes, ...(paper ? { paper } : {}), counts };
}

/** The committee paper's facts that outlast a year: who writes it, how to reach them, the meeting it goes to. */
const PAPER_CARRIED = ['author', 'contact', 'meeting'] as const;

/**
 * Last period's committee-paper facts that carry into a new period's file. The meeting's date, the
 * title, version and status, and the council's purpose, summary and recommendations belong to one
 * paper, so they start afresh: bva never writes words for the council.
 */
export function carryPaper(previous: Paper | undefined): Paper | undefined {
  const paper: Paper = {};
  for (const key of PAPER_CARRIED) if (previous?.[key] !== undefined) paper[key] = previous[key];
  return Object.keys(paper).length > 0 ? paper : undefined;
}
