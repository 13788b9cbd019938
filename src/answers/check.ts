// Checks an answers document against its catalogue: known themes and indicators (with the nearest
// id suggested), indicators under their own theme, ratings on the indicator's scale, reasons for
// not-applicable, real calendar dates, a period that reads YYYY-YY. Reads defensively: it runs even
// where the schema found problems, so a person sees every problem at once.
import { NOT_APPLICABLE, ratingWords, scaleWords, type CatalogueModel } from '../catalogue/model.js';
import { isCalendarDate, isPeriod, periodStarting } from '../source/dates.js';
import { asArray, asRecord } from '../source/guards.js';
import { error, quote, warning, type DocPath, type Problem } from '../source/problem.js';
import { nearest } from '../source/suggest.js';
import { answerPath } from './model.js';

/** Problems with dates and the period: independent of the catalogue. */
export function checkDates(data: unknown): Problem[] {
  const problems: Problem[] = [];
  const doc = asRecord(data);
  if (!doc) return problems;
  const date = (value: unknown, path: DocPath): void => {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !isCalendarDate(value)) {
      problems.push(error('not-a-date', `${String(path[path.length - 1])}: ${quote(value)} is not a real calendar day`, path));
    }
  };
  const period = doc['period'];
  if (typeof period === 'string' && /^\d{4}-\d{2}$/.test(period) && !isPeriod(period)) {
    problems.push(error('bad-period', `period ${quote(period)}: the second year must follow the first (${periodStarting(Number(period.slice(0, 4)))})`, ['period']));
  }
  date(doc['assessment-date'], ['assessment-date']);
  date(asRecord(doc['paper'])?.['meeting-date'], ['paper', 'meeting-date']);
  date(asRecord(doc['review'])?.['made'], ['review', 'made']);
  for (const [themeId, t] of Object.entries(asRecord(doc['themes']) ?? {})) {
    const theme = asRecord(t);
    if (!theme) continue;
    const assurance = asRecord(theme['assurance']) ?? {};
    for (const [step, s] of Object.entries(assurance)) date(asRecord(s)?.['on'], ['themes', themeId, 'assurance', step, 'on']);
    for (const [id, a] of Object.entries(asRecord(theme['indicators']) ?? {})) {
      const answer = asRecord(a);
      if (!answer) continue;
      const base = answerPath(themeId, id);
      date(asRecord(answer['moderation'])?.['on'], [...base, 'moderation', 'on']);
      asArray(answer['evidence'])?.forEach((e, i) => {
        const rec = asRecord(e);
        if (rec) for (const key of ['date', 'review-by']) date(rec[key], [...base, 'evidence', i, key]);
      });
      asArray(answer['actions'])?.forEach((x, i) => {
        const action = asRecord(x);
        if (!action) return;
        for (const key of ['due', 'done-on']) date(action[key], [...base, 'actions', i, key]);
        asArray(action['progress'])?.forEach((n, j) => date(asRecord(n)?.['on'], [...base, 'actions', i, 'progress', j, 'on']));
      });
    }
  }
  return problems;
}

/**
 * Problems with the answers against the catalogue. Unanswered indicators are warnings, one per
 * theme, listing the ids.
 */
