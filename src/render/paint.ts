// Colour for terminal output: on only for a terminal, never when NO_COLOR is set. Renderers take
// a Paint, so they stay pure and their tests read plain text.

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

const sgr = (open: number, close: number) => (s: string): string => `\x1b[${open}m${s}\x1b[${close}m`;

/** Paint for a stream. */
export function paintFor(enabled: boolean): Paint {
  if (!enabled) return PLAIN;
  return { enabled, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), amber: sgr(33, 39), green: sgr(32, 39), cyan: sgr(36, 39) };
}
