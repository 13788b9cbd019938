// The scoring rules, in words: printed in the report's method note and JSON, and in the README for
// the shipped catalogue; implemented in assess.ts. The words for levels, red flags and scales come
// from the catalogue in use, so a council's own scale reads in its own labels. Change a rule here,
// change it in assess.ts; the tests pin both.
import { levelRag, redFlagLevels, type Catalogue, type LevelRag, type Scale } from '../catalogue/model.js';

/** Labels joined for a sentence: "A", "A or B", "A, B or C". */
function either(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)!}`;
}

/** A scale's name in a sentence. */
const scaleName = (scale: Scale): string => `the “${scale.title}” scale`;

/** The labels of a scale's levels that stand for `rag`. */
const labelsAt = (scale: Scale, rag: LevelRag): string[] => scale.levels.flatMap((l, rank) => (levelRag(scale, rank) === rag ? [l.label] : []));

/** The rules for a catalogue's scales, one sentence each, in the order the method note prints them. */
export function scoringRules(scales: Catalogue['scales']): string[] {
  const levels = scales.characteristic;
  const kinds = [scales.characteristic, scales.failure].filter((s): s is Scale => s !== undefined);

  // 1. A theme's level.
  const level = levels
    ? `A theme's level is the median of its ratings on ${scaleName(levels)}; with an even number of ratings, the lower of the two middle ones. Not-applicable and unanswered indicators are left out.`
    : 'A theme has no level: the catalogue has no scale for characteristics.';

  // 2. Red flags: which levels raise them, and which of those are serious.
  const flagging = kinds.filter((s) => redFlagLevels(s).length > 0);
  const serious = flagging.flatMap((s) => s.levels.filter((l, rank) => l['red-flag'] === true && levelRag(s, rank) === 'red').map((l) => l.label));
  const redFlag =
    flagging.length === 0
      ? 'No level of the catalogue’s scales is a red-flag level, so no rating raises a red flag.'
      : `A red flag is a rating of ${flagging.map((s) => `${either(redFlagLevels(s).map((l) => l.label))} on ${scaleName(s)}`).join(', or of ')}; ` +
        (serious.length > 0 ? `it is serious at a level the scale counts as red (${either(serious)}).` : 'none is serious, as no red-flag level counts as red.');

  // 3-5. The status a theme takes.
  const red = levels ? labelsAt(levels, 'red') : [];
  const amber = levels ? labelsAt(levels, 'amber') : [];
  const redRule = `Red: a serious red flag${red.length > 0 ? `, or a theme level the scale counts as red (${either(red)})` : ''}.`;
  const amberRule = `Amber: any other red flag, ${amber.length > 0 ? `a theme level the scale counts as amber (${either(amber)}), ` : ''}an overdue action, or an unanswered indicator.`;

  return [
    level,
    redFlag,
    redRule,
    amberRule,
    'Green: none of the above, with every indicator answered.',
    'Not assessed: no indicator in the theme is rated (all unanswered or not applicable).',
    'An action is overdue when it is open and its due date is before the as-of date; evidence is stale when its review-by date is before the as-of date.',
    `The whole authority takes its worst theme's status${levels ? `; its level is the median of every rating on ${scaleName(levels)}` : ''}.`,
    "Movement compares each rating with last period's on the scale's order: improved, declined, unchanged, new (rated now, not then) or dropped (rated then, not now).",
  ];
}
