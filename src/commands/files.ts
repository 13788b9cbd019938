// Checking several files in one command: each file's problems and summary, then the exit code
// (0 all valid, 1 any invalid, 2 any unreadable). Shared by `validate` and `catalogue validate`.
import { CatalogueError } from '../catalogue/shipped.js';
import { EXIT } from '../errors.js';
import { InputError } from '../errors.js';
import { terminalLine } from '../render/escape.js';
import { problemLine, renderResults, type FileResult, type ProblemFormat } from '../render/problems.js';
import type { CommandContext } from './context.js';

/** Checks each file with `checkOne`, prints the results, and returns the exit code. */
export async function checkFiles(
  ctx: CommandContext,
  files: readonly string[],
  format: ProblemFormat,
  checkOne: (file: string) => Promise<FileResult>,
): Promise<number> {
  const results: FileResult[] = [];
  const shown = new Set<CatalogueError>();
  let unreadable = false;
  for (const file of files) {
    try {
      results.push(await checkOne(file));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      unreadable = true;
      // A broken --catalogue carries its problems: list them, once however many files it checks.
      if (err instanceof CatalogueError && !shown.has(err)) {
        shown.add(err);
        for (const p of err.problems) ctx.stderr.write(`${problemLine(p, ctx.paint.stderr)}\n`);
      }
      ctx.stderr.write(`${ctx.paint.stderr.red('bva:')} ${terminalLine(err.message)}\n`);
    }
  }
  ctx.stdout.write(renderResults(results, format, ctx.paint.stdout));
  if (unreadable) return EXIT.usage;
  return results.every((r) => r.valid) ? EXIT.ok : EXIT.invalid;
}
