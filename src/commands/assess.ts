// `bva assess [FILE]`: the interactive questionnaire. Creates FILE (asking for the council, the
// period and the catalogue) or resumes it, holds its lock for the whole sitting, saves after every
// answer, and ends with a summary per theme. A file that does not read correctly is shown where
// and how to fix it, and can be opened in the person's editor there and then. Refuses without a
// terminal, naming the commands that do the same job from a script.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { SCHEMA_TIP, createAnswersFile, namesSchema } from '../answers/create.js';
import { loadAnswersText, type AnswersSource } from '../answers/load.js';
import type { LoadedAnswers } from '../answers/model.js';
import { assess as assessAnswers } from '../assessment/assess.js';
import { catalogueLabel } from '../catalogue/model.js';
import { CancelledError, EXIT, InputError, InvalidInputError, UsageError } from '../errors.js';
import { askNewFile, isEscape, isPromptExit, runSitting, type Prompts } from '../questionnaire/flow.js';
import { say, terminalLine } from '../render/escape.js';
import { problemExcerpt, problemLine } from '../render/problems.js';
import { terminalSummary } from '../render/terminal.js';
import { shellArg } from '../words.js';
import { wrap } from '../render/wrap.js';
import { lockForWriting } from '../source/lock.js';
import { isError, type LocatedProblem } from '../source/problem.js';
import { readTextFile } from '../source/read.js';
import { answersSource, printProblems } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';

export interface AssessOptions {
  /** For a new file: a shipped catalogue id or a catalogue file. For an existing one: the catalogue file to check it against. */
  catalogue?: string;
}

/** The person's editor: the command to run, and its name for messages. */
export interface Editor {
  readonly command: string;
  readonly name: string;
}

/** What tests put in place of the terminal, and what the launcher passes on from the process. */
export interface AssessSeams {
  /** Scripted prompts instead of the keyboard (no terminal needed). */
  readonly prompts?: Prompts;
  /** Holds Ctrl-C (SIGINT) off while a save is written; see SittingOptions. */
  readonly holdInterrupts?: (() => () => boolean) | undefined;
  /** Opens a file in the editor at a line, and returns when it is closed (a test's stand-in for the real one). */
  readonly openEditor?: (editor: Editor, path: string, line: number) => void;
}

/** Text wider than this is hard to read, however wide the terminal. */
const MAX_WIDTH = 100;

/**
 * Runs a sitting on FILE: refuses without a terminal (exit 2) or on an invalid file the person
 * does not fix (exit 1, its problems shown); returns 0 when the person quits, and throws
 * CancelledError (exit 130) on Ctrl-C.
 */
export async function assess(ctx: CommandContext, named: string, opts: AssessOptions, seams: AssessSeams = {}): Promise<number> {
  // 1. A person at a terminal, or scripted prompts.
  const prompts = seams.prompts ?? (await terminalPrompts(ctx));
  const show = (text: string): void => void ctx.stdout.write(text);
  const paint = ctx.paint.stdout;
  const width = Math.max(40, Math.min(ctx.stdout.columns || 80, MAX_WIDTH));

  // 2. The file meant: FILE.yaml when that is what there is; a folder that exists.
  const file = await fileMeant(ctx, named, prompts);
  const path = resolvePath(ctx, file);
  if (!existsSync(path) && !existsSync(dirname(path))) {
    throw new InputError(`${file}: the folder ${dirname(file)} does not exist; create it first, or name a file in a folder that does`);
  }

  // 3. One writer at a time, for the whole sitting.
  const lock = lockForWriting(path, 'bva assess', file);
  try {
    if (lock.recovered) ctx.stderr.write(say`bva: ${file}: ${lock.recovered}\n`);

    // 4. Resume the file, or start it. Either way its catalogue is found by the one resolver; a
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
      loaded = await loadOrFix(ctx, file, path, source, again, prompts, seams);
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
      show(say`Created ${file}: ${answers.authority}, ${answers.period}, ${catalogueLabel(answers.catalogue.catalogue)} (${answers.catalogue.indicatorCount} indicators to answer).\n`);
      if (!namesSchema(loaded.file.text)) show(`${paint.dim(wrap(SCHEMA_TIP, width))}\n`);
    }

    // 5. The sitting; then where things stand.
    const final = await runSitting(loaded, { prompts, show, paint, width, file, source, again, today: ctx.today, holdInterrupts: seams.holdInterrupts });
    const report = assessAnswers(final.answers, final.catalogue, { asOf: ctx.today, version: ctx.version });
    show(`\n${say`Every answer is saved in ${file}.`}\n\n${terminalSummary(report, { paint, file, again, width })}`);
    return EXIT.ok;
  } finally {
    lock.release();
  }
}

/**
 * FILE as named, unless it has no extension and does not exist: then the person says whether they
 * meant FILE.yaml (which exists, or would be made) or FILE exactly.
 */
