// The HTML report, read back with a strict little HTML reader (every tag balanced, no stray "<"):
// its headings and tables with header cells, a status word beside every colour, charts with a
// text alternative, colour pairs at 4.5:1 by the WCAG formula, nothing that loads or runs, and
// hostile text from an answers file or a catalogue shown as text, never as markup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Answers, IndicatorAnswer } from '../../src/answers/model.js';
import { assess, type Report } from '../../src/assessment/assess.js';
import { fallbackColour, indexCatalogue, levelColour, textColourOn, type Catalogue } from '../../src/catalogue/model.js';
import { COLOUR_PAIRS, PALETTE, RAG_TONES, cssString, type Colour } from '../../src/render/html-style.js';
import { httpUrl, renderHtml } from '../../src/render/html.js';
import { RAG_WORDS, reportScales, type ReportRenderOptions } from '../../src/render/report-formats.js';
import { fitLines } from '../../src/render/svg.js';
import { ROOT } from '../helpers.js';

// --- Reading HTML back -------------------------------------------------------------------------

interface El {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (El | string)[];
}

const VOID = new Set(['meta', 'br', 'link', 'img', 'hr', 'input', 'base', 'col', 'embed', 'source', 'track', 'wbr', 'area']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]!);

/**
 * Parses the page strictly: a "<" that does not open or close a tag, a close tag that does not
 * match, or a comment is an error (bva writes none of them, so one can only come from user text).
 */
