// Scoring at its edges: levels, red flags, RAG and its reasons, overdue and stale dates, targets,
// assurance, movement and the authority roll-up, on a tiny catalogue built here.
import { describe, expect, it } from 'vitest';
import type { Action, Answers, Evidence, IndicatorAnswer } from '../../src/answers/model.js';
import { assess, medianRank, type Report } from '../../src/assessment/assess.js';
import { scoringRules } from '../../src/assessment/rules.js';
import { indexCatalogue, type Catalogue, type CatalogueModel } from '../../src/catalogue/model.js';

// --- Builders ----------------------------------------------------------------------------------

const SCALES: Catalogue['scales'] = {
  characteristic: {
    title: 'Characteristic',
    levels: [
      { word: 'not-in-place', label: 'Not in place', meaning: 'Missing.' },
      { word: 'developing', label: 'Developing', meaning: 'Started.' },
      { word: 'established', label: 'Established', meaning: 'Working.' },
      { word: 'embedded', label: 'Embedded', meaning: 'Routine.' },
    ],
  },
  failure: {
    title: 'Failure',
    levels: [
      { word: 'present', label: 'Present', meaning: 'Now.', 'red-flag': true },
      { word: 'emerging', label: 'Emerging', meaning: 'Signs.', 'red-flag': true },
      { word: 'not-present', label: 'Not present', meaning: 'None.' },
    ],
  },
};

/** A catalogue from theme ids and their indicator ids; an id with "f" after the dot is a failure indicator. */
function catalogue(themes: Record<string, readonly string[]>): CatalogueModel {
  const c: Catalogue = {
    id: 'tiny',
    version: '1.0.0',
    title: 'Tiny catalogue',
    source: { title: 'Guide', publisher: 'Dept', date: '2024-05-08', url: 'https://example.org/guide', licence: 'OGL' },
    scales: SCALES,
    themes: Object.entries(themes).map(([id, indicators]) => ({
      id,
      title: `Theme ${id}`,
      summary: 'Summary.',
      indicators: indicators.map((i) => ({ id: i, kind: /\.f/.test(i) ? ('failure' as const) : ('characteristic' as const), text: `Text of ${i}`, reference: 'Section 5' })),
    })),
  };
  return indexCatalogue(c, { path: '/tiny.yaml', display: 'tiny.yaml', shipped: false });
}

/** Answers from theme id → indicator id → answer. */
function answers(themes: Record<string, Record<string, IndicatorAnswer>>, extra: Partial<Answers> = {}): Answers {
  return {
    catalogue: { id: 'tiny', version: '1.0.0' },
    authority: 'Testshire Council',
    period: '2025-26',
    themes: Object.fromEntries(Object.entries(themes).map(([id, indicators]) => [id, { indicators }])),
    ...extra,
  };
}

const rated = (rating: string, more: Partial<IndicatorAnswer> = {}): IndicatorAnswer => ({ rating, ...more });
const AS_OF = '2026-01-31';
const run = (a: Answers, cat: CatalogueModel, more: { asOf?: string; previous?: Answers } = {}): Report =>
  assess(a, cat, { asOf: more.asOf ?? AS_OF, previous: more.previous, version: '9.9.9' });
const theme = (r: Report, id: string) => r.themes.find((t) => t.id === id)!;
const indicator = (r: Report, id: string) => r.themes.flatMap((t) => t.indicators).find((i) => i.id === id)!;

const ONE = catalogue({ t: ['t.c1', 't.c2', 't.c3', 't.c4', 't.f1'] });

// --- Edges -------------------------------------------------------------------------------------

describe('a theme with no answers', () => {
  const r = run(answers({}), ONE);

  it('is not assessed, with the reason, and has no level', () => {
    const t = theme(r, 't');
    expect(t.rag).toBe('not-assessed');
    expect(t.reasons).toEqual(['no indicator is answered']);
    expect(t.level).toBeUndefined();
    expect(t.counts).toMatchObject({ indicators: 5, answered: 0, unanswered: 5, notApplicable: 0, redFlags: 0 });
  });

  it('makes the authority not assessed too', () => {
    expect(r.summary.rag).toBe('not-assessed');
    expect(r.summary.reasons).toEqual(['1 theme not assessed: Theme t']);
    expect(r.summary.level).toBeUndefined();
    expect(r.summary.themesByRag).toEqual({ red: 0, amber: 0, green: 0, 'not-assessed': 1 });
  });

  it('has no movement without a previous period', () => {
    expect(r.previous).toBeUndefined();
    expect(theme(r, 't').movement).toBeUndefined();
    expect(r.summary.movement).toBeUndefined();
  });
});

