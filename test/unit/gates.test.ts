// The gates, pure: each one passing on pass.yaml and failing on fail.yaml with the message and the
// document path it points at; the default set; the edges (a due date or review-by date on the
// as-of day, a done action, --max-red at its limit); which evidence entries read as paths.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import type { Answers, LoadedAnswers } from '../../src/answers/model.js';
import { assess } from '../../src/assessment/assess.js';
import { DEFAULT_GATES, GATE_FLAGS, GATE_NAMES, type GateName } from '../../src/assessment/gate-flags.js';
import { evaluateGates, evidencePaths, placeOf, type GateInput } from '../../src/assessment/gates.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { ROOT } from '../helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'check');
const AS_OF = '2026-04-30';

async function load(name: string): Promise<LoadedAnswers> {
  const src = { store: new CatalogueStore(ROOT), catalogue: { path: join(FIXTURES, 'catalogue.yaml'), display: 'catalogue.yaml' } };
  const r = await loadAnswersFile(join(FIXTURES, name), name, src);
  if (!r.ok) throw new Error(`${name} should be valid: ${JSON.stringify(r.problems)}`);
  return r.value;
}

function input(loaded: LoadedAnswers, extra: Partial<GateInput> = {}, answers: Answers = loaded.answers): GateInput {
  return { report: assess(answers, loaded.catalogue, { asOf: AS_OF, version: 'test' }), answers, catalogue: loaded.catalogue, ...extra };
}

/** The failures of one gate, as plain data. */
function run(gate: GateName, i: GateInput) {
  const [outcome] = evaluateGates([gate], i);
  return outcome!.failures.map((f) => ({ gate: f.gate, message: f.message, at: [...f.path], anchor: f.anchor }));
}

const ALL_SETTINGS = { minLevel: 'established', maxRed: 0, missingEvidence: new Set<string>() };

describe('the gate table', () => {
  it('names every gate with its flag, in the order the summary uses', () => {
    expect(GATE_NAMES).toEqual(['require-complete', 'require-actions', 'no-overdue', 'min-level', 'max-red', 'evidence', 'require-owners', 'require-signoff']);
    expect(GATE_NAMES.map((g) => GATE_FLAGS[g].flag)).toEqual([
      '--require-complete',
      '--require-actions',
      '--no-overdue',
      '--min-level',
      '--max-red',
      '--evidence',
      '--require-owners',
      '--require-signoff',
    ]);
  });

  it('has a default set: the action plan is sound', () => {
    expect(DEFAULT_GATES).toEqual(['require-actions', 'no-overdue', 'require-owners']);
  });

});

describe('every gate passes on pass.yaml', async () => {
  const loaded = await load('pass.yaml');
  for (const gate of GATE_NAMES) {
    it(gate, () => {
      expect(run(gate, input(loaded, ALL_SETTINGS))).toEqual([]);
    });
  }
});

