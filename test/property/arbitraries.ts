// What the property tests share: how many runs (FUZZ_RUNS, so CI runs few and `npm run fuzz` many),
// the seed to replay (FUZZ_SEED), a record of the runs made (FUZZ_REPORT), and generators of
// answers documents built from the shipped catalogue, of hostile text, and of damage to a file.
import { appendFileSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import jsYaml from 'js-yaml';
import { expect } from 'vitest';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import type { CatalogueModel } from '../../src/catalogue/model.js';
import type { TextFile } from '../../src/source/read.js';
import { ROOT } from '../helpers.js';

/** Runs per property: FUZZ_RUNS, else a CI-sized default. */
export const RUNS = Number(process.env['FUZZ_RUNS'] ?? 100);

/**
 * fast-check's parameters for a property of `weight` (1 for a cheap in-process property; more for
 * one that runs whole commands, which gets fewer runs). FUZZ_SEED and FUZZ_PATH replay a failure.
 */
export function params(weight = 1): fc.Parameters<unknown> {
  const seed = process.env['FUZZ_SEED'];
  const path = process.env['FUZZ_PATH'];
  return { numRuns: Math.max(1, Math.round(RUNS / weight)), ...(seed !== undefined ? { seed: Number(seed) } : {}), ...(path !== undefined ? { path } : {}) };
}

/**
 * A test's time limit for a property of `weight` whose run takes about `msPerRun` here: three
 * times the expected time, and never less than a minute.
 */
export const timeLimit = (weight: number, msPerRun: number): number => Math.max(60_000, 3 * params(weight).numRuns! * msPerRun);

/**
 * Checks that `predicate` holds (returns without throwing) for values of `arbitrary`, and records,
 * for `npm run fuzz`, how many times it ran and with which seed. On failure, throws fast-check's
 * report: the counterexample, its seed and the path that replays it.
 */
export async function check<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void> | void, weight = 1): Promise<void> {
  const p = params(weight);
  let runs = 0;
  const property = fc.asyncProperty(arbitrary, async (value) => {
    runs++;
    await predicate(value);
  });
  const details = await fc.check(property, p);
  const report = process.env['FUZZ_REPORT'];
  if (report) {
    const failure = details.failed ? { path: details.counterexamplePath, counterexample: fc.stringify(details.counterexample), error: String(details.errorInstance) } : {};
    const file = relative(ROOT, expect.getState().testPath ?? '');
    appendFileSync(report, `${JSON.stringify({ name, file, runs, numRuns: p.numRuns, seed: details.seed, failed: details.failed, ...failure })}\n`);
  }
  if (details.failed) throw new Error(`${name}: ${fc.defaultReportMessage(details) ?? 'failed'}`);
}

/** The shipped catalogue, loaded once. */
let catalogue: Promise<CatalogueModel> | undefined;
export const shippedCatalogue = (): Promise<CatalogueModel> => (catalogue ??= new CatalogueStore(ROOT).default());

/** The worked example, as a person keeps it. */
export const EXAMPLE = readFileSync(join(ROOT, 'examples', '2025-26.yaml'), 'utf8');

/** A text file in memory, as the loaders take it. */
export const textFile = (text: string, path = 'fuzz.yaml'): TextFile => ({ path, text, bom: false, eol: '\n', mode: 0o644 });

// --- Text ------------------------------------------------------------------------------------

/** Pieces of text that mean something to YAML, to a terminal, to Markdown or to HTML. */
const AWKWARD = [
  ': ', ' #', '# ', '- ', '? ', '&a', '*a', '!!x', '!<tag:yaml.org,2002:js/undefined>', '{', '}', '[', ']', ',', '"', "'", '|', '>', '%', '@', '`',
  '---', '...', '\t', '\r', '\r\n', '\n', '\n\n', '  ', '\u2028', '\u0085', '\ufeff', '\x1b[2J', '\x1b]8;;https://x/\x07', '\x07', '\u009b', '\x7f', '\0',
  '<script>', '&amp;', '|---|', '**', '__proto__', 'constructor', 'yes', 'no', 'null', '~', '0x1F', '1e3', '12:30', '2025-02-29', '.inf', '<<',
];

/** Any text: ordinary words, any code points (surrogates too), and the awkward pieces above, mixed. */
export const anyText = (maxParts = 8): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('Council', 'budget', 'plan', 'The', 'audit', 'Cabinet', 'improvement', 'café', '£2.4m', 'Ōtautahi', '✓', '٣') },
        { weight: 3, arbitrary: fc.constantFrom(...AWKWARD) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      ),
      { maxLength: maxParts },
    )
    .map((parts) => parts.join(' '));