describe('a theme whose every indicator is not applicable', () => {
  const na = { rating: 'not-applicable', reason: 'No such service.', target: 'embedded' };
  const r = run(answers({ t: { 't.c1': na, 't.c2': na, 't.c3': na, 't.c4': na, 't.f1': na } }), ONE);

  it('is not assessed, answered in full, and has no level', () => {
    const t = theme(r, 't');
    expect(t.rag).toBe('not-assessed');
    expect(t.reasons).toEqual(['every indicator is not applicable']);
    expect(t.counts).toMatchObject({ answered: 5, notApplicable: 5, unanswered: 0 });
    expect(t.level).toBeUndefined();
  });

  it('keeps the reason and sets no gap to a target', () => {
    expect(indicator(r, 't.c1')).toMatchObject({ status: 'not-applicable', reason: 'No such service.' });
    expect(indicator(r, 't.c1').shortOfTarget).toBeUndefined();
    expect(theme(r, 't').counts.shortOfTarget).toBe(0);
  });
});

it('calls a theme with some not applicable and the rest unanswered "no indicator is rated"', () => {
  const r = run(answers({ t: { 't.c1': { rating: 'not-applicable', reason: 'n/a' } } }), ONE);
  expect(theme(r, 't').reasons).toEqual(['no indicator is rated']);
});

describe('the median', () => {
  it('takes the lower middle of an even number of ratings', () => {
    expect(medianRank([1, 2])).toBe(1);
    expect(medianRank([3, 0, 2, 1])).toBe(1);
    expect(medianRank([2, 2, 3, 3])).toBe(2);
  });

  it('takes the middle of an odd number, and nothing of none', () => {
    expect(medianRank([3, 1, 2])).toBe(2);
    expect(medianRank([0])).toBe(0);
    expect(medianRank([])).toBeUndefined();
  });

  it("gives a tied theme the lower level's word, leaving out failure, not-applicable and unanswered indicators", () => {
    const r = run(
      answers({ t: { 't.c1': rated('developing'), 't.c2': rated('embedded'), 't.c3': { rating: 'not-applicable', reason: 'x' }, 't.f1': rated('not-present') } }),
      ONE,
    );
    expect(theme(r, 't').level).toEqual({ word: 'developing', label: 'Developing', rank: 1, of: 4 });
  });
});

