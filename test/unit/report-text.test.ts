// The report's shared words (report-text.ts) at their edges: no previous period, a theme where
// everything is not applicable, no actions, undated actions in the plan, one of a thing and many.
// Plain text in, plain text out: escaping is the renderers' job and is tested with them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Answers, IndicatorAnswer } from '../../src/answers/model.js';
import { assess, type ActionItem, type Report } from '../../src/assessment/assess.js';
import type { Catalogue } from '../../src/catalogue/model.js';
import { reportScales } from '../../src/render/report-formats.js';
import {
  actionDetails,
  actionPlanIntro,
  actionPlanRows,
  assuranceLine,
  countsText,
  footnotes,
  gapWords,
  indicatorMovement,
  levelMoveText,
  overallStatus,
  planOrder,
  previousPeriodName,
  ratingText,
  redFlagIntro,
  redFlagList,
  reportGaps,
  shortfall,
  spansText,
  summaryColumns,
  summaryNote,
  summaryRows,
  themeFacts,
  themeLevelText,
  titleFacts,
} from '../../src/render/report-text.js';
import { tinyCatalogue } from '../fixtures/catalogues.js';
import { ROOT } from '../helpers.js';
import { capitalise, count, plural } from '../../src/words.js';

// --- Reports to read ---------------------------------------------------------------------------

const shipped = parseYaml(readFileSync(join(ROOT, 'criteria/best-value-2024.yaml'), 'utf8')) as Catalogue;

/** Two themes: one to rate, one to mark all not applicable. */
const tiny = tinyCatalogue(shipped.scales, {
  themes: [
    {
      id: 'ports',
      title: 'Ports',
      summary: 'Running the harbours.',
      indicators: [
        { id: 'ports.c1', kind: 'characteristic', text: 'Harbours are run well.', reference: 'S5' },
        { id: 'ports.f1', kind: 'failure', text: 'Harbours silt up.', reference: 'S5' },
      ],
    },
  ],
});
const scales = reportScales(tiny.catalogue);

type Themes = Record<string, Record<string, IndicatorAnswer>>;

function report(themes: Themes, extra: Partial<Answers> = {}, previous?: Answers): Report {
  const answers: Answers = {
    catalogue: { id: 'tiny', version: '2.0.0' },
    authority: 'Testshire Council',
    period: '2025-26',
    themes: Object.fromEntries(Object.entries(themes).map(([id, indicators]) => [id, { indicators }])),
    ...extra,
  };
  return assess(answers, tiny, { asOf: '2026-01-31', previous, version: '9.9.9' });
}

const theme = (r: Report, id: string): Report['themes'][number] => r.themes.find((t) => t.id === id)!;
const indicator = (r: Report, id: string): Report['themes'][number]['indicators'][number] => r.themes.flatMap((t) => t.indicators).find((i) => i.id === id)!;

const NOT_APPLICABLE_PORTS: Themes['ports'] = { 'ports.c1': { rating: 'not-applicable', reason: 'No harbour.' }, 'ports.f1': { rating: 'not-applicable', reason: 'No harbour.' } };

// --- No previous period ------------------------------------------------------------------------