export function checkAgainstCatalogue(data: unknown, catalogue: CatalogueModel): Problem[] {
  const problems: Problem[] = [];
  const doc = asRecord(data);
  if (!doc) return problems;
  const themes = asRecord(doc['themes']);
  const themeIds = [...catalogue.themeById.keys()];
  const answered = new Set<string>();

  for (const [themeId, t] of Object.entries(themes ?? {})) {
    const themePath = ['themes', themeId];
    const theme = catalogue.themeById.get(themeId);
    if (!theme) {
      const entry = catalogue.indicatorById.get(themeId);
      const hint = entry ? `; ${themeId} is an indicator: put it under ${entry.theme.id}: indicators:` : suggestion(themeId, themeIds, 'themes');
      problems.push(error('unknown-theme', `unknown theme ${quote(themeId)}${hint}`, themePath, { anchor: 'key' }));
      continue;
    }
    const indicators = asRecord(asRecord(t)?.['indicators']);
    for (const [id, a] of Object.entries(indicators ?? {})) {
      const path = answerPath(themeId, id);
      const entry = catalogue.indicatorById.get(id);
      if (!entry) {
        const own = theme.indicators.map((i) => i.id);
        const guess = nearest(id, own) ?? nearest(id, catalogue.indicatorById.keys());
        const hint = guess ? `; did you mean ${guess}?` : `; ${theme.id} has ${own[0]} to ${own[own.length - 1]}`;
        problems.push(error('unknown-indicator', `unknown indicator ${quote(id)} in ${catalogue.catalogue.id}${hint}`, path, { anchor: 'key' }));
        continue;
      }
      if (entry.theme.id !== themeId) {
        problems.push(error('indicator-in-wrong-theme', `${id} belongs under ${entry.theme.id}, not ${themeId}`, path, { anchor: 'key' }));
        continue;
      }
      const answer = asRecord(a);
      if (!answer) continue;
      const words = ratingWords(entry);
      const levelWords = scaleWords(entry);
      const rating = answer['rating'];
      if (typeof rating === 'string') {
        if (words.includes(rating)) answered.add(id);
        else problems.push(error('rating-not-in-scale', `rating: ${quote(rating)} is not on the ${entry.indicator.kind} scale of ${id}${hintWord(rating, words)}; use one of: ${words.join(', ')}`, [...path, 'rating']));
      }
      const target = answer['target'];
      if (typeof target === 'string' && !levelWords.includes(target)) {
        problems.push(error('rating-not-in-scale', `target: ${quote(target)} is not on the ${entry.indicator.kind} scale of ${id}${hintWord(target, levelWords)}; use one of: ${levelWords.join(', ')}`, [...path, 'target']));
      }
      const previous = answer['previous'];
      if (typeof previous === 'string' && !words.includes(previous)) {
        problems.push(warning('rating-not-in-scale', `previous: ${quote(previous)} is not on the scale of ${id}; it will not be compared`, [...path, 'previous']));
      }
      const moderation = asRecord(answer['moderation']);
      const moderated = (word: unknown, where: DocPath): void => {
        if (typeof word === 'string' && !words.includes(word)) {
          problems.push(error('rating-not-in-scale', `${String(where[where.length - 1])}: ${quote(word)} is not on the ${entry.indicator.kind} scale of ${id}${hintWord(word, words)}; use one of: ${words.join(', ')}`, where));
        }
      };
      if (moderation) {
        moderated(moderation['draft'], [...path, 'moderation', 'draft']);
        moderated(moderation['agreed'], [...path, 'moderation', 'agreed']);
        asArray(moderation['reviews'])?.forEach((r, i) => moderated(asRecord(r)?.['rating'], [...path, 'moderation', 'reviews', i, 'rating']));
      }
      const reason = answer['reason'];
      const hasReason = typeof reason === 'string' && reason.trim() !== '';
      if (rating === NOT_APPLICABLE && !hasReason) {
        problems.push(error('missing-reason', `${id} is not-applicable: add a reason saying why`, [...path, 'rating']));
      } else if (reason !== undefined && rating !== NOT_APPLICABLE) {
        problems.push(warning('reason-without-not-applicable', `reason: only read when the rating is not-applicable`, [...path, 'reason'], { anchor: 'key' }));
      }
    }
  }

  // A reviewer's file: the themes and indicators its review names must be the catalogue's.
  const review = asRecord(doc['review']);
  const scope = new Set<string>();
  asArray(review?.['indicators'])?.forEach((id, i) => {
    if (typeof id !== 'string') return;
    scope.add(id);
    if (!catalogue.indicatorById.has(id)) problems.push(error('unknown-indicator', `unknown indicator ${quote(id)} in ${catalogue.catalogue.id}${hintWord(id, [...catalogue.indicatorById.keys()])}`, ['review', 'indicators', i]));
  });
  asArray(review?.['themes'])?.forEach((id, i) => {
    if (typeof id === 'string' && !catalogue.themeById.has(id)) problems.push(error('unknown-theme', `unknown theme ${quote(id)}${suggestion(id, themeIds, 'themes')}`, ['review', 'themes', i]));
  });

  // Unanswered indicators: a warning per theme, at the theme (or at `themes`, or the top). A
  // reviewer's file is asked only for the indicators its review names.
  for (const theme of catalogue.themes) {
    const asked = review ? theme.indicators.filter((i) => scope.has(i.id)) : theme.indicators;
    const missing = asked.filter((i) => !answered.has(i.id)).map((i) => i.id);
    if (missing.length === 0) continue;
    const where = themes && theme.id in themes ? ['themes', theme.id] : themes ? ['themes'] : [];
    const list = missing.length <= 6 ? missing.join(', ') : `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more`;
    problems.push(warning('unanswered', `${theme.id}: ${missing.length} of ${asked.length} indicators unanswered (${list})`, where, { anchor: 'key' }));
  }
  return problems;
}

function suggestion(word: string, candidates: string[], what: string): string {
  const guess = nearest(word, candidates);
  return guess ? `; did you mean ${guess}?` : `; the ${what} are: ${candidates.join(', ')}`;
}

function hintWord(word: string, words: string[]): string {
  const guess = nearest(word, words);
  return guess ? ` (did you mean ${guess}?)` : '';
}
