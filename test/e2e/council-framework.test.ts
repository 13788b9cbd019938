// A council's own framework, first-class: Eastmoor's (examples/council/), with its own ids, its own
// four-colour scale and its bva.config.yaml, goes through init, answer, assess, validate, report
// (Markdown, JSON, HTML in Chromium), check, init --from and diff with no --catalogue on any
// command line; its report names none of the shipped catalogue's words. Also: the pointer an
// answers file may carry, a broken configuration, and a scale listed best first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scoringRules } from '../../src/assessment/rules.js';
import type { Catalogue } from '../../src/catalogue/model.js';
import type { Report } from '../../src/generated/report.js';
import { HOSTS, ROOT, bvaBinary, bvaInProcess, hasStackTrace, read, tempCopy, tempDir } from '../helpers.js';
import { KEY, Terminal, hasScript } from '../pty.js';
import jsYaml from 'js-yaml';

const FRAMEWORK = 'criteria/eastmoor-framework.yaml';
const catalogue = jsYaml.load(read(join(ROOT, 'examples/council', FRAMEWORK)), { schema: jsYaml.CORE_SCHEMA }) as Catalogue;

/** A fresh copy of examples/council/, to work in. */
const council = (): string => join(tempCopy({ council: 'examples/council' }), 'council');

/** Every word, label and title of the shipped catalogue's scales, as it could appear in output. */
const SHIPPED_WORDS = (() => {
  const shipped = jsYaml.load(read(join(ROOT, 'criteria/best-value-2024.yaml')), { schema: jsYaml.CORE_SCHEMA }) as Catalogue;
  const scales = Object.values(shipped.scales);
  return [
    ...scales.flatMap((s) => [s!.title, ...s!.levels.flatMap((l) => [l.word, l.label])]),
    'Characteristics of a well-functioning authority',
    'Indicators of potential failure',
  ];
})();

/** The shipped words found in a text, as whole words in any case. */
function shippedWordsIn(text: string): string[] {
  return SHIPPED_WORDS.filter((w) => new RegExp(`(^|[^A-Za-z-])${w.replace(/[-]/g, '[- ]')}($|[^A-Za-z-])`, 'i').test(text));
}

