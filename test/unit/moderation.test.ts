// Moderation, review samples and sign-off digests: the pure core, checked against hand
// calculations, Krippendorff's published example and a fixed digest vector.
import { describe, expect, it } from 'vitest';
import { drawSample, reviewThemes, reviewView, sampleKey } from '../../src/answers/review.js';
import { canonicalJson, sinceSignOff, signOffRecord, themeDigest } from '../../src/answers/signoff.js';
import type { Answers, ThemeAnswers } from '../../src/answers/model.js';
import { agreementOf, krippendorffOrdinal, moderation, settle, type RatingSet } from '../../src/assessment/moderation.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { indexCatalogue, type Catalogue } from '../../src/catalogue/model.js';
import { ROOT } from '../helpers.js';
import { tinyCatalogue } from '../fixtures/catalogues.js';

/** A council's own scales: colour words, so nothing here can lean on the shipped words. */
const SCALES: Catalogue['scales'] = {
  characteristic: {
    title: 'How well it is done',
    levels: [
      { word: 'red', label: 'Red', meaning: 'Not done.' },
      { word: 'amber', label: 'Amber', meaning: 'Partly done.' },
      { word: 'green', label: 'Green', meaning: 'Done.' },
      { word: 'blue', label: 'Blue', meaning: 'Done and improving.' },
    ],
  },
  failure: {
    title: 'Warning signs',
    levels: [
      { word: 'strong', label: 'Strong signs', meaning: 'Clearly seen.', 'red-flag': true },
      { word: 'some', label: 'Some signs', meaning: 'Glimpsed.', 'red-flag': true },
      { word: 'none', label: 'No signs', meaning: 'Not seen.' },
    ],
  },
};

const catalogue = tinyCatalogue(SCALES, {
  lead: [
    { id: 'lead.c3', kind: 'characteristic', text: 'Leaders plan.', reference: 'S5' },
    { id: 'lead.c4', kind: 'characteristic', text: 'Leaders deliver.', reference: 'S5' },
  ],
  themes: [
    {
      id: 'gov',
      title: 'Governance',
      summary: 'Governing well.',
      indicators: [
        { id: 'gov.c1', kind: 'characteristic', text: 'Decisions are recorded.', reference: 'S5' },
        { id: 'gov.c2', kind: 'characteristic', text: 'Scrutiny works.', reference: 'S5' },
      ],
    },
  ],
});

const set = (id: string, theme: string, draft: string, ...reviews: string[]): RatingSet => ({
  theme,
  id,
  draft,
  reviews: reviews.map((rating, n) => ({ reviewer: ['Priya Raman', 'Tom Hill'][n]!, rating })),
});

describe("Krippendorff's alpha (ordinal)", () => {
  it("gives Krippendorff's published value for his four-observer example: 0.815", () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": observers A to D, units
    // 1 to 12, values 1 to 5 (here 0 to 4), blanks missing. Unit 12 has one value: not pairable.
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
    const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
    const units = A.map((_, u) => [A, B, C, D].map((o) => o[u]).filter((v): v is number => v !== null).map((v) => v - 1));
    const k = krippendorffOrdinal(units, 5);
    expect(k.values).toBe(40);
    expect(k.alpha!.toFixed(3)).toBe('0.815');
  });

  it('matches a calculation by hand', () => {
    // Units (draft, reviewer, reviewer) on a three-level scale 0..2:
    //   u1: 2 2 1    u2: 1 1 .    u3: 0 1 1    u4: 2 2 .
    // Coincidences (each ordered pair from different raters, 1/(m-1)):
    //   u1: o22 += 1, o21 += 1, o12 += 1    u2: o11 += 2
    //   u3: o11 += 1, o01 += 1, o10 += 1    u4: o22 += 2
    // so o = [[0,1,0],[1,3,1],[0,1,3]], margins n = (1, 5, 4), n.. = 10.
    // Ordinal distances: δ²(0,1) = ((1+5)/2)² = 9; δ²(1,2) = ((5+4)/2)² = 20.25;
    //   δ²(0,2) = (1+5+4 − (1+4)/2)² = 7.5² = 56.25.
    // Observed Σ o δ² = 9 + 9 + 20.25 + 20.25 = 58.5.
    // Expected Σ n n δ² = 2 (1·5·9 + 5·4·20.25 + 1·4·56.25) = 2 (45 + 405 + 225) = 1350.
    // α = 1 − (10 − 1) · 58.5 / 1350 = 1 − 526.5 / 1350 = 0.61.
    const k = krippendorffOrdinal([[2, 2, 1], [1, 1], [0, 1, 1], [2, 2]], 3);
    expect(k.values).toBe(10);
    expect(k.alpha).toBeCloseTo(0.61, 12);
  });

  it('is undefined (null) with no variation or nothing to pair, and 1 for perfect agreement', () => {
    expect(krippendorffOrdinal([[1, 1], [1, 1, 1]], 3).alpha).toBeNull();
    expect(krippendorffOrdinal([[2], [0]], 3)).toEqual({ alpha: null, values: 0 });
    expect(krippendorffOrdinal([[0, 0], [2, 2, 2]], 3).alpha).toBe(1);
  });
});

