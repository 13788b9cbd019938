// The catalogue: the shipped one holds every theme, characteristic and indicator of potential
// failure that the guidance notes list (counted per theme, so none can silently go missing); the
// loader reports every schema and semantic problem at once with its position; a council's own
// catalogue may use its own ids and scale words; the store finds catalogues by id and version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogueFile, loadCatalogueText } from '../../src/catalogue/load.js';
import { levelOf, NOT_APPLICABLE, ratingWords, type CatalogueModel } from '../../src/catalogue/model.js';
import { CatalogueError, CatalogueStore, compareVersions } from '../../src/catalogue/shipped.js';
import type { TextFile } from '../../src/source/read.js';
import { ROOT, tempDir } from '../helpers.js';

const SHIPPED = join(ROOT, 'criteria', 'best-value-2024.yaml');
const COUNCIL = join(ROOT, 'test', 'fixtures', 'catalogue', 'council.yaml');

async function shipped(): Promise<CatalogueModel> {
  const r = await loadCatalogueFile(SHIPPED, 'criteria/best-value-2024.yaml', true);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  expect(r.warnings).toEqual([]);
  return r.value;
}

/** Every problem the loader finds in a catalogue's text, as "LINE:COL severity code message". */
async function problemsIn(text: string): Promise<string[]> {
  const file: TextFile = { path: 'c.yaml', text, bom: false, eol: '\n', mode: 0o644 };
  const r = await loadCatalogueText(file, { path: '/c.yaml', display: 'c.yaml', shipped: false });
  const problems = r.ok ? r.warnings : r.problems;
  return problems.map((p) => `${p.line}:${p.col} ${p.severity} ${p.code} ${p.message}`);
}

const councilText = readFileSync(COUNCIL, 'utf8');
/** The council catalogue with one text replacement (which must apply). */
function councilWith(from: string | RegExp, to: string): string {
  const out = councilText.replace(from, to);
  if (out === councilText) throw new Error(`no ${String(from)} in the council catalogue`);
  return out;
}

describe('the shipped catalogue', () => {
  // Counts from /work/shared/guidance-notes.md (the project's summary of Section 5 of the May 2024
  // guidance): characteristics and indicators of potential failure per theme. The notes are not in
  // the repository, so they are copied here; a change to the catalogue must change these too.
  const EXPECTED = [
    { id: 'continuous-improvement', characteristics: 8, failures: 3 },
    { id: 'leadership', characteristics: 7, failures: 5 },
    { id: 'governance', characteristics: 8, failures: 3 },
    { id: 'culture', characteristics: 7, failures: 4 },
    { id: 'use-of-resources', characteristics: 12, failures: 4 },
    { id: 'service-delivery', characteristics: 9, failures: 5 },
    { id: 'partnerships', characteristics: 8, failures: 3 },
  ];
  // Items the notes tag as inferred ([I]) or seen in councils' self-assessments ([S]).
  const DERIVED = [
    'ci.f1', 'ci.f2', 'ci.f3',
    'lead.f4', 'lead.f5',
    'gov.c8', 'gov.f1', 'gov.f2', 'gov.f3',
    'cult.c6', 'cult.c7', 'cult.f2', 'cult.f3', 'cult.f4',
    'res.f1', 'res.f2', 'res.f3', 'res.f4',
    'svc.c9', 'svc.f5',
    'part.f1', 'part.f2', 'part.f3',
  ];
  const PREFIX: Record<string, string> = {
    'continuous-improvement': 'ci',
    leadership: 'lead',
    governance: 'gov',
    culture: 'cult',
    'use-of-resources': 'res',
    'service-delivery': 'svc',
    partnerships: 'part',
  };

  it('has the seven themes of Section 5, in order, with every item the notes list for each', async () => {
    const model = await shipped();
    expect(
      model.themes.map((t) => ({
        id: t.id,
        characteristics: t.indicators.filter((i) => i.kind === 'characteristic').length,
        failures: t.indicators.filter((i) => i.kind === 'failure').length,
      })),
    ).toEqual(EXPECTED);
    expect(model.indicatorCount).toBe(86);
  });

  it('numbers each theme\'s ids without gaps: prefix, c or f, 1 to n', async () => {
    const model = await shipped();
    for (const theme of model.themes) {
      const want = [
        ...theme.indicators.filter((i) => i.kind === 'characteristic').map((_, n) => `${PREFIX[theme.id]}.c${n + 1}`),
        ...theme.indicators.filter((i) => i.kind === 'failure').map((_, n) => `${PREFIX[theme.id]}.f${n + 1}`),
      ];
      expect(theme.indicators.map((i) => i.id)).toEqual(want);
    }
  });

  it('marks exactly the inferred items derived', async () => {
    const model = await shipped();
    const derived = model.themes.flatMap((t) => t.indicators.filter((i) => i.derived === true).map((i) => i.id));
    expect(derived).toEqual(DERIVED);
  });

  it('gives every theme a summary and a reference, and every indicator text and a reference', async () => {
    const model = await shipped();
    for (const theme of model.themes) {
      expect(theme.summary.trim()).not.toBe('');
      expect(theme.reference).toMatch(/^Section 5, /);
      for (const i of theme.indicators) {
        expect(i.text.trim(), i.id).not.toBe('');
        expect(i.reference, i.id).toMatch(/^Section 5\b/);
      }
    }
  });

  it('has the two scales, weakest or worst first, with present and emerging as red flags', async () => {
    const { catalogue } = await shipped();
    expect(catalogue.scales.characteristic?.levels.map((l) => l.word)).toEqual(['not-in-place', 'developing', 'established', 'embedded']);
    expect(catalogue.scales.failure?.levels.map((l) => [l.word, l['red-flag'] === true])).toEqual([
      ['present', true],
      ['emerging', true],
      ['not-present', false],
    ]);
    expect(catalogue.source).toMatchObject({ date: '2024-05-08', licence: 'Open Government Licence v3.0' });
  });
});