/**
 * Text a person could type on one line: no control characters, not blank, within 500 characters.
 * The Unicode line and paragraph separators stay: text pasted from a word processor can hold them.
 */
export const lineText = (): fc.Arbitrary<string> =>
  anyText(6)
    // eslint-disable-next-line no-control-regex
    .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f\ufeff]/g, ' ').replace(/[\uD800-\uDFFF]/g, '?').trim().slice(0, 500))
    .filter((s) => s.length > 0);

/** Text a person could write as commentary: several lines, tabs allowed, within 20,000 characters. */
export const paragraphText = (): fc.Arbitrary<string> =>
  fc
    .array(lineText(), { minLength: 1, maxLength: 4 })
    .chain((lines) => fc.constantFrom('\n', '\n\n', ' ').map((sep) => lines.join(sep)))
    .map((s) => s.replace(/ {2}/g, ' \t'));

// --- Dates -----------------------------------------------------------------------------------

/** A real calendar day, YYYY-MM-DD. */
export const realDate = (): fc.Arbitrary<string> =>
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Any date-like text: real days, impossible ones (2025-02-29, 2025-13-01), and the wrongly written. */
export const anyDate = (): fc.Arbitrary<string> =>
  fc.oneof(
    realDate(),
    fc.constantFrom('2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '0000-00-00', '2025-1-1', '25-01-01', '01/04/2025', 'tomorrow', ''),
    anyText(2),
  );

// --- Answers documents -------------------------------------------------------------------------

/** Some of a list, in order. */
const someOf = <T>(items: readonly T[], max = items.length): fc.Arbitrary<T[]> => fc.subarray([...items], { maxLength: max });

/** A rating: usually a word of the indicator's scale, sometimes not-applicable or a wrong word. */
const rating = (words: readonly string[], valid: boolean): fc.Arbitrary<string> =>
  valid
    ? fc.constantFrom(...words)
    : fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...words, 'not-applicable') }, { weight: 1, arbitrary: fc.constantFrom('superb', 'Embedded', 'not applicable', '', 'yes', 'present ') }, { weight: 1, arbitrary: anyText(1) });

/** An evidence entry: a line, or a record. */
const evidence = (valid: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    lineText(),
    fc.record(
      {
        title: lineText(),
        link: valid ? fc.constantFrom('https://example.org/a.pdf', 'https://www.marlbridge.gov.uk/x?y=1') : fc.oneof(fc.constantFrom('https://example.org/a.pdf', 'not a link', 'javascript:alert(1)'), anyText(1)),
        path: lineText(),
        owner: lineText(),
        date: valid ? realDate() : anyDate(),
        'review-by': valid ? realDate() : anyDate(),
      },
      { requiredKeys: ['title'] },
    ),
  );

/** An action. */
const action = (valid: boolean): fc.Arbitrary<unknown> =>
  fc.record(
    {
      action: lineText(),
      owner: lineText(),
      due: valid ? realDate() : anyDate(),
      status: valid ? fc.constantFrom('open', 'done') : fc.constantFrom('open', 'done', 'closed', 'Open', ''),
    },
    { requiredKeys: ['action'] },
  );

export interface DocumentOptions {
  /** Only values the schema and the catalogue accept (a valid file, unanswered indicators apart). */
  readonly valid: boolean;
}

/**
 * An answers document as data: some of the catalogue's themes and indicators, in order, with
 * ratings, text, evidence, actions and dates; when not `valid`, with wrong words, impossible dates,
 * unknown themes and indicators, wrong types and extra keys too.
 */
