// The Markdown report, read back with a real Markdown parser (micromark with GFM): the sections
// and theme headings it must have, the tables' columns and rows, and text people wrote that tries
// to break a table or inject HTML.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Heading, Nodes, Root, RootContent, Table } from 'mdast';
import { gfm } from 'micromark-extension-gfm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Answers, IndicatorAnswer } from '../../src/answers/model.js';
import { assess, type Report } from '../../src/assessment/assess.js';
import { scoringRules } from '../../src/assessment/rules.js';
import { indexCatalogue, type Catalogue } from '../../src/catalogue/model.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { reportScales, type ReportRenderOptions } from '../../src/render/report-formats.js';
import { tinyCatalogue } from '../fixtures/catalogues.js';
import { ROOT } from '../helpers.js';

// --- Reading Markdown back ---------------------------------------------------------------------

const parse = (text: string): Root => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** A node's text as a reader sees it; <br> as a line break. */
function text(node: Nodes): string {
  if (node.type === 'html') return node.value === '<br>' ? '\n' : node.value;
  if ('value' in node) return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(text).join('');
  return '';
}

/** The nodes under each level-2 heading, by the heading's text. */
function sections(root: Root): Map<string, RootContent[]> {
  const out = new Map<string, RootContent[]>();
  let current: RootContent[] | undefined;
  for (const node of root.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      current = [];
      out.set(text(node), current);
    } else current?.push(node);
  }
  return out;
}

/** The nodes under each level-3 heading within some nodes. */
function subsections(nodes: readonly RootContent[]): Map<string, RootContent[]> {
  const out = new Map<string, RootContent[]>();
  let current: RootContent[] | undefined;
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth === 3) {
      current = [];
      out.set(text(node), current);
    } else current?.push(node);
  }
  return out;
}

const tables = (nodes: readonly RootContent[]): Table[] => nodes.filter((n): n is Table => n.type === 'table');
const header = (t: Table): string[] => t.children[0]!.children.map(text);
const body = (t: Table): string[][] => t.children.slice(1).map((row) => row.children.map(text));

/** Every node in a tree, depth first. */
function* walk(node: Nodes): Generator<Nodes> {
  yield node;
  if ('children' in node) for (const child of node.children as Nodes[]) yield* walk(child);
}

// --- Reports to read ---------------------------------------------------------------------------

// The shipped catalogue and the examples as plain data: the loader's checks are the e2e tests' job
// (and `bva validate` passes both examples), so these tests depend on rendering alone.
const yamlAt = (path: string): unknown => parseYaml(readFileSync(join(ROOT, path), 'utf8'));
const shipped = indexCatalogue(yamlAt('criteria/best-value-2024-1.0.0.yaml') as Catalogue, { path: 'criteria/best-value-2024-1.0.0.yaml', display: 'best-value-2024', shipped: true });
const loadExample = (name: string) => ({ answers: yamlAt(`examples/${name}`) as Answers, catalogue: shipped });

const options = (catalogue: Pick<Catalogue, 'scales'>): ReportRenderOptions => ({ generatedBy: 'bva 9.9.9', scales: reportScales(catalogue) });

const current = loadExample('2025-26.yaml');
const last = loadExample('2024-25.yaml');
const example = assess(current.answers, current.catalogue, { asOf: '2026-01-31', previous: last.answers, version: '9.9.9' });
const exampleMd = renderMarkdown(example, options(current.catalogue.catalogue));
const exampleTree = parse(exampleMd);
const exampleSections = sections(exampleTree);

/** A one-theme catalogue for hand-made cases, with a second failure indicator and the whole source credit. */
const tiny = tinyCatalogue(current.catalogue.catalogue.scales, {
  lead: [{ id: 'lead.f2', kind: 'failure', text: 'Leaders leave.', reference: 'S5' }],
  source: { attribution: 'Contains public sector information.', note: 'Wording is our summary.' },
});

