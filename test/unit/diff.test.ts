// Year on year, pure: the movement model between two scored periods (fixtures made to move every
// way, the two worked examples, two catalogue versions) and its Markdown and JSON renderings.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import type { Answers, LoadedAnswers } from '../../src/answers/model.js';
import { assess, type Report } from '../../src/assessment/assess.js';
import { diffReports, type Diff } from '../../src/assessment/diff.js';
import { indexCatalogue, type Catalogue, type CatalogueModel } from '../../src/catalogue/model.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { DIFF_RENDERERS, renderDiffMarkdown } from '../../src/render/diff.js';
import { ROOT } from '../helpers.js';

async function load(file: string): Promise<LoadedAnswers> {
  const r = await loadAnswersFile(join(ROOT, file), file, { store: new CatalogueStore(ROOT) });
  if (!r.ok) throw new Error(`${file} should be valid: ${JSON.stringify(r.problems)}`);
  return r.value;
}

/** Scored as the diff command scores a period: as of its assessment date. */
const score = (answers: Answers, catalogue: CatalogueModel): Report =>
  assess(answers, catalogue, { asOf: answers['assessment-date'] ?? '2026-01-01', version: 'test' });

async function diffFiles(oldFile: string, newFile: string): Promise<Diff> {
  const [a, b] = [await load(oldFile), await load(newFile)];
  return diffReports(score(a.answers, a.catalogue), score(b.answers, b.catalogue), { oldFile, newFile, version: 'test' });
}

const ids = (list: readonly { id: string }[]): string[] => list.map((i) => i.id);
const byMove = (d: Diff, move: string): string[] => ids(d.indicators.filter((i) => i.move === move));

