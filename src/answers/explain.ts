// Problems in a hand-edited answers file said as what the person did, not as what the schema saw.
// A key indented one step too far or too short still parses, as a key in the wrong place; the
// schema then reports its consequences ("unknown indicator "rating"", "must be a map of keys, not
// empty"). These rules recognise the common slips and replace their consequences with one problem
// that says what to change. They read the data defensively: it has not been proven to be Answers.
import type { CatalogueModel } from '../catalogue/model.js';
import { asArray, asRecord } from '../source/guards.js';
import type { Explanation, StandIn } from '../source/load.js';
import { error, PathSet, quote, type DocPath, type Problem } from '../source/problem.js';

/** The keys of an indicator's answer, as the schema names them. */
const ANSWER_KEYS = new Set(['rating', 'reason', 'target', 'previous', 'commentary', 'evidence', 'actions']);

/** Lists whose items are lines of text (or, for evidence and participants, records with these keys). */
const TEXT_LISTS: Readonly<Record<string, ReadonlySet<string>>> = {
  evidence: new Set(['title', 'link', 'path', 'owner', 'date', 'review-by']),
  participants: new Set(['name', 'role']),
  recommendations: new Set(),
};

/**
 * The slips these rules recognise, each said once, in words, with the places whose errors it
 * replaces (what the slip caused). Worked out from the data alone, so the errors it replaces need
 * never be made. `catalogue` is the one the file was checked against, when it was found.
 */
export function explainAnswers(data: unknown, catalogue: CatalogueModel | undefined): Explanation {
  // Each explanation, and the paths whose errors (there and inside) it replaces.
  const replaced: { readonly problem: Problem; readonly covers: readonly DocPath[] }[] = [];
  const themes = asRecord(asRecord(data)?.['themes']);
  for (const [themeId, t] of Object.entries(themes ?? {})) {
    const theme = asRecord(t);
    if (!theme) continue;
    // An indicator written at the theme's level, beside `indicators:` rather than under it.
    for (const key of Object.keys(theme)) {
      if (!catalogue?.indicatorById.has(key)) continue;
      const path = ['themes', themeId, key];
      replaced.push({
        problem: error('misplaced-key', `${key} is an indicator, so it belongs under "indicators:": indent it as far as the indicators there`, path, { anchor: 'key' }),
        covers: [path],
      });
    }
    const indicators = asRecord(theme['indicators']);
    if (!indicators) continue;
    const keys = Object.keys(indicators);
    for (let i = 0; i < keys.length; i++) {
      const id = keys[i]!;
      const answer = indicators[id];
      // An indicator with nothing under it, followed by an answer's keys indented as far as it.
      if (answer === null && ANSWER_KEYS.has(keys[i + 1] ?? '') && !catalogue?.indicatorById.has(keys[i + 1]!)) {
        let end = i + 1;
        while (end < keys.length && ANSWER_KEYS.has(keys[end]!) && !catalogue?.indicatorById.has(keys[end]!)) end++;
        const first = keys[i + 1]!;
        const run = keys.slice(i, end).map((k) => ['themes', themeId, 'indicators', k]);
        const message = `${first}: is indented as far as ${id}: above it, so it reads as an indicator: indent it further, under ${id}:${end - i > 2 ? ', with the lines after it' : ''}`;
        replaced.push({ problem: error('misplaced-key', message, run[1]!, { anchor: 'key' }), covers: run });
        i = end - 1;
        continue;
      }
      // An indicator indented under the one above it.
      for (const key of Object.keys(asRecord(answer) ?? {})) {
        if (!catalogue?.indicatorById.has(key)) continue;
        const path = ['themes', themeId, 'indicators', id, key];
        replaced.push({
          problem: error('misplaced-key', `${key} is an indicator: indent it as far as ${id}: above it, not under it`, path, { anchor: 'key' }),
          covers: [path],
        });
      }
    }
  }
  return { problems: replaced.map((r) => r.problem), covered: new PathSet(replaced.flatMap((r) => r.covers)) };
}

/**
 * A line of text in a list that holds ": ", read as a one-key map: said once, with the line the
 * person meant standing in for the map while the schema runs (so a pasted list of minutes, every
 * line "Item: text", costs no more to check than the same lines in quotes).
 */
export function answersStandIns(data: unknown): StandIn[] {
  const found: StandIn[] = [];
  forEachTextList(data, (path, fields, item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return;
    let key: string | undefined;
    for (const k in item) {
      if (key !== undefined) return; // more than one key: a record, judged by the schema
      key = k;
    }
    if (key === undefined || fields.has(key)) return;
    const value = (item as Record<string, unknown>)[key];
    if (value !== null && typeof value !== 'string') return;
    const line = value === null ? `${key}:` : `${key}: ${value}`;
    const at = path();
    const message = `a colon followed by a space inside text (${quote(`${key}: ${String(value ?? '').split(/\s+/)[0] ?? ''}`.trimEnd())}) makes YAML read a key: put the line in quotes, as in - ${quote(line)}`;
    found.push({ problem: error('yaml-colon-in-text', message, at), path: at, value: line });
  });
  return found;
}

/** Calls `visit` for every item of every list of text lines in the document, with the item's path. */
function forEachTextList(data: unknown, visit: (path: () => DocPath, fields: ReadonlySet<string>, item: unknown) => void): void {
  const doc = asRecord(data);
  if (!doc) return;
  // The item's path is made only for an item that needs it: this runs on every file read.
  const each = (list: unknown, path: DocPath, fields: ReadonlySet<string>): void => asArray(list)?.forEach((item, i) => visit(() => [...path, i], fields, item));
  each(doc['participants'], ['participants'], TEXT_LISTS['participants']!);
  each(asRecord(doc['paper'])?.['recommendations'], ['paper', 'recommendations'], TEXT_LISTS['recommendations']!);
  for (const [themeId, t] of Object.entries(asRecord(doc['themes']) ?? {})) {
    for (const [id, a] of Object.entries(asRecord(asRecord(t)?.['indicators']) ?? {})) {
      each(asRecord(a)?.['evidence'], ['themes', themeId, 'indicators', id, 'evidence'], TEXT_LISTS['evidence']!);
    }
  }
}