describe('RAG status and its reasons', () => {
  const full = (over: Record<string, IndicatorAnswer>): Answers =>
    answers({ t: { 't.c1': rated('established'), 't.c2': rated('established'), 't.c3': rated('established'), 't.c4': rated('established'), 't.f1': rated('not-present'), ...over } });

  it('is green with every indicator answered, no red flags, nothing overdue and a level above the lower half', () => {
    const t = theme(run(full({}), ONE), 't');
    expect(t.rag).toBe('green');
    expect(t.reasons).toEqual(['level Established, no red flags, no overdue actions, every indicator answered']);
  });

  it('is red for a serious red flag (present), naming it', () => {
    const t = theme(run(full({ 't.f1': rated('present') }), ONE), 't');
    expect(t.rag).toBe('red');
    expect(t.reasons).toEqual(['1 serious red flag (t.f1 Present)']);
    expect(t.redFlags).toEqual(['t.f1']);
    expect(t.counts).toMatchObject({ redFlags: 1, seriousRedFlags: 1 });
  });

  it('is amber for an emerging red flag, which is not serious', () => {
    const r = run(full({ 't.f1': rated('emerging') }), ONE);
    expect(theme(r, 't').rag).toBe('amber');
    expect(theme(r, 't').reasons).toEqual(['1 red flag (t.f1 Emerging)']);
    expect(indicator(r, 't.f1')).toMatchObject({ redFlag: true, seriousRedFlag: false });
  });

  it('is red for a level at the bottom of the scale', () => {
    const all = { 't.c1': rated('not-in-place'), 't.c2': rated('not-in-place'), 't.c3': rated('developing'), 't.c4': rated('embedded') };
    const t = theme(run(full(all), ONE), 't');
    expect(t.rag).toBe('red');
    expect(t.reasons).toEqual(['level Not in place, which the scale counts as red']);
  });

  it('is amber for a level in the lower half (developing) and green just above it (established)', () => {
    const lower = { 't.c1': rated('developing'), 't.c2': rated('developing'), 't.c3': rated('established'), 't.c4': rated('established') };
    expect(theme(run(full(lower), ONE), 't').reasons).toEqual(['level Developing, which the scale counts as amber']);
    expect(theme(run(full({ 't.c1': rated('developing') }), ONE), 't').rag).toBe('green');
  });

  it('is amber for an unanswered indicator, counting them', () => {
    const a = full({});
    delete a.themes!['t']!.indicators!['t.c4'];
    delete a.themes!['t']!.indicators!['t.f1'];
    expect(theme(run(a, ONE), 't').reasons).toEqual(['2 indicators unanswered']);
  });

  it('lists red reasons first, then the amber ones, when both apply', () => {
    const action: Action = { action: 'Fix it', due: '2026-01-30' };
    const t = theme(run(full({ 't.f1': rated('present', { actions: [action] }), 't.c1': rated('established', { actions: [action, action] }) }), ONE), 't');
    expect(t.rag).toBe('red');
    expect(t.reasons).toEqual(['1 serious red flag (t.f1 Present)', '3 overdue actions']);
  });
});

describe("a scale's own rag", () => {
  // Five levels, the middle one green: by position it would be amber (the lower half).
  const scales: Catalogue['scales'] = {
    characteristic: {
      title: 'Maturity',
      levels: [
        { word: 'none', label: 'None', meaning: '-', rag: 'red' },
        { word: 'some', label: 'Some', meaning: '-', rag: 'amber' },
        { word: 'fair', label: 'Fair', meaning: '-', rag: 'green' },
        { word: 'good', label: 'Good', meaning: '-', rag: 'green' },
        { word: 'best', label: 'Best', meaning: '-', rag: 'green' },
      ],
    },
    failure: {
      title: 'Warning sign',
      levels: [
        { word: 'occurred', label: 'Occurred', meaning: '-', 'red-flag': true, rag: 'red' },
        { word: 'likely', label: 'Likely', meaning: '-', 'red-flag': true, rag: 'red' },
        { word: 'watch', label: 'Watch', meaning: '-', 'red-flag': true, rag: 'amber' },
        { word: 'clear', label: 'Clear', meaning: '-', rag: 'green' },
      ],
    },
  };
  const cat = indexCatalogue({ ...ONE.catalogue, scales }, ONE.origin);
  const all = (c: string, f: string): Answers => answers({ t: { 't.c1': rated(c), 't.c2': rated(c), 't.c3': rated(c), 't.c4': rated(c), 't.f1': rated(f) } });

  it('sets the status a theme level stands for, whatever its place on the scale', () => {
    expect(theme(run(all('fair', 'clear'), cat), 't')).toMatchObject({ rag: 'green', reasons: ['level Fair, no red flags, no overdue actions, every indicator answered'] });
    expect(theme(run(all('some', 'clear'), cat), 't')).toMatchObject({ rag: 'amber', reasons: ['level Some, which the scale counts as amber'] });
  });

  it('makes a red flag serious at every level that counts as red, not only the worst', () => {
    const r = run(all('good', 'likely'), cat);
    expect(indicator(r, 't.f1')).toMatchObject({ redFlag: true, seriousRedFlag: true });
    expect(theme(r, 't')).toMatchObject({ rag: 'red', reasons: ['1 serious red flag (t.f1 Likely)'] });
    expect(theme(run(all('good', 'watch'), cat), 't')).toMatchObject({ rag: 'amber', reasons: ['1 red flag (t.f1 Watch)'] });
  });

  it('states the rules in the scale\'s own labels', () => {
    expect(run(all('good', 'clear'), cat).rules.slice(0, 4)).toEqual([
      "A theme's level is the median of its ratings on the “Maturity” scale; with an even number of ratings, the lower of the two middle ones. Not-applicable and unanswered indicators are left out.",
      'A red flag is a rating of Occurred, Likely or Watch on the “Warning sign” scale; it is serious at a level the scale counts as red (Occurred or Likely).',
      'Red: a serious red flag, or a theme level the scale counts as red (None).',
      'Amber: any other red flag, a theme level the scale counts as amber (Some), an overdue action, or an unanswered indicator.',
    ]);
  });
});