describe('a report with no previous period', () => {
  const r = report({ lead: { 'lead.c1': { rating: 'established', target: 'embedded' }, 'lead.c2': { rating: 'developing' }, 'lead.f1': { rating: 'not-present' } }, ports: NOT_APPLICABLE_PORTS });
  const lead = theme(r, 'lead');

  it('calls the period "last period" and says nothing about movement anywhere', () => {
    expect(previousPeriodName(r)).toBe('last period');
    expect(titleFacts(r).map((f) => f.label)).toEqual(['Status', 'Authority', 'Period', 'Catalogue', 'Status as of']);
    expect(summaryColumns(r)).toEqual(['Theme', 'RAG', 'Level', 'Answered', 'Red flags', 'Open actions', 'Overdue']);
    expect(summaryRows(r).map((row) => row.movement)).toEqual(['—', '—', '—']);
    expect(summaryNote(r, scales)).toBe("Levels are the median of each theme's ratings on the “Characteristic of a well-functioning authority” scale.");
    expect(levelMoveText(r, lead)).toBe('');
    expect(indicatorMovement(r, scales, indicator(r, 'lead.c1'))).toBe('');
    expect(themeFacts(r, lead).map((f) => f.label)).toEqual(['Status', 'Level', 'Answered', 'Actions', 'Assurance']);
  });

  it('gives the rating cell its target but no movement note', () => {
    expect(ratingText(r, scales, indicator(r, 'lead.c1'))).toEqual({ rating: 'Established', redFlag: false, notes: [{ kind: 'target', text: 'target Embedded' }] });
    expect(ratingText(r, scales, indicator(r, 'lead.f1'))).toEqual({ rating: 'Not present', redFlag: false, notes: [] });
  });

  it('says the ratings compared with were carried in the file when the previous ratings name no period', () => {
    const carried = report({ lead: { 'lead.c1': { rating: 'established', previous: 'developing' } } });
    expect(carried.previous).toEqual({ source: 'carried' });
    expect(previousPeriodName(carried)).toBe('last period');
    expect(titleFacts(carried).find((f) => f.label === 'Compared with')?.value).toBe("last period's ratings recorded in this file");
    expect(indicatorMovement(carried, scales, indicator(carried, 'lead.c1'))).toBe('improved from Developing');
    expect(summaryNote(carried)).toBe("Levels are the median of each theme's ratings on their scale. Movement compares each rating with last period's.");
  });
});

describe('movement against a named period', () => {
  const previous: Answers = {
    catalogue: { id: 'tiny', version: '2.0.0' },
    authority: 'Testshire Council',
    period: '2024-25',
    themes: { lead: { indicators: { 'lead.f1': { rating: 'present' } } }, ports: { indicators: { 'ports.c1': { rating: 'developing' } } } },
  };
  const r = report({ lead: { 'lead.c1': { rating: 'established' }, 'lead.f1': { rating: 'emerging' } }, ports: NOT_APPLICABLE_PORTS }, {}, previous);

  it('names the level that is new and the one that is no longer rated', () => {
    expect(levelMoveText(r, theme(r, 'lead'))).toBe('level Established (not rated in 2024-25)');
    expect(levelMoveText(r, theme(r, 'ports'))).toBe('level not rated (was Developing)');
    expect(summaryRows(r).map((row) => row.movement)).toEqual(['level Established (not rated in 2024-25); 1 improved, 1 newly rated', 'level not rated (was Developing); 1 no longer rated', '1 improved, 1 newly rated, 1 no longer rated']);
  });

  it('writes an indicator that was rated then and not now with last period\'s label', () => {
    expect(indicatorMovement(r, scales, indicator(r, 'ports.c1'))).toBe('rated Developing in 2024-25');
    expect(ratingText(r, scales, indicator(r, 'lead.f1')).notes).toEqual([
      { kind: 'red-flag', text: 'red flag' },
      { kind: 'movement', text: 'improved from Present' },
    ]);
    expect(capitalise('improved from Present')).toBe('Improved from Present');
  });

  it('writes a rating word from a scale it does not know as the word itself', () => {
    expect(indicatorMovement(r, undefined, indicator(r, 'ports.c1'))).toBe('rated developing in 2024-25');
  });
});

// --- A theme where everything is not applicable ------------------------------------------------

describe('a theme with every indicator not applicable', () => {
  const r = report({ lead: { 'lead.c1': { rating: 'established' }, 'lead.c2': { rating: 'established' }, 'lead.f1': { rating: 'not-present' } }, ports: NOT_APPLICABLE_PORTS });
  const ports = theme(r, 'ports');

  it('has no level, says why, and counts its indicators as answered', () => {
    expect(themeLevelText(ports, scales)).toBe('not assessed (nothing is rated on the “Characteristic of a well-functioning authority” scale)');
    expect(themeFacts(r, ports, scales)).toEqual([
      { label: 'Status', value: 'Not assessed: every indicator is not applicable' },
      { label: 'Level', value: 'not assessed (nothing is rated on the “Characteristic of a well-functioning authority” scale)' },
      { label: 'Answered', value: '2 of 2 indicators (2 not applicable)' },
      { label: 'Actions', value: 'none recorded' },
      { label: 'Assurance', value: 'no assessment, moderation or sign-off recorded' },
    ]);
    expect(summaryRows(r)[1]).toMatchObject({ name: '2. Ports', rag: 'not-assessed', level: 'Not assessed', answered: '2 of 2', redFlags: '0' });
  });

  it('writes each rating as Not applicable, with no notes, and lists none of them as a gap', () => {
    expect(ratingText(r, scales, indicator(r, 'ports.c1'))).toEqual({ rating: 'Not applicable', redFlag: false, notes: [] });
    const g = reportGaps(r);
    expect([g.unanswered, g.shortOfTarget, g.staleEvidence]).toEqual([[], [], []]);
    expect(footnotes(r, g.listed)).toEqual([]);
  });

  it('sets the overall status (not assessed ranks below green) but leaves the overall level to the themes that have one', () => {
    expect(theme(r, 'lead').rag).toBe('green');
    expect(spansText(overallStatus(r, scales))).toBe(
      "Overall status: Not assessed, the worst of the themes' statuses (1 theme not assessed: Ports). Overall level: Established, the median of 2 ratings on the “Characteristic of a well-functioning authority” scale. " +
        '5 of 5 indicators are answered; there are 0 red flags, 0 open actions and 0 overdue.',
    );
  });
});