function tinyReport(indicators: Record<string, IndicatorAnswer>, extra: Partial<Answers> = {}, previous?: Answers): Report {
  const answers: Answers = { catalogue: { id: 'tiny', version: '2.0.0' }, authority: 'Testshire Council', period: '2025-26', themes: { lead: { indicators } }, ...extra };
  return assess(answers, tiny, { asOf: '2026-01-31', previous, version: '9.9.9' });
}
const tinyMd = (r: Report): string => renderMarkdown(r, options(tiny.catalogue));

// --- The example -------------------------------------------------------------------------------

describe('the example report (2025-26 against 2024-25)', () => {
  it('has the title and the sections, in order', () => {
    const h1 = exampleTree.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 1).map(text);
    expect(h1).toEqual(['Best Value self-assessment: Marlbridge Borough Council, 2025-26']);
    expect([...exampleSections.keys()].slice(1)).toEqual(['Executive summary', "Red flags for members' attention", 'Themes', 'Action plan', 'Gaps', 'Method']);
  });

  it('has a title block with the catalogue, the dates and the period compared with', () => {
    const block = text(exampleSections.get(h1Text())!.find((n) => n.type === 'list')!);
    expect(block).toContain('Authority: Marlbridge Borough Council');
    expect(block).toContain('Catalogue: Best Value Duty self-assessment (statutory guidance, May 2024) (best-value-2024 1.0.0)');
    expect(block).toContain('Assessment date: 21 October 2025');
    expect(block).toContain('Status as of: 31 January 2026');
    expect(block).toContain('Compared with: 2024-25');
    expect(block).toContain('Participants: Helen Ashworth (Chief Executive and Head of Paid Service);');
  });

  it("opens the executive summary with the authority's status, its reasons and its level", () => {
    const c = example.summary.counts;
    const rated = example.themes.flatMap((t) => t.indicators).filter((i) => i.kind === 'characteristic' && i.status === 'rated').length;
    expect(text(exampleSections.get('Executive summary')![0]!)).toBe(
      `Overall status: Amber, the worst of the themes' statuses (${example.summary.reasons.join('; ')}). ` +
        `Overall level: Established, the median of ${rated} ratings on the “Characteristic of a well-functioning authority” scale. ` +
        `${c.answered} of ${c.indicators} indicators are answered; there are ${c.redFlags} red flags, ${c.openActions} open actions and ${c.overdueActions} overdue.`,
    );
  });

  it('has an executive summary table with a row per theme and one for the whole authority', () => {
    const [t] = tables(exampleSections.get('Executive summary')!);
    expect(header(t!)).toEqual(['Theme', 'RAG', 'Level', 'Answered', 'Red flags', 'Open actions', 'Overdue', 'Movement']);
    const rows = body(t!);
    expect(rows.map((r) => r[0])).toEqual([...example.themes.map((th) => `${th.number}. ${th.title}`), 'Whole authority']);
    const words = { red: 'Red', amber: 'Amber', green: 'Green', 'not-assessed': 'Not assessed' };
    expect(rows.map((r) => r[1])).toEqual([...example.themes.map((th) => words[th.rag]), words[example.summary.rag]]);
    example.themes.forEach((th, n) => {
      expect(rows[n]!.slice(3, 7)).toEqual([`${th.counts.answered} of ${th.counts.indicators}`, String(th.counts.redFlags), String(th.counts.openActions), String(th.counts.overdueActions)]);
    });
  });

  it('has a heading for every theme, each with its indicator table', () => {
    const themes = subsections(exampleSections.get('Themes')!);
    expect([...themes.keys()]).toEqual(current.catalogue.themes.map((t, n) => `${n + 1}. ${t.title}`));
    current.catalogue.themes.forEach((theme, n) => {
      const [t] = tables(themes.get(`${n + 1}. ${theme.title}`)!);
      expect(header(t!)).toEqual(['ID', 'Indicator', 'Rating', 'Commentary', 'Evidence']);
      expect(body(t!).map((r) => r[0]!.replace(' †', ''))).toEqual(theme.indicators.map((i) => i.id));
    });
  });

  it('marks derived indicators and explains the mark under the table', () => {
    const themes = subsections(exampleSections.get('Themes')!);
    const resources = themes.get('5. Use of resources')!;
    const ids = body(tables(resources)[0]!).map((r) => r[0]);
    expect(ids).toContain('res.f1 †');
    expect(resources.map(text)).toContain(
      "† Derived: the catalogue's own reading, not a point its source makes in so many words.",
    );
  });

  it('shows target and movement in the rating cell, and marks stale evidence', () => {
    const rows = body(tables(subsections(exampleSections.get('Themes')!).get('1. Continuous improvement')!)[0]!);
    const c1 = rows.find((r) => r[0] === 'ci.c1')!;
    expect(c1[2]).toBe('Established (target Embedded; improved from Developing)');
    expect(c1[4]).toBe('Marlbridge Performance Framework 2025-29; Quarter 1 2025-26 Performance Report to Cabinet (review overdue since 31 December 2025)');
  });

  it('lists every red flag with its actions', () => {
    const nodes = exampleSections.get("Red flags for members' attention")!;
    const [t] = tables(nodes);
    expect(header(t!)).toEqual(['Theme', 'ID', 'Indicator', 'Rating', 'Commentary', 'Actions']);
    const flagged = example.themes.flatMap((th) => th.redFlags);
    expect(body(t!).map((r) => r[1]!.replace(' †', '')).sort()).toEqual([...flagged].sort());
    const res = body(t!).find((r) => r[1] === 'res.f3 †')!;
    expect(res[3]).toBe('Emerging (red flag; unchanged)');
    expect(res[5]).toBe('Restructure the finance team and recruit a permanent Chief Accountant who can act as deputy Section 151 Officer (Director of Finance; due 30 January 2026; Overdue)');
  });

  it('has the action plan, open first by due date, then done, with overdue actions marked', () => {
    const [t] = tables(exampleSections.get('Action plan')!);
    expect(header(t!)).toEqual(['Action', 'Theme', 'Indicator', 'Owner', 'Due', 'Status']);
    const rows = body(t!);
    expect(rows).toHaveLength(example.actions.length);
    const statuses = rows.map((r) => r[5]);
    const firstDone = statuses.indexOf('Done');
    expect(statuses.slice(0, firstDone).every((s) => s === 'Open' || s === 'Overdue')).toBe(true);
    expect(statuses.slice(firstDone).every((s) => s === 'Done')).toBe(true);
    expect(statuses.filter((s) => s === 'Overdue')).toHaveLength(example.summary.counts.overdueActions);
    const dueOf = new Map(example.actions.map((a) => [a.action, a.due ?? '']));
    const open = rows.slice(0, firstDone).map((r) => dueOf.get(r[0]!)!);
    expect(open).toEqual([...open].sort());
  });

  it('lists the gaps: unanswered, short of target, not moderated or signed off, stale evidence', () => {
    const gaps = subsections(exampleSections.get('Gaps')!);
    expect([...gaps.keys()]).toEqual(['Unanswered indicators', 'Ratings short of target', 'Themes not yet moderated or signed off', 'Evidence past its review date']);
    expect(text(gaps.get('Unanswered indicators')![0]!)).toBe('None: every indicator is rated or marked not applicable.');
    const short = tables(gaps.get('Ratings short of target')!)[0]!;
    expect(header(short)).toEqual(['Theme', 'ID', 'Indicator', 'Rating', 'Target', 'Short by']);
    expect(body(short)).toHaveLength(example.summary.counts.shortOfTarget);
    const unassured = body(tables(gaps.get('Themes not yet moderated or signed off')!)[0]!);
    expect(unassured.map((r) => r[0])).toEqual(example.themes.filter((t) => t.assurance.state !== 'signed-off').map((t) => `${t.number}. ${t.title}`));
    expect(body(tables(gaps.get('Evidence past its review date')!)[0]!)).toHaveLength(example.summary.counts.staleEvidence);
  });

  it('prints the rules, the scales and the credit in the method note', () => {
    const method = subsections(exampleSections.get('Method')!);
    const rules = method.get('Scoring rules')!.find((n) => n.type === 'list')!;
    expect(rules.type === 'list' && rules.ordered).toBe(true);
    expect(rules.type === 'list' && rules.children.map(text)).toEqual(scoringRules(current.catalogue.catalogue.scales));
    const scales = method.get('Rating scales')!.map(text);
    expect(scales).toContain('Characteristic of a well-functioning authority: How far is this in place? (from worst to best)');
    expect(scales.join('\n')).toContain('Embedded: How the council routinely works, reviewed and improved, and recognised by others.');
    expect(scales.join('\n')).toContain('Present: Present now and affecting the council. Counts as Red. A red flag.');
    const source = method.get('Source')!.map(text);
    const s = current.catalogue.catalogue.source!;
    expect(source[0]).toBe(`Source: ${s.title}, ${s.publisher}, 8 May 2024, ${s.url}. ${s.attribution}`);
    expect(source[1]).toBe(`About the catalogue: ${s.note}`);
    const link = [...walk(method.get('Source')![0]! as Nodes)].find((n) => n.type === 'link');
    expect(link?.type === 'link' && link.url).toBe(s.url);
  });

  it('writes no colour codes and no HTML other than line breaks', () => {
    expect(exampleMd).not.toMatch(/\u001b/);
    const html = [...walk(exampleTree)].filter((n) => n.type === 'html').map((n) => (n.type === 'html' ? n.value : ''));
    expect(new Set(html)).toEqual(new Set(html.length > 0 ? ['<br>'] : []));
  });

  it('is a pure function of the report: the same text twice, and the report untouched', () => {
    const before = structuredClone(example);
    expect(renderMarkdown(example, options(current.catalogue.catalogue))).toBe(exampleMd);
    expect(example).toEqual(before);
  });
});