describe('overdue actions as of a date', () => {
  const actions: Action[] = [
    { action: 'Due the day before', owner: 'A', due: '2026-01-30' },
    { action: 'Due on the as-of date', owner: 'B', due: '2026-01-31' },
    { action: 'Due the day after', due: '2026-02-01' },
    { action: 'Done, long ago', due: '2020-01-01', status: 'done' },
    { action: 'No due date' },
  ];
  const r = run(answers({ t: { 't.c1': rated('established', { actions }) } }), ONE);

  it('is overdue only when open and due before the as-of date (not on it)', () => {
    expect(r.actions.map((a) => [a.action, a.status, a.overdue])).toEqual([
      ['Due the day before', 'open', true],
      ['Due on the as-of date', 'open', false],
      ['Due the day after', 'open', false],
      ['Done, long ago', 'done', false],
      ['No due date', 'open', false],
    ]);
  });

  it('counts open, overdue and done actions, and links the indicator to its actions by index', () => {
    expect(theme(r, 't').counts).toMatchObject({ openActions: 4, overdueActions: 1, doneActions: 1 });
    expect(indicator(r, 't.c1').actions).toEqual([0, 1, 2, 3, 4]);
    expect(r.actions[1]).toEqual({ theme: 't', indicator: 't.c1', action: 'Due on the as-of date', owner: 'B', due: '2026-01-31', status: 'open', overdue: false, ref: 't.c1#2' });
  });

  it('records the day a done action was done against its due date, and its progress notes', () => {
    const done = run(
      answers({
        t: {
          't.c1': rated('established', {
            actions: [
              { action: 'Late', due: '2025-12-01', status: 'done', 'done-on': '2025-12-12', progress: [{ on: '2025-11-20', note: 'Started.' }] },
              { action: 'Early', due: '2025-12-01', status: 'done', 'done-on': '2025-11-28' },
              { action: 'Open, with a day it is not done on', due: '2025-12-01', 'done-on': '2025-11-28' },
            ],
          }),
        },
      }),
      ONE,
    );
    expect(done.actions.map((a) => [a.ref, a.doneOn ?? null, a.daysLate ?? null, a.progress ?? null])).toEqual([
      ['t.c1#1', '2025-12-12', 11, [{ on: '2025-11-20', note: 'Started.' }]],
      ['t.c1#2', '2025-11-28', -3, null],
      ['t.c1#3', null, null, null],
    ]);
  });

  it('moves with the as-of date', () => {
    expect(run(answers({ t: { 't.c1': rated('established', { actions }) } }), ONE, { asOf: '2026-02-01' }).summary.counts.overdueActions).toBe(2);
  });
});

it('marks evidence stale only when its review-by date is before the as-of date', () => {
  const evidence: Evidence[] = [
    'A plain line',
    { title: 'Reviewed the day before', 'review-by': '2026-01-30' },
    { title: 'Review due on the day', 'review-by': '2026-01-31', link: 'https://example.org/x' },
    { title: 'No review date', path: 'docs/x.pdf' },
  ];
  const r = run(answers({ t: { 't.c1': rated('established', { evidence }) } }), ONE);
  expect(indicator(r, 't.c1').evidence).toEqual([
    { title: 'A plain line', stale: false },
    { title: 'Reviewed the day before', reviewBy: '2026-01-30', stale: true },
    { title: 'Review due on the day', link: 'https://example.org/x', reviewBy: '2026-01-31', stale: false },
    { title: 'No review date', path: 'docs/x.pdf', stale: false },
  ]);
  expect(theme(r, 't').counts.staleEvidence).toBe(1);
});