describe("a council's own catalogue", () => {
  it('loads with its own ids and scale words', async () => {
    const r = await loadCatalogueFile(COUNCIL);
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    const model = r.value;
    expect([...model.indicatorById.keys()]).toEqual(['CI001', 'CI002', 'WS001', 'CI003', 'WS002']);
    const ci3 = model.indicatorById.get('CI003')!;
    expect(ci3).toMatchObject({ theme: { id: 'RES' }, index: 0, order: 3 });
    expect(ratingWords(ci3)).toEqual(['amber', 'light-green', 'green', 'dark-green', NOT_APPLICABLE]);
    expect(ratingWords(model.indicatorById.get('WS002')!)).toEqual(['found', 'watching', 'clear', NOT_APPLICABLE]);
    expect(levelOf(ci3.scale, 'green')?.rank).toBe(2);
    expect(levelOf(ci3.scale, 'embedded')).toBeUndefined();
    expect(levelOf(ci3.scale, undefined)).toBeUndefined();
    expect(model.themeOrder.get('RES')).toBe(1);
  });
});

describe('catalogue problems', () => {
  it('reports every problem at once, in reading order, each with its position', async () => {
    expect(await problemsIn(readFileSync(join(ROOT, 'test', 'fixtures', 'catalogue', 'broken.yaml'), 'utf8'))).toEqual([
      '18:15 error duplicate-level duplicate word "weak" in the characteristic scale (first at 15:15)',
      '21:15 error reserved-word "not-applicable" is reserved (every indicator may be not applicable): choose another word',
      '33:13 error unsafe-id indicator id "yes" is not safe as a YAML key: a YAML reader would take it as a number, a boolean or null, not text',
      '38:15 error missing-scale indicators of kind "failure" have no scale: add scales.failure',
      '41:9 error duplicate-id duplicate theme id "one" (first at 25:9)',
      '45:13 error duplicate-id duplicate indicator id "one.c1" (first at 29:13)',
      '49:9 error unknown-key unknown key "colour"; expected one of: id, kind, text, reference, derived, note, help, typical-evidence',
      '50:9 error missing-key indicators item 2 is missing "reference"',
      '52:15 error wrong-type text: must be text, not a number',
    ]);
  });

  it.each([
    ['a duplicate indicator id, with both positions', [/id: CI002/, 'id: CI001'], ['58:13 error duplicate-id duplicate indicator id "CI001" (first at 50:13)']],
    ['an indicator id YAML reads as a number', [/id: CI003/, 'id: "1.5"'], ['72:13 error unsafe-id indicator id "1.5" is not safe as a YAML key: a YAML reader would take it as a number, a boolean or null, not text']],
    ['a theme id YAML reads as a boolean', [/id: RES/, 'id: "off"'], ['68:9 error unsafe-id theme id "off" is not safe as a YAML key: a YAML reader would take it as a number, a boolean or null, not text']],
    ['a scale word YAML reads as null', [/word: clear/, 'word: "null"'], ['41:15 error unsafe-id scale word "null" is not safe in YAML: a YAML reader would take it as a number, a boolean or null, not text']],
    // The id pattern is the schema's to report: once, not again as an unsafe key.
    ['an id with a space, reported once', [/id: CI002/, 'id: "CI 002"'], ['58:13 error bad-format id: "CI 002" is not a valid id: use letters, digits, ".", "_" and "-", starting with a letter or digit']],
    ['a scale word with a space, reported once', [/word: green/, 'word: "dark green"'], ['23:15 error bad-format word: "dark green" is not a valid id: use letters, digits, ".", "_" and "-", starting with a letter or digit']],
    ['a duplicate label, ignoring case', [/label: Green/, 'label: amber'], ['24:16 error duplicate-level duplicate label "amber" in the characteristic scale (first at 18:16)']],
    ['a failure scale with no red-flag level', [/\n {8}red-flag: true/g, ''], ['29:3 warning no-red-flag-level no level of the failure scale has red-flag: true, so no rating will raise a red flag']],
    ['a misspelt key, with the likely one', [/summary: The council spends/, 'summry: The council spends'], ['68:5 error missing-key themes item 2 is missing "summary"', '70:5 error unknown-key unknown key "summry"; did you mean "summary"?']],
    ['a version that is not MAJOR.MINOR.PATCH', [/version: 2.1.0/, 'version: "2.1"'], ['4:10 error bad-format version: "2.1" is not a version written MAJOR.MINOR.PATCH, like 1.0.0']],
    ['a kind that is not one of the two', [/kind: failure\n {8}text: Decisions/, 'kind: risk\n        text: Decisions'], ['65:15 error bad-format kind: "risk" is not one of: characteristic, failure']],
    ['a scale with one level', [/ {6}- word: watching[\s\S]*?No sign of it\.\n/, ''], ['33:7 error bad-format levels: needs at least 2 items']],
    ['no themes, so no scale is used', [/themes:[\s\S]*$/, 'themes: []\n'], [
      '44:9 error bad-format themes: needs at least 1 item',
      '13:3 warning unused-scale no indicator is of kind "characteristic", so this scale is never used',
      '29:3 warning unused-scale no indicator is of kind "failure", so this scale is never used',
    ]],
    ['a missing top-level key', [/^title: .*\n/m, ''], ['3:1 error missing-key missing "title"']],
  ] as const)('%s', async (_, [from, to], expected) => {
    expect(await problemsIn(councilWith(from, to))).toEqual(expected);
  });

  it('warns about a scale no indicator uses', async () => {
    const text = councilWith(/kind: failure\n {8}text: Decisions/, 'kind: characteristic\n        text: Decisions').replace(
      /kind: failure\n {8}text: Reserves/,
      'kind: characteristic\n        text: Reserves',
    );
    expect(await problemsIn(text)).toEqual(['29:3 warning unused-scale no indicator is of kind "failure", so this scale is never used']);
  });
});

