// The catalogue: the shipped one holds every theme, characteristic and indicator of potential
// failure that the guidance notes list (counted per theme, so none can silently go missing); the
// loader reports every schema and semantic problem at once with its position; a council's own
// catalogue may use its own ids and scale words; the store finds catalogues by id and version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogueFile, loadCatalogueText } from '../../src/catalogue/load.js';
import { catalogueList, levelOf, NOT_APPLICABLE, ratingWords, type CatalogueModel } from '../../src/catalogue/model.js';
import { CatalogueError, CatalogueStore, compareVersions } from '../../src/catalogue/shipped.js';
import type { TextFile } from '../../src/source/read.js';
import { ROOT, tempDir } from '../helpers.js';

const SHIPPED = join(ROOT, 'criteria', 'best-value-2024.yaml');
const FIRST = join(ROOT, 'criteria', 'best-value-2024-1.0.0.yaml');
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
  // Counts from /work/shared/guidance-notes.md (the project's summary of the May 2024 guidance,
  // theme by theme): characteristics and indicators of potential failure per theme. The notes are
  // not in the repository, so they are copied here; a change to the catalogue must change these too.
  // 1.1.0 retires svc.f4 (a draft-only standard) and replaces res.f4 by res.f5 (special severance).
  const EXPECTED = [
    { id: 'continuous-improvement', characteristics: 8, failures: 3 },
    { id: 'leadership', characteristics: 7, failures: 5 },
    { id: 'governance', characteristics: 8, failures: 3 },
    { id: 'culture', characteristics: 7, failures: 4 },
    { id: 'use-of-resources', characteristics: 12, failures: 4 },
    { id: 'service-delivery', characteristics: 9, failures: 4 },
    { id: 'partnerships', characteristics: 8, failures: 3 },
  ];
  // Items the notes tag as inferred ([I]) or seen in councils' self-assessments ([S]), and the two
  // the independent check found to be the catalogue's reading: ci.c4 (the LGA's five years) and
  // lead.c6 (the reverse of a failure point).
  const DERIVED = [
    'ci.c4', 'ci.f1', 'ci.f2', 'ci.f3',
    'lead.c6', 'lead.f4', 'lead.f5',
    'gov.c8', 'gov.f1', 'gov.f2', 'gov.f3',
    'cult.c6', 'cult.c7', 'cult.f2', 'cult.f3', 'cult.f4',
    'res.f1', 'res.f2', 'res.f3', 'res.f5',
    'svc.c9', 'svc.f5',
    'part.f1', 'part.f2', 'part.f3',
  ];
  // Items whose wording the notes find only in the July 2023 draft (svc.f4, the fourth, is retired).
  const DRAFT = ['ci.c2', 'lead.f1', 'cult.c5'];
  const PREFIX: Record<string, string> = {
    'continuous-improvement': 'ci',
    leadership: 'lead',
    governance: 'gov',
    culture: 'cult',
    'use-of-resources': 'res',
    'service-delivery': 'svc',
    partnerships: 'part',
  };
  const ids = (model: CatalogueModel): string[] => [...model.indicatorById.keys()];

  it('is version 1.1.0, with the seven themes in order and every item the notes list for each', async () => {
    const model = await shipped();
    expect(model.catalogue.version).toBe('1.1.0');
    expect(
      model.themes.map((t) => ({
        id: t.id,
        characteristics: t.indicators.filter((i) => i.kind === 'characteristic').length,
        failures: t.indicators.filter((i) => i.kind === 'failure').length,
      })),
    ).toEqual(EXPECTED);
    expect(model.indicatorCount).toBe(85);
  });

  it("numbers each theme's ids: prefix, c or f, then a number never reused (retired ones left out)", async () => {
    const model = await shipped();
    const retired = new Set(['res.f4', 'svc.f4']);
    for (const theme of model.themes) {
      const numbered = (kind: 'characteristic' | 'failure', letter: string): string[] => {
        const want: string[] = [];
        for (let n = 1; want.length < theme.indicators.filter((i) => i.kind === kind).length; n++) {
          const id = `${PREFIX[theme.id]}.${letter}${n}`;
          if (!retired.has(id)) want.push(id);
        }
        return want;
      };
      expect(theme.indicators.map((i) => i.id)).toEqual([...numbered('characteristic', 'c'), ...numbered('failure', 'f')]);
    }
  });

  it("keeps every id's meaning from 1.0.0: the same theme and kind, two retired, one new", async () => {
    const current = await shipped();
    const first = await loadCatalogueFile(FIRST, 'criteria/best-value-2024-1.0.0.yaml', true);
    if (!first.ok) throw new Error('1.0.0 does not load');
    expect(first.value.catalogue.version).toBe('1.0.0');
    expect(first.value.indicatorCount).toBe(86);
    expect(ids(first.value).filter((id) => !current.indicatorById.has(id))).toEqual(['res.f4', 'svc.f4']);
    expect(ids(current).filter((id) => !first.value.indicatorById.has(id))).toEqual(['res.f5']);
    for (const [id, entry] of current.indicatorById) {
      const was = first.value.indicatorById.get(id);
      if (was) expect([was.theme.id, was.indicator.kind], id).toEqual([entry.theme.id, entry.indicator.kind]);
    }
    expect(current.indicatorById.get('res.f5')?.indicator.text).toMatch(/^Special severance payments/);
  });

  it('marks exactly the inferred items derived, and the draft-only items draft', async () => {
    const model = await shipped();
    const all = model.themes.flatMap((t) => t.indicators);
    expect(all.filter((i) => i.derived === true).map((i) => i.id)).toEqual(DERIVED);
    expect(all.filter((i) => i.draft === true).map((i) => i.id)).toEqual(DRAFT);
    for (const id of DRAFT) expect(model.indicatorById.get(id)!.indicator.reference).toMatch(/^Draft for consultation \(July 2023\), /);
    expect(model.catalogue.source?.draft).toMatchObject({ date: '2023-07-04' });
  });

  it("says what it covers, in counts that are the catalogue's own", async () => {
    const model = await shipped();
    const all = model.themes.flatMap((t) => t.indicators);
    const failures = all.filter((i) => i.kind === 'failure');
    const description = model.catalogue.description!.replace(/\s+/g, ' ');
    expect(description).toContain(`It holds ${all.length - failures.length} characteristics, against the 73 that one council counted`);
    expect(description).toContain(`Of its ${failures.length} indicators of potential failure, ${failures.filter((i) => i.derived).length} are bva's reading`);
    expect(description).toContain(`${['No', 'One', 'Two', 'Three', 'Four'][all.filter((i) => i.draft).length]} items use wording found only in the July 2023 draft`);
    expect(description).toContain('lists it in a bva.config.yaml');
  });

  it('cites the guidance by theme, never by the draft\'s "Section 5", and no closed body\'s tools', async () => {
    const text = readFileSync(SHIPPED, 'utf8').replace(/^#.*\n/gm, '');
    expect(text).not.toMatch(/Section 5/);
    expect(text).not.toMatch(/Oflog/);
    const model = await shipped();
    for (const theme of model.themes) {
      expect(theme.summary.trim()).not.toBe('');
      expect(theme.reference).toBe(`${theme.title} theme`);
      for (const i of theme.indicators) {
        expect(i.text.trim(), i.id).not.toBe('');
        expect(i.reference, i.id).toBeTruthy();
      }
    }
    expect(model.indicatorById.get('lead.c7')!.indicator.text).toContain('by thirds or by halves');
  });

  it('has the two scales, worst first, each level with its status and colour, present and emerging as red flags', async () => {
    const { catalogue } = await shipped();
    expect(catalogue.scales.characteristic?.levels.map((l) => [l.word, l.rag, l.colour])).toEqual([
      ['not-in-place', 'red', '#B42318'],
      ['developing', 'amber', '#A14F00'],
      ['established', 'green', '#19703A'],
      ['embedded', 'green', '#1F5FA8'],
    ]);
    expect(catalogue.scales.failure?.levels.map((l) => [l.word, l['red-flag'] === true, l.rag])).toEqual([
      ['present', true, 'red'],
      ['emerging', true, 'amber'],
      ['not-present', false, 'green'],
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
      '49:9 error unknown-key unknown key "colour"; expected one of: id, kind, text, reference, derived, draft, note, help, typical-evidence',
      '50:9 error missing-reference indicator two.c2 has no reference: a catalogue that names a source says where the source makes each point (or drop source: for a framework of your own)',
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
      '13:3 warning unused-scale no indicator is of kind "characteristic", so this scale is never used',
      '29:3 warning unused-scale no indicator is of kind "failure", so this scale is never used',
      '44:9 error bad-format themes: needs at least 1 item',
    ]],
    ['a missing top-level key', [/^title: .*\n/m, ''], ['3:1 error missing-key missing "title"']],
  ] as const)('%s', async (_, [from, to], expected) => {
    expect(await problemsIn(councilWith(from, to))).toEqual(expected);
  });

  // The order of a scale, where the catalogue gives enough to tell: worst first.
  // A rag is format 2 (bva 0.1 did not know it), so these catalogues say so in their first key.
  const format2 = (text: string): string => text.replace('\nid: borsetshire-assurance\n', '\nformat: 2\nid: borsetshire-assurance\n');
  const withRag = (rags: readonly string[]): string =>
    ['amber', 'light-green', 'green', 'dark-green'].reduce((text, word, n) => text.replace(`- word: ${word}\n`, `- word: ${word}\n        rag: ${rags[n]}\n`), format2(councilText));
  it.each([
    ['levels whose rag runs red, amber, green', withRag(['red', 'amber', 'green', 'green']), []],
    ['a scale listed best first', withRag(['green', 'green', 'amber', 'red']), [
      '27:14 error scale-order the characteristic scale is listed best first (green, green, amber, red): list its levels from worst to best, red first, since scoring reads the first level as the worst',
    ]],
    ['a rag that runs back up the scale', withRag(['red', 'green', 'amber', 'green']), [
      '27:14 error scale-order green is amber after light-green, which is green: list the characteristic scale\'s levels from worst to best (red, then amber, then green)',
    ]],
    ['a rag on some levels only', format2(councilText).replace('- word: amber\n', '- word: amber\n        rag: red\n'), [
      '22:9 error scale-order light-green has no rag, but other levels of the characteristic scale do: give every level its rag (red, amber or green), or none',
    ]],
    ['a red-flag level after one that is not', councilText.replace('meaning: Happening now.\n        red-flag: true\n', 'meaning: Happening now.\n'), [
      "39:19 error scale-order watching is a red-flag level listed after found, which is not: list the failure scale's levels from worst to best, red-flag levels first",
    ]],
    ['a colour that is not #rrggbb', format2(councilText).replace('- word: amber\n', '- word: amber\n        colour: orange\n'), ['19:17 error bad-format colour: "orange" is not a colour written #rrggbb, like #00703C']],
  ] as const)('%s', async (_, text, expected) => {
    expect(await problemsIn(text)).toEqual(expected);
  });

  it("lets a council's own framework leave out the source and its references, but not one that names a source", async () => {
    const noSource = format2(councilWith(/source:\n(  .*\n)+/, '')).replace(/\n {8}reference: .*/g, '').replace(/\n {4}reference: .*/g, '');
    expect(await problemsIn(noSource)).toEqual([]);
    const oneMissing = format2(councilWith(/\n {8}reference: Framework 1\.1/, ''));
    expect(await problemsIn(oneMissing)).toEqual([
      '51:9 error missing-reference indicator CI001 has no reference: a catalogue that names a source says where the source makes each point (or drop source: for a framework of your own)',
    ]);
  });

  it('needs the draft named before an item is marked draft', async () => {
    const draft = format2(councilWith(/reference: Framework 1\.1\n/, 'reference: Framework 1.1\n        draft: true\n'));
    expect(await problemsIn(draft)).toEqual(['55:16 error missing-draft indicator CI001 is marked draft: true, but the catalogue names no draft: add source.draft (its title and date)']);
    const named = draft.replace('  licence: Open Government Licence v3.0\n', '  licence: Open Government Licence v3.0\n  draft: { title: The consultation draft, date: 2024-07-01 }\n');
    expect(await problemsIn(named)).toEqual([]);
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

  it('finds each shipped version by id and version, and takes the newest as the default', async () => {
    const store = new CatalogueStore(ROOT);
    expect(store.shippedFiles()).toEqual(['best-value-2024-1.0.0.yaml', 'best-value-2024.yaml']);
    const current = await store.find('best-value-2024', '1.1.0');
    expect(current?.origin).toEqual({ path: SHIPPED, display: 'criteria/best-value-2024.yaml', shipped: true });
    const first = await store.find('best-value-2024', '1.0.0');
    expect(first?.origin).toEqual({ path: join(ROOT, 'criteria', 'best-value-2024-1.0.0.yaml'), display: 'criteria/best-value-2024-1.0.0.yaml', shipped: true });
    expect(await store.find('best-value-2024', '9.9.9')).toBeUndefined();
    expect(await store.find('best-value-2023', '1.0.0')).toBeUndefined();
    expect(catalogueList((await store.shipped()).map((m) => m.catalogue))).toBe('best-value-2024 1.0.0, 1.1.0');
    expect(await store.default()).toBe(current);
  });

  it('takes the newest version of the first id as the default, comparing versions as numbers', async () => {
    const store = new CatalogueStore(home({ 'a.yaml': '2.9.0', 'b.yaml': '2.10.0', 'c.yaml': '2.2.5' }));
    expect((await store.default()).catalogue.version).toBe('2.10.0');
    expect(await store.newest('borsetshire-assurance')).toBe(await store.default());
    expect(await store.newest('best-value-2024')).toBeUndefined();
    expect((await store.find('borsetshire-assurance', '2.2.5'))?.origin.display).toBe('criteria/c.yaml');
    expect(catalogueList((await store.shipped()).map((m) => m.catalogue))).toBe('borsetshire-assurance 2.9.0, 2.10.0, 2.2.5');
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
