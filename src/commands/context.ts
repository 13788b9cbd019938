// What a command gets from the edge: streams, folders, environment, today's date, the catalogue
// store. Nothing below cli.ts touches `process`, so tests run commands in-process.
import { resolve } from 'node:path';
import type { CatalogueStore } from '../catalogue/shipped.js';
import type { Paint } from '../render/paint.js';

/** A stream bva writes text to (and, for a binary format piped elsewhere, bytes). */
export interface OutStream {
  write(chunk: string | Uint8Array): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** A stream bva reads from (the questionnaire's keyboard). */
export interface InStream extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
}

export interface CommandContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The bva package folder (criteria/, src/*.schema.json). */
  readonly home: string;
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  /** The keyboard, opened only by the command that reads it (the questionnaire). */
  readonly stdin: (() => InStream) | undefined;
  /** Colour for each stream. */
  readonly paint: { readonly stdout: Paint; readonly stderr: Paint };
  readonly store: CatalogueStore;
  /** Today's date, YYYY-MM-DD, in local time. */
  readonly today: string;
  readonly version: string;
}

/** A path as given, resolved against the command's working folder. */
export function resolvePath(ctx: Pick<CommandContext, 'cwd'>, path: string): string {
  return resolve(ctx.cwd, path);
}