async function fileMeant(ctx: CommandContext, file: string, prompts: Prompts): Promise<string> {
  if (extname(file) !== '' || existsSync(resolvePath(ctx, file))) return file;
  const found = [`${file}.yaml`, `${file}.yml`].find((f) => existsSync(resolvePath(ctx, f)));
  const choices = found
    ? [
        { value: found, name: `Open ${terminalLine(found)}, which is there` },
        { value: file, name: `Start a new file named ${terminalLine(file)}, without .yaml` },
      ]
    : [
        { value: `${file}.yaml`, name: `Start a new file, ${terminalLine(`${file}.yaml`)}` },
        { value: file, name: `Start a new file named ${terminalLine(file)}, without .yaml` },
      ];
  try {
    return await prompts.select({ id: 'which-file', message: `There is no file named ${terminalLine(file)}.`, choices, default: choices[0]!.value });
  } catch (err) {
    if (isPromptExit(err) || isEscape(err)) throw new CancelledError('Stopped. Nothing was written.', { cause: err });
    throw err;
  }
}

/**
 * The file, loaded; while it does not read correctly, each error is shown at its line with what
 * to change, and, with an editor set, the person may fix it there and then: bva opens the file at
 * the first error, and checks it again once the editor is closed.
 */
async function loadOrFix(ctx: CommandContext, file: string, path: string, source: AnswersSource, again: string, prompts: Prompts, seams: AssessSeams): Promise<LoadedAnswers> {
  const editor = editorOf(ctx.env);
  const open = seams.openEditor ?? runEditor;
  for (;;) {
    const text = readTextFile(path, file);
    const result = await loadAnswersText(text, path, source);
    if (result.ok) return result.value;
    // Only what stops the sitting: unanswered indicators are what it is for.
    const errors = result.problems.filter(isError);
    ctx.stderr.write(refusal(file, text.text, errors, again, ctx));
    if (editor === undefined) {
      ctx.stderr.write(say`Then run bva assess ${shellArg(file)}${again} again. (Set VISUAL or EDITOR, and bva assess opens the file at the line for you.)\n`);
      throw new InvalidInputError(`${file}: invalid`);
    }
    const line = errors[0]!.line;
    let choice: 'open' | 'stop';
    try {
      choice = await prompts.select({
        id: 'fix-file',
        message: say`Open ${file} in ${editor.name} at line ${line}, and go on once it reads correctly?`,
        choices: [
          { value: 'open', name: `Open ${terminalLine(file)} at line ${line}` },
          { value: 'stop', name: 'Stop here' },
        ],
        default: 'open',
      });
    } catch (err) {
      if (!isPromptExit(err) && !isEscape(err)) throw err;
      choice = 'stop';
    }
    if (choice === 'stop') {
      ctx.stderr.write(say`Stopped. ${file} is as it was.\n`);
      throw new InvalidInputError(`${file}: invalid`);
    }
    open(editor, path, line);
  }
}

/** The errors, each with its line and a caret under the place, then what to do. */
function refusal(file: string, text: string, errors: readonly LocatedProblem[], again: string, ctx: CommandContext): string {
  const paint = ctx.paint.stderr;
  const out: string[] = [];
  for (const p of errors) out.push(problemLine(p, paint), ...problemExcerpt(p, text, paint).map((l) => `  ${l}`));
  const lines = [...new Set(errors.map((p) => p.line))];
  const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
  out.push(say`bva assess goes on once ${file} reads correctly: change ${where} as said above (bva validate ${shellArg(file)}${again} checks it).`);
  return `${out.join('\n')}\n`;
}

/** The person's editor, as git finds it: VISUAL, then EDITOR; none when neither is set. */
export function editorOf(env: Readonly<Record<string, string | undefined>>): Editor | undefined {
  const command = (env['VISUAL'] || env['EDITOR'])?.trim();
  if (!command) return undefined;
  return { command, name: basename(command.split(/\s+/)[0]!) };
}

/** Editors that open a file at a line given as +LINE before it. */
const AT_LINE = new Set(['vi', 'vim', 'nvim', 'view', 'nano', 'pico', 'emacs', 'emacsclient', 'micro', 'joe', 'jed', 'ne', 'mg', 'kak', 'vis', 'mcedit']);

/** Runs the editor on the file (at the line, where the editor takes one) and waits for it to close. */
function runEditor(editor: Editor, path: string, line: number): void {
  const at = AT_LINE.has(editor.name) ? ` +${line}` : '';
  spawnSync(`${editor.command}${at} ${shellArg(path)}`, { shell: true, stdio: 'inherit' });
}

/** The keyboard's prompts; refuses (exit 2) unless both the keyboard and the screen are a terminal. */
async function terminalPrompts(ctx: CommandContext): Promise<Prompts> {
  const stdin = ctx.stdin?.();
  if (stdin?.isTTY !== true || ctx.stdout.isTTY !== true) {
    throw new UsageError(
      'bva assess asks its questions at a terminal, and its input or output is not one. From a script, set answers with bva answer FILE TARGET (bva answer --help) and check the file with bva validate FILE.',
    );
  }
  const { terminalPrompts: make } = await import('../questionnaire/prompts.js');
  return make({ input: stdin, output: ctx.stdout, env: ctx.env });
}
