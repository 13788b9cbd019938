// Checking an answers file, in order: YAML syntax, the schema, then against the catalogue it names
// (or the one given with --catalogue): unknown catalogue or version, unknown theme or indicator
// with the nearest id, an indicator under the wrong theme, a rating off its scale, not-applicable
// without a reason, dates that are not real days. Also what `bva init --from` carries forward.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carryForward } from '../../src/answers/carry.js';
import { answersStandIns } from '../../src/answers/explain.js';
import { loadAnswersText } from '../../src/answers/load.js';
import { answeredCount, type Answers } from '../../src/answers/model.js';
import { keyOrder, sortKeys } from '../../src/answers/order.js';
import type { CatalogueModel } from '../../src/catalogue/model.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { loadYaml, type Validator } from '../../src/source/load.js';
import { parseFast } from '../../src/source/yaml.js';
import { ROOT, read } from '../helpers.js';

const COUNCIL_CATALOGUE = join(ROOT, 'test', 'fixtures', 'catalogue', 'council.yaml');

const HEAD = 'catalogue:\n  id: best-value-2024\n  version: 1.0.0\nauthority: Test Council\nperiod: 2025-26\n';

interface Checked {
  readonly ok: boolean;
  /** "LINE:COL severity code message" for each problem (warnings included). */
  readonly problems: string[];
}

/** Loads answers text against the shipped catalogues (or a catalogue file) and lists its problems. */
async function check(text: string, o: { catalogue?: string; unanswered?: boolean } = {}): Promise<Checked> {
  const store = new CatalogueStore(ROOT);
  const src = { store, catalogue: o.catalogue === undefined ? undefined : { path: o.catalogue, display: 'council.yaml' } };
  const r = await loadAnswersText({ path: 'a.yaml', text, bom: false, eol: '\n', mode: 0o644 }, '/tmp/a.yaml', src);
  const problems = (r.ok ? r.warnings : r.problems)
    .filter((p) => o.unanswered === true || p.code !== 'unanswered')
    .map((p) => `${p.line}:${p.col} ${p.severity} ${p.code} ${p.message}`);
  return { ok: r.ok, problems };
}

/** An answers file with one indicator's answer, as YAML lines under `themes:`. */
const answersWith = (...themeLines: string[]): string => `${HEAD}themes:\n${themeLines.join('\n')}\n`;

async function shipped(): Promise<CatalogueModel> {
  return (await new CatalogueStore(ROOT).find('best-value-2024', '1.0.0'))!;
}

describe('the checks run in order', () => {
  it('stops at a syntax error: nothing after it is checked', async () => {
    const text = 'catalogue:\n  id: nonsense\nauthority: A\nperiod: 2025-99\ncolour: red\ncommentary: Note: late\n';
    expect(await check(text)).toEqual({ ok: false, problems: ['6:13 error yaml-colon-in-text a colon followed by a space inside text ("Note: late") makes YAML read a new key: put the text in quotes, as in commentary: "Note: late", or start a block with commentary: >- and write the text on the lines below it, indented'] });
  });

  it('stops at a duplicate key', async () => {
    const text = `${HEAD}authority: Again\ncolour: red\n`;
    expect(await check(text)).toEqual({ ok: false, problems: ['6:1 error duplicate-key duplicate key "authority" (first at 4:1)'] });
  });

  it('reports schema and catalogue problems together, in reading order', async () => {
    const text = answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: develop', '        colour: red', '      lead.c2:', '        rating: 3');
    expect(await check(text)).toEqual({
      ok: false,
      problems: [
        '10:17 error rating-not-in-scale rating: "develop" is not on the characteristic scale of lead.c1; use one of: not-in-place, developing, established, embedded, not-applicable',
        '11:9 error unknown-key unknown key "colour"; expected one of: rating, reason, target, previous, commentary, evidence, actions, moderation',
        '13:17 error wrong-type rating: must be text, not a number',
      ],
    });
  });

  it('does not check against a catalogue it cannot find', async () => {
    const text = answersWith('  leadershp:', '    indicators:', '      lead.c1:', '        rating: nonsense').replace('best-value-2024', 'best-value-2023');
    expect(await check(text, { unanswered: true })).toEqual({
      ok: false,
      problems: ['2:7 error unknown-catalogue unknown catalogue "best-value-2023" (shipped: best-value-2024 1.0.0, 1.1.0); give its file as catalogue.file in this file, list it in a bva.config.yaml, or pass --catalogue'],
    });
  });
});

