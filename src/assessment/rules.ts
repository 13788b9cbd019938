// The scoring rules, in words: printed in the report's method note and in the README, and
// implemented in assess.ts. Change one, change the other; the tests pin both.

/** The rules, one sentence each, in the order the method note prints them. */
export const RULES = [
  "A theme's level is the median of its characteristics' ratings; with an even number of ratings, the lower of the two middle ones. Not-applicable and unanswered indicators are left out.",
  'A red flag is an indicator of potential failure rated at a red-flag level of its scale (emerging or present); it is serious at the worst level (present).',
  'Red: a serious red flag, or a level at the bottom of the scale (not in place).',
  'Amber: any other red flag, a level in the lower half of the scale (developing), an overdue action, or an unanswered indicator.',
  'Green: none of the above, with every indicator answered.',
  'Not assessed: no indicator in the theme is rated (all unanswered or not applicable).',
  'An action is overdue when it is open and its due date is before the as-of date; evidence is stale when its review-by date is before the as-of date.',
  "The whole authority takes its worst theme's status; its level is the median of every characteristic rating.",
  "Movement compares each rating with last period's on the scale's order: improved, declined, unchanged, new (rated now, not then) or dropped (rated then, not now).",
] as const;

/** A status as a word, so a report never relies on colour alone. */
export const RAG_WORDS = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  'not-assessed': 'Not assessed',
} as const;

/** What each status means, one line each: the report's key, shown before the first status it gives. */
export const RAG_MEANINGS = {
  red: 'A serious red flag, or a level at the bottom of the scale.',
  amber: 'Any other red flag, a level in the lower half of the scale, an overdue action, or an unanswered indicator.',
  green: 'None of the above, with every indicator answered.',
  'not-assessed': 'No indicator in the theme is rated.',
} as const;
