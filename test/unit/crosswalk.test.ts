// A framework that changes, pure: the crosswalk a catalogue declares (its checks, the relation it
// makes, chains of versions), moving an answers file along it (every earlier answer accounted for)
// and comparing two periods through it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { migrateAnswers } from '../../src/answers/migrate.js';
import type { Answers, IndicatorAnswer, LoadedAnswers } from '../../src/answers/model.js';
import { applyToData } from '../../src/answers/edit.js';
import { assess } from '../../src/assessment/assess.js';
import { diffReports } from '../../src/assessment/diff.js';
import { checkReplaces, checkReplacesAgainst, composeCrosswalks, crosswalkOf, crosswalkSummary, fateOf, lineageOf } from '../../src/catalogue/crosswalk.js';
import { loadCatalogueFile } from '../../src/catalogue/load.js';
import { indexCatalogue, type Catalogue, type CatalogueModel } from '../../src/catalogue/model.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { renderDiffMarkdown } from '../../src/render/diff.js';
import { renderMigration } from '../../src/render/migrate.js';
import { ROOT } from '../helpers.js';

const FIXTURES = 'test/fixtures/crosswalk';

async function catalogue(name: string): Promise<CatalogueModel> {
  const r = await loadCatalogueFile(join(ROOT, FIXTURES, name), name);
  if (!r.ok) throw new Error(`${name} should be valid: ${JSON.stringify(r.problems)}`);
  return r.value;
}

async function answersOn(name: string, on: string): Promise<LoadedAnswers> {
  const r = await loadAnswersFile(join(ROOT, FIXTURES, name), name, { store: new CatalogueStore(ROOT), catalogue: { path: join(ROOT, FIXTURES, on), display: on } });
  if (!r.ok) throw new Error(`${name} should be valid: ${JSON.stringify(r.problems)}`);
  return r.value;
}

const v1 = await catalogue('framework-1.yaml');
const v2 = await catalogue('framework-2.yaml');

/** A copy of a catalogue document with a new id or version and `replaces`, indexed. */
const variant = (base: CatalogueModel, change: Partial<Catalogue>): CatalogueModel =>
  indexCatalogue({ ...structuredClone(base.catalogue), ...change }, { path: `/${change.version ?? 'x'}.yaml`, display: 'x.yaml', shipped: false });

