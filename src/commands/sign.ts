// `bva sign FILE --theme ID|--all --by NAME [--role ROLE] [--on DATE]`: records a theme's sign-off
// with a digest of its answers as they stand, so `bva check --require-signoff` and the report can
// say when they change afterwards. One save, under the file's lock, through the comment-keeping writer.
import { isAnswered } from '../answers/model.js';
import { saveChanges } from '../answers/save.js';
import { signOffChange, themeDigest } from '../answers/signoff.js';
import { EXIT, UsageError } from '../errors.js';
import { say } from '../render/escape.js';
import { lockForWriting } from '../source/lock.js';
import { nearest } from '../source/suggest.js';
import { plural } from '../words.js';
import { answersSource, loadValidAnswers, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

export interface SignOptions {
  readonly theme?: readonly string[];
  readonly all?: boolean;
  readonly by?: string;
  readonly role?: string;
  readonly on?: string;
  readonly catalogue?: string;
}

export async function sign(ctx: CommandContext, file: string, opts: SignOptions): Promise<number> {
  // 1. The flags: which themes, and who.
  const given = opts.theme ?? [];
  if (given.length === 0 && opts.all !== true) throw new UsageError('say which themes to sign off: --theme ID (repeatable) or --all');
  if (given.length > 0 && opts.all === true) throw new UsageError('give --theme or --all, not both');
  const by = opts.by?.trim() ?? '';
  if (by === '') throw new UsageError('--by NAME: who signs off (a person or a group, such as "Corporate Leadership Team")');
  const role = opts.role?.trim();
  if (role === '') throw new UsageError('--role needs a value');
  const on = opts.on ?? ctx.today;

  const lock = lockForWriting(resolvePath(ctx, file), 'bva sign', file);
  try {
    if (lock.recovered) ctx.stderr.write(say`bva: ${file}: ${lock.recovered}\n`);
    // 2. The file must be valid, and a draft (a reviewer's file is moderated, not signed).
    const loaded = await loadValidAnswers(ctx, file, opts.catalogue);
    if (loaded.answers.review) {
      ctx.stderr.write(say`bva: ${file} is a reviewer's file (made by bva review init); sign off the draft it reviews, ${loaded.answers.review.of}. Nothing was written.\n`);
      return EXIT.invalid;
    }
    const catalogue = loaded.catalogue;
    for (const id of given) {
      if (catalogue.themeById.has(id)) continue;
      const guess = nearest(id, catalogue.themeById.keys());
      throw new UsageError(`--theme ${JSON.stringify(id)} is not a theme of ${catalogue.catalogue.id}${guess ? ` (did you mean ${guess}?)` : ''}; the themes are: ${[...catalogue.themeById.keys()].join(', ')}`);
    }
    const answered = (id: string): boolean => Object.values(loaded.answers.themes?.[id]?.indicators ?? {}).some(isAnswered);

    // 3. The themes to sign: those named (each must have answers), or every theme with answers.
    const themes = opts.all === true ? catalogue.themes.map((t) => t.id).filter(answered) : catalogue.themes.map((t) => t.id).filter((id) => given.includes(id));
    const empty = themes.filter((id) => !answered(id));
    if (empty.length > 0) {
      ctx.stderr.write(say`bva: ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no answers to sign off in ${file}. Nothing was written.\n`);
      return EXIT.invalid;
    }
    if (themes.length === 0) {
      ctx.stderr.write(say`bva: ${file} has no answered theme to sign off. Nothing was written.\n`);
      return EXIT.invalid;
    }

    // 4. Record each sign-off with its digest, in one save.
    const changes = themes.map((id) => signOffChange(id, loaded.answers.themes?.[id], { by, role, on }));
    const saved = await saveChanges(loaded, changes, answersSource(ctx, opts.catalogue));
    if (!saved.ok) {
      printProblems(ctx, saved.problems);
      return EXIT.invalid;
    }
    const who = `${by}${role !== undefined ? ` (${role})` : ''}`;
    for (const id of themes) {
      const digest = themeDigest(saved.value.answers.themes?.[id]).digest;
      ctx.stderr.write(say`${id}: signed off by ${who} on ${on}; ${digest.slice(0, 'sha256:'.length + 12)}\u2026\n`);
    }
    const skipped = opts.all === true ? catalogue.themes.length - themes.length : 0;
    ctx.stderr.write(say`Saved ${file}: ${plural(themes.length, 'theme')} signed off${skipped > 0 ? ` (${plural(skipped, 'theme')} with no answers left unsigned)` : ''}.\n`);
    return EXIT.ok;
  } finally {
    lock.release();
  }
}
