// The committee report as one self-contained HTML page a clerk can publish as it is: inline CSS,
// inline SVG charts, no scripts and no requests; readable on screen and printed on A4, each theme
// on a new page. Pure: the report and options in, the page out. Markup is built with the `h`
// template, which escapes every value it is given unless it is markup built the same way, so
// text from an answers file or a catalogue can never become markup.
import type { ActionItem, IndicatorAssessment, LevelRef, Movement, MovementCounts, Rag, Report, ThemeAssessment } from '../generated/report.js';
import { htmlEscape } from './escape.js';
import { NOT_APPLICABLE_COLOUR, RAG_TONES, levelColour, pageStyle } from './html-style.js';
import { RAG_WORDS, longDate, type ReportRenderOptions } from './report-formats.js';
import { ratingsChart, themeGrid, type Bar, type BarSegment, type ChartLevel } from './svg.js';

// --- Safe markup -------------------------------------------------------------------------------

/** Markup that is already safe: built by `h`, or by a function that escapes what it is given. */
class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Value = Markup | string | number | false | null | undefined | readonly Value[];

/** Markup from trusted code only (the stylesheet, the charts); never user text. */
const trusted = (html: string): Markup => new Markup(html);

function flatten(v: Value): string {
  if (v instanceof Markup) return v.html;
  if (Array.isArray(v)) return v.map(flatten).join('');
  if (v === false || v === null || v === undefined) return '';
  return htmlEscape(String(v));
}

/** Builds markup: the literal parts as written, every value escaped unless it is Markup. */
function h(parts: TemplateStringsArray, ...values: readonly Value[]): Markup {
  let out = parts[0]!;
  values.forEach((v, i) => (out += flatten(v) + parts[i + 1]!));
  return new Markup(out);
}

/** Text a person wrote: paragraphs at blank lines, line breaks kept. */
function prose(text: string): Markup {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return h`${paragraphs.map((p) => h`<p>${p.trim().split('\n').map((line, n) => h`${n > 0 && trusted('<br>')}${line}`)}</p>`)}`;
}

/** A URL as a link's destination when it is http(s); anything else (javascript:, data:, a path) is never a link. */
export function httpUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}

/** Text as a link when the URL is http(s), else as text. */
function linked(text: string, url: string | undefined): Markup {
  const href = url === undefined ? undefined : httpUrl(url);
  return href ? h`<a href="${href}">${text}</a>` : h`${text}`;
}

/** A column of a table: its heading and how a row fills its cell. */
interface Column<T> {
  readonly head: string;
  readonly cell: (row: T) => Value;
  /** The cell names the row: a header cell for it. */
  readonly rowHeader?: boolean;
  readonly className?: string;
}

/** A table with a caption, header cells for columns (and the row-naming column), one row per item. */
function table<T>(caption: string, columns: readonly Column<T>[], rows: readonly T[], rowClass?: (row: T) => string | undefined): Markup {
  const cls = (c: Column<T>): Value => c.className && h` class="${c.className}"`;
  return h`<table><caption>${caption}</caption>
<thead><tr>${columns.map((c) => h`<th scope="col"${cls(c)}>${c.head}</th>`)}</tr></thead>
<tbody>
${rows.map((r) => {
  const rc = rowClass?.(r);
  return h`<tr${rc && h` class="${rc}"`}>${columns.map((c) => (c.rowHeader ? h`<th scope="row"${cls(c)}>${c.cell(r)}</th>` : h`<td${cls(c)}>${c.cell(r)}</td>`))}</tr>\n`;
})}</tbody></table>`;
}

/** Lines in one cell. */
const lines = (items: readonly Value[]): Markup => h`${items.filter((v) => v !== '' && v !== undefined && v !== false).map((v, n) => h`${n > 0 && trusted('<br>')}${v}`)}`;

// --- Words -------------------------------------------------------------------------------------