describe('the crosswalk a catalogue declares', () => {
  const cw = crosswalkOf(v1, v2);

  it('says what became of every earlier indicator and where every later one came from', () => {
    expect([...v1.indicatorById.keys()].map((id) => [id, fateOf(cw, id).lineage, fateOf(cw, id).to])).toEqual([
      ['G1', 'same', ['G1']],
      ['G2', 'merged', ['G2']],
      ['G3', 'merged', ['G2']],
      ['G4', 'renamed', ['G9']],
      ['R1', 'split', ['R1', 'R4']],
      ['R2', 'same', ['R2']],
      ['R3', 'same', ['R3']],
      ['C1', 'same', ['C1']],
      ['C2', 'dropped', []],
    ]);
    expect([...v2.indicatorById.keys()].map((id) => [id, lineageOf(cw, id).lineage, lineageOf(cw, id).from])).toEqual([
      ['G1', 'same', ['G1']],
      ['G2', 'merged', ['G2', 'G3']],
      ['G9', 'renamed', ['G4']],
      ['R1', 'split', ['R1']],
      ['R4', 'split', ['R1']],
      ['R2', 'same', ['R2']],
      ['R3', 'same', ['R3']],
      ['C1', 'same', ['C1']],
      ['C3', 'added', []],
    ]);
    expect(cw.notes.get('C2')).toBe("The residents' survey is now part of the corporate performance report.");
    expect(crosswalkSummary(cw)).toBe('wessex-framework 1.0.0 (4 kept, 1 renamed, 2 merged into 1, 1 split into 2, 1 dropped, 1 added)');
  });

  it('composes along a chain of versions', () => {
    // 3.0.0 renames G9 to G10 and drops R4; what 1.0.0's indicators became in 3.0.0 follows both steps.
    const themes = structuredClone(v2.catalogue.themes);
    themes[0]!.indicators[2]!.id = 'G10';
    themes[1]!.indicators.splice(1, 1);
    const v3 = variant(v2, { version: '3.0.0', themes, replaces: { id: 'wessex-framework', version: '2.0.0', renamed: [{ from: 'G9', to: 'G10' }], dropped: [{ id: 'R4', reason: 'Covered by R1.' }] } });
    const both = composeCrosswalks(crosswalkOf(v1, v2), crosswalkOf(v2, v3));
    expect(fateOf(both, 'G4')).toEqual({ lineage: 'renamed', to: ['G10'] });
    expect(fateOf(both, 'R1')).toEqual({ lineage: 'same', to: ['R1'] });
    expect(fateOf(both, 'C2')).toEqual({ lineage: 'dropped', to: [] });
    expect(lineageOf(both, 'G2')).toEqual({ lineage: 'merged', from: ['G2', 'G3'] });
    expect(both.from).toBe(v1);
    expect(both.to).toBe(v3);
  });

  it('is checked on its own: targets exist, each earlier id moves once, nothing renamed twice to one id', () => {
    const data = structuredClone(v2.catalogue) as unknown as Record<string, unknown>;
    data['replaces'] = {
      id: 'wessex-framework',
      version: '2.0.0',
      renamed: [
        { from: 'G4', to: 'G9' },
        { from: 'G5', to: 'G9' },
      ],
      merged: [{ from: ['G2', 'G3'], into: 'G22' }],
      dropped: [{ id: 'G4' }],
      added: ['C3', 'G9'],
    };
    expect(checkReplaces(data).map((p) => [p.code, p.path.join('.'), p.message])).toEqual([
      ['crosswalk-conflict', 'replaces.version', 'a catalogue cannot replace itself: give the id and version of the catalogue this one replaces'],
      ['crosswalk-conflict', 'replaces.dropped.0.id', 'G4 is moved twice: an earlier indicator is renamed, merged, split or dropped once'],
      ['crosswalk-conflict', 'replaces.renamed.1.to', 'two indicators are renamed to G9: list them under merged instead'],
      ['crosswalk-unknown-id', 'replaces.merged.0.into', 'G22 is not an indicator of this catalogue; did you mean G2?'],
      ['crosswalk-conflict', 'replaces.added.1', 'G9 is listed as added, but an earlier indicator is renamed, merged or split into it'],
    ]);
  });

  it('is checked against the earlier catalogue: every earlier indicator accounted for, every new one declared', () => {
    expect(checkReplacesAgainst(v2.catalogue, v1)).toEqual([]);
    const data = structuredClone(v2.catalogue) as unknown as Record<string, unknown>;
    data['replaces'] = { id: 'wessex-framework', version: '1.0.0', renamed: [{ from: 'G44', to: 'G9' }, { from: 'G4', to: 'G1' }], added: ['R2'] };
    expect(checkReplacesAgainst(data, v1).map((p) => [p.severity, p.code, p.path.join('.'), p.message])).toEqual([
      ['error', 'crosswalk-unknown-id', 'replaces.renamed.0.from', 'G44 is not an indicator of wessex-framework 1.0.0; did you mean G4?'],
      ['error', 'crosswalk-conflict', 'replaces.renamed.1.to', 'G1 is kept from wessex-framework 1.0.0 under the same id, so nothing can be renamed to it: list the two under merged'],
      ['error', 'crosswalk-conflict', 'replaces.added.0', 'R2 is kept from wessex-framework 1.0.0 under the same id, so it is not new: remove it from added'],
      ...['G3', 'C2'].map((id) => [
        'error',
        'crosswalk-unaccounted',
        'replaces',
        `${id} of wessex-framework 1.0.0 is not accounted for: it is not in this catalogue, and replaces does not say where it went (list it under renamed, merged, split or dropped)`,
      ]),
      ['warning', 'crosswalk-undeclared', 'replaces', 'R4 and C3 are not in wessex-framework 1.0.0 and not in the crosswalk: list them under added (or under renamed, merged or split if they replace an earlier indicator)'],
    ]);
  });
});

