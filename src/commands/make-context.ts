// Makes the context a command runs in, from what the launcher passed to run(). Loaded only when a
// command runs (not for --version or --help).
import { CatalogueStore } from '../catalogue/shipped.js';
import type { RunOptions } from '../cli.js';
import { UsageError } from '../errors.js';
import { paintFor, wantsColour } from '../render/paint.js';
import { isCalendarDate, toIsoDay } from '../source/dates.js';
import type { CommandContext } from './context.js';

export function makeContext(o: RunOptions, version: string): CommandContext {
  // BVA_TODAY fixes "today" for reproducible output (tests, and reports regenerated later). A value
  // that is not a date is refused: ignored, it would judge every action as of the real today.
  const fixed = o.env['BVA_TODAY'];
  if (fixed !== undefined && fixed !== '' && !isCalendarDate(fixed)) throw new UsageError(`BVA_TODAY must be a real date written YYYY-MM-DD, got ${JSON.stringify(fixed)}`);
  const today = fixed !== undefined && fixed !== '' ? fixed : toIsoDay((o.now ?? (() => new Date()))());
  return {
    cwd: o.cwd,
    env: o.env,
    home: o.home,
    stdout: o.stdout,
    stderr: o.stderr,
    stdin: o.stdin,
    paint: { stdout: paintFor(wantsColour(o.stdout, o.env)), stderr: paintFor(wantsColour(o.stderr, o.env)) },
    store: new CatalogueStore(o.home),
    today,
    version,
  };
}
