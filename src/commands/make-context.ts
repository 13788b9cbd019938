// Makes the context a command runs in, from what the launcher passed to run(). Loaded only when a
// command runs (not for --version or --help).
import { CatalogueStore } from '../catalogue/shipped.js';
import type { RunOptions } from '../cli.js';
import { paintFor, wantsColour } from '../render/paint.js';
import { isCalendarDate, toIsoDay } from '../source/dates.js';
import type { CommandContext } from './context.js';

export function makeContext(o: RunOptions, version: string): CommandContext {
  // BVA_TODAY fixes "today" for reproducible output (tests, and reports regenerated later).
  const fixed = o.env['BVA_TODAY'];
  const today = fixed !== undefined && isCalendarDate(fixed) ? fixed : toIsoDay((o.now ?? (() => new Date()))());
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
