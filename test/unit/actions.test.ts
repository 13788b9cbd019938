// The action plan, pure: entries, filters, groups and the comparison with an earlier revision, and
// its Markdown, JSON and CSV renderings (CSV as RFC 4180, no cell a spreadsheet would run).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyToData, type Change } from '../../src/answers/edit.js';
import { loadAnswersFile } from '../../src/answers/load.js';
import type { Answers, LoadedAnswers } from '../../src/answers/model.js';
import { actionPlan, matchActions } from '../../src/assessment/actions.js';
import { assess } from '../../src/assessment/assess.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import validateActions from '../../src/generated/validate-actions.js';
import { actionsTable, renderActionsCsv, renderActionsJson, renderActionsMarkdown } from '../../src/render/actions.js';
import { ROOT } from '../helpers.js';

async function load(file: string): Promise<LoadedAnswers> {
  const r = await loadAnswersFile(join(ROOT, file), file, { store: new CatalogueStore(ROOT) });
  if (!r.ok) throw new Error(`${file} should be valid`);
  return r.value;
}

const l = await load('examples/2024-25.yaml');
/** Scored as bva actions scores a file: as of the day the plan is judged on. */
const scored = (answers: Answers) => assess(answers, l.catalogue, { asOf: '2025-03-31', version: 'test' });
const plan = (answers: Answers, o: Partial<Parameters<typeof actionPlan>[0]> = {}, earlier?: Parameters<typeof actionPlan>[1]) =>
  actionPlan({ report: scored(answers), file: '2024-25.yaml', version: 'test', filters: {}, ...o }, earlier);

const path = (indicator: string, theme: string, n: number, ...rest: string[]) => ['themes', theme, 'indicators', indicator, 'actions', n, ...rest];