describe('migrating an answers file along the crosswalk', async () => {
  const before = await answersOn('answers-1.yaml', 'framework-1.yaml');
  const { changes, migration } = migrateAnswers(before.answers, crosswalkOf(v1, v2), '2025-06-12');
  const after = applyToData(before.answers, changes) as Answers;
  const answerAt = (theme: string, id: string): IndicatorAnswer | undefined => after.themes?.[theme]?.indicators?.[id];
  const oldAnswers = Object.entries(before.answers.themes!).flatMap(([theme, t]) => Object.entries(t!.indicators!).map(([id, a]) => ({ theme, id, a: a! })));

  it('puts the file on the new version, keeping or moving every answer with a successor', () => {
    expect(after.catalogue).toEqual({ id: 'wessex-framework', version: '2.0.0' });
    for (const id of ['G1', 'R2', 'R3', 'C1']) expect(answerAt(v2.indicatorById.get(id)!.theme.id, id)).toEqual(before.answers.themes![v1.indicatorById.get(id)!.theme.id]!.indicators![id]);
    expect(answerAt('GOV', 'G9')).toEqual(before.answers.themes!['GOV']!.indicators!['G4']);
    expect(answerAt('GOV', 'G4')).toBeUndefined();
    expect(answerAt('GOV', 'G3')).toBeUndefined();
    expect(after.themes!['COM']!.indicators!['C2']).toBeUndefined();
  });

  it('loses no earlier answer: each one is whole under its new id, inside its successors as context, or under retired', () => {
    for (const { theme, id, a } of oldAnswers) {
      const fate = fateOf(crosswalkOf(v1, v2), id);
      if (fate.lineage === 'same' || fate.lineage === 'renamed') {
        expect(answerAt(v2.indicatorById.get(fate.to[0]!)!.theme.id, fate.to[0]!), id).toEqual(a);
      } else if (fate.lineage === 'dropped') {
        expect(after.retired![0]!.indicators!.find((r) => r.id === id), id).toEqual({ id, theme, text: v1.indicatorById.get(id)!.indicator.text, reason: expect.any(String), answer: a });
      } else {
        for (const [n, to] of fate.to.entries()) {
          const made = answerAt(v2.indicatorById.get(to)!.theme.id, to)!;
          expect(made.rating, `${id} → ${to} is rated afresh`).toBeUndefined();
          if (a.commentary !== undefined) expect(made.commentary, `${id}'s commentary in ${to}`).toContain(a.commentary);
          if (a.rating !== undefined) expect(made.commentary).toContain(`${id} (rated ${a.rating}`);
          for (const e of a.evidence ?? []) expect(made.evidence, `${id}'s evidence in ${to}`).toContainEqual(e);
          // Actions go to the first successor only, so none is counted twice.
          for (const x of a.actions ?? []) {
            if (n === 0) expect(made.actions ?? [], `${id}'s action in ${to}`).toContainEqual(x);
            else expect(made.actions ?? [], `${id}'s action not also in ${to}`).not.toContainEqual(x);
          }
        }
      }
    }
    expect(after.retired).toEqual([{ catalogue: { id: 'wessex-framework', version: '1.0.0' }, on: '2025-06-12', indicators: [expect.objectContaining({ id: 'C2' })] }]);
  });

  it('keeps the earlier rating as previous: the lower middle of a merge, the one split', () => {
    expect(answerAt('GOV', 'G2')).toMatchObject({ previous: 'amber', evidence: ['Report template 2023', 'Risk register, September 2024'] });
    expect(answerAt('GOV', 'G2')!.commentary).toBe(
      'Merged from G2 and G3 of wessex-framework 1.0.0 by bva migrate: rate afresh.\nWhat the earlier answers said:\n\n' +
        'G2 (rated amber):\nOptions appraisal is patchy.\n\nG3 (rated green; target green):\nRisk sections are complete.',
    );
    expect(answerAt('RES', 'R1')).toMatchObject({ previous: 'amber' });
    expect(answerAt('RES', 'R4')).toEqual({
      previous: 'amber',
      commentary:
        'Split from R1 (into R1 and R4) of wessex-framework 1.0.0 by bva migrate: rate afresh.\nWhat the earlier answer said:\n\n' +
        'R1 (rated amber):\nThe plan balances in 2025-26 only.\nSavings of £1.2m are not yet identified.',
      evidence: ['Medium-term financial plan 2025-29'],
    });
  });

  it('says what it did, as test/fixtures/crosswalk/migrate.txt and the README show it', () => {
    expect(renderMigration(migration, '2024-25.yaml', '2024-25.yaml')).toBe(readFileSync(join(ROOT, FIXTURES, 'migrate.txt'), 'utf8'));
  });

  it('moves a renamed answer whose words the new scale lacks into its commentary', () => {
    const levels = [
      { word: 'weak', label: 'Weak', meaning: 'Weak.' },
      { word: 'strong', label: 'Strong', meaning: 'Strong.' },
    ];
    const rescaled = variant(v2, { version: '2.1.0', scales: { ...v2.catalogue.scales, characteristic: { title: 'Maturity', levels } } });
    const only: Answers = { ...before.answers, themes: { GOV: { indicators: { G1: { rating: 'green', target: 'green', commentary: 'Kept.' } } } } };
    const themes = structuredClone(v2.catalogue.themes);
    themes[0]!.indicators[0]!.id = 'G0';
    const renamed = variant(rescaled, { themes, replaces: { id: 'wessex-framework', version: '1.0.0', renamed: [{ from: 'G1', to: 'G0' }, { from: 'G4', to: 'G9' }], merged: [{ from: ['G2', 'G3'], into: 'G2' }], split: [{ from: 'R1', into: ['R1', 'R4'] }], dropped: [{ id: 'C2' }], added: ['C3'] } });
    const r = migrateAnswers(only, crosswalkOf(v1, renamed), '2025-06-12');
    const moved = (applyToData(only, r.changes) as Answers).themes!['GOV']!.indicators!['G0'];
    expect(moved).toEqual({ commentary: 'As G1 in wessex-framework 1.0.0: rated green; target green (not words of this version\'s scale).\n\nKept.' });
    expect(r.migration.answers).toEqual([{ kind: 'renamed', id: 'G1', to: 'G0', unscaled: ['rated green', 'target green'] }]);
  });
});

