// `bva assess [FILE]`: the interactive questionnaire. Creates FILE (asking for the council, the
// period and the catalogue) or resumes it, holds its lock for the whole sitting, saves after every
// answer, and ends with a summary per theme. Refuses without a terminal, naming the commands that
// do the same job from a script.
import { existsSync } from 'node:fs';
import { createAnswersFile } from '../answers/create.js';
import { loadAnswersFile } from '../answers/load.js';
import type { LoadedAnswers } from '../answers/model.js';
import { assess as assessAnswers } from '../assessment/assess.js';
import { catalogueLabel } from '../catalogue/model.js';
import { EXIT, InvalidInputError, UsageError } from '../errors.js';
import { askNewFile, runSitting, type Prompts } from '../questionnaire/flow.js';
import { shellArg, terminalSummary } from '../render/terminal.js';
import { acquireLock } from '../source/lock.js';
import { answersSource, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

export interface AssessOptions {
  /** For a new file: a shipped catalogue id or a catalogue file. For an existing one: a catalogue file to check it against. */
  catalogue?: string;
}

/** What tests put in place of the terminal, and what the launcher passes on from the process. */
export interface AssessSeams {
  /** Scripted prompts instead of the keyboard (no terminal needed). */
  readonly prompts?: Prompts;
  /** Holds Ctrl-C (SIGINT) off while a save is written; see SittingOptions. */
  readonly holdInterrupts?: (() => () => boolean) | undefined;
}

/** Text wider than this is hard to read, however wide the terminal. */
const MAX_WIDTH = 100;

/**
 * Runs a sitting on FILE: refuses without a terminal (exit 2) or on an invalid file (exit 1, its
 * problems listed); returns 0 when the person quits, and throws CancelledError (exit 130) on Ctrl-C.
 */
export async function assess(ctx: CommandContext, file: string, opts: AssessOptions, seams: AssessSeams = {}): Promise<number> {
  // 1. A person at a terminal, or scripted prompts.
  const prompts = seams.prompts ?? (await terminalPrompts(ctx));
  const show = (text: string): void => void ctx.stdout.write(text);
  const paint = ctx.paint.stdout;
  const width = Math.max(40, Math.min(ctx.stdout.columns || 80, MAX_WIDTH));

  // 2. One writer at a time, for the whole sitting.
  const path = resolvePath(ctx, file);
  const lock = acquireLock(path, 'bva assess', file);
  try {
    if (lock.recovered) ctx.stderr.write(`bva: ${file}: ${lock.recovered}\n`);

    // 3. Resume the file, or start it. Either way its catalogue is found by the one resolver; a
    // catalogue given for an existing file overrides the one it names, so the hints repeat it.
    let loaded: LoadedAnswers;
    const resolver = answersSource(ctx);
    const given = opts.catalogue === undefined ? undefined : await resolver.byIdOrPath(opts.catalogue, path);
    let source = resolver;
    let again = '';
    if (existsSync(path)) {
      if (given) {
        source = answersSource(ctx, given);
        again = ` --catalogue ${shellArg(opts.catalogue!)}`;
      }
      const result = await loadAnswersFile(path, file, source);
      if (!result.ok) {
        // Only what stops the sitting: unanswered indicators are what it is for.
        printProblems(ctx, result.problems.filter((p) => p.severity === 'error'));
        ctx.stderr.write(`Fix ${file} (bva validate ${shellArg(file)}${again} lists the same problems), then run bva assess ${shellArg(file)}${again} again.\n`);
        throw new InvalidInputError(`${file}: invalid`);
      }
      loaded = result.value;
    } else {
      const answers = await askNewFile({
        prompts,
        show,
        file,
        shipped: await resolver.offered(path),
        defaultCatalogue: await resolver.defaultFor(path),
        catalogue: given,
        width,
        today: ctx.today,
        loadCatalogue: (p) => resolver.byIdOrPath(p, path),
      });
      // The new file finds its catalogue by itself (a pointer where it needs one), checked so before it is written.
      const created = await createAnswersFile(path, file, { ...answers, startedWith: 'bva assess' }, { home: ctx.home, source });
      if (!created.ok) {
        printProblems(ctx, created.problems);
        throw new InvalidInputError(`${file}: invalid`);
      }
      loaded = created.value;
      show(`Created ${file}: ${answers.authority}, ${answers.period}, ${catalogueLabel(answers.catalogue.catalogue)} (${answers.catalogue.indicatorCount} indicators to answer).\n`);
    }

    // 4. The sitting; then where things stand.
    const final = await runSitting(loaded, { prompts, show, paint, width, file, source, again, holdInterrupts: seams.holdInterrupts });
    const report = assessAnswers(final.answers, final.catalogue, { asOf: ctx.today, version: ctx.version });
    show(`\nEvery answer is saved in ${file}.\n\n${terminalSummary(report, { paint, file, again, width })}`);
    return EXIT.ok;
  } finally {
    lock.release();
  }
}

/** The keyboard's prompts; refuses (exit 2) unless both the keyboard and the screen are a terminal. */
async function terminalPrompts(ctx: CommandContext): Promise<Prompts> {
  const stdin = ctx.stdin?.();
  if (stdin?.isTTY !== true || ctx.stdout.isTTY !== true) {
    throw new UsageError(
      'bva assess asks its questions at a terminal, and its input or output is not one. From a script, set answers with bva answer FILE INDICATOR --rating WORD and check the file with bva validate FILE.',
    );
  }
  const { terminalPrompts: make } = await import('../questionnaire/prompts.js');
  return make({ input: stdin, output: ctx.stdout, env: ctx.env });
}
