// `bva validate FILE...`: every problem of every answers file, and a summary line per file.
import { loadAnswersFile } from '../answers/load.js';
import { answeredCount } from '../answers/model.js';
import { reviewView } from '../answers/review.js';
import type { ProblemFormat } from '../render/problems.js';
import { answersSource } from './answers-io.js';
import { resolvePath, type CommandContext } from './context.js';
import { checkFiles } from './files.js';

export async function validate(ctx: CommandContext, files: readonly string[], opts: { format: ProblemFormat; catalogue?: string }): Promise<number> {
  const src = answersSource(ctx, opts.catalogue);
  return checkFiles(ctx, files, opts.format, async (file) => {
    const result = await loadAnswersFile(resolvePath(ctx, file), file, src);
    if (!result.ok) return { file, valid: false, problems: result.problems };
    const { answers, catalogue } = result.value;
    // A reviewer's file is asked only for the indicators its review names.
    const asked = reviewView(catalogue, answers);
    const answered = answeredCount(answers, asked);
    const total = asked.indicatorCount;
    return {
      file,
      valid: true,
      problems: result.warnings,
      summary: `answered ${answered} of ${total}`,
      data: { catalogue: { id: catalogue.catalogue.id, version: catalogue.catalogue.version }, answered, total },
    };
  });
}