describe('targets', () => {
  const r = run(
    answers({
      t: {
        't.c1': rated('developing', { target: 'embedded' }),
        't.c2': rated('established', { target: 'established' }),
        't.c3': { target: 'developing', commentary: 'Not rated yet' },
        't.c4': rated('embedded', { target: 'established' }),
      },
    }),
    ONE,
  );

  it('gives the gap in levels when the rating falls short', () => {
    expect(indicator(r, 't.c1')).toMatchObject({ target: { word: 'embedded', rank: 3 }, shortOfTarget: 2 });
  });

  it('gives no gap when the target is met or passed', () => {
    expect(indicator(r, 't.c2').shortOfTarget).toBeUndefined();
    expect(indicator(r, 't.c4').shortOfTarget).toBeUndefined();
  });

  it('counts an unanswered indicator as short by the whole way up to its target', () => {
    expect(indicator(r, 't.c3')).toMatchObject({ status: 'unanswered', shortOfTarget: 2 });
    expect(theme(r, 't').counts.shortOfTarget).toBe(2);
  });
});

describe('assurance', () => {
  const cat = catalogue({ a: ['a.c1'], b: ['b.c1'], c: ['c.c1'] });
  const a = answers({ a: { 'a.c1': rated('established') }, b: { 'b.c1': rated('established') }, c: { 'c.c1': rated('established') } });
  a.themes!['a']!.assurance = { assessed: { by: 'Officer', on: '2025-09-01' } };
  a.themes!['b']!.assurance = {
    assessed: { by: 'Officer', on: '2025-09-01' },
    moderated: { by: 'Workshop', on: '2025-09-15' },
    'signed-off': { by: 'Leadership team', on: '2025-10-01' },
  };
  const r = run(a, cat);

  it("records each theme's furthest step and who took it", () => {
    expect(theme(r, 'a').assurance).toEqual({ state: 'assessed', assessed: { by: 'Officer', on: '2025-09-01' } });
    expect(theme(r, 'b').assurance).toEqual({
      state: 'signed-off',
      assessed: { by: 'Officer', on: '2025-09-01' },
      moderated: { by: 'Workshop', on: '2025-09-15' },
      signedOff: { by: 'Leadership team', on: '2025-10-01' },
    });
    expect(theme(r, 'c').assurance).toEqual({ state: 'none' });
  });

  it('counts the steps across the authority', () => {
    expect(r.summary.assurance).toEqual({ assessed: 2, moderated: 1, signedOff: 1, changedSinceSignOff: 0 });
  });
});