describe('agreement and the moderation model', () => {
  // The hand-calculated case above as rating sets, with the draft first; the characteristics of
  // two themes share one scale, and the one failure indicator has only one level: alpha undefined.
  const sets = [
    set('lead.c1', 'lead', 'green', 'green', 'amber'),
    set('lead.c3', 'lead', 'amber', 'amber'),
    set('gov.c1', 'gov', 'red', 'amber', 'amber'),
    set('gov.c2', 'gov', 'green', 'green'),
    set('lead.f1', 'lead', 'none', 'none'),
  ];

  it('counts the same level, within one level, and alpha per scale, overall and per theme', () => {
    expect(agreementOf(sets, catalogue)).toEqual({
      compared: 5,
      same: 3,
      withinOne: 5,
      alpha: [
        { kind: 'characteristic', title: 'How well it is done', values: 10, alpha: expect.closeTo(0.61, 12) as unknown as number },
        { kind: 'failure', title: 'Warning signs', values: 2, alpha: null },
      ],
    });
    const m = moderation(sets, catalogue);
    expect(m.themes.map((t) => [t.title, t.agreement.compared, t.agreement.same, t.agreement.withinOne])).toEqual([
      ['Leadership', 3, 2, 3],
      ['Governance', 2, 1, 2],
    ]);
    expect(m.byReviewer).toEqual([
      { reviewer: 'Priya Raman', compared: 5, same: 4 },
      { reviewer: 'Tom Hill', compared: 2, same: 0 },
    ]);
  });

  it('lists disagreements of more than one level first, then of one, then agreements, each in catalogue order', () => {
    const m = moderation(
      [set('lead.c1', 'lead', 'green', 'green'), set('lead.c2', 'lead', 'blue', 'amber'), set('lead.c3', 'lead', 'green', 'amber'), set('lead.c4', 'lead', 'red', 'not-applicable'), set('gov.c1', 'gov', 'red', 'green')],
      catalogue,
    );
    expect(m.indicators.map((i) => [i.id, i.difference, i.spread])).toEqual([
      ['lead.c2', 'more', 2],
      ['lead.c4', 'applicability', 0],
      ['gov.c1', 'more', 2],
      ['lead.c3', 'one-level', 1],
      ['lead.c1', 'none', 0],
    ]);
    // Words shown are the scale's labels.
    expect(m.indicators[0]!.draft).toEqual({ word: 'blue', label: 'Blue', rank: 3, of: 4 });
    expect(m.indicators[1]!.reviews[0]!.rating).toEqual({ word: 'not-applicable' });
  });

  it('settles by rule on the scale order: draft, median (lower middle), lowest, a reviewer', () => {
    const scale = catalogue.indicatorById.get('lead.c1')!.scale;
    const s = set('lead.c1', 'lead', 'green', 'blue', 'red');
    expect(settle(s, scale, { rule: 'draft' })).toBe('green');
    expect(settle(s, scale, { rule: 'median' })).toBe('green');
    expect(settle(set('lead.c1', 'lead', 'green', 'blue'), scale, { rule: 'median' })).toBe('green');
    expect(settle(s, scale, { rule: 'lowest' })).toBe('red');
    expect(settle(s, scale, { rule: 'reviewer', reviewer: 'Tom Hill' })).toBe('red');
    expect(settle(set('lead.c1', 'lead', 'green', 'blue'), scale, { rule: 'reviewer', reviewer: 'Tom Hill' })).toBe('green');
  });
});