describe('a line of text read as a key: said once, and the schema never sees it', () => {
  const lines = ['  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        evidence:', '          - Cabinet minutes: 12 March 2025', '          - Scrutiny: report', '          - title: Peer review', '            link: https://example.org/peer'];
  const message = (line: string, first: string) => `error yaml-colon-in-text a colon followed by a space inside text (${JSON.stringify(first)}) makes YAML read a key: put the line in quotes, as in - ${JSON.stringify(line)}`;

  it('names each such line, and nothing else, at its place', async () => {
    expect(await check(answersWith(...lines))).toEqual({
      ok: false,
      problems: [`12:13 ${message('Cabinet minutes: 12 March 2025', 'Cabinet minutes: 12')}`, `13:13 ${message('Scrutiny: report', 'Scrutiny: report')}`],
    });
  });

  it('hands back the data as the file holds it, the lines still maps', async () => {
    const store = new CatalogueStore(ROOT);
    const r = await loadAnswersText({ path: 'a.yaml', text: answersWith(...lines), bom: false, eol: '\n', mode: 0o644 }, '/tmp/a.yaml', { store });
    expect(r.ok).toBe(false);
    const data = (r as { data?: { themes: { leadership: { indicators: { 'lead.c1': { evidence: unknown[] } } } } } }).data!;
    expect(data.themes.leadership.indicators['lead.c1'].evidence).toEqual([{ 'Cabinet minutes': '12 March 2025' }, { Scrutiny: 'report' }, { title: 'Peer review', link: 'https://example.org/peer' }]);
  });

  it('validates the lines as the text meant: a hundred thousand of them make no schema errors', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `          - Item ${i}: minutes`);
    const { default: validateAnswers } = await import('../../src/generated/validate-answers.js');
    let made = 0;
    const spy = ((data: unknown) => {
      const ok = validateAnswers(data);
      made += validateAnswers.errors?.length ?? 0;
      return ok;
    }) as Validator;
    const text = answersWith(...lines.slice(0, 5), ...many);
    const r = await loadYaml({ path: 'a.yaml', text, bom: false, eol: '\n', mode: 0o644 }, { validate: spy, standIns: answersStandIns, finish: (d) => d });
    expect(made).toBe(0);
    expect(r.ok ? [] : r.problems.length).toBe(100_000);
    expect(r.ok ? undefined : { ...r.problems[999] }).toMatchObject({ line: 1011, col: 13, code: 'yaml-colon-in-text' });
  });
});