describe('diff between fixtures made to move every way', async () => {
  const d = await diffFiles('test/fixtures/diff/old.yaml', 'test/fixtures/diff/new.yaml');

  it('describes both periods', () => {
    expect(d.old).toEqual({
      file: 'test/fixtures/diff/old.yaml',
      authority: 'Test Borough Council',
      period: '2024-25',
      catalogue: { id: 'best-value-2024', version: '1.0.0' },
      asOf: '2024-11-05',
      rag: 'red',
      level: 'developing',
      levelLabel: 'Developing',
      redFlags: 2,
      openActions: 3,
    });
    expect(d.new).toMatchObject({ period: '2025-26', asOf: '2025-10-21', rag: 'amber', level: 'established', redFlags: 2, openActions: 2 });
    expect(d.catalogueNote).toBeUndefined();
  });

  it('classifies every indicator answered in either period', () => {
    expect(d.indicators.map((i) => [i.id, i.old ?? null, i.new ?? null, i.move])).toEqual([
      ['lead.c1', 'developing', 'established', 'improved'],
      ['lead.c2', 'established', 'developing', 'declined'],
      ['lead.c3', 'established', 'established', 'unchanged'],
      ['lead.c4', 'developing', null, 'no-longer-answered'],
      ['lead.c7', 'not-in-place', 'not-applicable', 'changed'],
      ['lead.f1', 'emerging', 'not-present', 'improved'],
      ['lead.f2', 'present', 'emerging', 'improved'],
      ['lead.f3', null, 'emerging', 'newly-answered'],
      ['gov.c1', null, 'established', 'newly-answered'],
    ]);
    expect(d.counts).toEqual({ improved: 3, declined: 1, 'newly-answered': 2, 'no-longer-answered': 1, changed: 1, unchanged: 1 });
  });

  it('gives each theme its level and status change', () => {
    const [ci, lead, gov] = d.themes;
    expect(d.themes.map((t) => t.id)).toEqual(['continuous-improvement', 'leadership', 'governance', 'culture', 'use-of-resources', 'service-delivery', 'partnerships']);
    expect(ci).toEqual({ id: 'continuous-improvement', title: 'Continuous improvement', level: {}, rag: { old: 'not-assessed', new: 'not-assessed', move: 'unchanged' } });
    expect(lead).toEqual({ id: 'leadership', title: 'Leadership', level: { old: 'developing', oldLabel: 'Developing', new: 'established', newLabel: 'Established', move: 'improved' }, rag: { old: 'red', new: 'amber', move: 'better' } });
    expect(gov).toEqual({ id: 'governance', title: 'Governance', level: { new: 'established', newLabel: 'Established', move: 'new' }, rag: { old: 'not-assessed', new: 'amber', move: 'changed' } });
  });

  it('lists red flags raised, cleared and continuing', () => {
    expect(ids(d.redFlags.raised)).toEqual(['lead.f3']);
    expect(ids(d.redFlags.cleared)).toEqual(['lead.f1']);
    expect(d.redFlags.continuing).toEqual([
      {
        id: 'lead.f2',
        theme: 'leadership',
        themeTitle: 'Leadership',
        text: 'Statutory officer posts stay without a permanent holder for long periods, or change hands frequently.',
        old: 'present',
        oldLabel: 'Present',
        new: 'emerging',
        newLabel: 'Emerging',
      },
    ]);
  });

  it('matches actions by indicator and wording (whatever the line breaks), and sorts them', () => {
    const summary = (list: readonly { indicator: string; action: string; status: string }[]) => list.map((a) => `${a.indicator} ${a.status}: ${a.action}`);
    expect(summary(d.actions.completed)).toEqual(['lead.f1 done: Appoint a permanent Monitoring Officer']);
    expect(summary(d.actions.added)).toEqual(['lead.f3 open: Reduce the number of interim heads of service to two']);
    // Open last period, gone now; the one done last period is not "dropped".
    expect(d.actions.dropped).toEqual([
      { theme: 'leadership', indicator: 'lead.f2', action: 'Report interim costs to the Audit Committee each quarter', owner: 'Head of HR', due: '2025-06-30', status: 'open' },
    ]);
    // Folded over two lines last period, on one line now: the same action, still open (with its new due date).
    expect(d.actions.stillOpen).toEqual([
      { theme: 'leadership', indicator: 'lead.f2', action: 'Designate a deputy Section 151 Officer and a deputy Monitoring Officer', owner: 'Chief Executive', due: '2026-01-31', status: 'open' },
    ]);
  });

  it('renders as JSON: the model itself', () => {
    expect(JSON.parse(DIFF_RENDERERS.json(d))).toEqual(JSON.parse(JSON.stringify(d)));
    expect(DIFF_RENDERERS.json(d).endsWith('}\n')).toBe(true);
  });

  it('renders as Markdown for a pull-request comment', () => {
    const md = renderDiffMarkdown(d);
    expect(md.split('\n').slice(0, 16)).toEqual([
      '## Test Borough Council: 2024-25 to 2025-26',
      '',
      'Compares test/fixtures/diff/old.yaml (2024-25, scored as of 2024-11-05) with test/fixtures/diff/new.yaml (2025-26, scored as of 2025-10-21). Each period is scored as of its own assessment date.',
      '',
      '| | 2024-25 | 2025-26 |',
      '| - | - | - |',
      '| Status | Red | Amber |',
      '| Level | Developing | Established |',
      '| Red flags | 2 | 2 |',
      '| Open actions | 3 | 2 |',
      '| Catalogue | best-value-2024 1.0.0 | best-value-2024 1.0.0 |',
      '',
      '**Indicators:** 3 improved, 1 declined, 1 unchanged, 2 newly answered, 1 no longer answered, 1 changed to or from not applicable.',
      '',
      '### Themes',
      '',
    ]);
    expect(md).toContain('| Leadership | Developing → Established (improved) | Red → Amber (better) |\n');
    expect(md).toContain('| Governance | — → Established (new) | Not assessed → Amber (changed) |\n');
    expect(md).toContain(
      '#### Newly answered (2)\n\n| Indicator | Theme | 2024-25 | 2025-26 |\n| - | - | - | - |\n' +
        '| **lead.f3** Many senior roles are covered by interim staff for long periods, adding to instability in the statutory posts. | Leadership | — | Emerging |\n' +
        '| **gov.c1** Members and officers understand the democratic mandate and how it operates within the council. | Governance | — | Established |\n',
    );
    expect(md).toContain('<details><summary>Unchanged (1)</summary>\n\nlead.c3 (Established)\n\n</details>');
    expect(md).toContain('**Dropped (1):** Open in 2024-25 and gone from 2025-26 without being marked done.\n\n| Indicator | Action | Owner | Due |\n| - | - | - | - |\n| lead.f2 | Report interim costs to the Audit Committee each quarter | Head of HR | 2025-06-30 |\n');
    expect(md.endsWith('**Still open from 2024-25:** 1 action.\n')).toBe(true);
    expect(md).not.toMatch(/\u001b\[/);
  });

  it('escapes text from the files, so it cannot break a table or inject HTML', () => {
    const hostile = { ...d, new: { ...d.new, authority: 'Evil | <script>alert(1)</script>' }, actions: { ...d.actions, added: [{ ...d.actions.added[0]!, action: 'Fix | the <b>table</b>\nnow' }] } };
    const md = renderDiffMarkdown(hostile);
    expect(md).toContain('## Test Borough Council → Evil \\| &lt;script&gt;alert(1)&lt;/script&gt;: 2024-25 to 2025-26');
    expect(md).toContain('| lead.f3 | Fix \\| the &lt;b&gt;table&lt;/b&gt;<br>now | Head of HR | 2026-06-30 | open |');
  });
});

describe('diff between the two worked examples', async () => {
  const d = await diffFiles('examples/2024-25.yaml', 'examples/2025-26.yaml');

  it('finds every rating movement the examples contain', () => {
    expect(byMove(d, 'improved')).toEqual([
      'ci.c1', 'ci.c4', 'ci.c5', 'ci.c6', 'ci.c8',
      'lead.c1', 'lead.c3', 'lead.c5', 'lead.c6', 'lead.f2',
      'gov.c2', 'gov.c3', 'gov.c4',
      'cult.c2', 'cult.c4',
      'res.c2', 'res.c5', 'res.c6', 'res.c7', 'res.c9', 'res.c10', 'res.c11', 'res.f1',
      'svc.c3', 'svc.c4', 'svc.c5', 'svc.c6', 'svc.c7',
      'part.c2', 'part.c4', 'part.c7',
    ]); // prettier-ignore
    expect(byMove(d, 'declined')).toEqual(['cult.c7', 'svc.c1', 'svc.f4']);
    expect(d.indicators.filter((i) => i.move === 'changed').map((i) => [i.id, i.old, i.new])).toEqual([
      ['lead.c7', 'not-in-place', 'not-applicable'],
      ['part.c6', 'not-applicable', 'developing'],
    ]);
    expect(d.counts).toEqual({ improved: 31, declined: 3, 'newly-answered': 0, 'no-longer-answered': 0, changed: 2, unchanged: 50 });
  });

  it('finds the theme level and status changes', () => {
    expect(d.themes.map((t) => `${t.id}: ${t.level.old} → ${t.level.new}, ${t.rag.old} → ${t.rag.new}`)).toEqual([
      'continuous-improvement: developing → established, amber → green',
      'leadership: developing → established, amber → amber',
      'governance: developing → established, amber → green',
      'culture: established → established, green → green',
      'use-of-resources: developing → established, red → amber',
      'service-delivery: developing → developing, amber → amber',
      'partnerships: developing → developing, amber → amber',
    ]);
    expect([d.old.rag, d.new.rag, d.old.level, d.new.level]).toEqual(['red', 'amber', 'developing', 'established']);
  });

  it('finds the red flags raised, cleared and continuing', () => {
    expect(ids(d.redFlags.raised)).toEqual(['svc.f4']);
    expect(ids(d.redFlags.cleared)).toEqual(['lead.f2']);
    expect(ids(d.redFlags.continuing)).toEqual(['lead.f3', 'res.f1', 'res.f2', 'res.f3', 'svc.f1']);
  });

  it('finds the actions completed, added, dropped and still open', () => {
    expect(d.actions.completed.map((a) => a.indicator)).toEqual([
      'ci.c1', 'ci.c6', 'ci.c8', 'lead.c1', 'lead.c7', 'lead.f2', 'lead.f2', 'lead.f3', 'gov.c2', 'gov.c4', 'cult.c2', 'cult.c4',
      'res.c3', 'res.c7', 'res.c9', 'res.f1', 'res.f1', 'res.f1', 'res.f2', 'svc.c4', 'svc.c6', 'svc.f1', 'part.c7',
    ]); // prettier-ignore
    expect(d.actions.added.map((a) => `${a.indicator}: ${a.action.split(' ').slice(0, 5).join(' ')}`)).toEqual([
      'lead.f3: Fill the Director of Place',
      'gov.c2: Complete the scrutiny improvement plan,',
      'cult.c7: Run a full staff survey',
      'res.f1: Complete the remaining disposals in',
      'res.f1: Add commercial debt and income',
      'res.f2: Support the 2024-25 audit to',
      'svc.c1: Fix call routing on the',
      'svc.f4: Review the waste and recycling',
      'svc.f4: Agree a joint recycling improvement',
      'part.c6: Agree council representation on each',
    ]);
    expect(d.actions.dropped).toEqual([]);
    expect(d.actions.stillOpen.map((a) => a.indicator)).toEqual(['lead.c6', 'gov.c7', 'res.c11', 'res.f3', 'svc.f1', 'part.c4']);
  });
});

describe('diff across two catalogue versions', async () => {
  // A second version of the shipped catalogue: ci.c7 dropped, ci.c9 added, everything else as shipped.
  const shipped = (await new CatalogueStore(ROOT).find('best-value-2024', '1.0.0'))!;
  const next: Catalogue = {
    ...shipped.catalogue,
    version: '1.1.0',
    themes: shipped.catalogue.themes.map((t) =>
      t.id !== 'continuous-improvement'
        ? t
        : { ...t, indicators: [...t.indicators.filter((i) => i.id !== 'ci.c7'), { id: 'ci.c9', kind: 'characteristic' as const, text: 'A new characteristic.', reference: 'Test' }] },
    ),
  };
  const nextModel = indexCatalogue(next, { path: '/next.yaml', display: 'next.yaml', shipped: false });
  const before = await load('examples/2024-25.yaml');
  const after = await load('examples/2025-26.yaml');
  const ci = after.answers.themes!['continuous-improvement']!;
  const { 'ci.c7': _dropped, ...kept } = ci.indicators!;
  const moved: Answers = {
    ...after.answers,
    catalogue: { id: 'best-value-2024', version: '1.1.0' },
    themes: { ...after.answers.themes, 'continuous-improvement': { ...ci, indicators: { ...kept, 'ci.c9': { rating: 'established' } } } },
  };
  const d = diffReports(score(before.answers, before.catalogue), score(moved, nextModel), { oldFile: 'old.yaml', newFile: 'new.yaml', version: 'test' });

  it('notes the two versions and how many indicators only one has', () => {
    expect(d.catalogueNote).toBe(
      'The two periods use different catalogue versions: best-value-2024 1.0.0 (2024-25) and best-value-2024 1.1.0 (2025-26). ' +
        'Indicators are matched by id; 1 is only in best-value-2024 1.0.0 and 1 only in best-value-2024 1.1.0.',
    );
    expect(renderDiffMarkdown(d)).toContain(`\n\n> **Note:** The two periods use different catalogue versions: best-value-2024 1.0.0 (2024-25) and best-value-2024 1.1.0 (2025-26).`);
  });

  it('matches the rest by id, and marks the indicators only one version has', () => {
    expect(d.indicators.filter((i) => i.onlyIn).map((i) => [i.id, i.onlyIn, i.old ?? null, i.new ?? null, i.move])).toEqual([
      ['ci.c9', 'new', null, 'established', 'newly-answered'],
      ['ci.c7', 'old', 'developing', null, 'no-longer-answered'],
    ]);
    expect(d.counts).toEqual({ improved: 31, declined: 3, 'newly-answered': 1, 'no-longer-answered': 1, changed: 2, unchanged: 49 });
    expect(renderDiffMarkdown(d)).toContain('| **ci.c9** (new in 1.1.0) A new characteristic. | Continuous improvement | — | Established |');
    expect(renderDiffMarkdown(d)).toContain('| **ci.c7** (not in 1.1.0) ');
  });
});
