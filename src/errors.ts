// The typed errors bva throws, and the one table that maps outcomes to exit codes.
import type { LocatedProblem } from './source/problem.js';

/** Exit codes, as the README documents them. */
export const EXIT = {
  /** Success: valid input, gates passed. */
  ok: 0,
  /** The input was read and is invalid, or a gate failed. */
  invalid: 1,
  /** Usage error, a file that cannot be read or written, or input refused before parsing. */
  usage: 2,
  /** The person interrupted the questionnaire (after saving). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in how bva was called: unknown flag, missing argument, bad flag value. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = EXIT.usage;
}

/** A file that cannot be read or written, or input refused before parsing (too large, not text). */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly exitCode = EXIT.usage;
  /** What is wrong inside the input, when it was read and refused for it (a broken catalogue): printed before the message. */
  declare readonly problems?: readonly LocatedProblem[];
}

/** The input was read and is invalid (exit 1); the command has already printed its problems. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  readonly exitCode = EXIT.invalid;
}

/** The person cancelled (Ctrl-C at a prompt); whatever was answered is already saved. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  readonly exitCode = EXIT.interrupted;
}

/** A bug in bva: shown with a request to report it, and a stack trace only with BVA_DEBUG=1. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
  readonly exitCode = EXIT.usage;
}

/** The exit code for anything thrown out of a command. */
export function exitCodeOf(err: unknown): ExitCode {
  if (err instanceof UsageError || err instanceof InputError || err instanceof CancelledError || err instanceof InvalidInputError) return err.exitCode;
  return EXIT.usage;
}