describe("the worked example's moderation, by hand", () => {
  // examples/2025-26.yaml's leadership theme (the draft) and two reviewers, as
  // test/e2e/many-hands.test.ts rates them; ranks from the weakest level (0).
  const shipped = indexCatalogue(parseYaml(readFileSync(join(ROOT, 'criteria/best-value-2024.yaml'), 'utf8')) as Catalogue, { path: 'criteria/best-value-2024.yaml', display: 'best-value-2024', shipped: true });
  const example: RatingSet[] = [
    ['lead.c1', 'established', 'established', 'established'],
    ['lead.c2', 'established', 'developing', 'developing'],
    ['lead.c3', 'established', 'established', 'embedded'],
    ['lead.c4', 'established', 'established', 'established'],
    ['lead.c5', 'established', 'embedded', 'developing'],
    ['lead.c6', 'developing', 'developing', 'not-in-place'],
    ['lead.f1', 'not-present', 'not-present', 'not-present'],
    ['lead.f2', 'not-present', 'emerging', 'not-present'],
    ['lead.f3', 'emerging', 'emerging', 'present'],
    ['lead.f4', 'not-present', 'not-present', 'not-present'],
    ['lead.f5', 'not-present', 'not-present', 'not-present'],
  ].map(([id, draft, ...reviews]) => set(id!, 'leadership', draft!, ...reviews));

  it('agrees with the sums worked out by hand', () => {
    // Characteristics (ranks draft, Priya, Tom): c1 2 2 2, c2 2 1 1, c3 2 2 3, c4 2 2 2, c5 2 3 1, c6 1 1 0.
    // Coincidences (1/2 per ordered pair): o01 = o10 = 1, o11 = 2, o12 = o21 = 1.5, o13 = o31 = 0.5,
    //   o22 = 7, o23 = o32 = 1.5; margins n = (1, 5, 10, 2), n.. = 18.
    // δ²: (0,1) 9, (1,2) 56.25, (2,3) 36, (0,2) 110.25, (1,3) 182.25, (0,3) 272.25.
    // Observed 2 (1·9 + 1.5·56.25 + 1.5·36 + 0.5·182.25) = 477;
    // expected 2 (5·9 + 50·56.25 + 20·36 + 10·110.25 + 10·182.25 + 2·272.25) = 14094;
    // α = 1 − 17 · 477 / 14094 = 0.4246...
    // Failure indicators (not-present 2, emerging 1, present 0): f1 2 2 2, f2 2 1 2, f3 1 1 0, f4 2 2 2,
    //   f5 2 2 2; o22 = 10, o12 = o21 = 1, o11 = 1, o01 = o10 = 1; n = (1, 3, 11), n.. = 15;
    //   δ²: (0,1) 4, (1,2) 49, (0,2) 81; observed 2 (4 + 49) = 106;
    //   expected 2 (3·4 + 33·49 + 11·81) = 5040; α = 1 − 14 · 106 / 5040 = 0.7055...
    // Same level: c1, c4, f1, f4, f5 (5 of 11); within one level: all but c5 (10 of 11).
    const a = agreementOf(example, shipped);
    expect([a.compared, a.same, a.withinOne]).toEqual([11, 5, 10]);
    expect(a.alpha.map((x) => [x.kind, x.values])).toEqual([
      ['characteristic', 18],
      ['failure', 15],
    ]);
    expect(a.alpha[0]!.alpha).toBeCloseTo(1 - (17 * 477) / 14094, 12);
    expect(a.alpha[1]!.alpha).toBeCloseTo(1 - (14 * 106) / 5040, 12);
    expect(moderation(example, shipped).byReviewer).toEqual([
      { reviewer: 'Priya Raman', compared: 11, same: 8 },
      { reviewer: 'Tom Hill', compared: 11, same: 6 },
    ]);
  });
});