describe('against the catalogue', () => {
  it.each([
    ['an unknown version, listing the shipped ones', HEAD.replace('1.0.0', '1.2.0'), ['3:12 error unknown-catalogue no version "1.2.0" of catalogue best-value-2024 is known (shipped: best-value-2024 1.0.0, 1.1.0); give its file as catalogue.file in this file, list it in a bva.config.yaml, or pass --catalogue']],
    ['a misspelt theme, with the nearest', answersWith('  leadershp:', '    summary: x'), ['7:3 error unknown-theme unknown theme "leadershp"; did you mean leadership?']],
    ['a theme nothing like any, with the list', answersWith('  finance:', '    summary: x'), ['7:3 error unknown-theme unknown theme "finance"; the themes are: continuous-improvement, leadership, governance, culture, use-of-resources, service-delivery, partnerships']],
    ['an indicator where a theme should be', answersWith('  lead.c1:', '    summary: x'), ['7:3 error unknown-theme unknown theme "lead.c1"; lead.c1 is an indicator: put it under leadership: indicators:']],
    ['a misspelt indicator, with the nearest', answersWith('  leadership:', '    indicators:', '      lead.c31:', '        rating: developing'), ['9:7 error unknown-indicator unknown indicator "lead.c31" in best-value-2024; did you mean lead.c1?']],
    ['an indicator nothing like any, with the range', answersWith('  leadership:', '    indicators:', '      strategy:', '        rating: developing'), ['9:7 error unknown-indicator unknown indicator "strategy" in best-value-2024; leadership has lead.c1 to lead.f5']],
    ['an indicator under the wrong theme', answersWith('  leadership:', '    indicators:', '      gov.c1:', '        rating: developing'), ['9:7 error indicator-in-wrong-theme gov.c1 belongs under governance, not leadership']],
    ['a characteristic word on a failure indicator', answersWith('  leadership:', '    indicators:', '      lead.f1:', '        rating: developing'), ['10:17 error rating-not-in-scale rating: "developing" is not on the failure scale of lead.f1; use one of: present, emerging, not-present, not-applicable']],
    ['a misspelt rating, with the nearest', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: embeded'), ['10:17 error rating-not-in-scale rating: "embeded" is not on the characteristic scale of lead.c1 (did you mean embedded?); use one of: not-in-place, developing, established, embedded, not-applicable']],
    ['a target of not-applicable', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        target: not-applicable'), ['11:17 error rating-not-in-scale target: "not-applicable" is not on the characteristic scale of lead.c1; use one of: not-in-place, developing, established, embedded']],
    ['a previous rating off the scale (a warning)', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        previous: amber'), ['11:19 warning rating-not-in-scale previous: "amber" is not on the scale of lead.c1; it will not be compared']],
    ['not-applicable without a reason', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: not-applicable'), ['10:17 error missing-reason lead.c1 is not-applicable: add a reason saying why']],
    ['not-applicable with a blank reason', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: not-applicable', '        reason: "  "'), ['10:17 error missing-reason lead.c1 is not-applicable: add a reason saying why']],
    ['a reason without not-applicable (a warning)', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        reason: Why not'), ['11:9 warning reason-without-not-applicable reason: only read when the rating is not-applicable']],
    ['a period whose years do not follow', HEAD.replace('2025-26', '2025-27'), ['5:9 error bad-period period "2025-27": the second year must follow the first (2025-26)']],
    ['an assessment date that is not a day', `${HEAD}assessment-date: 2025-02-29\n`, ['6:18 error not-a-date assessment-date: "2025-02-29" is not a real calendar day']],
    ['a sign-off date that is not a day', answersWith('  leadership:', '    assurance:', '      signed-off:', '        by: CLT', '        on: 2025-04-31'), ['11:13 error not-a-date on: "2025-04-31" is not a real calendar day']],
    ['an evidence review date that is not a day', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        evidence:', '          - title: Plan', '            review-by: 2025-13-01'), ['13:24 error not-a-date review-by: "2025-13-01" is not a real calendar day']],
    ['a due date that is not a day', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        actions:', '          - action: Do it', '            due: 2026-02-30'), ['13:18 error not-a-date due: "2026-02-30" is not a real calendar day']],
    ['a due date not written YYYY-MM-DD', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        actions:', '          - action: Do it', '            due: 30/01/2026'), ['13:18 error bad-format due: "30/01/2026" is not a date written YYYY-MM-DD: write it 2026-01-30']],
    ['an action without its text', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        actions:', '          - owner: Chief Executive'), ['12:13 error missing-key actions item 1 is missing "action"']],
    ['an action status that is neither', answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        actions:', '          - action: Do it', '            status: closed'), ['13:21 error bad-format status: "closed" is not one of: open, done']],
  ])('%s', async (_, text, problems) => {
    const r = await check(text);
    expect(r.problems).toEqual(problems);
    expect(r.ok).toBe(problems.every((p) => p.includes(' warning ')));
  });

  it('reports every problem of a file at once', async () => {
    const text = answersWith(
      '  leadership:',
      '    indicators:',
      '      lead.c1:',
      '        rating: not-applicable',
      '      gov.c2:',
      '        rating: embedded',
      '  governance:',
      '    indicators:',
      '      gov.c1:',
      '        rating: present',
    );
    expect((await check(text)).problems).toEqual([
      '10:17 error missing-reason lead.c1 is not-applicable: add a reason saying why',
      '11:7 error indicator-in-wrong-theme gov.c2 belongs under governance, not leadership',
      '16:17 error rating-not-in-scale rating: "present" is not on the characteristic scale of gov.c1; use one of: not-in-place, developing, established, embedded, not-applicable',
    ]);
  });

  it('warns once per theme about unanswered indicators, where the theme is (or would be)', async () => {
    const text = answersWith('  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '      lead.c2:', '        rating: not-applicable', '        reason: No mayor.');
    const r = await check(text, { unanswered: true });
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([
      '6:1 warning unanswered continuous-improvement: 11 of 11 indicators unanswered (ci.c1, ci.c2, ci.c3, ci.c4, ci.c5 and 6 more)',
      '6:1 warning unanswered governance: 11 of 11 indicators unanswered (gov.c1, gov.c2, gov.c3, gov.c4, gov.c5 and 6 more)',
      '6:1 warning unanswered culture: 11 of 11 indicators unanswered (cult.c1, cult.c2, cult.c3, cult.c4, cult.c5 and 6 more)',
      '6:1 warning unanswered use-of-resources: 16 of 16 indicators unanswered (res.c1, res.c2, res.c3, res.c4, res.c5 and 11 more)',
      '6:1 warning unanswered service-delivery: 14 of 14 indicators unanswered (svc.c1, svc.c2, svc.c3, svc.c4, svc.c5 and 9 more)',
      '6:1 warning unanswered partnerships: 11 of 11 indicators unanswered (part.c1, part.c2, part.c3, part.c4, part.c5 and 6 more)',
      '7:3 warning unanswered leadership: 10 of 12 indicators unanswered (lead.c3, lead.c4, lead.c5, lead.c6, lead.c7 and 5 more)',
    ]);
    const few = answersWith('  leadership:', '    indicators:', ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((c) => `      lead.${c}: {rating: embedded}`));
    expect((await check(few, { unanswered: true })).problems).toContain('7:3 warning unanswered leadership: 6 of 12 indicators unanswered (lead.c7, lead.f1, lead.f2, lead.f3, lead.f4, lead.f5)');
    expect((await check(HEAD, { unanswered: true })).problems[0]).toBe('1:1 warning unanswered continuous-improvement: 11 of 11 indicators unanswered (ci.c1, ci.c2, ci.c3, ci.c4, ci.c5 and 6 more)');
  });

  it('finds nothing wrong with the examples', async () => {
    for (const file of ['examples/2024-25.yaml', 'examples/2025-26.yaml']) expect(await check(read(join(ROOT, file)), { unanswered: true })).toEqual({ ok: true, problems: [] });
  });
});

describe("a council's own catalogue, given with --catalogue", () => {
  const COUNCIL = read(join(ROOT, 'test', 'fixtures', 'answers', 'council.yaml'));

  it('accepts its own ids and scale words', async () => {
    expect(await check(COUNCIL, { catalogue: COUNCIL_CATALOGUE, unanswered: true })).toEqual({ ok: true, problems: [] });
  });

  it("refuses the shipped catalogue's words, listing its own", async () => {
    const text = COUNCIL.replace('rating: green', 'rating: established');
    expect((await check(text, { catalogue: COUNCIL_CATALOGUE })).problems).toEqual([
      '12:17 error rating-not-in-scale rating: "established" is not on the characteristic scale of CI001; use one of: amber, light-green, green, dark-green, not-applicable',
    ]);
  });

  it('warns when the file names another catalogue', async () => {
    const text = answersWith('  GOV:', '    indicators:', '      CI001:', '        rating: green');
    expect(await check(text, { catalogue: COUNCIL_CATALOGUE })).toEqual({
      ok: true,
      problems: ['1:1 warning unknown-catalogue the file names best-value-2024 1.0.0; checked against borsetshire-assurance 2.1.0 from council.yaml'],
    });
  });

  it('is needed: without it the catalogue is unknown', async () => {
    expect((await check(COUNCIL)).problems).toEqual(['4:7 error unknown-catalogue unknown catalogue "borsetshire-assurance" (shipped: best-value-2024 1.0.0, 1.1.0); give its file as catalogue.file in this file, list it in a bva.config.yaml, or pass --catalogue']);
  });
});

describe('carrying a period forward', () => {
  it("keeps summaries, commentary, evidence and open actions; keeps ratings as previous; drops the rest", async () => {
    const catalogue = await shipped();
    const previous: Answers = {
      catalogue: { id: 'best-value-2024', version: '1.0.0' },
      authority: 'Test Council',
      period: '2024-25',
      themes: {
        leadership: {
          summary: 'Strong leadership.',
          assurance: { 'signed-off': { by: 'CLT', on: '2024-10-01' } },
          indicators: {
            'lead.c1': {
              rating: 'developing',
              target: 'established',
              commentary: 'Getting there.',
              evidence: ['Corporate plan', { title: 'Peer challenge', date: '2024-02-01' }],
              actions: [
                { action: 'Open by default', owner: 'CEO' },
                { action: 'Still open', status: 'open', due: '2025-03-31' },
                { action: 'Finished', status: 'done' },
              ],
            },
            'lead.c2': { rating: 'not-applicable', reason: 'No mayor.' },
            'lead.c3': { actions: [{ action: 'Finished', status: 'done' }] },
          },
        },
        // An indicator filed under the wrong theme last year is carried to where it belongs.
        culture: { indicators: { 'gov.c1': { rating: 'embedded' }, 'old.c9': { rating: 'embedded' } } },
      },
    };
    const { themes, counts } = carryForward(previous, catalogue);
    expect(themes).toEqual({
      leadership: {
        summary: 'Strong leadership.',
        indicators: {
          'lead.c1': {
            previous: 'developing',
            commentary: 'Getting there.',
            evidence: ['Corporate plan', { title: 'Peer challenge', date: '2024-02-01' }],
            actions: [
              { action: 'Open by default', owner: 'CEO' },
              { action: 'Still open', status: 'open', due: '2025-03-31' },
            ],
          },
          'lead.c2': { previous: 'not-applicable' },
        },
      },
      governance: { indicators: { 'gov.c1': { previous: 'embedded' } } },
    });
    expect(counts).toEqual({ summaries: 1, commentaries: 1, evidence: 2, openActions: 2, previousRatings: 3, paper: [], dropped: ['old.c9'] });
  });
});

describe('key order', () => {
  it('follows the catalogue for themes and indicators, and the schema for records', async () => {
    const catalogue = await shipped();
    expect(keyOrder(['themes'], catalogue)).toEqual(['continuous-improvement', 'leadership', 'governance', 'culture', 'use-of-resources', 'service-delivery', 'partnerships']);
    expect(keyOrder(['themes', 'leadership', 'indicators'], catalogue).slice(0, 3)).toEqual(['lead.c1', 'lead.c2', 'lead.c3']);
    expect(keyOrder([], catalogue)).toEqual(['format', 'catalogue', 'authority', 'period', 'assessment-date', 'participants', 'paper', 'review', 'themes', 'retired']);
    expect(keyOrder(['themes', 'leadership'], catalogue)).toEqual(['summary', 'assurance', 'indicators']);
    expect(keyOrder(['themes', 'leadership', 'indicators', 'lead.c1'], catalogue)).toEqual(['rating', 'reason', 'target', 'previous', 'commentary', 'evidence', 'actions', 'moderation']);
    expect(keyOrder(['themes', 'leadership', 'indicators', 'lead.c1', 'actions', 0], catalogue)).toEqual(['action', 'owner', 'due', 'status', 'done-on', 'progress']);
    expect(keyOrder(['themes', 'leadership', 'indicators', 'lead.c1', 'evidence', 0], catalogue)).toEqual(['title', 'link', 'path', 'owner', 'date', 'review-by']);
    expect(sortKeys(['z', 'commentary', 'y', 'rating'], ['rating', 'commentary'])).toEqual(['rating', 'commentary', 'z', 'y']);
  });

  it('counts answered indicators, not-applicable included', async () => {
    const catalogue = await shipped();
    const data = parseFast(read(join(ROOT, 'examples', '2025-26.yaml')))!.data as Answers;
    expect(answeredCount(data, catalogue)).toBe(86);
    expect(answeredCount({ ...data, themes: { leadership: { indicators: { 'lead.c1': { rating: 'not-applicable', reason: 'x' }, 'lead.c2': { commentary: 'x' } } } } }, catalogue)).toBe(1);
  });
});

describe('action references', () => {
  it('name an action by its indicator and 1-based place, and read back', async () => {
    const { actionRef, parseActionRef } = await import('../../src/answers/model.js');
    expect(actionRef('lead.c6', 1)).toBe('lead.c6#2');
    expect(parseActionRef('lead.c6#2')).toEqual({ indicatorId: 'lead.c6', index: 1 });
    expect(parseActionRef('CI001#10')).toEqual({ indicatorId: 'CI001', index: 9 });
    for (const bad of ['lead.c6', 'lead.c6#0', 'lead.c6#', '#1', 'lead.c6#1x', 'lead.c6#-1']) expect(parseActionRef(bad)).toBeUndefined();
  });
});