function h1Text(): string {
  return text(exampleTree.children.find((n) => n.type === 'heading' && n.depth === 1)!);
}

// --- Edges -------------------------------------------------------------------------------------

describe('a report with no previous period', () => {
  const r = tinyReport({ 'lead.c1': { rating: 'established' } });
  const s = sections(parse(tinyMd(r)));

  it('has no movement column and no "compared with" line', () => {
    expect(header(tables(s.get('Executive summary')!)[0]!)).toEqual(['Theme', 'RAG', 'Level', 'Answered', 'Red flags', 'Open actions', 'Overdue']);
    expect(tinyMd(r)).not.toContain('Compared with');
  });

  it('says what is missing rather than printing empty tables', () => {
    expect(text(s.get("Red flags for members' attention")![0]!)).toBe('No indicator is rated at a red-flag level.');
    expect(text(s.get('Action plan')![0]!)).toBe('No actions are recorded.');
    const unanswered = body(tables(subsections(s.get('Gaps')!).get('Unanswered indicators')!)[0]!);
    expect(unanswered.map((row) => row[1])).toEqual(['lead.c2 †', 'lead.f1', 'lead.f2']);
  });

  it('says Not answered in the rating cell of an unanswered indicator', () => {
    const rows = body(tables(subsections(s.get('Themes')!).get('1. Leadership')!)[0]!);
    expect(rows.map((row) => row[2])).toEqual(['Established', 'Not answered', 'Not answered', 'Not answered']);
    expect(rows[1]![3]).toBe('—');
  });
});

