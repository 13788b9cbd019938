// `bva catalogue list|show|validate`: what is shipped, a theme in full, checking a custom catalogue.
import { checkReplacesAgainst, crosswalkOf, crosswalkSummary } from '../catalogue/crosswalk.js';
import { loadCatalogueFile } from '../catalogue/load.js';
import type { Catalogue, CatalogueModel } from '../catalogue/model.js';
import { UsageError, EXIT } from '../errors.js';
import { renderCatalogueList, renderTheme, catalogueSummary, type CatalogueSummary } from '../render/catalogue.js';
import { jsonText } from '../render/escape.js';
import type { ProblemFormat } from '../render/problems.js';
import { nearest } from '../source/suggest.js';
import { plural } from '../words.js';
import { resolvePath, type CommandContext } from './context.js';
import { checkFiles } from './files.js';

/** `bva catalogue list`: the catalogues a bva.config.yaml lists (found from the working folder up), then the shipped ones, with their counts. */
export async function list(ctx: CommandContext, opts: { format: 'text' | 'json' }): Promise<number> {
  // Imported here: the resolver brings the configuration loader, which only this listing needs.
  const { answersSource } = await import('./answers-io.js');
  const resolver = answersSource(ctx);
  const project = await resolver.listed(await resolver.config());
  const summaries: CatalogueSummary[] = [...project, ...(await ctx.store.shipped())].map((m) => catalogueSummary(m, m.origin.display));
  ctx.stdout.write(opts.format === 'json' ? `${jsonText(summaries)}\n` : renderCatalogueList(summaries, ctx.paint.stdout));
  return EXIT.ok;
}

/** `bva catalogue show [THEME]`: one theme (or all) in full, wrapped for the terminal. */
export async function show(ctx: CommandContext, themeId: string | undefined, opts: { catalogue?: string }): Promise<number> {
  // Imported here: answers-io brings the answers loader, which list and validate do not need.
  const { catalogueFor } = await import('./answers-io.js');
  const model = await catalogueFor(ctx, opts.catalogue);
  let themes = model.themes;
  if (themeId !== undefined) {
    const theme = model.themeById.get(themeId) ?? model.themes.find((t) => t.title.toLowerCase() === themeId.toLowerCase());
    if (!theme) {
      const guess = nearest(themeId, model.themeById.keys());
      throw new UsageError(`no theme ${JSON.stringify(themeId)} in ${model.catalogue.id}${guess ? `; did you mean ${guess}?` : ''} (themes: ${[...model.themeById.keys()].join(', ')})`);
    }
    themes = [theme];
  }
  const width = Math.max(40, Math.min(ctx.stdout.isTTY ? (ctx.stdout.columns ?? 80) : 80, 100));
  ctx.stdout.write(renderTheme(model, themes, { width, paint: ctx.paint.stdout }));
  return EXIT.ok;
}

/** `bva catalogue validate FILE...` */
export async function validateCatalogues(ctx: CommandContext, files: readonly string[], opts: { format: ProblemFormat }): Promise<number> {
  return checkFiles(ctx, files, opts.format, async (file) => {
    const path = resolvePath(ctx, file);
    // A catalogue that replaces another is checked against it too: every earlier indicator accounted for.
    let earlier: CatalogueModel | undefined;
    const result = await loadCatalogueFile(path, file, false, async (data, schemaOk) => {
      const replaces = schemaOk ? (data as Catalogue).replaces : undefined;
      if (!replaces) return [];
      const { earlierCatalogue } = await import('../catalogue/lineage.js');
      const { answersSource } = await import('./answers-io.js');
      const found = await earlierCatalogue(answersSource(ctx), replaces, path);
      if ('problem' in found) return [found.problem];
      earlier = found.catalogue;
      return checkReplacesAgainst(data, found.catalogue);
    });
    if (!result.ok) {
      return { file, valid: false, problems: result.problems };
    }
    const s = catalogueSummary(result.value, file);
    const crosswalk = earlier ? `; replaces ${crosswalkSummary(crosswalkOf(earlier, result.value))}` : '';
    return {
      file,
      valid: true,
      problems: result.warnings,
      summary: `${s.id} ${s.version}, ${plural(s.themes, 'theme')}, ${plural(s.indicators, 'indicator')}${crosswalk}`,
      data: { id: s.id, version: s.version, themes: s.themes, indicators: s.indicators },
    };
  });
}
