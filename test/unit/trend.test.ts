// Over the years, pure: the trend model across the three worked periods and across two catalogue
// versions, and its Markdown, JSON and HTML renderings.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyToData } from '../../src/answers/edit.js';
import { loadAnswersFile } from '../../src/answers/load.js';
import { migrateAnswers } from '../../src/answers/migrate.js';
import type { Answers, LoadedAnswers } from '../../src/answers/model.js';
import { assess } from '../../src/assessment/assess.js';
import { buildTrend, type Trend, type TrendInput } from '../../src/assessment/trend.js';
import { crosswalkOf } from '../../src/catalogue/crosswalk.js';
import { loadCatalogueFile } from '../../src/catalogue/load.js';
import { indexCatalogue, type CatalogueModel } from '../../src/catalogue/model.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import validateTrend from '../../src/generated/validate-trend.js';
import { renderTrendJson, renderTrendMarkdown } from '../../src/render/trend.js';
import { renderTrendHtml } from '../../src/render/trend-html.js';
import { ROOT } from '../helpers.js';

async function load(file: string, catalogue?: string): Promise<LoadedAnswers> {
  const r = await loadAnswersFile(join(ROOT, file), file, { store: new CatalogueStore(ROOT), ...(catalogue ? { catalogue: { path: join(ROOT, catalogue), display: catalogue } } : {}) });
  if (!r.ok) throw new Error(`${file} should be valid: ${JSON.stringify(r.problems)}`);
  return r.value;
}

/** A period as the trend command hands it over: scored as of its assessment date. */
const period = (l: { answers: Answers; catalogue: CatalogueModel }, file: string, more: Partial<TrendInput> = {}): TrendInput => ({
  report: assess(l.answers, l.catalogue, { asOf: l.answers['assessment-date']!, version: 'test' }),
  catalogue: l.catalogue,
  file,
  ...more,
});

const files = ['examples/2023-24.yaml', 'examples/2024-25.yaml', 'examples/2025-26.yaml'];
const examples = await Promise.all(files.map((f) => load(f)));
const t = buildTrend(
  examples.map((l, n) => period(l, files[n]!)),
  { version: 'test' },
);

