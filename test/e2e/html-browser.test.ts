// The HTML report in a real browser: headless Chromium from Debian's packages opens the page the
// built binary writes for the example, with every request but the page itself blocked and
// recorded. It checks the headings and the SVG charts, takes a screenshot, prints the page to A4
// PDF, and reads the PDF's outline to see on which page each heading landed.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Report } from '../../src/generated/report.js';
import { bvaBinary, tempCopy, tempDir } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
/** No network: the page must need none, and the test must never reach one. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1280, height: 900 } as const;
const SLOW = 90_000;

/** The example, as the "done when" command writes it (today fixed to the day it went to Cabinet). */
const EXAMPLE_ARGS = ['report', 'examples/2025-26.yaml', '--previous', 'examples/2024-25.yaml'];
const TODAY = '2025-11-19';

/** Text that would run or load something if it reached the page as markup. */
const HOSTILE = `<script>alert(1)</script> "><img src=x onerror=alert(2)> </style><svg onload=alert(3)> <a href="javascript:alert(4)">click</a>`;

/** A heading in the PDF's outline: its words, the page it is on (1-based) and how far down (points from the bottom). */
interface OutlineEntry {
  readonly title: string;
  readonly page: number;
  readonly y: number;
}

/** The PDF's outline, depth first: Chromium builds it from the headings of a tagged PDF. */
function outline(pdf: PDFDocument): OutlineEntry[] {
  const pages = pdf.getPages().map((p) => p.ref.toString());
  const root = pdf.catalog.lookup(PDFName.of('Outlines'), PDFDict);
  const out: OutlineEntry[] = [];
  const walk = (ref: unknown): void => {
    for (let item = ref; item instanceof PDFRef; ) {
      const d = pdf.context.lookup(item, PDFDict);
      const title = d.lookup(PDFName.of('Title'));
      const dest = d.lookup(PDFName.of('Dest'));
      if (!(dest instanceof PDFArray)) throw new Error('an outline entry without an explicit destination');
      out.push({
        title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
        page: pages.indexOf(dest.get(0).toString()) + 1,
        y: dest.lookup(3, PDFNumber).asNumber(),
      });
      walk(d.get(PDFName.of('First')));
      item = d.get(PDFName.of('Next'));
    }
  };
  walk(root.get(PDFName.of('First')));
  return out;
}

/** Words compared without their spacing: a heading that wraps loses its space in the outline. */
const squash = (s: string): string => s.replace(/\s+/g, '');

