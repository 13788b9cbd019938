// The trend's HTML in a real browser: headless Chromium opens the page the built binary writes for
// the three worked periods, offline, with every request but the page blocked. It checks that each
// heat map is an image named by its title and description, that every cell carries its words in
// a colour it can be read on, that the colours follow each rating's place on its scale, that a
// table with the same words follows each map, and that the page prints to A4 with each theme's
// map kept whole.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trend } from '../../src/assessment/trend.js';
import { contrastRatio, textColourOn } from '../../src/catalogue/model.js';
import { PALETTE } from '../../src/render/html-style.js';
import { ratingColour } from '../../src/render/trend-html.js';
import { bvaBinary, tempCopy, tempDir } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SLOW = 90_000;
const PERIODS = ['examples/2023-24.yaml', 'examples/2024-25.yaml', 'examples/2025-26.yaml'];

/** A heat-map cell as the page draws it: its colour, and the colour and words on it. */
interface DrawnCell {
  readonly fill: string;
  readonly ink: string;
  readonly words: string;
}

describe.skipIf(!hasChromium)(
  hasChromium ? 'the trend as HTML, in headless Chromium' : `the trend as HTML, in headless Chromium: SKIPPED because ${CHROMIUM} is not installed`,
  () => {
    let trend: Trend;
    let context: BrowserContext;
    let page: Page;
    const requests: string[] = [];

    beforeAll(async () => {
      const dir = tempCopy({ examples: 'examples' });
      const wrote = bvaBinary(['trend', ...PERIODS, '--out', 'trend.html'], { cwd: dir });
      expect(wrote.code).toBe(0);
      trend = JSON.parse(bvaBinary(['trend', ...PERIODS, '--format', 'json'], { cwd: dir }).stdout) as Trend;
      context = await chromium.launchPersistentContext(tempDir(), { executablePath: CHROMIUM, headless: true, args: ARGS, offline: true, viewport: { width: 1280, height: 900 } });
      const url = pathToFileURL(join(dir, 'trend.html')).href;
      await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort('blockedbyclient')));
      context.on('request', (r) => void requests.push(r.url()));
      page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
    }, SLOW);

    afterAll(async () => {
      await context?.close();
    });

    const inPage = <T>(expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

    it('loads with no request but the page itself, and runs nothing', async () => {
      expect(requests).toHaveLength(1);
      expect(await inPage<number>('document.scripts.length')).toBe(0);
      expect(await page.locator('h2').allInnerTexts()).toEqual(['Summary', 'Themes', 'Indicators', 'Red flags by period', 'Actions by period']);
    });

    it('draws a heat map for the themes and one per theme, each an image named by its title and description', async () => {
      const maps = page.locator('svg[role="img"]');
      expect(await maps.count()).toBe(1 + trend.themes.length);
      const names = await inPage<{ title: string; desc: string; width: number }[]>(
        `[...document.querySelectorAll('svg[role="img"]')].map((s) => { const [t, d] = s.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id)); return { title: t.textContent, desc: d.textContent, width: s.getBoundingClientRect().width }; })`,
      );
      expect(names.map((n) => n.title)).toEqual(["Each theme's status and level, 2023-24, 2024-25, 2025-26", ...trend.themes.map((t, n) => `Ratings in theme ${n + 1}. ${t.title}, 2023-24, 2024-25, 2025-26`)]);
      for (const n of names) expect(n.width).toBeGreaterThan(600);
      expect(await page.getByRole('img', { name: /Ratings in theme 1\. Continuous improvement.*ci\.c4: Not in place, Established, Embedded \(improved\)\./ }).count()).toBe(1);
    });

    it("colours each rating in its catalogue's colour, with its words on it in black or white, whichever reads at 4.5:1", async () => {
      for (const [n, theme] of trend.themes.entries()) {
        // The cells of each row, read from the drawing: a rect with a text (or two) centred on it.
        const cells = await inPage<DrawnCell[]>(`[...document.querySelectorAll('#chart-trend-theme-${n + 1}-title')].flatMap((t) => {
          const svg = t.closest('svg');
          return [...svg.querySelectorAll('rect[rx]')].map((r) => {
            const x = Number(r.getAttribute('x')) + Number(r.getAttribute('width')) / 2;
            const y = Number(r.getAttribute('y'));
            const words = [...svg.querySelectorAll('text')].filter((e) => Math.abs(Number(e.getAttribute('x')) - x) < 0.2 && Number(e.getAttribute('y')) > y && Number(e.getAttribute('y')) < y + 30);
            return { fill: r.getAttribute('fill'), ink: words[0]?.getAttribute('fill') ?? '', words: words.map((w) => w.textContent).join(' / ') };
          });
        })`);
        const rows = trend.indicators.filter((i) => i.theme === theme.id);
        const expected = rows.flatMap((i) =>
          i.periods.filter((c) => c.answer !== 'absent').map((c) => {
            if (c.answer === 'rated') {
              const fill = ratingColour(c.rating!);
              return { fill, ink: textColourOn(fill), words: c.redFlag ? `${c.rating!.label} / ${c.serious ? 'serious red flag' : 'red flag'}` : c.rating!.label };
            }
            return c.answer === 'not-applicable' ? { fill: PALETTE.grey, ink: PALETTE.paper, words: 'Not applicable' } : { fill: PALETTE.paper, ink: PALETTE.ink, words: 'Not answered' };
          }),
        );
        expect(cells, theme.id).toEqual(expected);
        for (const c of cells) expect(contrastRatio(c.ink, c.fill), `${c.words} in ${c.ink} on ${c.fill}`).toBeGreaterThanOrEqual(4.5);
      }
      // The shipped scale's own colours, not some other palette's.
      const colours = new Set(trend.indicators.flatMap((i) => i.periods.map((c) => c.rating?.colour)).filter((x) => x !== undefined));
      expect([...colours].sort()).toEqual(['#19703A', '#1F5FA8', '#A14F00', '#B42318']);
    });

    it('follows each heat map with a table of the same words, a row per indicator', async () => {
      const pairs = await inPage<{ caption: string; rows: number; first: string[] }[]>(
        `[...document.querySelectorAll('#indicators figure')].map((f) => { const t = f.nextElementSibling; return { caption: t.tagName === 'TABLE' ? t.caption.textContent : t.tagName, rows: t.tBodies[0].rows.length, first: [...t.tBodies[0].rows[0].cells].map((c) => c.innerText.replace(/\\s+/g, ' ')) }; })`,
      );
      expect(pairs.map((p) => [p.caption, p.rows])).toEqual(trend.themes.map((t, n) => [`Indicators in theme ${n + 1}. ${t.title}, by period`, trend.indicators.filter((i) => i.theme === t.id).length]));
      expect(pairs[0]!.first).toEqual([
        'ci.c1',
        'The council has arrangements that drive better performance and outcomes in all of its functions, guided by local priorities.',
        'Developing',
        'Developing',
        'Established',
        'Improved',
      ]);
    });

    it(
      'prints to A4, each theme on a new page, each heat map kept whole on its page',
      async () => {
        await page.emulateMedia({ media: 'print' });
        const style = await inPage<{ breaks: string[]; figures: string[] }>(
          `({ breaks: [...document.querySelectorAll('#indicators section.theme')].map((e) => getComputedStyle(e).breakBefore), figures: [...document.querySelectorAll('figure')].map((e) => getComputedStyle(e).breakInside) })`,
        );
        expect(style.breaks).toEqual(['auto', ...trend.themes.slice(1).map(() => 'page')]);
        expect(new Set(style.figures)).toEqual(new Set(['avoid']));
        const bytes = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        await page.emulateMedia({ media: 'screen' });
        const pdf = await PDFDocument.load(bytes);
        const { width, height } = pdf.getPage(0).getSize();
        expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
        // The summary, the themes, a page at least per theme's indicators, red flags and actions.
        expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2 + trend.themes.length + 1);
      },
      SLOW,
    );
  },
);