describe("a reviewer's sample", () => {
  const rated = (ids: string[]): Answers => ({
    catalogue: { id: 'tiny', version: '2.0.0' },
    authority: 'Testshire District Council',
    period: '2025-26',
    themes: {
      lead: { indicators: Object.fromEntries(ids.filter((i) => i.startsWith('lead')).map((i) => [i, { rating: i.includes('.f') ? 'none' : 'green', commentary: `About ${i}`, evidence: ['A plan'], actions: [{ action: 'Do it' }] }])) },
      gov: { indicators: Object.fromEntries(ids.filter((i) => i.startsWith('gov')).map((i) => [i, { rating: 'amber' }])) },
    },
  });
  const all = ['lead.c1', 'lead.c2', 'lead.f1', 'lead.c3', 'lead.c4', 'gov.c1', 'gov.c2'];

  it('is stratified by theme (largest remainder) and ranked by SHA-256 of seed, period and id', () => {
    const draft = rated(all);
    const sample = drawSample(draft, catalogue, { themes: [], sample: 3, seed: 'Priya Raman' });
    // Quotas: lead 3 × 5/7 = 2.14, gov 3 × 2/7 = 0.86 → 2 and 0, and the one left goes to gov (0.86 > 0.14).
    const rank = (ids: string[]): string[] => [...ids].sort((a, b) => (sampleKey('Priya Raman', '2025-26', a) < sampleKey('Priya Raman', '2025-26', b) ? -1 : 1));
    const lead = rank(['lead.c1', 'lead.c2', 'lead.f1', 'lead.c3', 'lead.c4']).slice(0, 2);
    const gov = rank(['gov.c1', 'gov.c2']).slice(0, 1);
    expect(sample).toEqual(all.filter((id) => [...lead, ...gov].includes(id)));
    expect(drawSample(draft, catalogue, { themes: [], sample: 3, seed: 'Priya Raman' })).toEqual(sample);
    expect(sampleKey('Priya Raman', '2025-26', 'lead.c1')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes only indicators the draft rates on the scale, and every one without a sample size', () => {
    const draft = rated(['lead.c1', 'lead.f1', 'gov.c2']);
    (draft.themes!['lead']!.indicators!['lead.c2'] = { rating: 'not-applicable', reason: 'No such leaders.' });
    expect(drawSample(draft, catalogue, { themes: [], seed: 'x' })).toEqual(['lead.c1', 'lead.f1', 'gov.c2']);
    expect(drawSample(draft, catalogue, { themes: ['gov'], seed: 'x', sample: 5 })).toEqual(['gov.c2']);
  });

  it("carries the draft's commentary and evidence, never its ratings or actions, and walks only what it asks", () => {
    const draft = rated(all);
    expect(reviewThemes(draft, catalogue, ['lead.c1', 'gov.c1'])).toEqual({
      lead: { indicators: { 'lead.c1': { commentary: 'About lead.c1', evidence: ['A plan'] } } },
      gov: { indicators: { 'gov.c1': {} } },
    });
    const view = reviewView(catalogue, { review: { of: 'd.yaml', reviewer: 'Priya Raman', indicators: ['lead.c3', 'gov.c2'] } });
    expect(view.themes.map((t) => [t.id, t.indicators.map((i) => i.id)])).toEqual([
      ['lead', ['lead.c3']],
      ['gov', ['gov.c2']],
    ]);
    expect(view.indicatorCount).toBe(2);
  });
});

describe('sign-off digests', () => {
  const theme: ThemeAnswers = {
    summary: 'Settled.',
    assurance: { assessed: { by: 'Gareth Lowe', on: '2025-09-12' } },
    indicators: { 'lead.c1': { rating: 'established', commentary: 'Café – “quotes”', evidence: ['Plan', { title: 'Log', 'review-by': '2026-03-31' }] } },
  };

  it('hashes RFC 8785 canonical JSON of the theme without its assurance: a fixed test vector', () => {
    expect(canonicalJson(theme.indicators)).toBe('{"lead.c1":{"commentary":"Café – “quotes”","evidence":["Plan",{"review-by":"2026-03-31","title":"Log"}],"rating":"established"}}');
    // printf '%s' '{"indicators":{"lead.c1":{...}},"summary":"Settled."}' | sha256sum
    expect(themeDigest(theme)).toEqual({
      digest: 'sha256:7249548851cf76a1313d73739a69b5f56446ff0b72ca946d664f671d2714e39a',
      indicators: { 'lead.c1': '1bd2bc72' },
    });
    // Key order and the assurance block do not matter.
    const reordered: ThemeAnswers = { indicators: { 'lead.c1': { evidence: theme.indicators!['lead.c1']!.evidence!, rating: 'established', commentary: 'Café – “quotes”' } }, summary: 'Settled.' };
    expect(themeDigest(reordered)).toEqual(themeDigest(theme));
  });

  it('names what changed after sign-off: changed, answered, removed, or the summary', () => {
    const signed: ThemeAnswers = { ...theme, indicators: { ...theme.indicators, 'lead.c2': { rating: 'developing' } } };
    const record = signOffRecord(signed, { by: 'Corporate Leadership Team', role: 'Senior leadership', on: '2025-10-14' });
    const withSignOff = (t: ThemeAnswers): ThemeAnswers => ({ ...t, assurance: { ...t.assurance, 'signed-off': record } });
    expect(sinceSignOff(withSignOff(signed))).toEqual({ state: 'intact', indicators: [], themeText: false });
    expect(sinceSignOff(withSignOff({ ...signed, indicators: { 'lead.c1': { ...theme.indicators!['lead.c1']!, rating: 'embedded' }, 'lead.c3': { rating: 'developing' } } }))).toEqual({
      state: 'changed',
      indicators: [
        { id: 'lead.c1', change: 'changed' },
        { id: 'lead.c3', change: 'added' },
        { id: 'lead.c2', change: 'removed' },
      ],
      themeText: false,
    });
    expect(sinceSignOff(withSignOff({ ...signed, summary: 'Changed.' }))).toEqual({ state: 'changed', indicators: [], themeText: true });
    expect(sinceSignOff({ ...theme, assurance: { 'signed-off': { by: 'CLT', on: '2025-10-14' } } }).state).toBe('unverified');
    expect(sinceSignOff(theme).state).toBe('none');
  });
});
