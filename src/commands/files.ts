// Checking several files in one command: each file's problems and summary, then the exit code
// (0 all valid, 1 any invalid, 2 any unreadable). Shared by `validate` and `catalogue validate`.
import { EXIT } from '../errors.js';
import { InputError } from '../errors.js';
import { errorLines, renderResults, type FileResult, type ProblemFormat } from '../render/problems.js';
import type { CommandContext } from './context.js';

/** Checks each file with `checkOne`, prints the results, and returns the exit code. */
export async function checkFiles(
  ctx: CommandContext,
  files: readonly string[],
  format: ProblemFormat,
  checkOne: (file: string) => Promise<FileResult>,
): Promise<number> {
  const results: FileResult[] = [];
  const shown = new Set<InputError>();
  let unreadable = false;
  for (const file of files) {
    try {
      results.push(await checkOne(file));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      unreadable = true;
      // A broken --catalogue carries its problems: list them, once however many files it checks.
      ctx.stderr.write(errorLines(err, ctx.paint.stderr, !shown.has(err)));
      shown.add(err);
    }
  }
  ctx.stdout.write(renderResults(results, format, ctx.paint.stdout));
  if (unreadable) return EXIT.usage;
  return results.every((r) => r.valid) ? EXIT.ok : EXIT.invalid;
}