it('says the overall level is not assessed when no characteristic anywhere is rated', () => {
  const r = report({ ports: NOT_APPLICABLE_PORTS });
  expect(overallStatus(r, scales)).toEqual([
    'Overall status: ',
    { status: 'not-assessed' },
    ", the worst of the themes' statuses (2 themes not assessed: Leadership, Ports). ",
    'Overall level: not assessed, as nothing is rated on the “Characteristic of a well-functioning authority” scale. ',
    '2 of 5 indicators are answered; there are 0 red flags, 0 open actions and 0 overdue.',
  ]);
  expect(reportGaps(r).unanswered.map(({ i }) => i.id)).toEqual(['lead.c1', 'lead.c2', 'lead.f1']);
  expect(footnotes(r, reportGaps(r).listed)).toEqual(["† Derived: the catalogue's own reading, not a point its source makes in so many words."]);
});

// --- Actions -----------------------------------------------------------------------------------

describe('a report with no actions', () => {
  const r = report({ lead: { 'lead.c1': { rating: 'established' } } });

  it('says so instead of counting them, and has no rows', () => {
    expect(actionPlanIntro(r)).toBe('No actions are recorded.');
    expect(actionPlanRows(r)).toEqual([]);
    expect(planOrder([])).toEqual([]);
    expect(themeFacts(r, theme(r, 'lead')).find((f) => f.label === 'Actions')?.value).toBe('none recorded');
  });
});

describe('the action plan order', () => {
  const action = (name: string, status: ActionItem['status'], due?: string): ActionItem => ({
    ref: 'lead.c1#1',
    theme: 'lead',
    indicator: 'lead.c1',
    action: name,
    ...(due !== undefined ? { due } : {}),
    status,
    overdue: false,
  });

  it('puts open before done, each by due date with undated actions last, catalogue order within a date', () => {
    const actions = [
      action('done undated', 'done'),
      action('open undated A', 'open'),
      action('done early', 'done', '2025-01-01'),
      action('open late', 'open', '2026-06-30'),
      action('open undated B', 'open'),
      action('open early A', 'open', '2025-04-01'),
      action('open early B', 'open', '2025-04-01'),
    ];
    expect(planOrder(actions).map((a) => a.action)).toEqual(['open early A', 'open early B', 'open late', 'open undated A', 'open undated B', 'done early', 'done undated']);
    expect(actions[0]!.action).toBe('done undated');
  });

  it('writes an undated action with no owner in words, and as an empty cell in the plan', () => {
    const r = report({ lead: { 'lead.c1': { rating: 'established', actions: [{ action: 'Write a plan' }, { action: 'Hire', owner: 'Chief Executive', due: '2026-01-15' }] } } });
    expect(r.actions.map(actionDetails)).toEqual(['no owner; no due date', 'Chief Executive; due 15 January 2026']);
    expect(actionPlanRows(r).map(({ action, theme, owner, due, status }) => [action, theme, owner, due, status])).toEqual([
      ['Hire', 'Leadership', 'Chief Executive', '15 January 2026', 'Overdue'],
      ['Write a plan', 'Leadership', '—', '—', 'Open'],
    ]);
  });
});

// --- One and many ------------------------------------------------------------------------------