describe('two periods compared through the crosswalk', async () => {
  const before = await answersOn('answers-1.yaml', 'framework-1.yaml');
  const migrated = migrateAnswers(before.answers, crosswalkOf(v1, v2), '2025-06-12');
  // The next period on version 2: the merged, split and new indicators rated afresh.
  const next = applyToData(migrated.changes.length > 0 ? applyToData(before.answers, migrated.changes) : before.answers, [
    { op: 'set', path: ['period'], value: '2025-26' },
    { op: 'set', path: ['assessment-date'], value: '2025-10-01' },
    { op: 'set', path: ['themes', 'GOV', 'indicators', 'G2', 'rating'], value: 'green' },
    { op: 'set', path: ['themes', 'GOV', 'indicators', 'G9', 'rating'], value: 'seen' },
    { op: 'set', path: ['themes', 'RES', 'indicators', 'R1', 'rating'], value: 'green' },
    { op: 'set', path: ['themes', 'RES', 'indicators', 'R4', 'rating'], value: 'red' },
    { op: 'set', path: ['themes', 'COM', 'indicators', 'C3', 'rating'], value: 'amber' },
  ]) as Answers;
  const score = (a: Answers, c: CatalogueModel) => assess(a, c, { asOf: a['assessment-date']!, version: 'test' });
  const d = diffReports(score(before.answers, v1), score(next, v2), { oldFile: 'old.yaml', newFile: 'new.yaml', version: 'test', crosswalk: crosswalkOf(v1, v2) });

  it('matches renamed, merged and split indicators with what they came from', () => {
    expect(d.indicators.map((i) => [i.id, i.old ?? null, i.new ?? null, i.move, i.lineage?.kind ?? null])).toEqual([
      ['G1', 'green', 'green', 'unchanged', null],
      ['G2', 'amber', 'green', 'improved', 'merged'],
      ['G9', 'not-seen', 'seen', 'declined', 'renamed'],
      ['R1', 'amber', 'green', 'improved', 'split'],
      ['R4', 'amber', 'red', 'declined', 'split'],
      ['R2', 'not-applicable', 'not-applicable', 'unchanged', null],
      ['R3', 'seen', 'seen', 'unchanged', null],
      ['C1', 'green', 'green', 'unchanged', null],
      ['C3', null, 'amber', 'newly-answered', 'added'],
      ['C2', 'amber', null, 'no-longer-answered', 'dropped'],
    ]);
    expect(d.redFlags.raised.map((f) => f.id)).toEqual(['G9']);
    expect(d.redFlags.continuing.map((f) => f.id)).toEqual(['R3']);
  });

  it('says how the catalogues were compared, and marks each indicator that is not the same id', () => {
    expect(d.catalogueNote).toBe(
      'The two periods use different catalogue versions: wessex-framework 1.0.0 (2024-25) and wessex-framework 2.0.0 (2025-26). ' +
        "Indicators are compared through wessex-framework 2.0.0's crosswalk from wessex-framework 1.0.0 (4 kept, 1 renamed, 2 merged into 1, 1 split into 2, 1 dropped, 1 added).",
    );
    const md = renderDiffMarkdown(d);
    expect(md).toContain('| **G2** (merged from G2 and G3) Reports set out the options and the risks. | Governance | Amber | Green |');
    expect(md).toContain('| **G9** (was G4) Decisions are taken outside the constitution. | Governance | Not seen | Seen |');
    expect(md).toContain('| **R4** (split from R1) Savings in the budget are delivered. | Resources | Amber | Red |');
    expect(md).toContain("| **C2** (dropped in 2.0.0) The council publishes an annual residents' survey. | Community | Amber | — |");
    expect(md).toContain('| **C3** (new in 2.0.0) Residents can see how their views changed a decision. | Community | — | Amber |');
  });

  it("matches last period's actions by where the crosswalk put them", () => {
    // G4's action is still open under G9; R1's are still open and done under R1: none added, none dropped but C2's.
    expect(d.actions.added).toEqual([]);
    expect(d.actions.dropped.map((a) => [a.indicator, a.action])).toEqual([['C2', "Run the residents' survey in spring 2025"]]);
    expect(d.actions.stillOpen.map((a) => a.indicator)).toEqual(['G2', 'G9', 'R1']);
  });
});