describe.each(Object.entries(HOSTS))("Eastmoor's own framework, with no --catalogue (%s)", (_, bva) => {
  it('validates both periods from its folder, from the repository and from anywhere else', async () => {
    const want = '2024-25.yaml: valid; answered 26 of 26; 0 errors, 0 warnings\n2025-26.yaml: valid; answered 26 of 26; 0 errors, 0 warnings\n';
    expect(await bva(['validate', '2024-25.yaml', '2025-26.yaml'], { cwd: join(ROOT, 'examples/council') })).toEqual({ code: 0, stdout: want, stderr: '' });
    const fromRoot = await bva(['validate', 'examples/council/2025-26.yaml']);
    expect(fromRoot).toEqual({ code: 0, stdout: 'examples/council/2025-26.yaml: valid; answered 26 of 26; 0 errors, 0 warnings\n', stderr: '' });
    // The configuration is found above the answers file, wherever bva runs.
    const path = join(ROOT, 'examples/council/2025-26.yaml');
    expect((await bva(['validate', path], { cwd: tempDir() })).code).toBe(0);
  });

  it('starts the next period from the last on the same framework, and sets an answer in its own words', async () => {
    const dir = council();
    const init = await bva(['init', '2026-27.yaml', '--from', '2025-26.yaml'], { cwd: dir });
    expect(init).toEqual({
      code: 0,
      stdout: '',
      stderr: [
        'Wrote 2026-27.yaml: Eastmoor Borough Council, 2026-27, eastmoor-framework 1.0.0 (26 indicators to answer).',
        'Carried forward from 2025-26.yaml: 2 theme summaries, 13 commentaries, 6 evidence entries, 6 open actions; 26 ratings kept as previous.',
        'Next: bva assess 2026-27.yaml',
        '',
      ].join('\n'),
    });
    // bva.config.yaml lists the framework, so the new file needs no pointer and no format line.
    expect(read(join(dir, '2026-27.yaml'))).toContain('\ncatalogue:\n  id: eastmoor-framework\n  version: 1.0.0\nauthority: Eastmoor Borough Council\nperiod: 2026-27\n');
    const answer = await bva(['answer', '2026-27.yaml', 'CI001', '--rating', 'dark-green', '--commentary', 'Every plan traces to the Corporate Plan.'], { cwd: dir });
    expect(answer).toEqual({ code: 0, stdout: '', stderr: 'CI001: dark-green; saved 2026-27.yaml (answered 1 of 26)\n' });
    const refused = await bva(['answer', '2026-27.yaml', 'CI002', '--rating', 'embedded'], { cwd: dir });
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: 'bva: CI002: rating "embedded" is not on its characteristic scale; use one of: red, amber, light-green, dark-green, not-applicable. Nothing was written.\n',
    });
    expect((await bva(['validate', '2026-27.yaml'], { cwd: dir })).stdout.split('\n').at(-2)).toBe('2026-27.yaml: valid; answered 1 of 26; 0 errors, 7 warnings');
  });

  it('reports in its own words: the title block, the executive summary in its labels, the rules from its scales', async () => {
    const r = await bva(['report', '2025-26.yaml', '--previous', '2024-25.yaml', '--as-of', '2025-11-27'], { cwd: join(ROOT, 'examples/council') });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 15).join('\n')).toBe(
      [
        '# Best Value self-assessment: Eastmoor Borough Council, 2025-26',
        '',
        '- **Authority:** Eastmoor Borough Council',
        '- **Period:** 2025-26',
        '- **Catalogue:** Eastmoor Borough Council Best Value framework (eastmoor-framework 1.0.0)',
        '- **Assessment date:** 4 November 2025',
        '- **Status as of:** 27 November 2025 (actions and evidence are judged against this date)',
        '- **Compared with:** 2024-25',
        '- **Participants:** Daniel Mercer (Chief Executive and Head of Paid Service); Aisha Khan (Director of Resources and Section 151 Officer); Tom Ellery (Head of Legal Services and Monitoring Officer); Ruth Calloway (Head of Strategy and Performance); Cllr Martin Doyle (Chair of the Audit and Governance Committee); Sophie Lund (Independent member, Audit and Governance Committee)',
        '',
        '## Executive summary',
        '',
        "Overall status: **Red**, the worst of the themes' statuses (1 theme red: Service delivery; 3 themes amber: Continuous improvement, Culture, Partnerships and community engagement). Overall level: **Light green**, the median of 18 ratings on the “Eastmoor statement” scale. 26 of 26 indicators are answered; there are 2 red flags (1 serious), 6 open actions and 1 overdue.",
        '',
        '| Theme                                    | RAG     | Level           | Answered | Red flags     | Open actions | Overdue | Movement                                        |',
      ].join('\n'),
    );
    expect(r.stdout).toContain('| **Whole authority**                      | **Red** | **Light green** | 26 of 26 | 2 (1 serious) | 6            | 1       | 11 improved, 1 declined, 1 no longer rated      |\n');
    expect(r.stdout).toContain('| Service delivery | SD-F1 | The Ombudsman upholds complaints about the same service, for the same fault, more than once in a year. | **Happening** (serious red flag; declined from At risk) |');
    expect(r.stdout).toContain('- **Status:** Red: 1 serious red flag (SD-F1 Happening); level Amber, which the scale counts as amber; 1 overdue action\n');
    for (const [n, rule] of scoringRules(catalogue.scales).entries()) expect(r.stdout).toContain(`\n${n + 1}. ${rule}\n`);
    expect(r.stdout).toContain('2. A red flag is a rating of Happening or At risk on the “Failure sign” scale; it is serious at a level the scale counts as red (Happening).\n');
    expect(r.stdout).toContain('- **Light green**: In place across the council, with some improvement still to make. Counts as Green.\n');
    // No item is derived or drafted, and the framework names no source: no footnote, no source section.
    expect(r.stdout).not.toMatch(/†|‡|^### Source$/m);
    expect(shippedWordsIn(r.stdout)).toEqual([]);
  });

  it("gives tools its words and labels in JSON, and rules in its scale's words", async () => {
    const r = await bva(['report', '2025-26.yaml', '--previous', '2024-25.yaml', '--as-of', '2025-11-27', '--format', 'json'], { cwd: join(ROOT, 'examples/council') });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.catalogue).toEqual({ id: 'eastmoor-framework', version: '1.0.0', title: 'Eastmoor Borough Council Best Value framework' });
    expect(report.rules).toEqual(scoringRules(catalogue.scales));
    expect(report.summary.level).toEqual({ word: 'light-green', label: 'Light green', rank: 2, of: 4 });
    expect(report.themes.find((t) => t.id === 'service-delivery')!.indicators.find((i) => i.id === 'SD-F1')).toMatchObject({
      rating: { word: 'happening', label: 'Happening', rank: 0, of: 3 },
      redFlag: true,
      seriousRedFlag: true,
      previous: 'at-risk',
      movement: 'declined',
    });
    expect(shippedWordsIn(r.stdout)).toEqual([]);
  });

  it('checks its gates, naming levels by their labels', async () => {
    const dir = join(ROOT, 'examples/council');
    const defaults = await bva(['check', '2025-26.yaml', '--as-of', '2025-11-27'], { cwd: dir });
    expect(defaults).toEqual({
      code: 1,
      stdout:
        '2025-26.yaml:225:13 no-overdue: action on SD001 was due 2025-09-30 and is still open: "Set up annual benchmarking for every service, using LG In..."\n' +
        '2025-26.yaml: 1 of 3 default gates failed as of 2025-11-27: no-overdue (1 failure); passed: require-actions, require-owners\n',
      stderr: '',
    });
    const levels = await bva(['check', '2025-26.yaml', '--as-of', '2025-11-27', '--min-level', 'light-green', '--require-complete'], { cwd: dir });
    expect(levels.stdout).toBe(
      [
        '2025-26.yaml:159:3 min-level: Culture: level Amber is below Light green',
        '2025-26.yaml:216:3 min-level: Service delivery: level Amber is below Light green',
        '2025-26.yaml:252:3 min-level: Partnerships and community engagement: level Amber is below Light green',
        '2025-26.yaml: 1 of 2 gates failed as of 2025-11-27: min-level (3 failures); passed: require-complete',
        '',
      ].join('\n'),
    );
    expect((await bva(['check', '2025-26.yaml', '--min-level', 'established'], { cwd: dir })).stderr).toBe(
      'bva: --min-level: "established" is not a level of the characteristic scale; use one of: red, amber, light-green, dark-green\nRun bva --help for usage.\n',
    );
  });

  it('shows what moved between the two periods by its labels', async () => {
    const r = await bva(['diff', '2024-25.yaml', '2025-26.yaml'], { cwd: join(ROOT, 'examples/council') });
    expect(r.code).toBe(0);
    for (const line of [
      '| Level | Amber | Light green |',
      '| Continuous improvement | Amber → Light green (improved) | Red → Amber (better) |',
      '| Service delivery | Amber → Amber | Amber → Red (worse) |',
      '| **CI001** Every service plan sets improvement priorities that trace back to the Corporate Plan. | Continuous improvement | Amber | Dark green |',
      '| **SD-F1** The Ombudsman upholds complaints about the same service, for the same fault, more than once in a year. | Service delivery | At risk | Happening |',
      '| **PT002** Consultations follow the council\'s consultation charter, and the council publishes what it heard and what it changed. | Partnerships and community engagement | Light green | Not applicable |',
    ]) {
      expect(r.stdout).toContain(`${line}\n`);
    }
    expect(shippedWordsIn(r.stdout)).toEqual([]);
    const json = JSON.parse((await bva(['diff', '2024-25.yaml', '2025-26.yaml', '--format', 'json'], { cwd: join(ROOT, 'examples/council') })).stdout) as {
      indicators: { id: string; old?: string; new?: string; oldLabel?: string; newLabel?: string }[];
    };
    expect(json.indicators.find((i) => i.id === 'CI001')).toMatchObject({ old: 'amber', oldLabel: 'Amber', new: 'dark-green', newLabel: 'Dark green' });
  });

  it('shows its scales and themes with catalogue show, as the project default', async () => {
    const r = await bva(['catalogue', 'show', 'governance'], { cwd: join(ROOT, 'examples/council') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3. Governance (governance)\n');
    expect(r.stdout).toContain('  GV-F1\n');
    expect(r.stdout).toContain('  light-green  Light green · counts as green · colour #85C17E\n');
    expect(r.stdout).toContain('  at-risk        At risk · counts as amber · red flag · colour #F47738\n');
    const list = await bva(['catalogue', 'list'], { cwd: join(ROOT, 'examples/council') });
    expect(list.stdout.split('\n').slice(0, 2)).toEqual([
      'eastmoor-framework 1.0.0  Eastmoor Borough Council Best Value framework',
      'criteria/eastmoor-framework.yaml (listed in bva.config.yaml): 7 themes, 26 indicators (19 characteristics, 7 indicators of failure)',
    ]);
  });
});

