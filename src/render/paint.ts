// Colour for terminal output: on only for a terminal, never when NO_COLOR is set. Renderers take
// a Paint, so they stay pure and their tests read plain text. bva decides when colour is on
// (wantsColour); chalk writes the codes.
import { Chalk } from 'chalk';

export interface Paint {
  readonly enabled: boolean;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly amber: (s: string) => string;
  readonly green: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const identity = (s: string): string => s;

/** Paint that leaves text as it is. */
export const PLAIN: Paint = { enabled: false, bold: identity, dim: identity, red: identity, amber: identity, green: identity, cyan: identity };

/** Whether to colour a stream: a terminal, NO_COLOR unset (any value turns colour off), TERM not dumb. */
export function wantsColour(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['NO_COLOR'] !== undefined) return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/**
 * Paint for a stream. The sixteen basic colours (chalk's level 1), which every terminal shows;
 * chalk's own guess at the terminal is not asked: wantsColour has decided.
 */
export function paintFor(enabled: boolean): Paint {
  if (!enabled) return PLAIN;
  const chalk = new Chalk({ level: 1 });
  return { enabled, bold: chalk.bold, dim: chalk.dim, red: chalk.red, amber: chalk.yellow, green: chalk.green, cyan: chalk.cyan };
}