it('writes a theme with nothing rated as Not assessed, in words', () => {
  const s = sections(parse(tinyMd(tinyReport({}))));
  const [row] = body(tables(s.get('Executive summary')!)[0]!);
  expect(row!.slice(1, 3)).toEqual(['Not assessed', 'Not assessed']);
  expect(text(s.get('Executive summary')![0]!)).toBe(
    "Overall status: Not assessed, the worst of the themes' statuses (1 theme not assessed: Leadership). Overall level: not assessed, as nothing is rated on the “Characteristic of a well-functioning authority” scale. " +
      '0 of 4 indicators are answered; there are 0 red flags, 0 open actions and 0 overdue.',
  );
  expect(text(subsections(s.get('Themes')!).get('1. Leadership')![0]!)).toContain('Status: Not assessed: no indicator is answered');
});

it('calls out a red flag with no action recorded, serious ones first', () => {
  const r = tinyReport({
    'lead.f1': { rating: 'emerging', actions: [{ action: 'Mediate', owner: 'Chief Executive', due: '2026-03-31' }] },
    'lead.f2': { rating: 'present' },
  });
  const nodes = sections(parse(tinyMd(r))).get("Red flags for members' attention")!;
  expect(text(nodes[0]!)).toBe('2 indicators are rated at a red-flag level, 1 of them serious (listed first). 1 red flag has no action recorded: lead.f2.');
  expect(body(tables(nodes)[0]!).map((row) => [row[1], row[3], row[5]])).toEqual([
    ['lead.f2', 'Present (serious red flag)', 'No action recorded'],
    ['lead.f1', 'Emerging (red flag)', 'Mediate (Chief Executive; due 31 March 2026; Open)'],
  ]);
});