describe('the trend over the three worked periods', () => {
  it('gives each period its headline figures as of its own assessment date', () => {
    expect(t.periods.map((p) => [p.period, p.asOf, p.rag, p.level?.label, p.counts.answered, p.counts.redFlags, p.counts.seriousRedFlags])).toEqual([
      ['2023-24', '2024-01-23', 'red', 'Developing', 79, 11, 1],
      ['2024-25', '2024-11-05', 'red', 'Developing', 86, 6, 1],
      ['2025-26', '2025-10-21', 'amber', 'Established', 86, 6, 0],
    ]);
    expect(t.notes).toEqual([]);
    expect(validateTrend(JSON.parse(renderTrendJson(t))), JSON.stringify(validateTrend.errors)).toBe(true);
  });

  it('counts the action plan per period against the period before', () => {
    // 2023-24: every action in the file; 2024-25: six carried word for word, one overtaken without
    // being marked done, one raised and done; 2025-26: 23 completed of those open a year before.
    expect(t.periods.map((p) => p.actions)).toEqual([
      { inFile: 12, raised: 12, completed: 5, dropped: 0, open: 7, overdue: 1 },
      { inFile: 30, raised: 24, completed: 1, dropped: 1, open: 29, overdue: 0 },
      { inFile: 39, raised: 10, completed: 23, dropped: 0, open: 16, overdue: 0 },
    ]);
  });

  it('lists red flags by period, with what each period raised and cleared', () => {
    expect(t.periods.map((p) => [p.redFlags.map((f) => (f.serious ? `${f.id}!` : f.id)), p.redFlagsRaised ?? null, p.redFlagsCleared ?? null])).toEqual([
      [['ci.f1', 'ci.f2', 'lead.f2', 'lead.f3', 'lead.f5', 'gov.f3', 'cult.f2', 'res.f1!', 'res.f2', 'res.f3', 'svc.f3'], null, null],
      [['lead.f2', 'lead.f3', 'res.f1!', 'res.f2', 'res.f3', 'svc.f1'], ['svc.f1'], ['ci.f1', 'ci.f2', 'lead.f5', 'gov.f3', 'cult.f2', 'svc.f3']],
      [['lead.f3', 'res.f1', 'res.f2', 'res.f3', 'svc.f1', 'svc.f4'], ['svc.f4'], ['lead.f2']],
    ]);
  });

  it("says how each indicator moved over the whole run, first rating against last", () => {
    expect(t.movement).toEqual({ improved: 38, declined: 7, stayed: 39, changed: 0, once: 1, never: 1 });
    const row = (id: string) => t.indicators.find((i) => i.id === id)!;
    const words = (id: string) => row(id).periods.map((c) => c.rating?.label ?? c.answer);
    expect([words('ci.c4'), row('ci.c4').overall]).toEqual([['Not in place', 'Established', 'Embedded'], { move: 'improved', from: '2023-24', to: '2025-26' }]);
    // Down and back up again is no movement over the run.
    expect([words('lead.c6'), row('lead.c6').overall.move]).toEqual([['Developing', 'Not in place', 'Developing'], 'stayed']);
    // Unanswered the first year, not applicable the second: rated once.
    expect([words('part.c6'), row('part.c6').overall]).toEqual([['unanswered', 'not-applicable', 'Developing'], { move: 'once', from: '2025-26', to: '2025-26' }]);
    expect(row('res.c12').overall).toEqual({ move: 'never' });
    expect(row('res.f1').periods.map((c) => [c.rating?.label, c.redFlag, c.serious ?? null])).toEqual([
      ['Present', true, true],
      ['Present', true, true],
      ['Emerging', true, false],
    ]);
  });

  it("gives each theme's status and level per period", () => {
    expect(t.themes.map((th) => [th.id, ...th.periods.map((p) => `${p!.rag} ${p!.level?.label ?? '-'}`), th.level?.move])).toEqual([
      ['continuous-improvement', 'amber Developing', 'amber Developing', 'green Established', 'improved'],
      ['leadership', 'amber Developing', 'amber Developing', 'amber Established', 'improved'],
      ['governance', 'amber Developing', 'amber Developing', 'green Established', 'improved'],
      ['culture', 'amber Established', 'green Established', 'green Established', 'stayed'],
      ['use-of-resources', 'red Developing', 'red Developing', 'amber Established', 'improved'],
      ['service-delivery', 'amber Developing', 'amber Developing', 'amber Developing', 'stayed'],
      ['partnerships', 'amber Developing', 'amber Developing', 'amber Developing', 'stayed'],
    ]);
  });

  it('renders the summary table in Markdown, one column per period', () => {
    const md = renderTrendMarkdown(t, { generatedBy: 'bva test' });
    expect(md.slice(0, md.indexOf('## Themes'))).toBe(
      [
        '# Best Value self-assessment over time: Marlbridge Borough Council, 2023-24 to 2025-26',
        '',
        '3 periods, oldest first: 2023-24 (examples/2023-24.yaml, assessed 23 January 2024); 2024-25 (examples/2024-25.yaml, assessed 5 November 2024); 2025-26 (examples/2025-26.yaml, assessed 21 October 2025). Each period is scored as of its own assessment date, and each indicator is shown as the best-value-2024 1.0.0 catalogue names it.',
        '',
        '## Summary',
        '',
        '|                           | 2023-24        | 2024-25       | 2025-26     |',
        '| ------------------------- | -------------- | ------------- | ----------- |',
        '| **Status**                | Red            | Red           | Amber       |',
        '| **Level**                 | Developing     | Developing    | Established |',
        '| **Answered**              | 79 of 86       | 86 of 86      | 86 of 86    |',
        '| **Red flags**             | 11 (1 serious) | 6 (1 serious) | 6           |',
        '| **Actions raised**        | 12             | 24            | 10          |',
        '| **Actions completed**     | 5              | 1             | 23          |',
        '| **Open at assessment**    | 7              | 29            | 16          |',
        '| **Overdue at assessment** | 1              | 0             | 0           |',
        '',
        "Over the whole run, each indicator's first rating against its last: 38 improved, 7 declined, 39 stayed the same, 1 rated in one period only, 1 never rated.",
        '',
        '',
      ].join('\n'),
    );
    expect(md).toContain('| **ci.f1** | The council seldom seeks external challenge, its peer challenge is overdue, or it does not act on the recommendations it receives. | **Emerging** (red flag) | Not present | Not present | Improved |');
    expect(md).toContain('| **res.c12** | Special severance payments are made only in exceptional circumstances. | Not applicable | Not applicable | Not applicable | Never rated |');
    expect(md).toContain('| **svc.c8** | The council\'s complaints process is easy to use, works well and provides appropriate redress. | Not answered | Developing | Developing | Stayed the same |');
  });

  it('draws a heat map per theme in HTML, its words on every cell and in its description, with a table of the same', () => {
    const html = renderTrendHtml(t, { generatedBy: 'bva test' });
    const figures = [...html.matchAll(/<figure class="keep"><svg [^>]*role="img" aria-labelledby="([^"]+)-title \1-desc"[^>]*><title id="\1-title">([^<]*)<\/title><desc id="\1-desc">([^<]*)<\/desc>/g)];
    expect(figures.map((f) => f[1])).toEqual(['chart-themes', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `chart-trend-theme-${n}`)]);
    const ci = figures[1]!;
    expect(ci[2]).toBe('Ratings in theme 1. Continuous improvement, 2023-24, 2024-25, 2025-26');
    expect(ci[3]).toContain('ci.c4: Not in place, Established, Embedded (improved). ');
    expect(ci[3]).toContain('ci.f1: Emerging (red flag), Not present, Not present (improved).');
    // Each figure is followed by its table, which has a row header per indicator.
    expect(html).toMatch(/<\/figure>\n<table><caption>Indicators in theme 1\. Continuous improvement, by period<\/caption>/);
    expect(html.match(/<th scope="row"><span class="indicator-id">/g)).toHaveLength(86 + 13);
    expect(html).not.toMatch(/<script|<img|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });
});

