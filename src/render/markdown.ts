// The committee report in GitHub-flavoured Markdown: what a clerk pastes into a paper for members.
// Pure: the report and options in, the document out. Every piece of text from the answers file or a
// catalogue goes through markdownInline, so it can never break a table, start a block or inject HTML.
import { markdownTable } from 'markdown-table';
import type { ActionItem, IndicatorAssessment, LevelRef, Movement, MovementCounts, Report, ThemeAssessment } from '../generated/report.js';
import { markdownInline as md } from './escape.js';
import { RAG_WORDS, longDate, type ReportRenderOptions, type ReportScale } from './report-formats.js';

/** What every section reads: the report, its options, and lookups built once. */
interface Doc {
  readonly report: Report;
  readonly o: ReportRenderOptions;
  readonly themeById: ReadonlyMap<string, ThemeAssessment>;
  /** "2024-25", or "last period" when the previous ratings name none. */
  readonly previousPeriod: string;
}

/** The mark after a derived indicator's id, explained under each table that shows one. */
const DERIVED_MARK = '†';
const DERIVED_NOTE = `${DERIVED_MARK} Derived: bva's reading of the guidance (the reverse of a point it makes, or a topic councils commonly assess), not a point the guidance makes in so many words.`;

/** An empty cell, so a table never has a blank that reads as missing data. */
const NONE = '—';

/** Cells wider than this make a table's delimiters staggered, so long commentary does not pad every row. */
const ALIGN_LIMIT = 80;

/** Renders the report as Markdown. */
export function renderMarkdown(report: Report, o: ReportRenderOptions): string {
  const doc: Doc = {
    report,
    o,
    themeById: new Map(report.themes.map((t) => [t.id, t])),
    previousPeriod: report.previous?.period ?? 'last period',
  };
  const blocks = [titleBlock(doc), executiveSummary(doc), redFlags(doc), themes(doc), actionPlan(doc), gaps(doc), method(doc)].flat();
  return `${blocks.join('\n\n')}\n`;
}

// --- Building blocks ---------------------------------------------------------------------------

/** A GFM table; cells must already be escaped. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widest = Math.max(...[header, ...rows].flat().map((c) => c.length));
  return markdownTable([header, ...rows], { alignDelimiters: widest <= ALIGN_LIMIT });
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const levelLabel = (level: LevelRef | undefined): string => (level ? md(level.label) : 'Not assessed');

/** A rating word of last period, as its scale's label where the scale is known. */
function wordLabel(doc: Doc, kind: IndicatorAssessment['kind'], word: string): string {
  if (word === 'not-applicable') return 'Not applicable';
  const scale: ReportScale | undefined = doc.o.scales?.find((s) => s.kind === kind);
  return md(scale?.levels.find((l) => l.word === word)?.label ?? word);
}