it('shows movement in words, in the rating cells and the summary', () => {
  const previous: Answers = {
    catalogue: { id: 'tiny', version: '2.0.0' },
    authority: 'Testshire Council',
    period: '2024-25',
    themes: { lead: { indicators: { 'lead.c1': { rating: 'developing' }, 'lead.c2': { rating: 'embedded' }, 'lead.f1': { rating: 'not-present' } } } },
  };
  const r = tinyReport({ 'lead.c1': { rating: 'established' }, 'lead.c2': { rating: 'developing' }, 'lead.f2': { rating: 'not-present' } }, {}, previous);
  const s = sections(parse(tinyMd(r)));
  const rows = body(tables(subsections(s.get('Themes')!).get('1. Leadership')!)[0]!);
  expect(rows.map((row) => row[2])).toEqual(['Established (improved from Developing)', 'Developing (declined from Embedded)', 'Not answered (rated Not present in 2024-25)', 'Not present (not rated in 2024-25)']);
  const [summary] = body(tables(s.get('Executive summary')!)[0]!);
  // Level before: developing, embedded → developing; now: established, developing → developing.
  expect(summary![7]).toBe('level unchanged (Developing); 1 improved, 1 declined, 1 newly rated, 1 no longer rated');
});

describe('text people wrote', () => {
  const hostile = 'A | B <script>alert(1)</script>\n# Not a heading\n- not a list\n`rm -rf` ![x](javascript:alert(1)) [y](javascript:alert(2)) **bold** \\| <img src=x onerror=alert(3)>';
  const r = tinyReport(
    {
      'lead.c1': {
        rating: 'established',
        commentary: hostile,
        evidence: [
          { title: 'Bad | link', link: 'javascript:alert(4)' },
          { title: 'Odd link', link: 'https://example.org/a b|c)d<e>' },
          'Plain | line `code`',
        ],
        actions: [{ action: hostile, owner: 'Owner | <b>x</b>', due: '2026-01-01' }],
      },
      'lead.f1': { rating: 'present', commentary: hostile },
    },
    { authority: 'Evil | <script>Council</script>\n# H', participants: ['Name | `x`\n- y'] },
  );
  r.themes[0]!.summary = hostile;
  const md = tinyMd(r);
  const tree = parse(md);
  const s = sections(tree);

  it('keeps every table row to its columns', () => {
    for (const t of [...walk(tree)].filter((n): n is Table => n.type === 'table')) {
      const width = t.children[0]!.children.length;
      for (const row of t.children) expect(row.children).toHaveLength(width);
    }
    expect(body(tables(subsections(s.get('Themes')!).get('1. Leadership')!)[0]!)).toHaveLength(4);
  });

  it('reads back exactly as written, in a cell and in prose', () => {
    const rows = body(tables(subsections(s.get('Themes')!).get('1. Leadership')!)[0]!);
    expect(rows[0]![3]).toBe(hostile);
    const block = text(s.get(`Best Value self-assessment: Evil | <script>Council</script>\n# H, 2025-26`)!.find((n) => n.type === 'list')!);
    expect(block).toContain('Authority: Evil | <script>Council</script>\n# H');
    expect(block).toContain('Participants: Name | `x`\n- y');
    expect(text(subsections(s.get('Themes')!).get('1. Leadership')!.find((n) => n.type === 'paragraph')!)).toBe(`The council's summary: ${hostile}`);
  });

  it('creates no headings, lists, code, images, HTML or script links from it', () => {
    const headings = [...walk(tree)].filter((n) => n.type === 'heading').map((n) => text(n));
    expect(headings.filter((h) => h.includes('Not a heading'))).toEqual([]);
    const nodes = [...walk(tree)];
    expect(nodes.filter((n) => n.type === 'inlineCode' || n.type === 'code' || n.type === 'image')).toEqual([]);
    expect(nodes.filter((n) => n.type === 'html' && n.value !== '<br>')).toEqual([]);
    expect(nodes.filter((n) => n.type === 'link' && !/^https?:/.test(n.url))).toEqual([]);
    expect(nodes.filter((n) => n.type === 'strong' && text(n) === 'bold')).toEqual([]);
    expect(nodes.filter((n) => n.type === 'listItem' && text(n).startsWith('not a list'))).toEqual([]);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
  });

  it('links evidence only to http(s) URLs, with the URL encoded so it cannot end the link or the cell', () => {
    const rows = body(tables(subsections(s.get('Themes')!).get('1. Leadership')!)[0]!);
    expect(rows[0]![4]).toBe('Bad | link; Odd link; Plain | line `code`');
    const links = [...walk(tree)].filter((n) => n.type === 'link').map((n) => (n.type === 'link' ? [text(n), n.url] : []));
    expect(links).toContainEqual(['Odd link', 'https://example.org/a%20b%7Cc%29d%3Ce%3E']);
    expect(links.find(([t]) => t === 'Bad | link')).toBeUndefined();
  });
});