describe('the trend across two versions of a framework', async () => {
  const v1 = await loadCatalogueFile(join(ROOT, 'test/fixtures/crosswalk/framework-1.yaml'));
  const v2 = await loadCatalogueFile(join(ROOT, 'test/fixtures/crosswalk/framework-2.yaml'));
  if (!v1.ok || !v2.ok) throw new Error('fixtures should load');
  const before = await load('test/fixtures/crosswalk/answers-1.yaml', 'test/fixtures/crosswalk/framework-1.yaml');
  const cw = crosswalkOf(v1.value, v2.value);
  const moved = applyToData(before.answers, migrateAnswers(before.answers, cw, '2025-06-12').changes) as Answers;
  const next = applyToData(moved, [
    { op: 'set', path: ['period'], value: '2025-26' },
    { op: 'set', path: ['assessment-date'], value: '2025-10-01' },
    { op: 'set', path: ['themes', 'GOV', 'indicators', 'G2', 'rating'], value: 'green' },
    { op: 'set', path: ['themes', 'RES', 'indicators', 'R4', 'rating'], value: 'red' },
  ]) as Answers;
  const tr: Trend = buildTrend(
    [period({ answers: before.answers, catalogue: v1.value }, 'old.yaml', { toLatest: cw }), period({ answers: next, catalogue: v2.value }, 'new.yaml', { fromPrevious: cw })],
    { version: 'test' },
  );

  it("shows every row under the latest version's ids, with where it came from", () => {
    expect(tr.indicators.map((i) => [i.id, i.lineage?.kind ?? null, ...i.periods.map((c) => c.rating?.word ?? c.answer), i.overall.move])).toEqual([
      ['G1', null, 'green', 'green', 'stayed'],
      ['G2', 'merged', 'amber', 'green', 'improved'],
      ['G9', 'renamed', 'not-seen', 'not-seen', 'stayed'],
      ['R1', 'split', 'amber', 'unanswered', 'once'],
      ['R4', 'split', 'amber', 'red', 'declined'],
      ['R2', null, 'not-applicable', 'not-applicable', 'never'],
      ['R3', null, 'seen', 'seen', 'stayed'],
      ['C1', null, 'green', 'green', 'stayed'],
      ['C3', 'added', 'absent', 'unanswered', 'never'],
      ['C2', 'dropped', 'amber', 'absent', 'once'],
    ]);
    expect(tr.indicators.find((i) => i.id === 'G2')!.periods[0]!.as).toEqual(['G2', 'G3']);
    expect(tr.indicators.find((i) => i.id === 'G9')!.periods[0]!.as).toEqual(['G4']);
    expect(tr.notes).toEqual([
      "2024-25 was assessed against wessex-framework 1.0.0: its answers are shown through wessex-framework 2.0.0's crosswalk from wessex-framework 1.0.0 (4 kept, 1 renamed, 2 merged into 1, 1 split into 2, 1 dropped, 1 added).",
    ]);
    // C2's open action went to retired with C2: dropped; the rest carried through the crosswalk, none raised.
    expect(tr.periods[1]!.actions).toEqual({ inFile: 4, raised: 0, completed: 0, dropped: 1, open: 3, overdue: 3 });
    const md = renderTrendMarkdown(tr, { generatedBy: 'bva test' });
    expect(md).toContain('| **G2** (merged from G2 and G3) | Reports set out the options and the risks. | Amber | Green | Improved |');
    expect(md).toContain("| **C2** (dropped in 2.0.0) | The council publishes an annual residents' survey. | Amber | — | Rated once |");
    expect(md).toContain('| **Catalogue**             | wessex-framework 1.0.0 | wessex-framework 2.0.0 |');
  });
});