/** A link's destination when it is an http(s) URL, with the characters that could end it or a table cell encoded. */
function httpUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(/[\s()<>[\]|\\`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Text as a link when the URL is http(s), else as escaped text. */
function linked(text: string, url: string | undefined): string {
  const href = url === undefined ? undefined : httpUrl(url);
  return href ? `[${md(text)}](${href})` : md(text);
}

const ragWord = (rag: Report['summary']['rag']): string => RAG_WORDS[rag];

const actionState = (a: ActionItem): string => (a.overdue ? '**Overdue**' : a.status === 'open' ? 'Open' : 'Done');

/** Movement counts as words: "5 improved, 1 declined"; unchanged only when asked for. */
function countsText(c: MovementCounts, withUnchanged: boolean): string {
  const parts = [
    c.improved > 0 ? `${c.improved} improved` : '',
    c.declined > 0 ? `${c.declined} declined` : '',
    withUnchanged && c.unchanged > 0 ? `${c.unchanged} unchanged` : '',
    c.new > 0 ? `${c.new} newly rated` : '',
    c.dropped > 0 ? `${c.dropped} no longer rated` : '',
  ].filter(Boolean);
  return parts.join(', ');
}

/** A theme's level movement: "level Developing → Established". */
function levelMoveText(doc: Doc, t: ThemeAssessment): string {
  const m = t.movement;
  if (!m?.level) return '';
  const was = m.previousLevel ? md(m.previousLevel.label) : 'not rated';
  const now = t.level ? md(t.level.label) : 'not rated';
  if (m.level === 'unchanged') return `level unchanged (${now})`;
  if (m.level === 'new') return `level ${now} (not rated in ${md(doc.previousPeriod)})`;
  if (m.level === 'dropped') return `level not rated (was ${was})`;
  return `level ${was} → ${now}`;
}

/** A theme's movement in a few words, for the executive summary. */
function themeMovementCell(doc: Doc, t: ThemeAssessment): string {
  if (!t.movement) return NONE;
  const parts = [levelMoveText(doc, t), countsText(t.movement.counts, false)].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'no change';
}

/** An indicator's rating cell: the label, then its red flag, target and movement in brackets. */
function ratingCell(doc: Doc, i: IndicatorAssessment): string {
  const head = i.status === 'rated' && i.rating ? (i.redFlag ? `**${md(i.rating.label)}**` : md(i.rating.label)) : i.status === 'not-applicable' ? 'Not applicable' : 'Not answered';
  const notes: string[] = [];
  if (i.redFlag) notes.push(i.seriousRedFlag ? 'serious red flag' : 'red flag');
  if (i.target) notes.push(`target ${md(i.target.label)}`);
  const move = indicatorMovement(doc, i);
  if (move) notes.push(move);
  return notes.length > 0 ? `${head} (${notes.join('; ')})` : head;
}

/** An indicator's movement in words, from last period's rating (as a label) and that period's name. */
const MOVEMENT_TEXT: Record<Movement, (was: string, period: string) => string> = {
  improved: (was) => `improved from ${was}`,
  declined: (was) => `declined from ${was}`,
  unchanged: () => 'unchanged',
  new: (_was, period) => `not rated in ${period}`,
  dropped: (was, period) => `rated ${was} in ${period}`,
};

/** How an indicator moved since last period, in words ('' without a previous period). */
function indicatorMovement(doc: Doc, i: IndicatorAssessment): string {
  if (!i.movement) return '';
  return MOVEMENT_TEXT[i.movement](i.previous === undefined ? '' : wordLabel(doc, i.kind, i.previous), md(doc.previousPeriod));
}

/** An indicator's id, with the derived mark. */
const idCell = (i: IndicatorAssessment): string => (i.derived ? `${md(i.id)} ${DERIVED_MARK}` : md(i.id));

/** An action in one line: "Do this (Owner; due 31 March 2026; Overdue)". */
function actionLine(a: ActionItem): string {
  return `${md(a.action)} (${a.owner !== undefined ? md(a.owner) : 'no owner'}; ${a.due !== undefined ? `due ${longDate(a.due)}` : 'no due date'}; ${actionState(a)})`;
}

/** The evidence cell: titles joined with "; ", http(s) links as links, stale entries marked. */
function evidenceCell(i: IndicatorAssessment): string {
  if (i.evidence.length === 0) return NONE;
  return i.evidence
    .map((e) => {
      let text = linked(e.title, e.link);
      if (e.path !== undefined) text += ` (${md(e.path)})`;
      if (e.stale && e.reviewBy !== undefined) text += ` (review overdue since ${longDate(e.reviewBy)})`;
      return text;
    })
    .join('; ');
}

/** The commentary cell: the not-applicable reason first, then the commentary. */
function commentaryCell(i: IndicatorAssessment): string {
  const parts = [i.reason !== undefined ? `Not applicable: ${md(i.reason)}` : '', i.commentary !== undefined ? md(i.commentary) : ''].filter(Boolean);
  return parts.length > 0 ? parts.join('<br>') : NONE;
}

const themeName = (t: ThemeAssessment): string => `${t.number}. ${md(t.title)}`;

// --- Sections ----------------------------------------------------------------------------------

function titleBlock(doc: Doc): string[] {
  const r = doc.report;
  const c = r.catalogue;
  const lines = [
    `- **Authority:** ${md(r.authority)}`,
    `- **Period:** ${md(r.period)}`,
    `- **Catalogue:** ${md(c.title)} (${md(c.id)} ${md(c.version)})`,
    r.assessmentDate !== undefined ? `- **Assessment date:** ${longDate(r.assessmentDate)}` : '',
    `- **Status as of:** ${longDate(r.asOf)} (actions and evidence are judged against this date)`,
    r.previous
      ? `- **Compared with:** ${r.previous.source === 'file' ? md(doc.previousPeriod) : `last period's ratings recorded in this file`}`
      : '',
    r.participants.length > 0 ? `- **Participants:** ${r.participants.map(md).join('; ')}` : '',
  ].filter(Boolean);
  return [`# Best Value self-assessment: ${md(r.authority)}, ${md(r.period)}`, lines.join('\n')];
}

function executiveSummary(doc: Doc): string[] {
  const r = doc.report;
  const s = r.summary;
  const c = s.counts;
  const withMovement = r.themes.some((t) => t.movement);
  const rated = r.themes.reduce((n, t) => n + t.indicators.filter((i) => i.kind === 'characteristic' && i.status === 'rated').length, 0);
  const overall =
    `Overall status: **${ragWord(s.rag)}**, the worst of the themes' statuses (${md(s.reasons.join('; '))}). ` +
    (s.level ? `Overall level: **${md(s.level.label)}**, the median of ${plural(rated, 'characteristic rating')}. ` : 'Overall level: not assessed, as no characteristic is rated. ') +
    `${c.answered} of ${c.indicators} indicators are answered; there ${c.redFlags === 1 ? 'is' : 'are'} ${plural(c.redFlags, 'red flag')}` +
    `${c.seriousRedFlags > 0 ? ` (${c.seriousRedFlags} serious)` : ''}, ${plural(c.openActions, 'open action')} and ${c.overdueActions} overdue.`;
  const header = ['Theme', 'RAG', 'Level', 'Answered', 'Red flags', 'Open actions', 'Overdue', ...(withMovement ? ['Movement'] : [])];
  const row = (name: string, rag: string, level: string, counts: typeof c, movement: string): string[] => [
    name,
    rag,
    level,
    `${counts.answered} of ${counts.indicators}`,
    counts.seriousRedFlags > 0 ? `${counts.redFlags} (${counts.seriousRedFlags} serious)` : String(counts.redFlags),
    String(counts.openActions),
    String(counts.overdueActions),
    ...(withMovement ? [movement] : []),
  ];
  const rows = r.themes.map((t) => row(themeName(t), ragWord(t.rag), levelLabel(t.level), t.counts, themeMovementCell(doc, t)));
  rows.push(row('**Whole authority**', `**${ragWord(s.rag)}**`, `**${levelLabel(s.level)}**`, c, s.movement ? countsText(s.movement, false) || 'no change' : NONE));
  const movementNote = withMovement ? ` Movement compares each rating with ${md(doc.previousPeriod)}'s.` : '';
  return ['## Executive summary', overall, table(header, rows), `Levels are the median of each theme's characteristic ratings.${movementNote}`];
}

function redFlags(doc: Doc): string[] {
  const flags = doc.report.themes.flatMap((t) => t.indicators.filter((i) => i.redFlag).map((i) => ({ t, i })));
  const out = ["## Red flags for members' attention"];
  if (flags.length === 0) {
    out.push('No indicator of potential failure is rated at a red-flag level.');
    return out;
  }
  // Serious red flags first, then catalogue order (sort is stable).
  flags.sort((a, b) => Number(b.i.seriousRedFlag === true) - Number(a.i.seriousRedFlag === true));
  const serious = flags.filter((f) => f.i.seriousRedFlag).length;
  const unactioned = flags.filter((f) => f.i.actions.length === 0);
  out.push(
    `${plural(flags.length, 'indicator')} of potential failure ${flags.length === 1 ? 'is' : 'are'} rated at a red-flag level` +
      `${serious > 0 ? `, ${serious} of ${flags.length === 1 ? 'it' : 'them'} serious (listed first)` : ''}. ` +
      (unactioned.length > 0
        ? `**${plural(unactioned.length, 'red flag')} ${unactioned.length === 1 ? 'has' : 'have'} no action recorded:** ${unactioned.map((f) => md(f.i.id)).join(', ')}.`
        : 'Every red flag has at least one action recorded.'),
  );
  const rows = flags.map(({ t, i }) => [
    md(t.title),
    idCell(i),
    md(i.text),
    ratingCell(doc, i),
    commentaryCell(i),
    i.actions.length > 0 ? i.actions.map((n) => actionLine(doc.report.actions[n]!)).join('<br>') : '**No action recorded**',
  ]);
  out.push(table(['Theme', 'ID', 'Indicator', 'Rating', 'Commentary', 'Actions'], rows));
  if (flags.some((f) => f.i.derived)) out.push(DERIVED_NOTE);
  return out;
}

function assuranceLine(t: ThemeAssessment): string {
  const a = t.assurance;
  if (!a.assessed && !a.moderated && !a.signedOff) return 'no assessment, moderation or sign-off recorded';
  const step = (name: string, s: { by: string; on: string } | undefined): string => (s ? `${name} on ${longDate(s.on)} by ${md(s.by)}` : `not yet ${name}`);
  return [step('assessed', a.assessed), step('moderated', a.moderated), step('signed off', a.signedOff)].join('; ');
}

function themes(doc: Doc): string[] {
  const out = ['## Themes'];
  for (const t of doc.report.themes) {
    const c = t.counts;
    const answered = [c.notApplicable > 0 ? `${c.notApplicable} not applicable` : '', c.unanswered > 0 ? `${c.unanswered} unanswered` : ''].filter(Boolean);
    const actions = c.openActions + c.doneActions > 0 ? `${c.openActions} open${c.overdueActions > 0 ? ` (${c.overdueActions} overdue)` : ''}, ${c.doneActions} done` : 'none recorded';
    const level = t.level ? md(t.level.label) : 'not assessed (no characteristic is rated)';
    const levelMove = t.movement?.level && t.movement.level !== 'unchanged' && t.movement.previousLevel ? ` (${md(doc.previousPeriod)}: ${md(t.movement.previousLevel.label)})` : '';
    const lines = [
      `- **Status:** ${ragWord(t.rag)}: ${md(t.reasons.join('; '))}`,
      `- **Level:** ${level}${levelMove}`,
      `- **Answered:** ${c.answered} of ${c.indicators} indicators${answered.length > 0 ? ` (${answered.join(', ')})` : ''}`,
      t.movement ? `- **Movement since ${md(doc.previousPeriod)}:** ${countsText(t.movement.counts, true) || 'nothing rated in either period'}` : '',
      `- **Actions:** ${actions}`,
      `- **Assurance:** ${assuranceLine(t)}`,
    ].filter(Boolean);
    out.push(`### ${themeName(t)}`, lines.join('\n'));
    if (t.summary !== undefined) out.push(`**The council's summary:** ${md(t.summary)}`);
    const rows = t.indicators.map((i) => [idCell(i), md(i.text), ratingCell(doc, i), commentaryCell(i), evidenceCell(i)]);
    out.push(table(['ID', 'Indicator', 'Rating', 'Commentary', 'Evidence'], rows));
    if (t.indicators.some((i) => i.derived)) out.push(DERIVED_NOTE);
  }
  return out;
}

/** Open actions first, then done; each by due date, undated last; catalogue order otherwise. */
function planOrder(actions: readonly ActionItem[]): ActionItem[] {
  const rank = (a: ActionItem): string => `${a.status === 'open' ? 0 : 1}${a.due ?? '9999-99-99'}`;
  return actions
    .map((a, n) => ({ a, n, key: rank(a) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.n - y.n))
    .map((x) => x.a);
}

function actionPlan(doc: Doc): string[] {
  const r = doc.report;
  const c = r.summary.counts;
  const out = ['## Action plan'];
  if (r.actions.length === 0) {
    out.push('No actions are recorded.');
    return out;
  }
  out.push(
    `${plural(r.actions.length, 'action')}: ${c.openActions} open (${c.overdueActions} overdue as of ${longDate(r.asOf)}) and ${c.doneActions} done. ` +
      'Open actions come first, then completed ones; each group runs from the earliest due date, with actions that have no due date last.',
  );
  const rows = planOrder(r.actions).map((a) => [
    md(a.action),
    md(doc.themeById.get(a.theme)?.title ?? a.theme),
    md(a.indicator),
    a.owner !== undefined ? md(a.owner) : NONE,
    a.due !== undefined ? longDate(a.due) : NONE,
    actionState(a),
  ]);
  out.push(table(['Action', 'Theme', 'Indicator', 'Owner', 'Due', 'Status'], rows));
  return out;
}

function gaps(doc: Doc): string[] {
  const r = doc.report;
  const all = r.themes.flatMap((t) => t.indicators.map((i) => ({ t, i })));
  const out = ['## Gaps'];

  out.push('### Unanswered indicators');
  const unanswered = all.filter(({ i }) => i.status === 'unanswered');
  out.push(
    unanswered.length === 0
      ? 'None: every indicator is rated or marked not applicable.'
      : table(['Theme', 'ID', 'Indicator'], unanswered.map(({ t, i }) => [md(t.title), idCell(i), md(i.text)])),
  );

  out.push('### Ratings short of target');
  const short = all.filter(({ i }) => i.shortOfTarget !== undefined);
  out.push(
    short.length === 0
      ? 'None: every rating with a target meets it.'
      : table(
          ['Theme', 'ID', 'Indicator', 'Rating', 'Target', 'Short by'],
          short.map(({ t, i }) => [md(t.title), idCell(i), md(i.text), i.rating ? md(i.rating.label) : 'Not answered', md(i.target!.label), plural(i.shortOfTarget!, 'level')]),
        ),
  );

  out.push('### Themes not yet moderated or signed off');
  const unassured = r.themes.filter((t) => !t.assurance.moderated || !t.assurance.signedOff);
  const when = (s: { on: string } | undefined): string => (s ? longDate(s.on) : 'Not yet');
  out.push(
    unassured.length === 0
      ? 'None: every theme is moderated and signed off.'
      : table(
          ['Theme', 'Assessed', 'Moderated', 'Signed off'],
          unassured.map((t) => [themeName(t), when(t.assurance.assessed), when(t.assurance.moderated), when(t.assurance.signedOff)]),
        ),
  );

  out.push('### Evidence past its review date');
  const stale = all.flatMap(({ t, i }) => i.evidence.filter((e) => e.stale).map((e) => ({ t, i, e })));
  out.push(
    stale.length === 0
      ? `None: no evidence is past its review-by date as of ${longDate(r.asOf)}.`
      : table(
          ['Theme', 'ID', 'Evidence', 'Owner', 'Review by'],
          stale.map(({ t, i, e }) => [md(t.title), idCell(i), linked(e.title, e.link), e.owner !== undefined ? md(e.owner) : NONE, longDate(e.reviewBy ?? '')]),
        ),
  );
  if ([...unanswered, ...short, ...stale].some(({ i }) => i.derived)) out.push(DERIVED_NOTE);
  return out;
}

function method(doc: Doc): string[] {
  const r = doc.report;
  const s = r.catalogue.source;
  const out = ['## Method'];
  out.push(
    `Each theme's status and level come from the council's own ratings by these rules, applied by ${md(doc.o.generatedBy)} as of ${longDate(r.asOf)}. ` +
      'The status is written as a word (Red, Amber, Green or Not assessed) with the reasons that produced it.',
  );
  out.push('### Scoring rules', r.rules.map((rule, n) => `${n + 1}. ${md(rule)}`).join('\n'));
  if (doc.o.scales && doc.o.scales.length > 0) {
    out.push('### Rating scales');
    for (const scale of doc.o.scales) {
      out.push(`**${md(scale.title)}**${scale.question !== undefined ? `: ${md(scale.question)}` : ''} (from worst to best)`);
      out.push(scale.levels.map((l) => `- **${md(l.label)}**: ${md(l.meaning)}${l.redFlag ? ' A red flag.' : ''}`).join('\n'));
    }
  }
  out.push('### Source');
  // Text from the catalogue never starts a line, so it cannot start a list or a code block.
  const credit = `**Source:** ${md(s.title)}, ${md(s.publisher)}, ${longDate(s.date)}, ${linked(s.url, s.url)}.`;
  out.push(`${credit} ${s.attribution !== undefined ? md(s.attribution) : `Licence: ${md(s.licence)}.`}`);
  if (s.note !== undefined) out.push(`**About the catalogue:** ${md(s.note)}`);
  out.push(DERIVED_NOTE);
  return out;
}