/** What every section reads: the report, its options, and lookups built once. */
interface Doc {
  readonly report: Report;
  readonly o: ReportRenderOptions;
  readonly themeById: ReadonlyMap<string, ThemeAssessment>;
  /** "2024-25", or "last period" when the previous ratings name none. */
  readonly previousPeriod: string;
  readonly withMovement: boolean;
}

const DERIVED_MARK = '†';
const DERIVED_NOTE = `${DERIVED_MARK} Derived: bva's reading of the guidance (the reverse of a point it makes, or a topic councils commonly assess), not a point the guidance makes in so many words.`;
const NONE = '—';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const ragBadge = (rag: Rag): Markup => h`<span class="rag rag-${rag}">${RAG_WORDS[rag]}</span>`;

const levelLabel = (level: LevelRef | undefined): string => level?.label ?? 'Not assessed';

const themeName = (t: ThemeAssessment): string => `${t.number}. ${t.title}`;

const themeAnchor = (t: ThemeAssessment): string => `theme-${t.number}`;

/** A rating word of last period, as its scale's label where the scale is known. */
function wordLabel(doc: Doc, kind: IndicatorAssessment['kind'], word: string): string {
  if (word === 'not-applicable') return 'Not applicable';
  return doc.o.scales?.find((s) => s.kind === kind)?.levels.find((l) => l.word === word)?.label ?? word;
}