describe('an answers file that points to its catalogue', () => {
  const files = (): string =>
    tempDir({
      'framework/eastmoor.yaml': read(join(ROOT, 'examples/council', FRAMEWORK)),
      'answers/2025-26.yaml': read(join(ROOT, 'examples/council/2025-26.yaml')).replace('  version: 1.0.0\n', '  version: 1.0.0\n  file: ../framework/eastmoor.yaml\n'),
    });

  it('is checked against the file it points to, relative to itself, from any folder', async () => {
    const dir = files();
    for (const cwd of [dir, join(dir, 'answers'), ROOT]) {
      const r = await bvaInProcess(['validate', join(dir, 'answers/2025-26.yaml')], { cwd });
      expect(r.code, cwd).toBe(0);
      // The pointer is format 2: bva 0.1 did not know it, and validate says to mark the file.
      expect(r.stdout).toContain('(format-undeclared)');
    }
  });

  it('must point to the id and version it names', async () => {
    const dir = files();
    writeFileSync(join(dir, 'framework/eastmoor.yaml'), read(join(dir, 'framework/eastmoor.yaml')).replace('version: 1.0.0', 'version: 1.1.0'));
    const r = await bvaInProcess(['validate', 'answers/2025-26.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'answers/2025-26.yaml:7:12 error: catalogue.file "../framework/eastmoor.yaml" is eastmoor-framework 1.1.0, but this file names eastmoor-framework 1.0.0: point file at the catalogue of that id and version, or change them to eastmoor-framework 1.1.0 (catalogue-mismatch)\n',
    );
  });

  it('names a pointer to nowhere at its line and column', async () => {
    const dir = files();
    const r = await bvaInProcess(['report', 'answers/2025-26.yaml'], { cwd: join(dir) });
    expect(r.code).toBe(0);
    const gone = tempDir({ '2025-26.yaml': read(join(dir, 'answers/2025-26.yaml')) });
    const missing = await bvaInProcess(['validate', '2025-26.yaml'], { cwd: gone });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('2025-26.yaml:8:9 error: catalogue.file "../framework/eastmoor.yaml" cannot be read: no such file (the path is relative to this file) (unknown-catalogue)\n');
  });

  it("is not needed for init's --from file when --catalogue gives the catalogue it names", async () => {
    // Last period's file names the framework but says nowhere where it is: no pointer, no configuration.
    const dir = tempDir({ 'ours.yaml': read(join(ROOT, 'examples/council', FRAMEWORK)), 'last.yaml': read(join(ROOT, 'examples/council/2025-26.yaml')) });
    expect((await bvaInProcess(['validate', 'last.yaml'], { cwd: dir })).code).toBe(1);
    const r = await bvaInProcess(['init', 'next.yaml', '--catalogue', 'ours.yaml', '--from', 'last.yaml'], { cwd: dir });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr:
        'Wrote next.yaml: Eastmoor Borough Council, 2026-27, eastmoor-framework 1.0.0 (26 indicators to answer).\n' +
        'Carried forward from last.yaml: 2 theme summaries, 13 commentaries, 6 evidence entries, 6 open actions; 26 ratings kept as previous.\n' +
        'Next: bva assess next.yaml\n',
    });
    expect(read(join(dir, 'next.yaml'))).toContain('  file: ours.yaml\n');
    expect((await bvaInProcess(['validate', 'next.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('is written by bva init for a catalogue no configuration lists, so the next command needs no --catalogue', async () => {
    const dir = tempDir({ 'framework/eastmoor.yaml': read(join(ROOT, 'examples/council', FRAMEWORK)) });
    const r = await bvaInProcess(['init', '2025-26.yaml', '--catalogue', 'framework/eastmoor.yaml', '--authority', 'Eastmoor Borough Council', '--period', '2025-26'], { cwd: dir });
    expect(r.stderr).toBe('Wrote 2025-26.yaml: Eastmoor Borough Council, 2025-26, eastmoor-framework 1.0.0 (26 indicators to answer).\nNext: bva assess 2025-26.yaml\n');
    expect(read(join(dir, '2025-26.yaml'))).toContain('format: 2\ncatalogue:\n  id: eastmoor-framework\n  version: 1.0.0\n  file: framework/eastmoor.yaml\n');
    expect((await bvaInProcess(['validate', join(dir, '2025-26.yaml')], { cwd: ROOT })).code).toBe(0);
  });
});

describe('the project configuration', () => {
  it('is checked like every other file: a mistake at its line and column, exit 2', async () => {
    const dir = council();
    writeFileSync(join(dir, 'bva.config.yaml'), 'catalogues:\n  - criteria/eastmoor-framework.yaml\n  - criteria/missing.yaml\ndefault-catalogu: eastmoor-framework\n');
    const r = await bvaInProcess(['validate', '2025-26.yaml'], { cwd: dir });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `bva.config.yaml:3:5 error: no catalogue file "criteria/missing.yaml" in ${dir} (paths are relative to this file's folder) (config-catalogue)`,
        'bva.config.yaml:4:1 error: unknown key "default-catalogu"; did you mean "default-catalogue"? (unknown-key)',
        'bva: bva.config.yaml: the project configuration has 2 problems; fix it, or move it out of the way',
        '',
      ].join('\n'),
    });
  });

  it('names the catalogue new files start on', async () => {
    const dir = council();
    const r = await bvaInProcess(['init', 'new.yaml', '--authority', 'Eastmoor Borough Council', '--period', '2026-27'], { cwd: dir });
    expect(r.stderr).toBe('Wrote new.yaml: Eastmoor Borough Council, 2026-27, eastmoor-framework 1.0.0 (26 indicators to answer).\nNext: bva assess new.yaml\n');
    writeFileSync(join(dir, 'bva.config.yaml'), 'catalogues:\n  - criteria/eastmoor-framework.yaml\ndefault-catalogue: eastmoor\n');
    const wrong = await bvaInProcess(['init', 'other.yaml', '--authority', 'A', '--period', '2026-27'], { cwd: dir });
    expect(wrong).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva.config.yaml:3:20 error: default-catalogue "eastmoor" is neither listed under catalogues nor shipped with bva (unknown-catalogue)\nbva: bva.config.yaml: the project configuration has 1 problem; fix it, or move it out of the way\n',
    });
  });

  it('has a JSON Schema', async () => {
    const r = await bvaInProcess(['schema', 'config']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 'ProjectConfig', properties: { catalogues: { type: 'array' }, 'default-catalogue': { type: 'string' } } });
  });
});