describe('the catalogue store', () => {
  /** A bva home whose criteria/ holds the council catalogue at these versions. */
  function home(versions: Record<string, string>): string {
    const files: Record<string, string> = {};
    for (const [name, version] of Object.entries(versions)) files[`criteria/${name}`] = councilText.replace('version: 2.1.0', `version: ${version}`);
    return tempDir(files);
  }

  it('finds a shipped catalogue by id and version, and lists what is shipped', async () => {
    const store = new CatalogueStore(ROOT);
    expect(store.shippedFiles()).toEqual(['best-value-2024.yaml']);
    const found = await store.find('best-value-2024', '1.0.0');
    expect(found?.origin).toEqual({ path: SHIPPED, display: 'criteria/best-value-2024.yaml', shipped: true });
    expect(await store.find('best-value-2024', '9.9.9')).toBeUndefined();
    expect(await store.find('best-value-2023', '1.0.0')).toBeUndefined();
    expect(await store.shippedLabels()).toBe('best-value-2024 1.0.0');
    expect(await store.default()).toBe(found);
  });

  it('takes the newest version of the first id as the default, comparing versions as numbers', async () => {
    const store = new CatalogueStore(home({ 'a.yaml': '2.9.0', 'b.yaml': '2.10.0', 'c.yaml': '2.2.5' }));
    expect((await store.default()).catalogue.version).toBe('2.10.0');
    expect(await store.newest('borsetshire-assurance')).toBe(await store.default());
    expect(await store.newest('best-value-2024')).toBeUndefined();
    expect((await store.find('borsetshire-assurance', '2.2.5'))?.origin.display).toBe('criteria/c.yaml');
    expect(await store.shippedLabels()).toBe('borsetshire-assurance 2.9.0, borsetshire-assurance 2.10.0, borsetshire-assurance 2.2.5');
  });

  it('finds the newest version of an id by version, not by file name', async () => {
    // council-2.yaml sorts before council.yaml, and holds the newer version.
    const store = new CatalogueStore(home({ 'council-2.yaml': '3.0.0', 'council.yaml': '2.1.0' }));
    expect((await store.newest('borsetshire-assurance'))?.origin.display).toBe('criteria/council-2.yaml');
    expect((await store.default()).catalogue.version).toBe('3.0.0');
  });

  it('has no default without catalogues', async () => {
    const dir = tempDir();
    await expect(new CatalogueStore(dir).default()).rejects.toThrow(`no catalogue found in ${join(dir, 'criteria')}`);
  });

  it('loads a catalogue file once per run', async () => {
    const store = new CatalogueStore(ROOT);
    const a = store.load(COUNCIL, 'council.yaml');
    expect(store.load(COUNCIL, 'council.yaml')).toBe(a);
    expect((await a).origin).toEqual({ path: COUNCIL, display: 'council.yaml', shipped: false });
  });

  it('refuses a broken catalogue with its problems', async () => {
    const store = new CatalogueStore(ROOT);
    const broken = join(ROOT, 'test', 'fixtures', 'catalogue', 'broken.yaml');
    const err = await store.load(broken, 'broken.yaml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogueError);
    expect((err as CatalogueError).message).toBe('broken.yaml: the catalogue has 9 problems; run bva catalogue validate broken.yaml');
    expect((err as CatalogueError).problems).toHaveLength(9);
  });

  it('compares versions part by part', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '10.0.0')).toBeLessThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });
});