describe('text from the files, in every format', () => {
  const HOSTILE = `<script>alert(1)</script> "><img src=x onerror=alert(2)> | **bold** \u001b[31m`;
  const hostile = examples.map((l) => ({ ...l, answers: { ...l.answers, authority: `Marlbridge ${HOSTILE}` } }));
  const ht = buildTrend(
    hostile.map((l, n) => period(l, `${files[n]!}${HOSTILE}`)),
    { version: 'test' },
  );

  it('is text, never markup, in HTML and Markdown, and exactly itself in JSON', () => {
    const html = renderTrendHtml(ht, { generatedBy: 'bva test' });
    expect(html).not.toMatch(/<script|<img|\u001b/);
    expect(html).toContain('<h1>Best Value self-assessment over time: Marlbridge &lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; | **bold** \uFFFD[31m, 2023-24 to 2025-26</h1>');
    const md = renderTrendMarkdown(ht, { generatedBy: 'bva test' });
    expect(md).not.toMatch(/<script|<img|\u001b|\| \*\*bold/);
    expect(JSON.parse(renderTrendJson(ht)).authority).toBe(`Marlbridge ${HOSTILE}`);
  });
});

describe('the trend across catalogue versions with no crosswalk', () => {
  // 1.1.0 drops ci.c7 and adds ci.c9, and says nothing of what it replaces: matched by id.
  const base = examples[1]!.catalogue;
  const themes = structuredClone(base.catalogue.themes);
  const ci = themes[0]!;
  ci.indicators = [...ci.indicators.filter((i) => i.id !== 'ci.c7'), { id: 'ci.c9', kind: 'characteristic', text: 'A new characteristic.', reference: 'S5' }];
  const next = indexCatalogue({ ...base.catalogue, version: '1.1.0', themes }, { path: '/next.yaml', display: 'next.yaml', shipped: false });
  const moved = examples[2]!.answers;
  const ciAnswers = moved.themes!['continuous-improvement']!;
  const { 'ci.c7': _gone, ...kept } = ciAnswers.indicators!;
  const later: Answers = { ...moved, catalogue: { id: 'best-value-2024', version: '1.1.0' }, themes: { ...moved.themes, 'continuous-improvement': { ...ciAnswers, indicators: { ...kept, 'ci.c9': { rating: 'established' } } } } };
  const tr = buildTrend([period(examples[1]!, 'a.yaml', { noCrosswalk: 'best-value-2024 1.1.0 does not say that it replaces best-value-2024 1.0.0' }), period({ answers: later, catalogue: next }, 'b.yaml')], { version: 'test' });

  it("follows the latest catalogue, with an earlier-only indicator after its theme's, and says it matched by id", () => {
    const ids = tr.indicators.filter((i) => i.theme === 'continuous-improvement').map((i) => `${i.id}:${i.periods.map((c) => c.rating?.word ?? c.answer).join('/')}`);
    expect(ids.slice(-3)).toEqual(['ci.f3:not-present/not-present', 'ci.c9:absent/established', 'ci.c7:developing/absent']);
    expect(tr.indicators[tr.indicators.findIndex((i) => i.id === 'ci.c7') + 1]!.theme).toBe('leadership');
    expect(tr.notes).toEqual([
      '2024-25 was assessed against best-value-2024 1.0.0, and no crosswalk joins it to best-value-2024 1.1.0 (best-value-2024 1.1.0 does not say that it replaces best-value-2024 1.0.0): its indicators are matched by id.',
    ]);
    expect(renderTrendMarkdown(tr, { generatedBy: 'bva test' })).toContain('| **ci.c7** (not in 1.1.0) | The council accepts');
  });
});