describe('movement', () => {
  const cat = catalogue({ t: ['t.c1', 't.c2', 't.c3', 't.c4', 't.f1', 't.f2'] });
  const before = answers(
    { t: { 't.c1': rated('developing'), 't.c2': rated('established'), 't.c3': rated('developing'), 't.c4': { rating: 'not-applicable', reason: 'x' }, 't.f1': rated('not-present'), 't.f2': rated('present') } },
    { period: '2024-25' },
  );
  const now = answers({ t: { 't.c1': rated('established'), 't.c2': rated('developing'), 't.c3': rated('developing'), 't.c4': rated('embedded'), 't.f1': rated('emerging') } });
  const r = run(now, cat, { previous: before });

  it('compares each indicator on its scale order: improved, declined, unchanged, new, dropped', () => {
    expect(r.themes[0]!.indicators.map((i) => [i.id, i.previous, i.movement])).toEqual([
      ['t.c1', 'developing', 'improved'],
      ['t.c2', 'established', 'declined'],
      ['t.c3', 'developing', 'unchanged'],
      ['t.c4', 'not-applicable', 'new'],
      ['t.f1', 'not-present', 'declined'],
      ['t.f2', 'present', 'dropped'],
    ]);
  });

  it("counts them per theme and for the authority, with the level's movement", () => {
    expect(theme(r, 't').movement).toEqual({
      counts: { improved: 1, declined: 2, unchanged: 1, new: 1, dropped: 1 },
      // Before: developing, established, developing → developing. Now: established, developing, developing, embedded → developing.
      level: 'unchanged',
      previousLevel: { word: 'developing', label: 'Developing', rank: 1, of: 4 },
    });
    expect(r.summary.movement).toEqual({ improved: 1, declined: 2, unchanged: 1, new: 1, dropped: 1 });
    expect(r.previous).toEqual({ period: '2024-25', source: 'file' });
  });

  it("uses the file's own previous: ratings when no previous file is given", () => {
    const carried = answers({ t: { 't.c1': rated('established', { previous: 'not-in-place' }), 't.c2': rated('developing') } });
    const c = run(carried, cat);
    expect(c.previous).toEqual({ source: 'carried' });
    expect(indicator(c, 't.c1').movement).toBe('improved');
    expect(indicator(c, 't.c2').movement).toBe('new');
    expect(theme(c, 't').movement).toMatchObject({ level: 'improved', previousLevel: { word: 'not-in-place' } });
  });

  it('prefers the previous file to carried ratings', () => {
    const carried = answers({ t: { 't.c1': rated('established', { previous: 'embedded' }) } });
    expect(indicator(run(carried, cat, { previous: before }), 't.c1')).toMatchObject({ previous: 'developing', movement: 'improved' });
  });
});

describe('the authority roll-up', () => {
  const cat = catalogue({ g: ['g.c1', 'g.f1'], a: ['a.c1', 'a.f1'], r: ['r.c1', 'r.f1'], n: ['n.c1'] });
  const r = run(
    answers({
      g: { 'g.c1': rated('embedded'), 'g.f1': rated('not-present') },
      a: { 'a.c1': rated('established'), 'a.f1': rated('emerging') },
      r: { 'r.c1': rated('developing'), 'r.f1': rated('present') },
    }),
    cat,
  );

  it("takes the worst theme's status and names the themes behind it", () => {
    expect(r.themes.map((t) => t.rag)).toEqual(['green', 'amber', 'red', 'not-assessed']);
    expect(r.summary.rag).toBe('red');
    expect(r.summary.reasons).toEqual(['1 theme red: Theme r', '1 theme amber: Theme a', '1 theme not assessed: Theme n']);
    expect(r.summary.themesByRag).toEqual({ red: 1, amber: 1, green: 1, 'not-assessed': 1 });
  });

  it('takes the median of every characteristic rating as its level, and sums the counts', () => {
    // developing, established, embedded → established.
    expect(r.summary.level?.word).toBe('established');
    expect(r.summary.counts).toMatchObject({ indicators: 7, answered: 6, unanswered: 1, redFlags: 2, seriousRedFlags: 1 });
  });

  it('is green only when every theme is green', () => {
    const g = run(answers({ g: { 'g.c1': rated('established'), 'g.f1': rated('not-present') } }), catalogue({ g: ['g.c1', 'g.f1'] }));
    expect(g.summary).toMatchObject({ rag: 'green', reasons: ['every theme green'] });
  });
});

it('records the title block data, the rules and the credit, and leaves its input alone', () => {
  const a = answers(
    { t: { 't.c1': rated('established') } },
    { 'assessment-date': '2025-10-21', participants: ['Jo Bloggs', { name: 'Sam Smith', role: 'Chief Executive' }, { name: 'Alex Roe' }] },
  );
  const copy = structuredClone(a);
  const r = run(a, ONE);
  expect(a).toEqual(copy);
  expect(r).toMatchObject({
    bva: { format: 1, version: '9.9.9' },
    authority: 'Testshire Council',
    period: '2025-26',
    assessmentDate: '2025-10-21',
    asOf: AS_OF,
    catalogue: { id: 'tiny', version: '1.0.0', title: 'Tiny catalogue', source: { title: 'Guide', publisher: 'Dept', licence: 'OGL' } },
    participants: ['Jo Bloggs', 'Sam Smith (Chief Executive)', 'Alex Roe'],
  });
  expect(r.rules).toEqual(scoringRules(ONE.catalogue.scales));
});