function parseHtml(html: string): El {
  const root: El = { tag: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  const tagAt = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
  const attrRe = /([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let i = 0;
  while (i < html.length) {
    const cur = stack[stack.length - 1]!;
    const lt = html.indexOf('<', i);
    if (lt === -1 || lt > i) cur.children.push(decode(html.slice(i, lt === -1 ? undefined : lt)));
    if (lt === -1) break;
    if (/^<!DOCTYPE html>/i.test(html.slice(lt, lt + 15))) {
      i = lt + 15;
      continue;
    }
    tagAt.lastIndex = lt;
    const m = tagAt.exec(html);
    if (!m) throw new Error(`a "<" that opens no tag at ${lt}: ${html.slice(lt, lt + 60)}`);
    const [whole, close, rawName, rawAttrs, selfClose] = m;
    const tag = rawName!.toLowerCase();
    i = lt + whole.length;
    if (close) {
      if (cur.tag !== tag) throw new Error(`</${tag}> closes <${cur.tag}> at ${lt}`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs!.matchAll(attrRe)) attrs[a[1]!.toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? '');
    const el: El = { tag, attrs, children: [] };
    cur.children.push(el);
    if (tag === 'style' || tag === 'script') {
      const end = html.indexOf(`</${tag}>`, i);
      el.children.push(html.slice(i, end));
      i = end + tag.length + 3;
    } else if (!VOID.has(tag) && !selfClose) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.tag}>`);
  return root;
}

function* descendants(el: El): Generator<El> {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    yield c;
    yield* descendants(c);
  }
}
const all = (el: El, tag: string): El[] => [...descendants(el)].filter((e) => e.tag === tag);
const first = (el: El, tag: string): El => all(el, tag)[0]!;
const byId = (el: El, id: string): El => [...descendants(el)].find((e) => e.attrs['id'] === id)!;
const hasClass = (el: El, cls: string): boolean => (el.attrs['class'] ?? '').split(' ').includes(cls);
/** The text a reader sees, with spaces run together. */
const textOf = (el: El): string =>
  el.children
    .map((c) => (typeof c === 'string' ? c : c.tag === 'br' ? ' ' : textOf(c)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
/** The stylesheet as written. */
const styleText = (el: El): string => first(el, 'style').children.join('');
/** The text of every element with this tag (headings) inside an element. */
const headings = (el: El, tag: string): string[] => all(el, tag).map(textOf);

// --- Reports to read ---------------------------------------------------------------------------

const yamlAt = (path: string): unknown => parseYaml(readFileSync(join(ROOT, path), 'utf8'));
const shipped = indexCatalogue(yamlAt('criteria/best-value-2024-1.0.0.yaml') as Catalogue, { path: 'criteria/best-value-2024-1.0.0.yaml', display: 'best-value-2024', shipped: true });
const options = (catalogue: Pick<Catalogue, 'scales'>): ReportRenderOptions => ({ generatedBy: 'bva 9.9.9', scales: reportScales(catalogue) });

const current = yamlAt('examples/2025-26.yaml') as Answers;
const last = yamlAt('examples/2024-25.yaml') as Answers;
const example = assess(current, shipped, { asOf: '2026-01-31', previous: last, version: '9.9.9' });
const exampleHtml = renderHtml(example, options(shipped.catalogue));
const page = parseHtml(exampleHtml);

const themeName = (t: Report['themes'][number]): string => `${t.number}. ${t.title}`;

// --- The example -------------------------------------------------------------------------------

describe('the example page (2025-26 against 2024-25)', () => {
  it('is one HTML document in British English with the report as its title', () => {
    expect(exampleHtml.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(exampleHtml.endsWith('</html>\n')).toBe(true);
    expect(textOf(first(page, 'title'))).toBe('Best Value self-assessment: Marlbridge Borough Council, 2025-26');
  });

  it('has the headings of the Markdown report, a section per theme, in order', () => {
    expect(headings(page, 'h1')).toEqual(['Best Value self-assessment: Marlbridge Borough Council, 2025-26']);
    expect(headings(page, 'h2')).toEqual(['Executive summary', "Red flags for members' attention", 'Themes', 'Action plan', 'Gaps', 'Method']);
    expect(headings(byId(page, 'themes'), 'h3')).toEqual(example.themes.map(themeName));
    expect(headings(byId(page, 'gaps'), 'h3')).toEqual(['Unanswered indicators', 'Ratings short of target', 'Themes not yet moderated or signed off', 'Evidence past its review date']);
    expect(headings(byId(page, 'method'), 'h3')).toEqual(['Scoring rules', 'Rating scales', 'Source']);
  });

  it('marks up every table with a caption, a header row and header cells that say their scope', () => {
    const tables = all(page, 'table');
    expect(tables.length).toBeGreaterThan(example.themes.length + 3);
    for (const t of tables) {
      expect(textOf(first(t, 'caption'))).not.toBe('');
      expect(all(first(t, 'thead'), 'th').every((th) => th.attrs['scope'] === 'col')).toBe(true);
      for (const row of all(first(t, 'tbody'), 'tr')) expect(all(row, 'th').map((th) => th.attrs['scope'])).toEqual(['row']);
    }
    expect(all(page, 'th').every((th) => th.attrs['scope'] === 'col' || th.attrs['scope'] === 'row')).toBe(true);
  });

  it('has an executive summary table with a row per theme and the whole authority, the status as a word', () => {
    const t = first(byId(page, 'summary'), 'table');
    expect(all(first(t, 'thead'), 'th').map(textOf)).toEqual(['Theme', 'RAG', 'Level', 'Answered', 'Red flags', 'Open actions', 'Overdue', 'Movement']);
    const rows = all(first(t, 'tbody'), 'tr').map((r) => r.children.filter((c): c is El => typeof c !== 'string').map(textOf));
    expect(rows.map((r) => r[0])).toEqual([...example.themes.map(themeName), 'Whole authority']);
    expect(rows.map((r) => r[1])).toEqual([...example.themes.map((th) => RAG_WORDS[th.rag]), RAG_WORDS[example.summary.rag]]);
    expect(rows[1]).toEqual(['2. Leadership', 'Amber', 'Established', '12 of 12', '1', '2', '0', 'level Developing → Established; 5 improved, 1 no longer rated']);
  });

  it('writes every status as a word on its colour, and each theme opens with its own', () => {
    const badges = [...descendants(page)].filter((e) => hasClass(e, 'rag'));
    expect(badges.length).toBeGreaterThan(example.themes.length * 2);
    for (const b of badges) {
      const rag = (b.attrs['class'] ?? '').split(' ').find((c) => c.startsWith('rag-'))!.slice(4) as Report['summary']['rag'];
      expect(textOf(b)).toBe(RAG_WORDS[rag]);
    }
    for (const t of example.themes) {
      const line = all(byId(page, `theme-${t.number}`), 'p').find((p) => hasClass(p, 'status-line'))!;
      expect(textOf(line)).toMatch(new RegExp(`^${RAG_WORDS[t.rag]} Level ${t.level!.label}; since 2024-25: level `));
    }
  });

  it('lists every indicator of a theme in its table, red flags marked in words', () => {
    for (const t of example.themes) {
      const table = first(byId(page, `theme-${t.number}`), 'table');
      const rows = all(first(table, 'tbody'), 'tr');
      expect(rows.map((r) => textOf(first(r, 'th')).replace(' †', ''))).toEqual(t.indicators.map((i) => i.id));
      rows.forEach((r, n) => expect(textOf(r).includes('Red flag')).toBe(t.indicators[n]!.redFlag));
    }
  });

  it('draws a summary grid and a ratings chart per theme, each an image with a title and a description', () => {
    // Every chart is an image; the small squares beside ratings only repeat the label in colour.
    const svgs = all(page, 'svg').filter((s) => !hasClass(s, 'swatch'));
    expect(svgs.length).toBe(1 + example.themes.length);
    expect(all(page, 'svg').filter((s) => hasClass(s, 'swatch')).every((s) => s.attrs['aria-hidden'] === 'true')).toBe(true);
    for (const svg of svgs) {
      expect(svg.attrs['role']).toBe('img');
      const [titleId, descId] = svg.attrs['aria-labelledby']!.split(' ');
      expect(textOf(byId(svg, titleId!))).not.toBe('');
      expect(byId(svg, titleId!).tag).toBe('title');
      expect(byId(svg, descId!).tag).toBe('desc');
    }
    const grid = byId(page, 'chart-themes-desc');
    for (const t of example.themes) {
      const was = t.movement?.previousLevel ? `, last period ${t.movement.previousLevel.label}` : ', no level last period';
      expect(textOf(grid)).toContain(`${themeName(t)}: ${RAG_WORDS[t.rag]}, level ${t.level!.label}${was}`);
    }
    const culture = example.themes.find((t) => t.id === 'culture')!;
    const characteristics = shipped.catalogue.scales.characteristic!.levels.map((l, rank) => `${l.label} ${culture.indicators.filter((i) => i.kind === 'characteristic' && i.rating?.rank === rank).length}`);
    expect(textOf(byId(page, `chart-theme-${culture.number}-desc`))).toContain(`${shipped.catalogue.scales.characteristic!.title}: ${characteristics.join(', ')}.`);
  });

  it('shows movement next to each theme in the grid', () => {
    const grid = first(byId(page, 'summary'), 'svg');
    const words = all(grid, 'text').map(textOf);
    expect(words).toContain('Movement');
    expect(words.filter((w) => ['Improved', 'Declined', 'Unchanged', 'Newly rated', 'Not rated now', 'Not rated'].includes(w))).toHaveLength(example.themes.length);
  });

  it('leaves movement out when there is no last period', () => {
    const alone = assess(last, shipped, { asOf: '2025-01-31', version: '9.9.9' });
    expect(alone.previous).toBeUndefined();
    const html = parseHtml(renderHtml(alone, options(shipped.catalogue)));
    expect(all(first(byId(html, 'summary'), 'thead'), 'th').map(textOf)).not.toContain('Movement');
    expect(all(first(byId(html, 'summary'), 'svg'), 'text').map(textOf)).not.toContain('Movement');
  });

  it('credits the guidance and prints the rules in the method note', () => {
    const method = byId(page, 'method');
    expect(all(first(method, 'ol'), 'li').map(textOf)).toEqual(example.rules);
    const source = all(method, 'p').find((p) => hasClass(p, 'source'))!;
    expect(textOf(source)).toContain('Best value standards and intervention: a statutory guide for best value authorities, Department for Levelling Up, Housing and Communities, 8 May 2024');
    expect(first(source, 'a').attrs['href']).toBe(shipped.catalogue.source!.url);
  });

  it('carries nothing that runs or loads: no script, no external file, a policy that forbids both', () => {
    const tags = new Set([...descendants(page)].map((e) => e.tag));
    for (const banned of ['script', 'img', 'link', 'iframe', 'object', 'embed', 'base', 'form']) expect(tags.has(banned)).toBe(false);
    expect([...descendants(page)].flatMap((e) => Object.keys(e.attrs)).filter((a) => a.startsWith('on') || a === 'src' || a === 'style')).toEqual([]);
    const css = styleText(page);
    expect(css).not.toMatch(/@import|url\(/);
    expect(exampleHtml.match(/url\([^)]*\)/g)?.every((u) => u.startsWith('url(#'))).toBe(true);
    expect(all(page, 'meta').find((m) => m.attrs['http-equiv'] === 'Content-Security-Policy')?.attrs['content']).toBe("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    expect(all(page, 'a').every((a) => /^(#theme-\d+|https?:\/\/)/.test(a.attrs['href'] ?? ''))).toBe(true);
  });

  it('has print rules for A4: margins, a new page per theme, rows kept whole, a footer with the authority and period', () => {
    const css = styleText(page);
    expect(css).toContain('size: A4;');
    expect(css).toContain('#themes, section.theme + section.theme, section.back { break-before: page; }');
    expect(css).toContain('tr, figure, .keep { break-inside: avoid; }');
    expect(css).toContain('thead { display: table-header-group; }');
    expect(css).toContain(`@bottom-left { content: ${cssString('Marlbridge Borough Council · Best Value self-assessment 2025-26')};`);
  });
});

// --- Colour ------------------------------------------------------------------------------------

/** WCAG 2 relative luminance of a #RRGGBB colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('colour', () => {
  it('computes contrast by the WCAG formula', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
  });

  it.each(COLOUR_PAIRS.map(([fg, bg, where]) => ({ fg, bg, where })))('$fg on $bg ($where) is at least 4.5:1', ({ fg, bg }) => {
    expect(contrast(PALETTE[fg], PALETTE[bg])).toBeGreaterThanOrEqual(4.5);
  });

  it('pairs every status badge and every rating colour with the page', () => {
    const listed = new Set(COLOUR_PAIRS.map(([fg, bg]) => `${fg}/${bg}`));
    for (const tone of Object.values(RAG_TONES)) expect(listed.has(`${tone.fg}/${tone.bg}`)).toBe(true);
    const named = (hex: string): Colour => (Object.keys(PALETTE) as Colour[]).find((c) => PALETTE[c] === hex)!;
    for (const of of [1, 2, 3, 4, 5, 7]) for (let rank = 0; rank < of; rank++) expect(listed.has(`${named(fallbackColour(rank, of))}/paper`)).toBe(true);
  });

  it('uses no colour outside the palette, and every palette colour but the rules in a checked pair', () => {
    const palette = new Set(Object.values(PALETTE).map((c) => c.toUpperCase()));
    const used = new Set((exampleHtml.match(/#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b/g) ?? []).map((c) => c.toUpperCase()));
    expect([...used].filter((c) => !palette.has(c))).toEqual([]);
    expect(exampleHtml).not.toMatch(/\b(rgb|hsl)a?\(/);
    const paired = new Set(COLOUR_PAIRS.flatMap(([fg, bg]) => [fg, bg]));
    expect(Object.keys(PALETTE).filter((c) => !paired.has(c as keyof typeof PALETTE))).toEqual(['rule']);
  });

  it('colours ratings from worst to best on any length of scale, when the catalogue gives no colours', () => {
    const { red, amber, green, blue } = PALETTE;
    expect([0, 1, 2, 3].map((r) => fallbackColour(r, 4))).toEqual([red, amber, green, blue]);
    expect([0, 1, 2].map((r) => fallbackColour(r, 3))).toEqual([red, amber, green]);
    expect([0, 1, 2, 3, 4, 5, 6].map((r) => fallbackColour(r, 7))).toEqual([red, amber, amber, green, green, blue, blue]);
  });

  it("takes a level's colour from its catalogue, and only a #rrggbb colour", () => {
    expect(levelColour({ levels: [{ colour: '#00703c' }, {}] }, 0)).toBe('#00703C');
    expect(levelColour({ levels: [{}, {}] }, 1)).toBe(PALETTE.green);
    expect(levelColour({ levels: [{ colour: '#fff"/><script>' }, {}] }, 0)).toBe(PALETTE.red);
  });

  it("writes on a catalogue's own colour in black or white, whichever gives at least 4.5:1", () => {
    // Every 16th step of each channel: 4,913 colours, light and dark, saturated and grey.
    const steps = Array.from({ length: 17 }, (_, i) => Math.min(255, i * 16).toString(16).padStart(2, '0').toUpperCase());
    let worst = 21;
    for (const r of steps) for (const g of steps) for (const b of steps) worst = Math.min(worst, contrast(textColourOn(`#${r}${g}${b}`), `#${r}${g}${b}`));
    expect(worst).toBeGreaterThanOrEqual(4.5);
    expect(textColourOn('#00703C')).toBe('#FFFFFF');
    expect(textColourOn('#85C17E')).toBe('#000000');
  });
});

// --- Hostile text ------------------------------------------------------------------------------

/** Every element bva writes. */
const BVA_TAGS = new Set(
  'html head meta title style body header main section footer h1 h2 h3 p div span strong code a br ul ol li dl dt dd table caption thead tbody tr th td figure figcaption svg defs marker path desc text rect line circle'.split(' '),
);

/** Text that would run or load something if it reached the page as markup. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</style><script>alert(2)</script>',
  '</title></desc><script>alert(3)</script>',
  '<!-- --><a href="javascript:alert(4)">click</a>',
  '&lt;b&gt; & friends',
].join(' ');

const evilCatalogue = indexCatalogue(
  {
    id: 'evil',
    version: '1.0.0',
    title: `Catalogue ${HOSTILE}`,
    source: { title: `Guide ${HOSTILE}`, publisher: HOSTILE, date: '2024-05-08', url: 'javascript:alert(5)', licence: HOSTILE, attribution: HOSTILE, note: HOSTILE },
    scales: {
      characteristic: {
        title: HOSTILE,
        question: HOSTILE,
        levels: [
          { word: 'low', label: `Low ${HOSTILE}`, meaning: HOSTILE },
          { word: 'high', label: `High ${HOSTILE}`, meaning: HOSTILE },
        ],
      },
      failure: {
        title: HOSTILE,
        levels: [
          { word: 'yes', label: `Yes ${HOSTILE}`, meaning: HOSTILE, 'red-flag': true },
          { word: 'no', label: 'No', meaning: HOSTILE },
        ],
      },
    },
    themes: [
      {
        id: 'lead',
        title: `Leadership ${HOSTILE}`,
        summary: HOSTILE,
        indicators: [
          { id: 'lead.c1', kind: 'characteristic', text: HOSTILE, reference: HOSTILE },
          { id: 'lead.c2', kind: 'characteristic', text: HOSTILE, reference: HOSTILE, derived: true },
          { id: 'lead.f1', kind: 'failure', text: HOSTILE, reference: HOSTILE },
        ],
      },
    ],
  },
  { path: '/evil.yaml', display: 'evil.yaml', shipped: false },
);

const evilAnswer = (rating: string, link: string): IndicatorAnswer => ({
  rating,
  previous: 'low',
  commentary: `${HOSTILE}\n\nSecond paragraph ${HOSTILE}`,
  evidence: [HOSTILE, { title: `Linked ${HOSTILE}`, link, path: HOSTILE, owner: HOSTILE, 'review-by': '2020-01-01' }],
  actions: [{ action: HOSTILE, owner: HOSTILE, due: '2020-01-01' }],
});

const evilAnswers: Answers = {
  catalogue: { id: 'evil', version: '1.0.0' },
  authority: `Council ${HOSTILE}`,
  period: '2025-26',
  participants: [HOSTILE, { name: HOSTILE, role: HOSTILE }],
  themes: {
    lead: {
      summary: HOSTILE,
      assurance: { assessed: { by: HOSTILE, on: '2025-01-01' } },
      indicators: {
        'lead.c1': evilAnswer('high', 'javascript:alert(6)'),
        'lead.c2': evilAnswer('low', ' JaVaScRiPt:alert(7)'),
        'lead.f1': evilAnswer('yes', 'https://example.org/a"b<c>?q=\'x\''),
      },
    },
  },
};
const evil = assess(evilAnswers, evilCatalogue, { asOf: '2026-01-31', version: '9.9.9' });
const evilHtml = renderHtml(evil, { generatedBy: 'bva 9.9.9', scales: reportScales(evilCatalogue.catalogue) });

describe('hostile text in the answers file and the catalogue', () => {
  it('parses as well-formed markup: every "<" bva did not write is escaped, every tag closed', () => {
    expect(() => parseHtml(evilHtml)).not.toThrow();
  });

  it('yields only the elements and attributes bva writes itself', () => {
    const evilPage = parseHtml(evilHtml);
    const tags = new Set([...descendants(evilPage)].map((e) => e.tag));
    expect([...tags].filter((t) => !BVA_TAGS.has(t))).toEqual([]);
    expect(tags.has('script') || tags.has('img')).toBe(false);
    expect([...descendants(evilPage)].flatMap((e) => Object.keys(e.attrs)).filter((a) => a.startsWith('on'))).toEqual([]);
    expect(evilHtml).not.toMatch(/<script|<img|<svg onload|<a href="javascript|<!--/i);
    expect(all(evilPage, 'style')).toHaveLength(1);
    expect(styleText(evilPage)).not.toContain('<');
  });

  it('shows the text as it was written', () => {
    const evilPage = parseHtml(evilHtml);
    expect(textOf(first(evilPage, 'title'))).toBe(`Best Value self-assessment: Council ${HOSTILE}, 2025-26`);
    expect(textOf(first(evilPage, 'h1'))).toBe(`Best Value self-assessment: Council ${HOSTILE}, 2025-26`);
    const row = all(first(byId(evilPage, 'theme-1'), 'tbody'), 'tr')[0]!;
    const commentary = [...descendants(row)].find((e) => hasClass(e, 'commentary'))!;
    expect(all(commentary, 'p').map(textOf)).toEqual([HOSTILE, `Second paragraph ${HOSTILE}`]);
    expect(textOf(byId(evilPage, 'chart-themes-desc'))).toContain(`1. Leadership ${HOSTILE}: ${RAG_WORDS[evil.themes[0]!.rag]}, level Low ${HOSTILE}`);
  });

  it('links only http and https addresses; anything else is text', () => {
    const evilPage = parseHtml(evilHtml);
    const hrefs = all(evilPage, 'a').map((a) => a.attrs['href']!);
    expect(hrefs.filter((h) => !h.startsWith('#'))).toEqual(['https://example.org/a%22b%3Cc%3E?q=%27x%27', 'https://example.org/a%22b%3Cc%3E?q=%27x%27']);
    const evidence = all(first(byId(evilPage, 'theme-1'), 'tbody'), 'ul').filter((u) => hasClass(u, 'evidence'));
    expect(all(evidence[0]!, 'a')).toEqual([]);
    expect(textOf(evidence[0]!)).toContain(`Linked ${HOSTILE}`);
    expect(textOf(byId(evilPage, 'method'))).toContain('javascript:alert(5)');
  });

  it.each([
    ['https://www.marlbridge.gov.uk/x', 'https://www.marlbridge.gov.uk/x'],
    ['HTTP://Example.ORG', 'http://example.org/'],
    ['javascript:alert(1)', undefined],
    ['  javascript:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox', undefined],
    ['file:///etc/passwd', undefined],
    ['mailto:clerk@example.org', undefined],
    ['shared/evidence.pdf', undefined],
  ])('httpUrl(%j) is %j', (url, href) => {
    expect(httpUrl(url)).toBe(href);
  });
});

// --- Small parts -------------------------------------------------------------------------------

describe('pieces of the page', () => {
  it('writes a CSS string that cannot end itself or the style element', () => {
    expect(cssString('Marlbridge · 2025-26')).toBe('"Marlbridge \\b7  2025\\2d 26"');
    expect(cssString('a"b</style>\\')).toBe('"a\\22 b\\3c \\2f style\\3e \\5c "');
  });

  it('fits a long title into two lines with an ellipsis', () => {
    expect(fitLines('Partnerships and community engagement', 160, 13, 2)).toEqual(['Partnerships and', 'community engagement']);
    expect(fitLines('A very long theme title that goes on and on and on', 100, 13, 2)).toEqual(['A very long', 'theme title…']);
  });
});