describe('marks that explain an item', () => {
  // A draft item and a derived one, from a catalogue that names its draft.
  const marked = tinyCatalogue(current.catalogue.catalogue.scales, {
    lead: [{ id: 'lead.c3', kind: 'characteristic', text: 'Leaders plan ahead.', reference: 'Draft, Leadership', draft: true }],
    source: { draft: { title: 'The guide (draft for consultation)', date: '2023-07-04', url: 'https://example.org/draft' } },
  });
  const md = (ids: Record<string, IndicatorAnswer>): string =>
    renderMarkdown(assess({ catalogue: { id: 'tiny', version: '2.0.0' }, authority: 'Testshire Council', period: '2025-26', themes: { lead: { indicators: ids } } }, marked, { asOf: '2026-01-31', version: '9.9.9' }), options(marked.catalogue));

  it('marks a draft item ‡ and a derived one †, each explained under the table, and names the draft in the method note', () => {
    const s = sections(parse(md({ 'lead.c1': { rating: 'established' } })));
    const theme = subsections(s.get('Themes')!).get('1. Leadership')!;
    expect(body(tables(theme)[0]!).map((r) => r[0])).toEqual(['lead.c1', 'lead.c2 †', 'lead.f1', 'lead.c3 ‡']);
    expect(theme.map(text).slice(-2)).toEqual([
      "† Derived: the catalogue's own reading, not a point its source makes in so many words.",
      '‡ Draft wording: found only in “The guide (draft for consultation)” (4 July 2023), not confirmed in the final text.',
    ]);
    expect(subsections(s.get('Method')!).get('Source')!.map(text)).toContain('Draft cited: The guide (draft for consultation), 4 July 2023, https://example.org/draft.');
  });

  it('prints no footnote where no shown item has its mark', () => {
    const plain = tinyCatalogue(current.catalogue.catalogue.scales, { lead: [] });
    const r = assess({ catalogue: { id: 'tiny', version: '2.0.0' }, authority: 'T', period: '2025-26', themes: { lead: { indicators: { 'lead.f1': { rating: 'present' } } } } }, plain, { asOf: '2026-01-31', version: '9.9.9' });
    const s = sections(parse(renderMarkdown(r, options(plain.catalogue))));
    // The red flags table lists lead.f1 alone, which is neither derived nor draft.
    expect(s.get("Red flags for members' attention")!.map(text).filter((t) => /^[†‡]/.test(t))).toEqual([]);
    expect(renderMarkdown(r, options(plain.catalogue))).not.toContain('‡');
  });
});