export function answersDocument(model: CatalogueModel, o: DocumentOptions): fc.Arbitrary<Record<string, unknown>> {
  const { valid } = o;
  const indicatorAnswer = (words: readonly string[]): fc.Arbitrary<Record<string, unknown>> =>
    fc
      .record(
        {
          rating: rating(words, valid),
          target: fc.constantFrom(...words),
          previous: fc.constantFrom(...words),
          commentary: valid ? paragraphText() : fc.oneof(paragraphText(), anyText()),
          evidence: fc.array(evidence(valid), { maxLength: 3 }),
          actions: fc.array(action(valid), { maxLength: 2 }),
          reason: paragraphText(),
        },
        { requiredKeys: [] },
      )
      .map((a) => {
        // A reason goes with not-applicable; in a valid file, not otherwise.
        if (valid && a['rating'] !== undefined) delete a['reason'];
        return a;
      });
  const theme = (t: CatalogueModel['themes'][number]): fc.Arbitrary<[string, unknown]> =>
    fc
      .tuple(
        someOf(t.indicators, 4).chain((inds) =>
          fc.tuple(...inds.map((i) => indicatorAnswer(model.indicatorById.get(i.id)!.scale.levels.map((l) => l.word)).map((a) => [i.id, a] as const))),
        ),
        fc.option(paragraphText(), { nil: undefined }),
        fc.option(fc.record({ assessed: fc.record({ by: lineText(), on: valid ? realDate() : anyDate() }) }), { nil: undefined }),
      )
      .map(([answers, summary, assurance]) => [
        t.id,
        { ...(summary !== undefined ? { summary } : {}), ...(assurance !== undefined ? { assurance } : {}), indicators: Object.fromEntries(answers) },
      ]);
  const themes = someOf(model.themes, 3).chain((ts) => (ts.length === 0 ? fc.constant([] as [string, unknown][]) : fc.tuple(...ts.map(theme))));
  const oddThemes = fc.array(fc.tuple(fc.constantFrom('leadershp', 'finance', '__proto__', 'constructor', 'prototype', 'toString', 'lead.c1'), fc.constantFrom<unknown>({ indicators: {} }, null, 'x', [1])), { maxLength: 2 });
  return fc
    .record({
      catalogue: valid ? fc.constant({ id: model.catalogue.id, version: model.catalogue.version }) : fc.oneof(fc.constant({ id: model.catalogue.id, version: model.catalogue.version }), fc.record({ id: anyText(1), version: fc.constantFrom('1.0.0', '9.9.9', 'x') })),
      authority: lineText(),
      period: valid ? fc.constantFrom('2024-25', '2025-26', '2099-00') : fc.constantFrom('2025-26', '2025-27', '2025/26', '25-26', ''),
      'assessment-date': valid ? realDate() : anyDate(),
      participants: fc.array(fc.oneof(lineText(), fc.record({ name: lineText(), role: lineText() }, { requiredKeys: ['name'] })), { maxLength: 3 }),
      themes,
      odd: valid ? fc.constant([] as [string, unknown][]) : oddThemes,
      extra: valid ? fc.constant(undefined) : fc.option(fc.tuple(fc.constantFrom('notes', 'Authority', '__proto__', '<<'), anyText(1)), { nil: undefined }),
    })
    .map(({ themes: ts, odd, extra, ...rest }) => {
      // Built with defineProperty so a key named __proto__ is a key, as a YAML reader makes it.
      const themeMap: Record<string, unknown> = {};
      for (const [k, v] of [...ts, ...odd]) Object.defineProperty(themeMap, k, { value: v, enumerable: true, writable: true, configurable: true });
      const doc: Record<string, unknown> = { ...rest, themes: themeMap };
      if (extra) Object.defineProperty(doc, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
      return doc;
    });
}

/** A document written as YAML, by either library, in block or flow style. */
export const asYaml = (doc: unknown): fc.Arbitrary<string> =>
  fc.constantFrom('yaml', 'js-yaml', 'js-yaml-flow').map((how) =>
    how === 'yaml' ? stringify(doc) : jsYaml.dump(doc, { schema: jsYaml.CORE_SCHEMA, ...(how === 'js-yaml-flow' ? { flowLevel: 2 } : {}), lineWidth: 100 }),
  );

// --- Damage to a file ----------------------------------------------------------------------------

/** One kind of damage to a text, at a position chosen by a fraction of its length. */
export type Mutation =
  | { readonly kind: 'delete-line' | 'duplicate-line' | 'swap-characters'; readonly at: number }
  | { readonly kind: 'indent'; readonly at: number; readonly by: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string };

const INSERTS = [':', ': ', '-', '- ', '&a ', '*a', '*a ', '!!x ', '!!js/function ', '#', ' #', '"', "'", '[', '{', ']', '}', ',', '? ', '|', '>', '\t', '\n', '  ', '\r', '---\n', '%YAML 1.1\n', '<<: ', '__proto__: ', '~'];

export const mutation = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const, 'swap-characters' as const), at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) }),
    fc.record({ kind: fc.constant('indent' as const), at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), by: fc.integer({ min: -4, max: 4 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), text: fc.constantFrom(...INSERTS) }),
  );

/** Applies damage to a text. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = Math.floor(m.at * lines.length);
  const offset = Math.floor(m.at * text.length);
  switch (m.kind) {
    case 'delete-line':
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'swap-characters':
      return offset + 1 < text.length ? text.slice(0, offset) + text[offset + 1] + text[offset] + text.slice(offset + 2) : text;
    case 'indent': {
      const l = lines[line] ?? '';
      const changed = m.by >= 0 ? ' '.repeat(m.by) + l : l.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return [...lines.slice(0, line), changed, ...lines.slice(line + 1)].join('\n');
    }
    case 'insert':
      return text.slice(0, offset) + m.text + text.slice(offset);
  }
}