describe('a scale listed best first', () => {
  const reversed = (): string => {
    const text = read(join(ROOT, 'examples/council', FRAMEWORK));
    const start = text.indexOf('      - word: red\n');
    const end = text.indexOf('  failure:\n');
    const levels = text.slice(start, end).split(/(?=      - word: )/);
    return text.slice(0, start) + levels.reverse().join('') + text.slice(end);
  };

  it('is refused by catalogue validate, saying so', async () => {
    const dir = tempDir({ 'framework.yaml': reversed() });
    const r = await bvaInProcess(['catalogue', 'validate', 'framework.yaml'], { cwd: dir });
    expect(r).toEqual({
      code: 1,
      stdout:
        'framework.yaml:38:14 error: the characteristic scale is listed best first (green, green, amber, red): list its levels from worst to best, red first, since scoring reads the first level as the worst (scale-order)\n' +
        'framework.yaml: invalid; 1 error, 0 warnings\n',
      stderr: '',
    });
  });

  it('stops every command that would score with it', async () => {
    const dir = council();
    writeFileSync(join(dir, FRAMEWORK), reversed());
    const r = await bvaInProcess(['report', '2025-26.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('criteria/eastmoor-framework.yaml:38:14 error: the characteristic scale is listed best first');
    expect(r.stderr).toContain('bva: criteria/eastmoor-framework.yaml: the catalogue has 1 problem; run bva catalogue validate criteria/eastmoor-framework.yaml\n');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe('bva assess on the framework, in a terminal', () => {
  it.skipIf(!hasScript)('asks in its labels, saves its words, and every command it prints works as printed', { timeout: 90_000 }, async () => {
    const dir = council();
    expect(bvaBinary(['init', '2026-27.yaml', '--from', '2025-26.yaml'], { cwd: dir }).code).toBe(0);
    const first = new Terminal(['assess', '2026-27.yaml'], dir);
    try {
      await first.answer('What next?', KEY.enter);
      await first.waitFor('CI001 · Eastmoor statement · Framework 1.1');
      await first.waitFor('Last period: Dark green');
      await first.answer('CI001: How well does Eastmoor meet this statement?', KEY.down);
      await first.answer('❯ Amber', KEY.down);
      await first.answer('❯ Light green', KEY.enter);
      await first.answer('Commentary, one line (Enter keeps it as it is; - removes it):', KEY.enter);
      await first.answer('Evidence: a document, link or path (Enter to go on):', KEY.enter);
      await first.answer('Action to take (Enter to go on):', KEY.enter);
      await first.waitFor('Saved: CI001 Light green. 1 of 26 answered.');
      await first.answer('CI002: How well does Eastmoor meet this statement?', KEY.ctrlC);
      await first.waitFor('Stopped. 1 of 26 answered, saved in 2026-27.yaml. Run bva assess 2026-27.yaml to carry on.');
      expect(await first.exit).toBe(130);
    } finally {
      first.kill();
    }
    expect(first.screen).toContain(
      [
        '❯ Red             Missing, or only on paper; a significant weakness.',
        '  Amber           Partly in place; practice varies between services or is new and untested.',
        '  Light green     In place across the council, with some improvement still to make.',
        '  Dark green      Fully in place, reviewed each year, and recognised by peers or regulators.',
        '  Not applicable  Does not apply to this council (you will be asked why).',
      ].join('\n'),
    );
    expect(read(join(dir, '2026-27.yaml'))).toContain('      CI001:\n        rating: light-green\n        previous: dark-green\n');

    // The command it printed, as printed; then the report command it prints at the end.
    const again = new Terminal(['assess', '2026-27.yaml'], dir);
    try {
      await again.answer('What next?', `${KEY.down}${KEY.down}${KEY.down}`);
      await again.answer('❯ Save and quit', KEY.enter);
      await again.waitFor('Full report: bva report 2026-27.yaml');
      expect(await again.exit).toBe(0);
    } finally {
      again.kill();
    }
    expect(again.screen).toContain('  Amber         1 Continuous improvement                 1 of 4    Light green  none\n');
    const report = bvaBinary(['report', '2026-27.yaml'], { cwd: dir });
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('| CI001 | Every service plan sets improvement priorities that trace back to the Corporate Plan. | Light green (declined from Dark green) |');
  });
});

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('its HTML report in headless Chromium', () => {
  it("draws each rating in the framework's own colour, with the count on it in black or white, whichever reads", { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    const wrote = bvaBinary(['report', 'examples/council/2025-26.yaml', '--previous', 'examples/council/2024-25.yaml', '--format', 'html', '--out', out]);
    expect(wrote.code).toBe(0);
    expect(shippedWordsIn(readFileSync(out, 'utf8').replace(/<style>[\s\S]*?<\/style>/, ''))).toEqual([]);
    const context = await chromium.launchPersistentContext(tempDir(), { executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'], offline: true });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
      // Continuous improvement: CI001 dark green, CI002 amber, CI003 light green; CI-F1 at risk.
      const bars = (await page.evaluate(`[...document.querySelectorAll('svg[aria-labelledby^="chart-theme-1-"] rect')].map((r) => getComputedStyle(r).fill)`)) as string[];
      expect(bars).toEqual(expect.arrayContaining(['rgb(244, 119, 56)', 'rgb(133, 193, 126)', 'rgb(0, 112, 60)']));
      const counts = (await page.evaluate(
        `[...document.querySelectorAll('svg[aria-labelledby^="chart-theme-1-"] text')].filter((t) => /^\\d+$/.test(t.textContent)).map((t) => [t.textContent, getComputedStyle(t).fill])`,
      )) as [string, string][];
      // Black on the light colours (amber, light green), white on the dark ones.
      expect(counts).toEqual([
        ['1', 'rgb(0, 0, 0)'],
        ['1', 'rgb(0, 0, 0)'],
        ['1', 'rgb(255, 255, 255)'],
        ['1', 'rgb(0, 0, 0)'],
      ]);
      // The rating scale's key in the method note: each level's own colour beside its label.
      const swatches = (await page.evaluate(`[...document.querySelectorAll('#method svg.swatch rect')].map((r) => getComputedStyle(r).fill)`)) as string[];
      expect(swatches).toEqual(['rgb(212, 53, 28)', 'rgb(244, 119, 56)', 'rgb(133, 193, 126)', 'rgb(0, 112, 60)', 'rgb(212, 53, 28)', 'rgb(244, 119, 56)', 'rgb(0, 112, 60)']);
    } finally {
      await context.close();
    }
  });
});