describe('a theme the new version drops, and an indicator that moves theme', async () => {
  // 2.1.0: the Community theme goes; C1 moves to Governance, C2 is dropped with it.
  const before = await answersOn('answers-1.yaml', 'framework-1.yaml');
  const themes = structuredClone(v1.catalogue.themes).filter((t) => t.id !== 'COM');
  themes[0]!.indicators.push(structuredClone(v1.indicatorById.get('C1')!.indicator));
  const next = variant(v1, { version: '2.1.0', themes, replaces: { id: 'wessex-framework', version: '1.0.0', dropped: [{ id: 'C2', reason: 'Reported elsewhere.' }] } });
  const { changes, migration } = migrateAnswers(before.answers, crosswalkOf(v1, next), '2025-06-12');
  const after = applyToData(before.answers, changes) as Answers;

  it('moves the indicator under its new theme and keeps the theme summary under retired', () => {
    expect(after.themes!['GOV']!.indicators!['C1']).toEqual(before.answers.themes!['COM']!.indicators!['C1']);
    expect(after.themes!['COM']).toBeUndefined();
    expect(after.retired![0]!.themes).toEqual([{ id: 'COM', title: 'Community', summary: 'Consultation is good; feedback is weak.' }]);
    expect(after.retired![0]!.indicators!.map((i) => i.id)).toEqual(['C2']);
    expect(migration.answers.filter((a) => a.kind === 'moved')).toEqual([{ kind: 'moved', id: 'C1', fromTheme: 'COM', toTheme: 'GOV' }]);
    expect(renderMigration(migration, 'a.yaml', 'a.yaml')).toContain('  moved     C1: now under theme GOV (was COM)\n');
    expect(renderMigration(migration, 'a.yaml', 'a.yaml')).toContain('  dropped   theme COM: its summary and assurance are kept under retired\n');
  });
});