describe('each gate fails on fail.yaml, pointing at the item concerned', async () => {
  const loaded = await load('fail.yaml');
  const i = input(loaded, { ...ALL_SETTINGS, missingEvidence: new Set(['evidence/gone/report.pdf', 'evidence/peer-challenge.pdf']) });
  const ind = (theme: string, id: string, ...rest: (string | number)[]) => ['themes', theme, 'indicators', id, ...rest];

  it('applies gates in table order, whatever order they are given in', () => {
    expect(evaluateGates(['require-signoff', 'no-overdue'], i).map((o) => [o.gate, o.failures.length])).toEqual([
      ['no-overdue', 1],
      ['require-signoff', 1],
    ]);
  });

  it('require-complete: the unanswered indicator, at its theme\'s indicators: key', () => {
    expect(run('require-complete', i)).toEqual([
      { gate: 'require-complete', message: 'b.c2 (Beta) is unanswered: rate it, or mark it not-applicable with a reason', at: ['themes', 'beta', 'indicators'], anchor: 'key' },
    ]);
  });

  it('require-actions: a red flag whose only action is done, and a characteristic not in place with none', () => {
    expect(run('require-actions', i)).toEqual([
      { gate: 'require-actions', message: 'red flag a.f1 (Emerging) has no open action (its one action is done)', at: ind('alpha', 'a.f1'), anchor: 'key' },
      { gate: 'require-actions', message: 'b.c1 is rated Not in place and has no open action', at: ind('beta', 'b.c1'), anchor: 'key' },
    ]);
  });

  it('no-overdue: the open action past its due date, not the done one', () => {
    expect(run('no-overdue', i)).toEqual([
      { gate: 'no-overdue', message: 'action on a.c2 was due 2026-01-31 and is still open: "Publish the performance framework"', at: ind('alpha', 'a.c2', 'actions', 0), anchor: 'value' },
    ]);
  });

  it('min-level: the theme below the level', () => {
    expect(run('min-level', i)).toEqual([{ gate: 'min-level', message: 'Beta: level Not in place is below Established', at: ['themes', 'beta'], anchor: 'key' }]);
  });

  it('max-red: each red theme, with the count', () => {
    expect(run('max-red', i)).toEqual([
      {
        gate: 'max-red',
        message: 'Beta is red (level Not in place, which the scale counts as red; 1 indicator unanswered); 1 theme red, at most 0 allowed',
        at: ['themes', 'beta'],
        anchor: 'key',
      },
    ]);
  });

  it('evidence: paths missing on disk (a plain line and a record) and evidence past its review-by date', () => {
    expect(run('evidence', i)).toEqual([
      { gate: 'evidence', message: 'evidence "evidence/gone/report.pdf" does not exist (paths are relative to the answers file)', at: ind('alpha', 'a.c1', 'evidence', 1), anchor: 'value' },
      { gate: 'evidence', message: 'evidence "evidence/peer-challenge.pdf" does not exist (paths are relative to the answers file)', at: ind('alpha', 'a.c1', 'evidence', 2, 'path'), anchor: 'key' },
      { gate: 'evidence', message: 'evidence for a.c1 was due for review by 2026-03-31: "Corporate plan"', at: ind('alpha', 'a.c1', 'evidence', 3, 'review-by'), anchor: 'key' },
    ]);
  });

  it('require-owners: open actions without an owner, a due date, or both', () => {
    expect(run('require-owners', i)).toEqual([
      { gate: 'require-owners', message: 'open action on a.c2 has no owner: "Train every manager"', at: ind('alpha', 'a.c2', 'actions', 1), anchor: 'value' },
      { gate: 'require-owners', message: 'open action on b.f1 has no owner and no due date: "Keep watch on the audit backlog"', at: ind('beta', 'b.f1', 'actions', 0), anchor: 'value' },
    ]);
  });

  it('require-signoff: the theme only assessed, at its assurance: key', () => {
    expect(run('require-signoff', i)).toEqual([
      { gate: 'require-signoff', message: 'Beta is not signed off (assurance so far: assessed)', at: ['themes', 'beta', 'assurance'], anchor: 'key' },
    ]);
  });
});

