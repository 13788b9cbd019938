// bva's command line: the entry point, and the one place where outcomes become exit codes. The
// commands and flags are in program.ts. Nothing here or below touches `process`: bin/bva.js passes it in.
import { CommanderError } from 'commander';
import type { CommandContext, InStream, OutStream } from './commands/context.js';
import { CancelledError, EXIT, InputError, InvalidInputError, UsageError, exitCodeOf } from './errors.js';
import { buildProgram } from './program.js';
import { say, terminalSafe } from './render/escape.js';
import { paintFor, wantsColour, type Paint } from './render/paint.js';

declare const BVA_VERSION: string;

/** bva's version, fixed at build time. */
export const VERSION = typeof BVA_VERSION === 'string' ? BVA_VERSION : '0.0.0-dev';

/** What the launcher passes in. */
export interface RunOptions {
  readonly argv: readonly string[];
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  /** The keyboard, opened only by the command that reads it. */
  readonly stdin?: () => InStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The bva package folder. */
  readonly home: string;
  /** The clock, for "today" (tests pass a fixed one). */
  readonly now?: () => Date;
  /**
   * Holds Ctrl-C (SIGINT) off while a save is written: returns a function that lets go and says
   * whether Ctrl-C came meanwhile. The launcher gives it; run in process, bva needs none.
   */
  readonly holdInterrupts?: () => () => boolean;
}

/** Runs bva with these arguments and returns the exit code. */
export async function run(options: RunOptions): Promise<number> {
  const output = watchOutput(options);
  const code = await runCommand(options);
  return output.exitCode(code);
}

/** A stream that reports a failed write with an 'error' event, as Node's do. */
interface Emitting {
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
  readonly writableLength?: number;
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}
const emits = (s: OutStream): s is OutStream & Emitting => typeof (s as Partial<Emitting>).on === 'function';

/**
 * Watches the standard output and error for a write that fails. A reader that stops early (a
 * closed pipe, EPIPE) is no failure of bva's: the command's own exit code stands. Any other
 * failure (a full disk, a device error) means the output was lost: one line on stderr where it
 * can still be written, and exit 2. Nothing throws: a failed write is only ever counted.
 */
function watchOutput(o: RunOptions): { exitCode(code: number): Promise<number> } {
  const failed: { stdout?: NodeJS.ErrnoException; stderr?: NodeJS.ErrnoException } = {};
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = o[name];
    if (emits(stream)) stream.on('error', (err) => void (failed[name] ??= err));
  }
  return {
    async exitCode(code) {
      // A write's error is reported after it returns: let the streams finish what they were given.
      await Promise.all([o.stdout, o.stderr].map(flushed));
      const lost = (err: NodeJS.ErrnoException | undefined): boolean => err !== undefined && err.code !== 'EPIPE';
      if (lost(failed.stdout)) {
        const { describeFsError } = await import('./source/read.js');
        if (!failed.stderr) o.stderr.write(say`bva: cannot write the output: ${describeFsError(failed.stdout)}\n`);
        await flushed(o.stderr);
        return EXIT.usage;
      }
      return lost(failed.stderr) ? EXIT.usage : code;
    },
  };
}

/** Resolves when a stream has written what it was given (or failed to), or at once for one that does not say. */
function flushed(stream: OutStream): Promise<void> {
  return new Promise((resolve) => {
    const s = stream as OutStream & Partial<Emitting>;
    if (!emits(stream) || !s.once || !s.writableLength) return void setImmediate(resolve);
    const done = (): void => resolve();
    s.once('drain', done);
    s.once('close', done);
    s.once('error', done);
  });
}

/** Runs the command line; returns its exit code. */
async function runCommand(options: RunOptions): Promise<number> {
  let exitCode: number = EXIT.ok;
  // The command context (catalogue store, colour, today) is made only when a command runs, so
  // --help loads nothing beyond commander.
  let context: Promise<CommandContext> | undefined;
  const ctx = (): Promise<CommandContext> => (context ??= import('./commands/make-context.js').then((m) => m.makeContext(options, VERSION)));
  const program = buildProgram(options, VERSION, ctx, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...options.argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    return report(err, options);
  }
}

/** Maps anything thrown to a one-line message and an exit code; a stack trace only with BVA_DEBUG=1. */
async function report(err: unknown, o: RunOptions): Promise<number> {
  if (err instanceof CommanderError) {
    // Help and --version are successes; every other commander error is a usage error.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return EXIT.usage;
  }
  const debug = o.env['BVA_DEBUG'] === '1';
  const paint: Paint = paintFor(wantsColour(o.stderr, o.env));
  const red = paint.red;
  const write = (text: string): unknown => o.stderr.write(text);
  if (err instanceof CancelledError) {
    write(say`${err.message}\n`);
  } else if (err instanceof InvalidInputError) {
    // The command has printed the problems already.
  } else if (err instanceof UsageError || err instanceof InputError) {
    // A catalogue that failed its checks carries its problems, printed first; a message may quote
    // a file's name, and a name may hold control characters.
    const { errorLines } = await import('./render/problems.js');
    write(errorLines(err, paint));
    if (err instanceof UsageError) write(`Run bva --help for usage.\n`);
  } else {
    const message = err instanceof Error ? err.message : String(err);
    write(red('bva: internal error:') + say` ${message}\n`);
    write('This is a bug in bva; please report it with the command you ran. Set BVA_DEBUG=1 for details.\n');
  }
  if (debug && err instanceof Error && err.stack) write(`${terminalSafe(err.stack)}\n`);
  return exitCodeOf(err);
}