/** Movement counts as words: "5 improved, 1 declined"; unchanged only when asked for. */
function countsText(c: MovementCounts, withUnchanged: boolean): string {
  return [
    c.improved > 0 ? `${c.improved} improved` : '',
    c.declined > 0 ? `${c.declined} declined` : '',
    withUnchanged && c.unchanged > 0 ? `${c.unchanged} unchanged` : '',
    c.new > 0 ? `${c.new} newly rated` : '',
    c.dropped > 0 ? `${c.dropped} no longer rated` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** A theme's level movement: "level Developing → Established". */
function levelMoveText(doc: Doc, t: ThemeAssessment): string {
  const m = t.movement;
  if (!m?.level) return '';
  const was = m.previousLevel?.label;
  const now = t.level?.label;
  if (m.level === 'unchanged') return `level unchanged (${now})`;
  if (m.level === 'new') return `level ${now} (not rated in ${doc.previousPeriod})`;
  if (m.level === 'dropped') return `level not rated (was ${was})`;
  return `level ${was} → ${now}`;
}

/** How a theme's level moved, as the grid's movement column says it. */
const LEVEL_MOVEMENT_WORDS: Record<Movement, string> = {
  improved: 'Improved',
  declined: 'Declined',
  unchanged: 'Unchanged',
  new: 'Newly rated',
  dropped: 'Not rated now',
};

/** How an indicator moved since last period, in words. */
function indicatorMovement(doc: Doc, i: IndicatorAssessment): string {
  if (!i.movement) return '';
  const was = i.previous === undefined ? '' : wordLabel(doc, i.kind, i.previous);
  switch (i.movement) {
    case 'improved':
      return `Improved from ${was}`;
    case 'declined':
      return `Declined from ${was}`;
    case 'unchanged':
      return 'Unchanged';
    case 'new':
      return `Not rated in ${doc.previousPeriod}`;
    case 'dropped':
      return `Rated ${was} in ${doc.previousPeriod}`;
  }
}

const actionState = (a: ActionItem): Markup => (a.overdue ? h`<strong class="overdue">Overdue</strong>` : h`${a.status === 'open' ? 'Open' : 'Done'}`);

/** An action in one line: "Do this (Owner; due 31 March 2026; Overdue)". */
const actionLine = (a: ActionItem): Markup =>
  h`${a.action} (${a.owner ?? 'no owner'}; ${a.due !== undefined ? `due ${longDate(a.due)}` : 'no due date'}; ${actionState(a)})`;

/** An indicator's id, with the derived mark. */
const idCell = (i: IndicatorAssessment): Markup => h`<span class="indicator-id">${i.id}${i.derived && ` ${DERIVED_MARK}`}</span>`;

/** The rating cell: the label, then a red flag, the target and the movement, one to a line. */
function ratingCell(doc: Doc, i: IndicatorAssessment): Markup {
  const head = i.status === 'rated' && i.rating ? (i.redFlag ? h`<strong>${i.rating.label}</strong>` : h`${i.rating.label}`) : i.status === 'not-applicable' ? h`Not applicable` : h`Not answered`;
  return lines([
    head,
    i.redFlag && h`<span class="red-flag">${i.seriousRedFlag ? 'Serious red flag' : 'Red flag'}</span>`,
    i.target && `Target: ${i.target.label}`,
    indicatorMovement(doc, i),
  ]);
}

/** The indicator's words with its guidance reference under them. */
const indicatorCell = (i: IndicatorAssessment): Markup => h`${i.text}<br><span class="ref">${i.reference}</span>`;

/** The commentary cell: the not-applicable reason first, then the commentary. */
function commentaryCell(i: IndicatorAssessment): Markup {
  if (i.reason === undefined && i.commentary === undefined) return h`${NONE}`;
  return h`<div class="commentary">${i.reason !== undefined && h`<p><strong>Not applicable:</strong> ${i.reason}</p>`}${i.commentary !== undefined && prose(i.commentary)}</div>`;
}

/** The evidence cell: a list, http(s) links as links, paths as code, stale entries marked. */
function evidenceCell(i: IndicatorAssessment): Markup {
  if (i.evidence.length === 0) return h`${NONE}`;
  return h`<ul class="evidence">${i.evidence.map(
    (e) =>
      h`<li>${linked(e.title, e.link)}${e.path !== undefined && h` <code>${e.path}</code>`}${e.stale && e.reviewBy !== undefined && h` <strong class="overdue">Review overdue since ${longDate(e.reviewBy)}</strong>`}</li>`,
  )}</ul>`;
}

const derivedNote = (show: boolean): Markup => h`${show && h`<p class="muted">${DERIVED_NOTE}</p>`}`;

// --- Charts ------------------------------------------------------------------------------------

/** The characteristic scale's labels, weakest first: from the catalogue's scales, else from the ratings the report holds. */
function characteristicLabels(doc: Doc): string[] {
  const scale = doc.o.scales?.find((s) => s.kind === 'characteristic');
  if (scale) return scale.levels.map((l) => l.label);
  const seen = new Map<number, string>();
  let of = 0;
  const note = (l: LevelRef | undefined): void => {
    if (!l) return;
    seen.set(l.rank, l.label);
    of = Math.max(of, l.of);
  };
  for (const t of doc.report.themes) {
    note(t.level);
    note(t.movement?.previousLevel);
    for (const i of t.indicators) if (i.kind === 'characteristic') [i.rating, i.target].forEach(note);
  }
  return Array.from({ length: of }, (_, r) => seen.get(r) ?? `Level ${r + 1} of ${of}`);
}

const chartLevel = (l: LevelRef | undefined): ChartLevel | undefined => l && { rank: l.rank, label: l.label };

function summaryGrid(doc: Doc): Markup {
  const grid = themeGrid(
    doc.report.themes.map((t) => {
      const level = chartLevel(t.level);
      const previousLevel = chartLevel(t.movement?.previousLevel);
      return {
        number: t.number,
        title: t.title,
        ragWord: RAG_WORDS[t.rag],
        ragColour: RAG_TONES[t.rag].bg,
        ...(level ? { level } : {}),
        ...(previousLevel ? { previousLevel } : {}),
        ...(doc.withMovement ? { movementWord: t.movement?.level ? LEVEL_MOVEMENT_WORDS[t.movement.level] : 'Not rated' } : {}),
      };
    }),
    {
      id: 'chart-themes',
      title: `Themes by status and level${doc.withMovement ? `, with movement since ${doc.previousPeriod}` : ''}`,
      levels: characteristicLabels(doc),
      movement: doc.withMovement,
      previousName: doc.previousPeriod,
    },
  );
  return h`<figure class="keep">${trusted(grid)}<figcaption>Figure 1. Each theme's status (the word on the badge) and level, the median of its characteristic ratings${
    doc.withMovement ? `; a ring marks the level in ${doc.previousPeriod}` : ''
  }. The table below gives the same figures.</figcaption></figure>`;
}

/** A theme's ratings bar for one kind of indicator: each level of its scale, then not applicable and unanswered. */
function kindBar(doc: Doc, t: ThemeAssessment, kind: IndicatorAssessment['kind']): Bar | undefined {
  const of = t.indicators.filter((i) => i.kind === kind);
  if (of.length === 0) return undefined;
  const scale = doc.o.scales?.find((s) => s.kind === kind);
  const size = scale?.levels.length ?? Math.max(0, ...of.map((i) => i.rating?.of ?? 0));
  const labelOf = (rank: number): string => scale?.levels[rank]?.label ?? of.find((i) => i.rating?.rank === rank)?.rating?.label ?? `Level ${rank + 1}`;
  const segments: BarSegment[] = Array.from({ length: size }, (_, rank) => ({
    label: labelOf(rank),
    count: of.filter((i) => i.rating?.rank === rank).length,
    colour: levelColour(rank, size),
  }));
  const na = of.filter((i) => i.status === 'not-applicable').length;
  const unanswered = of.filter((i) => i.status === 'unanswered').length;
  if (na > 0) segments.push({ label: 'Not applicable', count: na, colour: NOT_APPLICABLE_COLOUR });
  if (unanswered > 0) segments.push({ label: 'Not answered', count: unanswered, colour: 'paper', hollow: true });
  return { label: kind === 'characteristic' ? 'Characteristics of a well-functioning authority' : 'Indicators of potential failure', segments };
}

function themeChart(doc: Doc, t: ThemeAssessment, figure: number): Markup {
  const bars = [kindBar(doc, t, 'characteristic'), kindBar(doc, t, 'failure')].filter((b): b is Bar => b !== undefined);
  if (bars.length === 0) return h``;
  const chart = ratingsChart(bars, { id: `chart-${themeAnchor(t)}`, title: `Ratings in theme ${themeName(t)}` });
  return h`<figure class="keep">${trusted(chart)}<figcaption>Figure ${figure}. How many of the theme's indicators are at each rating, weakest first; the table below lists them.</figcaption></figure>`;
}

// --- Sections ----------------------------------------------------------------------------------

function titleBlock(doc: Doc): Markup {
  const r = doc.report;
  const c = r.catalogue;
  const fact = (term: string, value: Value): Markup => h`<dt>${term}</dt><dd>${value}</dd>`;
  return h`<header>
<h1>Best Value self-assessment: ${r.authority}, ${r.period}</h1>
<dl class="facts">
${fact('Authority', r.authority)}
${fact('Period', r.period)}
${fact('Catalogue', `${c.title} (${c.id} ${c.version})`)}
${r.assessmentDate !== undefined && fact('Assessment date', longDate(r.assessmentDate))}
${fact('Status as of', `${longDate(r.asOf)} (actions and evidence are judged against this date)`)}
${r.previous && fact('Compared with', r.previous.source === 'file' ? doc.previousPeriod : `last period's ratings recorded in this file`)}
${r.participants.length > 0 && fact('Participants', h`<ul>${r.participants.map((p) => h`<li>${p}</li>`)}</ul>`)}
</dl>
</header>`;
}

function executiveSummary(doc: Doc): Markup {
  const r = doc.report;
  const s = r.summary;
  const c = s.counts;
  type Row = { readonly name: Value; readonly rag: Rag; readonly level: LevelRef | undefined; readonly counts: typeof c; readonly movement: string; readonly whole: boolean };
  const rows: Row[] = r.themes.map((t) => ({
    name: h`<a href="#${themeAnchor(t)}">${themeName(t)}</a>`,
    rag: t.rag,
    level: t.level,
    counts: t.counts,
    movement: t.movement ? [levelMoveText(doc, t), countsText(t.movement.counts, false)].filter(Boolean).join('; ') || 'no change' : NONE,
    whole: false,
  }));
  rows.push({ name: h`<strong>Whole authority</strong>`, rag: s.rag, level: s.level, counts: c, movement: s.movement ? countsText(s.movement, false) || 'no change' : NONE, whole: true });
  const strong = (row: Row, v: Value): Value => (row.whole ? h`<strong>${v}</strong>` : v);
  const columns: Column<Row>[] = [
    { head: 'Theme', cell: (row) => row.name, rowHeader: true },
    { head: 'RAG', cell: (row) => ragBadge(row.rag) },
    { head: 'Level', cell: (row) => strong(row, levelLabel(row.level)) },
    { head: 'Answered', cell: (row) => `${row.counts.answered} of ${row.counts.indicators}`, className: 'nowrap' },
    { head: 'Red flags', cell: (row) => (row.counts.seriousRedFlags > 0 ? `${row.counts.redFlags} (${row.counts.seriousRedFlags} serious)` : row.counts.redFlags), className: 'num' },
    { head: 'Open actions', cell: (row) => row.counts.openActions, className: 'num' },
    { head: 'Overdue', cell: (row) => row.counts.overdueActions, className: 'num' },
    ...(doc.withMovement ? [{ head: 'Movement', cell: (row: Row) => row.movement }] : []),
  ];
  return h`<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Executive summary</h2>
<p>The authority's overall status is ${ragBadge(s.rag)}: ${s.reasons.join('; ')}. The overall level of its characteristics is <strong>${levelLabel(s.level)}</strong>. ${c.answered} of ${c.indicators} indicators are answered; there ${c.redFlags === 1 ? 'is' : 'are'} ${plural(c.redFlags, 'red flag')}${c.seriousRedFlags > 0 && ` (${c.seriousRedFlags} serious)`}, ${plural(c.openActions, 'open action')} and ${c.overdueActions} overdue.</p>
${summaryGrid(doc)}
${table('Themes at a glance', columns, rows)}
<p class="muted">Levels are the median of each theme's characteristic ratings.${doc.withMovement && ` Movement compares each rating with ${doc.previousPeriod}'s.`}</p>
</section>`;
}

function redFlags(doc: Doc): Markup {
  const flags = doc.report.themes.flatMap((t) => t.indicators.filter((i) => i.redFlag).map((i) => ({ t, i })));
  const head = h`<h2 id="red-flags-heading">Red flags for members' attention</h2>`;
  if (flags.length === 0) return h`<section id="red-flags" aria-labelledby="red-flags-heading">${head}<p>No indicator of potential failure is rated at a red-flag level.</p></section>`;
  // Serious red flags first, then catalogue order (sort is stable).
  flags.sort((a, b) => Number(b.i.seriousRedFlag === true) - Number(a.i.seriousRedFlag === true));
  const serious = flags.filter((f) => f.i.seriousRedFlag).length;
  const unactioned = flags.filter((f) => f.i.actions.length === 0);
  type Row = (typeof flags)[number];
  const columns: Column<Row>[] = [
    { head: 'Theme', cell: ({ t }) => t.title },
    { head: 'ID', cell: ({ i }) => idCell(i), rowHeader: true },
    { head: 'Indicator', cell: ({ i }) => indicatorCell(i) },
    { head: 'Rating', cell: ({ i }) => ratingCell(doc, i) },
    { head: 'Commentary', cell: ({ i }) => commentaryCell(i) },
    {
      head: 'Actions',
      cell: ({ i }) =>
        i.actions.length > 0 ? h`<ul class="evidence">${i.actions.map((n) => h`<li>${actionLine(doc.report.actions[n]!)}</li>`)}</ul>` : h`<strong class="overdue">No action recorded</strong>`,
    },
  ];
  return h`<section id="red-flags" aria-labelledby="red-flags-heading">${head}
<p>${plural(flags.length, 'indicator')} of potential failure ${flags.length === 1 ? 'is' : 'are'} rated at a red-flag level${serious > 0 && `, ${serious} of ${flags.length === 1 ? 'it' : 'them'} serious (listed first)`}. ${
    unactioned.length > 0
      ? h`<strong>${plural(unactioned.length, 'red flag')} ${unactioned.length === 1 ? 'has' : 'have'} no action recorded:</strong> ${unactioned.map((f) => f.i.id).join(', ')}.`
      : 'Every red flag has at least one action recorded.'
  }</p>
${table('Red flags, serious first', columns, flags, () => 'flagged')}
${derivedNote(flags.some((f) => f.i.derived))}
</section>`;
}

function assuranceLine(t: ThemeAssessment): string {
  const a = t.assurance;
  if (!a.assessed && !a.moderated && !a.signedOff) return 'no assessment, moderation or sign-off recorded';
  const step = (name: string, s: { by: string; on: string } | undefined): string => (s ? `${name} on ${longDate(s.on)} by ${s.by}` : `not yet ${name}`);
  return [step('assessed', a.assessed), step('moderated', a.moderated), step('signed off', a.signedOff)].join('; ');
}

function themeSection(doc: Doc, t: ThemeAssessment, figure: number): Markup {
  const c = t.counts;
  const answered = [c.notApplicable > 0 ? `${c.notApplicable} not applicable` : '', c.unanswered > 0 ? `${c.unanswered} unanswered` : ''].filter(Boolean);
  const actions = c.openActions + c.doneActions > 0 ? `${c.openActions} open${c.overdueActions > 0 ? ` (${c.overdueActions} overdue)` : ''}, ${c.doneActions} done` : 'none recorded';
  const level = t.level ? t.level.label : 'not assessed (no characteristic is rated)';
  const moved = t.movement && (levelMoveText(doc, t) || 'level not rated in either period');
  const id = themeAnchor(t);
  const fact = (term: string, value: Value): Markup => h`<li><strong>${term}:</strong> ${value}</li>`;
  const columns: Column<IndicatorAssessment>[] = [
    { head: 'ID', cell: idCell, rowHeader: true },
    { head: 'Indicator', cell: indicatorCell },
    { head: 'Rating', cell: (i) => ratingCell(doc, i) },
    { head: 'Commentary', cell: commentaryCell },
    { head: 'Evidence', cell: evidenceCell },
  ];
  return h`<section class="theme" id="${id}" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${themeName(t)}</h3>
<p class="status-line">${ragBadge(t.rag)} Level <strong>${level}</strong>${moved && h`; since ${doc.previousPeriod}: ${moved}`}</p>
<ul>
${fact('Status', `${RAG_WORDS[t.rag]}: ${t.reasons.join('; ')}`)}
${fact('Level', `${level}${t.movement?.level && t.movement.level !== 'unchanged' && t.movement.previousLevel ? `; ${doc.previousPeriod}: ${t.movement.previousLevel.label}` : ''}`)}
${fact('Answered', `${c.answered} of ${c.indicators} indicators${answered.length > 0 ? ` (${answered.join(', ')})` : ''}`)}
${t.movement && fact(`Movement since ${doc.previousPeriod}`, countsText(t.movement.counts, true) || 'nothing rated in either period')}
${fact('Actions', actions)}
${fact('Assurance', assuranceLine(t))}
</ul>
${t.summary !== undefined && h`<div class="council-summary"><p><strong>The council's summary:</strong></p>${prose(t.summary)}</div>`}
${themeChart(doc, t, figure)}
${table(`Indicators in theme ${themeName(t)}`, columns, t.indicators, (i) => (i.redFlag ? 'flagged' : undefined))}
${derivedNote(t.indicators.some((i) => i.derived))}
</section>`;
}

function themes(doc: Doc): Markup {
  return h`<section id="themes" aria-labelledby="themes-heading">
<h2 id="themes-heading">Themes</h2>
${doc.report.themes.map((t, n) => themeSection(doc, t, n + 2))}
</section>`;
}

/** Open actions first, then done; each by due date, undated last; catalogue order otherwise. */
function planOrder(actions: readonly ActionItem[]): ActionItem[] {
  const rank = (a: ActionItem): string => `${a.status === 'open' ? 0 : 1}${a.due ?? '9999-99-99'}`;
  return actions
    .map((a, n) => ({ a, n, key: rank(a) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.n - y.n))
    .map((x) => x.a);
}

function actionPlan(doc: Doc): Markup {
  const r = doc.report;
  const c = r.summary.counts;
  const head = h`<h2 id="actions-heading">Action plan</h2>`;
  if (r.actions.length === 0) return h`<section class="back" id="actions" aria-labelledby="actions-heading">${head}<p>No actions are recorded.</p></section>`;
  const columns: Column<ActionItem>[] = [
    { head: 'Action', cell: (a) => a.action, rowHeader: true },
    { head: 'Theme', cell: (a) => doc.themeById.get(a.theme)?.title ?? a.theme },
    { head: 'Indicator', cell: (a) => a.indicator, className: 'nowrap' },
    { head: 'Owner', cell: (a) => a.owner ?? NONE },
    { head: 'Due', cell: (a) => (a.due !== undefined ? longDate(a.due) : NONE), className: 'nowrap' },
    { head: 'Status', cell: actionState },
  ];
  return h`<section class="back" id="actions" aria-labelledby="actions-heading">${head}
<p>${plural(r.actions.length, 'action')}: ${c.openActions} open (${c.overdueActions} overdue as of ${longDate(r.asOf)}) and ${c.doneActions} done. Open actions come first, then completed ones; each group runs from the earliest due date, with actions that have no due date last.</p>
${table('Every action, open first', columns, planOrder(r.actions))}
</section>`;
}

function gaps(doc: Doc): Markup {
  const r = doc.report;
  type Item = { readonly t: ThemeAssessment; readonly i: IndicatorAssessment };
  const all: Item[] = r.themes.flatMap((t) => t.indicators.map((i) => ({ t, i })));
  const themeCol: Column<Item> = { head: 'Theme', cell: ({ t }) => t.title };
  const idCol: Column<Item> = { head: 'ID', cell: ({ i }) => idCell(i), rowHeader: true };
  const textCol: Column<Item> = { head: 'Indicator', cell: ({ i }) => i.text };

  const unanswered = all.filter(({ i }) => i.status === 'unanswered');
  const short = all.filter(({ i }) => i.shortOfTarget !== undefined);
  const unassured = r.themes.filter((t) => !t.assurance.moderated || !t.assurance.signedOff);
  const when = (s: { on: string } | undefined): string => (s ? longDate(s.on) : 'Not yet');
  type Stale = Item & { readonly e: IndicatorAssessment['evidence'][number] };
  const stale: Stale[] = all.flatMap(({ t, i }) => i.evidence.filter((e) => e.stale).map((e) => ({ t, i, e })));

  return h`<section id="gaps" aria-labelledby="gaps-heading">
<h2 id="gaps-heading">Gaps</h2>
<h3>Unanswered indicators</h3>
${unanswered.length === 0 ? h`<p>None: every indicator is rated or marked not applicable.</p>` : table('Unanswered indicators', [themeCol, idCol, textCol], unanswered)}
<h3>Ratings short of target</h3>
${
  short.length === 0
    ? h`<p>None: every rating with a target meets it.</p>`
    : table(
        'Ratings short of target',
        [
          themeCol,
          idCol,
          textCol,
          { head: 'Rating', cell: ({ i }) => (i.rating ? i.rating.label : 'Not answered') },
          { head: 'Target', cell: ({ i }) => i.target!.label },
          { head: 'Short by', cell: ({ i }) => plural(i.shortOfTarget!, 'level'), className: 'nowrap' },
        ],
        short,
      )
}
<h3>Themes not yet moderated or signed off</h3>
${
  unassured.length === 0
    ? h`<p>None: every theme is moderated and signed off.</p>`
    : table(
        'Themes not yet moderated or signed off',
        [
          { head: 'Theme', cell: (t: ThemeAssessment) => themeName(t), rowHeader: true },
          { head: 'Assessed', cell: (t: ThemeAssessment) => when(t.assurance.assessed) },
          { head: 'Moderated', cell: (t: ThemeAssessment) => when(t.assurance.moderated) },
          { head: 'Signed off', cell: (t: ThemeAssessment) => when(t.assurance.signedOff) },
        ],
        unassured,
      )
}
<h3>Evidence past its review date</h3>
${
  stale.length === 0
    ? h`<p>None: no evidence is past its review-by date as of ${longDate(r.asOf)}.</p>`
    : table(
        'Evidence past its review date',
        [
          themeCol,
          idCol,
          { head: 'Evidence', cell: ({ e }: Stale) => linked(e.title, e.link) },
          { head: 'Owner', cell: ({ e }: Stale) => e.owner ?? NONE },
          { head: 'Review by', cell: ({ e }: Stale) => longDate(e.reviewBy ?? ''), className: 'nowrap' },
        ],
        stale,
      )
}
${derivedNote([...unanswered, ...short, ...stale].some(({ i }) => i.derived))}
</section>`;
}

function method(doc: Doc): Markup {
  const r = doc.report;
  const s = r.catalogue.source;
  const scales = doc.o.scales ?? [];
  type Level = (typeof scales)[number]['levels'][number];
  return h`<section id="method" aria-labelledby="method-heading">
<h2 id="method-heading">Method</h2>
<p>Each theme's status and level come from the council's own ratings by these rules, applied by ${doc.o.generatedBy} as of ${longDate(r.asOf)}. The status is written as a word (Red, Amber, Green or Not assessed) with the reasons that produced it.</p>
<h3>Scoring rules</h3>
<ol>${r.rules.map((rule) => h`<li>${rule}</li>`)}</ol>
${
  scales.length > 0 &&
  h`<h3>Rating scales</h3>
${scales.map((scale) =>
  table(
    `${scale.title}${scale.question !== undefined ? `: ${scale.question}` : ''} (weakest first)`,
    [
      { head: 'Rating', cell: (l: Level) => l.label, rowHeader: true },
      { head: 'Meaning', cell: (l: Level) => l.meaning },
      { head: 'Red flag', cell: (l: Level) => (l.redFlag ? 'Yes' : 'No') },
    ],
    scale.levels,
  ),
)}`
}
<h3>Source</h3>
<p class="source">${s.title}, ${s.publisher}, ${longDate(s.date)}, ${linked(s.url, s.url)}. ${s.attribution ?? `Licence: ${s.licence}.`}</p>
${s.note !== undefined && h`<p>${s.note}</p>`}
<p class="muted">${DERIVED_NOTE}</p>
</section>`;
}

// --- The page ----------------------------------------------------------------------------------

/** The line at the foot of every printed page, and of the page on screen. */
const footerLine = (r: Report): string => `${r.authority} · Best Value self-assessment ${r.period}`;

/** Renders the report as one self-contained HTML page (a trailing newline after </html>). */
export function renderHtml(report: Report, o: ReportRenderOptions): string {
  const doc: Doc = {
    report,
    o,
    themeById: new Map(report.themes.map((t) => [t.id, t])),
    previousPeriod: report.previous?.period ?? 'last period',
    withMovement: report.themes.some((t) => t.movement),
  };
  const page = h`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="${o.generatedBy}">
<title>Best Value self-assessment: ${report.authority}, ${report.period}</title>
<style>
${trusted(pageStyle(footerLine(report)))}</style>
</head>
<body>
${titleBlock(doc)}
<main>
${executiveSummary(doc)}
${redFlags(doc)}
${themes(doc)}
${actionPlan(doc)}
${gaps(doc)}
${method(doc)}
</main>
<footer class="page-footer"><p>${footerLine(report)}. Status as of ${longDate(report.asOf)}; written by ${o.generatedBy}.</p></footer>
</body>
</html>
`;
  return page.html;
}