describe.skipIf(!hasChromium)(
  hasChromium ? 'the example as HTML, in headless Chromium' : `the example as HTML, in headless Chromium: SKIPPED because ${CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it)`,
  () => {
    let dir = '';
    let report: Report;
    let pageUrl = '';
    const pages = new Set<string>();
    let context: BrowserContext;
    let page: Page;
    const requests: string[] = [];
    const blocked: string[] = [];
    const dialogs: string[] = [];
    const errors: string[] = [];

    beforeAll(async () => {
      // 1. The built binary writes the page, and the same report as JSON to count from.
      dir = tempCopy({ 'examples/2025-26.yaml': 'examples/2025-26.yaml', 'examples/2024-25.yaml': 'examples/2024-25.yaml' });
      const wrote = bvaBinary([...EXAMPLE_ARGS, '--format', 'html', '--out', 'report.html'], { cwd: dir, today: TODAY });
      expect(wrote.stderr).toMatch(/^Wrote report\.html \(HTML, \d+ KB\)\n$/);
      expect(wrote.code).toBe(0);
      const json = bvaBinary([...EXAMPLE_ARGS, '--format', 'json'], { cwd: dir, today: TODAY });
      expect(json.code).toBe(0);
      report = JSON.parse(json.stdout) as Report;

      // 2. A fresh browser profile, offline, every request recorded and all but the page refused.
      context = await chromium.launchPersistentContext(tempDir(), { executablePath: CHROMIUM, headless: true, args: ARGS, offline: true, viewport: VIEWPORT });
      pageUrl = pathToFileURL(join(dir, 'report.html')).href;
      pages.add(pageUrl);
      context.on('request', (r) => void requests.push(r.url()));
      await context.route('**/*', (route) => {
        if (pages.has(route.request().url())) return route.continue();
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      page = await context.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => void errors.push(e.message));
      await page.goto(pageUrl, { waitUntil: 'load' });
    }, SLOW);

    /** An expression run in the page (as text: this project's types have no DOM). */
    const inPage = <T>(expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

    afterAll(async () => {
      await context?.close();
    });

    it('loads with no request but the page itself, and runs nothing', async () => {
      expect(requests[0]).toBe(pageUrl);
      expect(requests.filter((r) => !pages.has(r))).toEqual([]);
      expect(blocked).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(await inPage<number>('document.scripts.length')).toBe(0);
      expect(await page.locator('img, iframe, object, embed, link, video, audio').count()).toBe(0);
    });

    it(
      'shows hostile text from an answers file as text: nothing injected, nothing run',
      async () => {
        // The example with hostile text where people write: the authority, a summary, commentary, evidence.
        const hostileDir = tempCopy({ 'examples/2025-26.yaml': 'examples/2025-26.yaml' });
        const file = join(hostileDir, 'examples/2025-26.yaml');
        const doc = parseDocument(readFileSync(file, 'utf8'));
        doc.setIn(['authority'], `Marlbridge ${HOSTILE}`);
        doc.setIn(['themes', 'leadership', 'summary'], HOSTILE);
        doc.setIn(['themes', 'leadership', 'indicators', 'lead.c1', 'commentary'], HOSTILE);
        doc.setIn(['themes', 'leadership', 'indicators', 'lead.c1', 'evidence'], [{ title: `Evidence ${HOSTILE}`, link: 'javascript:alert(5)' }]);
        // A moderation record (the report's appendix) by a reviewer with a hostile name and note.
        doc.setIn(['themes', 'leadership', 'indicators', 'lead.c1', 'moderation'], {
          draft: 'established',
          reviews: [{ reviewer: `Reviewer ${HOSTILE}`, rating: 'developing' }],
          agreed: 'established',
          by: 'Moderator',
          on: '2025-10-01',
          note: HOSTILE,
        });
        writeFileSync(file, doc.toString());
        const wrote = bvaBinary(['report', 'examples/2025-26.yaml', '--format', 'html', '--out', 'hostile.html'], { cwd: hostileDir, today: TODAY });
        expect(wrote.stderr).toMatch(/^Wrote hostile\.html/);
        expect(wrote.code).toBe(0);

        const url = pathToFileURL(join(hostileDir, 'hostile.html')).href;
        pages.add(url);
        const hostile = await context.newPage();
        const seen: string[] = [];
        hostile.on('dialog', (d) => {
          seen.push(d.message());
          void d.dismiss();
        });
        await hostile.goto(url, { waitUntil: 'load' });
        expect(seen).toEqual([]);
        expect(await hostile.locator('script, img, iframe, [onerror], [onload], a[href^="javascript"], svg[onload]').count()).toBe(0);
        expect(await hostile.locator('h1').innerText()).toBe(`Best Value self-assessment: Marlbridge ${HOSTILE}, 2025-26`);
        const row = hostile.locator('#theme-2 tbody tr').first();
        expect(await row.locator('.commentary').innerText()).toBe(HOSTILE);
        expect(await row.locator('.evidence').innerText()).toBe(`Evidence ${HOSTILE}`);
        expect(await row.locator('.evidence a').count()).toBe(0);
        const appendix = hostile.locator('#moderation');
        expect(await appendix.locator('h2').innerText()).toBe('Appendix: independent review and moderation');
        const ratings = appendix.locator('table').nth(2);
        expect(await ratings.locator('thead th').nth(3).innerText()).toBe(`Reviewer ${HOSTILE}`);
        expect(await ratings.locator('tbody td').last().innerText()).toBe(`${HOSTILE} (Moderator, 1 October 2025)`);
        await hostile.close();
        expect(blocked).toEqual([]);
      },
      SLOW,
    );

    it("has the report's headings, a section per theme", async () => {
      expect(await page.title()).toBe('Best Value self-assessment: Marlbridge Borough Council, 2025-26');
      expect(await page.locator('h1').allInnerTexts()).toEqual(['Best Value self-assessment: Marlbridge Borough Council, 2025-26']);
      expect(await page.locator('h2').allInnerTexts()).toEqual(['Executive summary', "Red flags for members' attention", 'Themes', 'Action plan', 'Gaps', 'Method']);
      expect(await page.locator('section.theme > h3').allInnerTexts()).toEqual(report.themes.map((t) => `${t.number}. ${t.title}`));
      expect(await page.getByRole('heading', { level: 3, name: '1. Continuous improvement' }).isVisible()).toBe(true);
    });

    it('shows each status as a word on its badge, and header cells with a scope', async () => {
      const words = { red: 'Red', amber: 'Amber', green: 'Green', 'not-assessed': 'Not assessed' } as const;
      for (const t of report.themes) expect(await page.locator(`#theme-${t.number} .status-line .rag`).innerText()).toBe(words[t.rag]);
      expect(await page.locator('th:not([scope="col"]):not([scope="row"])').count()).toBe(0);
      expect(await page.locator('table:not(:has(> caption))').count()).toBe(0);
    });

    it('draws the charts as SVG images, each named by its title and description, at a readable size', async () => {
      const charts = page.locator('svg[role="img"]');
      expect(await charts.count()).toBe(report.themes.length + 1);
      expect(await page.getByRole('img', { name: /^Themes by status and level, with movement since 2024-25 Each theme's status and level/ }).count()).toBe(1);
      for (const t of report.themes) {
        const chart = page.getByRole('img', { name: `Ratings in theme ${t.number}. ${t.title}`, exact: false });
        expect(await chart.count()).toBe(1);
        const box = (await chart.boundingBox())!;
        expect(box.width).toBeGreaterThan(600);
        expect(box.height).toBeGreaterThan(60);
      }
      const grid = (await page.locator('#summary svg').boundingBox())!;
      expect(grid.width).toBeGreaterThan(600);
      expect(grid.height).toBeGreaterThan(40 * report.themes.length);
    });

    it('takes a screenshot of the first screen', async () => {
      const path = join(tempDir(), 'report.png');
      await page.screenshot({ path });
      const png = readFileSync(path);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height]);
      expect(statSync(path).size).toBeGreaterThan(30_000);
    });

    it(
      'prints to A4 with each theme starting a new page, and rows kept whole',
      async () => {
        // 1. The print rules as the browser applies them.
        await page.emulateMedia({ media: 'print' });
        const breaks = await inPage<string[]>(
          "[document.getElementById('themes'), ...document.querySelectorAll('section.theme'), document.getElementById('actions')].map((e) => getComputedStyle(e).breakBefore)",
        );
        expect(breaks).toEqual(['page', 'auto', ...report.themes.slice(1).map(() => 'page'), 'page']);
        expect(await inPage<boolean>("[...document.querySelectorAll('tr')].every((tr) => getComputedStyle(tr).breakInside === 'avoid')")).toBe(true);

        // 2. The PDF: A4 pages, and headings where the rules put them.
        const bytes = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, outline: true, tagged: true });
        await page.emulateMedia({ media: 'screen' });
        const pdf = await PDFDocument.load(bytes);
        const count = pdf.getPageCount();
        const { width, height } = pdf.getPage(0).getSize();
        expect(Math.abs(width - 595.28)).toBeLessThan(2);
        expect(Math.abs(height - 841.89)).toBeLessThan(2);

        const entries = outline(pdf);
        const at = (title: string): OutlineEntry => {
          const e = entries.find((x) => squash(x.title) === squash(title));
          if (!e) throw new Error(`no heading "${title}" in the PDF outline: ${entries.map((x) => x.title).join(' | ')}`);
          return e;
        };
        // Near the top of a page: within the top margin and a heading's height or two.
        const topOfPage = (e: OutlineEntry): boolean => e.y > height - 130;
        const themes = report.themes.map((t) => at(`${t.number}. ${t.title}`));
        expect(topOfPage(at('Themes'))).toBe(true);
        expect(at('Themes').page).toBe(themes[0]!.page);
        themes.forEach((e, n) => {
          expect(topOfPage(e), `theme ${n + 1} starts at the top of page ${e.page}`).toBe(true);
          if (n > 0) expect(e.page).toBeGreaterThan(themes[n - 1]!.page);
        });
        const plan = at('Action plan');
        expect(topOfPage(plan)).toBe(true);
        expect(plan.page).toBeGreaterThan(themes[themes.length - 1]!.page);

        // 3. The least it can be: the front matter, a page per theme, the action plan onwards.
        const least = 1 + report.themes.length + 1;
        expect(count).toBeGreaterThanOrEqual(least);
        expect(count).toBeGreaterThanOrEqual(at('Source').page);
        console.log(`The example (${report.authority}, ${report.period} against ${report.previous?.period}) prints to ${count} A4 pages (at least ${least}: front matter, ${report.themes.length} themes, action plan onwards).`);
      },
      SLOW,
    );
  },
);
