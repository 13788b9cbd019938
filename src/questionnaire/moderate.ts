// The moderation walk: at a terminal, `bva moderate` shows each disagreement (the draft and every
// reviewer's rating side by side) and asks for the agreed rating and why, saving each as it is
// settled. It asks through the same injected prompts as the questionnaire, so tests can script it.
import type { RatingSet } from '../assessment/moderation.js';
import { difference } from '../assessment/moderation.js';
import { levelOf, type CatalogueModel } from '../catalogue/model.js';
import { CancelledError } from '../errors.js';
import { terminalLine, terminalSafe } from '../render/escape.js';
import { moderationLabel } from '../render/report-text.js';
import { wrap } from '../render/wrap.js';
import { plural } from '../words.js';
import { moderationRating } from '../assessment/moderation.js';
import { isPromptExit, type Prompts } from './flow.js';
import type { ScreenStyle } from './screen.js';

/** Select values for moving on; a colon never starts a scale word, so they cannot collide. */
const NAV = { skip: ':skip', stop: ':stop' } as const;

export interface WalkOptions extends ScreenStyle {
  readonly prompts: Prompts;
  readonly show: (text: string) => void;
  /** The draft as the person named it. */
  readonly file: string;
  readonly catalogue: CatalogueModel;
  /** Saves one settled indicator: its agreed rating and the moderation note. */
  readonly save: (set: RatingSet, agreed: string, note: string) => Promise<void>;
}

/** The card shown before an indicator's agreed rating is asked. */
export function disagreementScreen(set: RatingSet, n: number, of: number, catalogue: CatalogueModel, s: ScreenStyle): string {
  const entry = catalogue.indicatorById.get(set.id)!;
  const scale = entry.scale;
  const d = difference(set, scale);
  const raters = [{ name: 'Draft', rating: set.draft }, ...set.reviews.map((r) => ({ name: r.reviewer, rating: r.rating }))];
  const width = Math.max(...raters.map((r) => terminalLine(r.name).length)) + 1;
  const spread = d.difference === 'applicability' ? 'they differ on whether it applies' : plural(d.spread ?? 0, 'level');
  return [
    '',
    s.paint.cyan(`Disagreement ${n} of ${of} · ${terminalLine(entry.theme.title)} · ${terminalLine(scale.title)}`),
    '',
    `${s.paint.bold(terminalLine(set.id))}  ${wrap(terminalSafe(entry.indicator.text), s.width, terminalLine(set.id).length + 2, 2).trimStart()}`,
    '',
    ...raters.map((r) => `  ${`${terminalLine(r.name)}:`.padEnd(width)}  ${terminalLine(moderationLabel(moderationRating(scale, r.rating)))}`),
    `  ${'Spread:'.padEnd(width)}  ${spread}`,
    '',
  ].join('\n');
}

/**
 * Walks the disagreements: for each, the agreed rating (a level of its scale; the ratings given are
 * named beside their levels) and the note, saved at once. Skip leaves one for later; Stop ends the
 * walk. Ctrl-C becomes CancelledError, with every settled indicator already saved.
 * Returns how many were settled.
 */
export async function walkDisagreements(sets: readonly RatingSet[], o: WalkOptions): Promise<number> {
  let settled = 0;
  try {
    for (const [n, set] of sets.entries()) {
      const entry = o.catalogue.indicatorById.get(set.id)!;
      const scale = entry.scale;
      o.show(disagreementScreen(set, n + 1, sets.length, o.catalogue, o));
      const raters = [{ name: 'draft', rating: set.draft }, ...set.reviews.map((r) => ({ name: r.reviewer, rating: r.rating }))];
      const labelWidth = Math.max(...scale.levels.map((l) => terminalLine(l.label).length));
      const ranks = raters.map((r) => levelOf(scale, r.rating)?.rank).filter((r): r is number => r !== undefined).sort((a, b) => a - b);
      const median = ranks.length > 0 ? scale.levels[ranks[Math.floor((ranks.length - 1) / 2)]!]!.word : undefined;
      const picked = await o.prompts.select<string>({
        id: 'rating',
        about: set.id,
        message: `${terminalLine(set.id)}: the agreed rating?`,
        choices: [
          ...scale.levels.map((l) => {
            const who = raters.filter((r) => r.rating === l.word).map((r) => terminalLine(r.name));
            return { value: l.word, name: `${terminalLine(l.label).padEnd(labelWidth)}  ${terminalLine(l.meaning)}${who.length > 0 ? `  (${who.join(', ')})` : ''}`, short: terminalLine(l.label) };
          }),
          { separator: ' ' },
          { value: NAV.skip, name: 'Skip for now', short: 'skipped' },
          { value: NAV.stop, name: 'Stop here (what is settled is saved)', short: 'stop' },
        ],
        ...(median !== undefined ? { default: median } : {}),
      });
      if (picked === NAV.stop) break;
      if (picked === NAV.skip) continue;
      const note = (
        await o.prompts.input({
          id: 'reason',
          about: set.id,
          message: 'Why? The moderation note (the evidence or discussion that settled it):',
          validate: (v) => (v.trim() === '' ? 'Say why this rating was agreed: the moderation record shows it.' : v.length > 20000 ? 'Keep it within 20000 characters.' : true),
        })
      ).trim();
      await o.save(set, picked, note);
      settled++;
      o.show(o.paint.dim(`Saved: ${terminalLine(set.id)} ${terminalLine(levelOf(scale, picked)!.level.label)}, with the note.`) + '\n');
    }
  } catch (err) {
    if (isPromptExit(err)) throw new CancelledError(`Stopped. ${settled} of ${plural(sets.length, 'disagreement')} settled and saved in ${terminalLine(o.file)}; run bva moderate again for the rest.`, { cause: err });
    throw err;
  }
  return settled;
}