describe('one of a thing and several', () => {
  it('counts in words', () => {
    expect([0, 1, 2].map((n) => plural(n, 'red flag'))).toEqual(['0 red flags', '1 red flag', '2 red flags']);
    expect(plural(1, 'indicator of potential failure', 'indicators of potential failure')).toBe('1 indicator of potential failure');
    expect(countsText({ improved: 1, declined: 2, unchanged: 3, new: 0, dropped: 1 }, false)).toBe('1 improved, 2 declined, 1 no longer rated');
    expect(countsText({ improved: 1, declined: 2, unchanged: 3, new: 0, dropped: 1 }, true)).toBe('1 improved, 2 declined, 3 unchanged, 1 no longer rated');
    expect(countsText({ improved: 0, declined: 0, unchanged: 0, new: 0, dropped: 0 }, true)).toBe('');
  });

  it('marks thousands as British English does, as toLocaleString would', () => {
    const numbers = [0, 7, 999, 1000, 15_000, 415_043, 1_234_567, 1234.5, -1234];
    expect(numbers.map(count)).toEqual(['0', '7', '999', '1,000', '15,000', '415,043', '1,234,567', '1,234.5', '-1,234']);
    expect(numbers.map(count)).toEqual(numbers.map((n) => n.toLocaleString('en-GB')));
  });

  it('says "is" and "has" of one red flag', () => {
    const r = report({ lead: { 'lead.c1': { rating: 'established' }, 'lead.f1': { rating: 'emerging' } } });
    expect(spansText(overallStatus(r, scales))).toContain('there is 1 red flag, 0 open actions and 0 overdue.');
    expect(redFlagIntro(redFlagList(r))).toEqual([
      '1 indicator is rated at a red-flag level. ',
      { strong: '1 red flag has no action recorded:' },
      ' lead.f1.',
    ]);
  });

  it('says "are" and "have" of several, serious ones first', () => {
    const r = report({
      lead: { 'lead.f1': { rating: 'emerging' } },
      ports: { 'ports.f1': { rating: 'present', actions: [{ action: 'Dredge', due: '2026-03-31' }] } },
    });
    expect(redFlagList(r).map(({ i }) => i.id)).toEqual(['ports.f1', 'lead.f1']);
    expect(redFlagIntro(redFlagList(r))).toEqual([
      '2 indicators are rated at a red-flag level, 1 of them serious (listed first). ',
      { strong: '1 red flag has no action recorded:' },
      ' lead.f1.',
    ]);
    expect(spansText(overallStatus(r, scales))).toContain('there are 2 red flags (1 serious), 1 open action and 0 overdue.');
    expect(actionPlanIntro(r)).toBe(
      '1 action: 1 open (0 overdue as of 31 January 2026) and 0 done. Open actions come first, then completed ones; each group runs from the earliest due date, with actions that have no due date last.',
    );
  });

  it('says every red flag has an action when none lacks one', () => {
    const r = report({ lead: { 'lead.f1': { rating: 'emerging', actions: [{ action: 'Mediate' }] } } });
    expect(redFlagIntro(redFlagList(r))).toEqual(['1 indicator is rated at a red-flag level. Every red flag has at least one action recorded.']);
    expect(redFlagIntro([])).toEqual(['No indicator is rated at a red-flag level.']);
  });

  it('counts levels short of target', () => {
    const r = report({ lead: { 'lead.c1': { rating: 'established', target: 'embedded' }, 'lead.c2': { rating: 'developing', target: 'embedded' } } });
    expect(reportGaps(r).shortOfTarget.map(({ i }) => shortfall(i))).toEqual([
      { rating: 'Established', target: 'Embedded', shortBy: '1 level' },
      { rating: 'Developing', target: 'Embedded', shortBy: '2 levels' },
    ]);
    // lead.c2 is derived, so the derived note goes under the gaps.
    expect(footnotes(r, reportGaps(r).listed)).toEqual([expect.stringMatching(/^† Derived: /)]);
  });
});

it('writes each assurance step, or that it is not yet taken', () => {
  const r = report({}, { themes: { lead: { assurance: { assessed: { by: 'Jo Bloggs', on: '2025-09-01' } } } } });
  expect(assuranceLine(theme(r, 'lead'))).toBe('assessed on 1 September 2025 by Jo Bloggs; not yet moderated; not yet signed off');
  expect(gapWords(r).staleEvidence.none).toBe('None: no evidence is past its review-by date as of 31 January 2026.');
});