describe('the edges', async () => {
  const loaded = await load('pass.yaml');
  const base = loaded.answers;
  const alpha = base.themes!['alpha']!;
  const withA = (patch: Record<string, object>): Answers => ({
    ...base,
    themes: { ...base.themes, alpha: { ...alpha, indicators: { ...alpha.indicators, ...patch } } },
  });

  it('an action due on the as-of day is not overdue; the day before it is', () => {
    // pass.yaml's a.f1 action is due 2026-04-30, the as-of day.
    expect(run('no-overdue', input(loaded))).toEqual([]);
    const later = { report: assess(base, loaded.catalogue, { asOf: '2026-05-01', version: 'test' }), answers: base, catalogue: loaded.catalogue };
    expect(run('no-overdue', later).map((f) => f.at)).toEqual([['themes', 'alpha', 'indicators', 'a.f1', 'actions', 0]]);
  });

  it('evidence due for review on the as-of day is not stale', () => {
    expect(run('evidence', input(loaded, { missingEvidence: new Set() }))).toEqual([]);
  });

  it('--max-red passes at its limit and fails one over it', () => {
    const red = withA({ 'a.f1': { rating: 'present', actions: [{ action: 'Act', owner: 'O', due: '2026-12-31' }] } });
    expect(run('max-red', input(loaded, { maxRed: 1 }, red))).toEqual([]);
    expect(run('max-red', input(loaded, { maxRed: 0 }, red)).map((f) => f.message)).toEqual([
      'Alpha is red (1 serious red flag (a.f1 Present)); 1 theme red, at most 0 allowed',
    ]);
  });

  it('--min-level fails a theme with no level at all', () => {
    const none = { ...base, themes: { ...base.themes, beta: { indicators: { 'b.f1': { rating: 'not-present' } } } } };
    expect(run('min-level', input(loaded, { minLevel: 'developing' }, none))).toEqual([
      { gate: 'min-level', message: 'Beta: has no level (nothing is rated on the “Characteristic” scale); Developing is required', at: ['themes', 'beta'], anchor: 'key' },
    ]);
  });

  it('require-actions is satisfied by one open action among done ones', () => {
    const mixed = withA({ 'a.f1': { rating: 'emerging', actions: [{ action: 'Old', status: 'done' }, { action: 'New', owner: 'O', due: '2026-12-31' }] } });
    expect(run('require-actions', input(loaded, {}, mixed))).toEqual([]);
  });

  it('require-signoff on a theme with no answers points at themes:', () => {
    const { beta: _beta, ...rest } = base.themes!;
    expect(run('require-signoff', input(loaded, {}, { ...base, themes: rest }))).toEqual([
      { gate: 'require-signoff', message: 'Beta is not signed off (no assurance recorded)', at: ['themes'], anchor: 'key' },
    ]);
  });
});

describe('placeOf', () => {
  const answers = { catalogue: { id: 'x', version: '1.0.0' }, authority: 'A', period: '2025-26', themes: { t: { indicators: { i: { actions: [{ action: 'a' }] } } } } } as Answers;
  it('keeps a path that exists, by key for a map entry and by start for a list item', () => {
    expect(placeOf(answers, ['themes', 't', 'indicators', 'i'])).toEqual({ path: ['themes', 't', 'indicators', 'i'], anchor: 'key' });
    expect(placeOf(answers, ['themes', 't', 'indicators', 'i', 'actions', 0])).toEqual({ path: ['themes', 't', 'indicators', 'i', 'actions', 0], anchor: 'value' });
  });
  it('cuts a path back to the deepest part the file has', () => {
    expect(placeOf(answers, ['themes', 't', 'indicators', 'j'])).toEqual({ path: ['themes', 't', 'indicators'], anchor: 'key' });
    expect(placeOf(answers, ['themes', 'u', 'indicators', 'j'])).toEqual({ path: ['themes'], anchor: 'key' });
    expect(placeOf(answers, ['themes', 'constructor', 'indicators', 'j'])).toEqual({ path: ['themes'], anchor: 'key' });
  });
});

describe('evidencePaths', () => {
  const withEvidence = (evidence: unknown[]): Answers =>
    ({ catalogue: { id: 'x', version: '1.0.0' }, authority: 'A', period: '2025-26', themes: { t: { indicators: { i: { evidence } } } } }) as Answers;
  it('reads record paths and plain lines that look like relative paths, and nothing else', () => {
    const found = evidencePaths(
      withEvidence([
        'evidence/plan.pdf',
        './minutes/2025-04.docx',
        'board-papers/',
        'Corporate plan 2025-29',
        'Annual report 2024/25',
        '2024/25',
        'plan.pdf',
        'https://example.org/plan.pdf',
        '/srv/evidence/plan.pdf',
        'C:\\evidence\\plan.pdf',
        { title: 'Peer review', path: 'evidence/peer review.pdf' },
        { title: 'Absolute', path: '/srv/x.pdf' },
        { title: 'Linked', link: 'https://example.org' },
      ]),
    );
    expect(found.map((f) => [f.file, f.path.slice(4)])).toEqual([
      ['evidence/plan.pdf', ['evidence', 0]],
      ['./minutes/2025-04.docx', ['evidence', 1]],
      ['board-papers/', ['evidence', 2]],
      ['evidence/peer review.pdf', ['evidence', 10, 'path']],
    ]);
  });
});