describe('the action plan', () => {
  const p = plan(l.answers);

  it('lists every action with its reference, status as of the day, and days overdue', () => {
    expect(p.counts).toEqual({ actions: 30, open: 29, overdue: 7, done: 1 });
    expect(p.actions.slice(0, 3).map((e) => [e.ref, e.status, e.due, e.daysOverdue])).toEqual([
      ['lead.f2#2', 'overdue', '2025-01-31', 59],
      ['lead.f3#1', 'overdue', '2025-01-31', 59],
      ['cult.c4#1', 'overdue', '2025-01-31', 59],
    ]);
    expect(p.actions[p.actions.length - 1]).toEqual({
      ref: 'lead.c5#1',
      theme: 'leadership',
      themeTitle: 'Leadership',
      indicator: 'lead.c5',
      action: 'Set up a Statutory Officers Group with agreed terms of reference',
      owner: 'Chief Executive',
      due: '2024-10-31',
      status: 'done',
      progress: [],
    });
    expect(validateActions(JSON.parse(renderActionsJson(p))), JSON.stringify(validateActions.errors)).toBe(true);
  });

  it('filters by owner (case and spacing ignored), theme and status', () => {
    const byOwner = plan(l.answers, { filters: { owner: '  monitoring   OFFICER ' } });
    expect(byOwner.actions.map((e) => e.ref)).toEqual(['ci.c8#1', 'gov.c7#1', 'gov.c4#1', 'ci.c6#1', 'lead.c7#1']);
    expect(plan(l.answers, { filters: { themes: ['governance'], status: 'open' } }).actions.map((e) => e.ref)).toEqual(['gov.c2#1', 'gov.c7#1', 'gov.c4#1']);
    expect(plan(l.answers, { filters: { status: 'overdue' } }).counts).toEqual({ actions: 7, open: 7, overdue: 7, done: 0 });
    expect(plan(l.answers, { filters: { status: 'done' } }).actions.map((e) => e.ref)).toEqual(['lead.c5#1']);
  });

  it('groups by theme in catalogue order, or by owner alphabetically', () => {
    const md = renderActionsMarkdown(plan(l.answers, { groupBy: 'theme' }));
    expect([...md.matchAll(/^### (.+)$/gm)].map((m) => m[1])).toEqual(['Continuous improvement', 'Leadership', 'Governance', 'Culture', 'Use of resources', 'Service delivery', 'Partnerships and community engagement']);
    const byOwner = renderActionsMarkdown(plan(l.answers, { groupBy: 'owner' }));
    expect([...byOwner.matchAll(/^### (.+)$/gm)].map((m) => m[1])).toEqual([
      'Chief Executive',
      'Democratic Services Manager',
      'Director of Finance',
      'Head of Customer Services',
      'Head of HR and Organisational Development',
      'Head of Internal Audit',
      'Head of Policy and Performance',
      'Head of Property and Regeneration',
      'Monitoring Officer',
      'Procurement Manager',
    ]);
    expect(byOwner).toContain('| Ref | Action | Theme | Due | Status | Done | Progress |');
  });

  it('compares planned and actual dates, and shows progress notes', () => {
    const changes: Change[] = [
      { op: 'set', path: path('lead.c1', 'leadership', 0, 'status'), value: 'done' },
      { op: 'set', path: path('lead.c1', 'leadership', 0, 'done-on'), value: '2025-03-04' },
      { op: 'set', path: path('lead.f2', 'leadership', 0, 'progress'), value: [{ on: '2025-02-10', note: 'Shortlist agreed; interviews on 3 March.' }] },
    ];
    const p2 = plan(applyToData(l.answers, changes) as Answers);
    const adopted = p2.actions.find((e) => e.ref === 'lead.c1#1')!;
    expect([adopted.status, adopted.doneOn, adopted.daysLate]).toEqual(['done', '2025-03-04', 6]);
    const md = renderActionsMarkdown(p2);
    expect(md).toContain('| lead.c1\\#1 | Adopt a Corporate Plan for 2025-29 after engagement with members, residents and partners | Leadership | Chief Executive | 26 February 2025 | Done | 4 March 2025 (6 days late) | — |');
    expect(md).toContain('| 31 March 2025 | Open | — | 2025-02-10: Shortlist agreed; interviews on 3 March. |');
  });
});

describe('compared with an earlier revision', () => {
  // The earlier revision: as the file was. Now: one done, one added, one slipped, one reworded, one removed.
  const now = applyToData(l.answers, [
    { op: 'set', path: path('lead.c1', 'leadership', 0, 'status'), value: 'done' },
    { op: 'append', path: ['themes', 'leadership', 'indicators', 'lead.c1', 'actions'], value: { action: 'Hold a member seminar on the Corporate Plan', owner: 'Chief Executive', due: '2025-05-15' } },
    { op: 'set', path: path('lead.f2', 'leadership', 1, 'due'), value: '2025-04-30' },
    { op: 'set', path: path('gov.c2', 'governance', 0, 'action'), value: 'Commission the Centre for Governance and Scrutiny to review scrutiny, and report to Council' },
    { op: 'set', path: ['themes', 'culture', 'indicators', 'cult.c4', 'actions'], value: [] },
    { op: 'set', path: path('res.f3', 'use-of-resources', 0, 'progress'), value: [{ on: '2025-03-01', note: 'Structure agreed.' }] },
  ]) as Answers;
  const p = plan(now, {}, { report: scored(l.answers), revision: 'HEAD~1', file: 'abc1234:2024-25.yaml', commit: 'abc1234'.padEnd(40, '0'), date: '2025-01-06T09:00:00+00:00' });

  it('shows what was completed, added, slipped and removed, matching a reworded action by its reference', () => {
    const s = p.since!;
    expect(s.completed.map((e) => e.ref)).toEqual(['lead.c1#1']);
    expect(s.added.map((e) => [e.ref, e.action])).toEqual([['lead.c1#2', 'Hold a member seminar on the Corporate Plan']]);
    expect(s.slipped.map((x) => [x.entry.ref, x.was, x.entry.due, x.days])).toEqual([['lead.f2#2', '2025-01-31', '2025-04-30', 89]]);
    expect(s.removed.map((e) => [e.ref, e.action])).toEqual([['cult.c4#1', 'Start a monthly extended leadership team for all heads of service']]);
    expect(s.notes).toBe(1);
    expect(validateActions(JSON.parse(renderActionsJson(p))), JSON.stringify(validateActions.errors)).toBe(true);
  });

  it('says so in Markdown, and marks each change in the CSV', () => {
    const md = renderActionsMarkdown(p);
    expect(md).toContain('## Since HEAD\\~1\n\nCompared with the file as it was at HEAD\\~1: abc1234, 6 January 2025; each action matched by its indicator and wording.\n\n**Completed (1):**');
    expect(md).toContain('| lead.f2\\#2 | Designate a deputy Section 151 Officer and a deputy Monitoring Officer | Chief Executive | 31 January 2025 | 30 April 2025 | 89 days |');
    expect(md).toContain('**Removed without being marked done (1):**');
    const csv = renderActionsCsv(p).split('\r\n');
    expect(csv[0]).toBe('\uFEFFref,theme,indicator,action,owner,due,status,done_on,days_overdue,days_late,progress,since');
    expect(csv).toContain('lead.f2#2,Leadership,lead.f2,Designate a deputy Section 151 Officer and a deputy Monitoring Officer,Chief Executive,2025-04-30,open,,,,,slipped from 2025-01-31');
    expect(csv).toContain('cult.c4#1,Culture,cult.c4,Start a monthly extended leadership team for all heads of service,Chief Executive,2025-01-31,overdue,,59,,,removed');
    expect(csv[csv.length - 1]).toBe('');
  });

  it('matches by wording first, so two actions that read the same pair in order', () => {
    const k = (s: string) => s;
    expect(matchActions(['a', 'a', 'b'], ['a', 'c', 'a'], { identity: k })).toEqual({ pairs: [['a', 'a'], ['a', 'a']], added: ['c'], removed: ['b'] });
  });
});

describe('the plan as a table, for CSV and a workbook', () => {
  const p = plan(l.answers, {});

  it('types its columns as bva export does: days as dates, counts as numbers, long text wrapped', () => {
    const t = actionsTable(p);
    expect(t.columns.map((c) => `${c.header}:${c.kind}${c.wrap ? ' wrap' : ''}`)).toEqual([
      'ref:text', 'theme:text', 'indicator:text', 'action:text wrap', 'owner:text', 'due:date', 'status:text', 'done_on:date', 'days_overdue:number', 'days_late:number', 'progress:text wrap',
    ]);
    expect(t.rows).toHaveLength(p.actions.length);
  });

  it("is written as bva export writes CSV: a byte-order mark for Excel, CRLF, and text a spreadsheet would run kept as text", () => {
    const risky = plan(
      applyToData(l.answers, [{ op: 'set', path: path('lead.f2', 'leadership', 0, 'action'), value: '=HYPERLINK("http://x","y")' }]) as Answers,
      {},
    );
    const csv = renderActionsCsv(risky);
    expect(csv.startsWith('\uFEFFref,theme,indicator,action,')).toBe(true);
    expect(csv).toContain(',lead.f2,"\'=HYPERLINK(""http://x"",""y"")",');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('the report shows planned against actual dates and the latest progress', () => {
  const answers = applyToData(l.answers, [
    { op: 'set', path: path('lead.c1', 'leadership', 0, 'status'), value: 'done' },
    { op: 'set', path: path('lead.c1', 'leadership', 0, 'done-on'), value: '2025-03-04' },
    { op: 'set', path: path('lead.f2', 'leadership', 0, 'progress'), value: [{ on: '2025-01-20', note: 'Advertised.' }, { on: '2025-02-10', note: 'Shortlist agreed; interviews on 3 March.' }] },
  ]) as Answers;
  const r = scored(answers);

  it('in Markdown: the day done after Done, and a Progress column with each latest note', async () => {
    const { renderMarkdown } = await import('../../src/render/markdown.js');
    const md = renderMarkdown(r, { generatedBy: 'bva test' });
    expect(md).toContain('| Action | Theme | Indicator | Owner | Due | Status | Progress |');
    expect(md).toContain('| Recruit permanently to the Director of Finance (Section 151) and Monitoring Officer posts | Leadership | lead.f2 | Chief Executive | 31 March 2025 | Open | 10 February 2025: Shortlist agreed; interviews on 3 March. |');
    expect(md).toContain('| Adopt a Corporate Plan for 2025-29 after engagement with members, residents and partners | Leadership | lead.c1 | Chief Executive | 26 February 2025 | Done 4 March 2025 (6 days late) | — |');
    // With no progress note anywhere, no Progress column.
    expect(renderMarkdown(scored(l.answers), { generatedBy: 'bva test' })).toContain('| Action | Theme | Indicator | Owner | Due | Status |\n');
  });

  it('in HTML: the same, the day done on a line of its own', async () => {
    const { renderHtml } = await import('../../src/render/html.js');
    const html = renderHtml(r, { generatedBy: 'bva test' });
    expect(html).toContain('<td>Done<br>4 March 2025 (6 days late)</td><td>—</td></tr>');
    expect(html).toContain('<td>10 February 2025: Shortlist agreed; interviews on 3 March.</td></tr>');
  });
});
