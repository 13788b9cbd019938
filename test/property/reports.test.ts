// Properties of the reports: for random valid answers files, every report format and the diff are
// deterministic (the same file gives the same bytes, run after run), the JSON parses, and scoring
// leaves the answers it was given as they were.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAnswersText } from '../../src/answers/load.js';
import { assess } from '../../src/assessment/assess.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { ROOT, bvaInProcess, tempCopy } from '../helpers.js';
import { answersDocument, asYaml, check, shippedCatalogue, textFile, timeLimit } from './arbitraries.js';

const TODAY = '2025-11-01';
const store = new CatalogueStore(ROOT);

const OUTPUTS: readonly (readonly string[])[] = [
  ['report', 'a.yaml'],
  ['report', 'a.yaml', '--format', 'json'],
  ['report', 'a.yaml', '--format', 'html'],
  ['report', 'a.yaml', '--previous', 'previous.yaml'],
  ['diff', 'previous.yaml', 'a.yaml'],
  ['diff', 'previous.yaml', 'a.yaml', '--format', 'json'],
  ['check', 'a.yaml', '--format', 'json'],
];

describe('reports (property, in process)', () => {
  it('are the same bytes every time for the same file, and the JSON parses', { timeout: timeLimit(5, 500) }, async () => {
    const model = await shippedCatalogue();
    const input = fc.tuple(answersDocument(model, { valid: true }).chain(asYaml), answersDocument(model, { valid: true }).chain(asYaml));
    await check(
      'reports: deterministic',
      input,
      async ([text, previous]) => {
        const dir = tempCopy({});
        writeFileSync(join(dir, 'a.yaml'), text);
        writeFileSync(join(dir, 'previous.yaml'), previous);
        for (const args of OUTPUTS) {
          const first = await bvaInProcess(args, { cwd: dir, today: TODAY });
          const second = await bvaInProcess(args, { cwd: dir, today: TODAY });
          expect([0, 1], `bva ${args.join(' ')}: ${first.stderr}`).toContain(first.code);
          expect(second).toEqual(first);
          if (args.includes('json')) expect(() => JSON.parse(first.stdout) as unknown).not.toThrow();
        }
      },
      5,
    );
  });

  it('scoring leaves the answers as they were, and scores them the same way twice', { timeout: timeLimit(1, 20) }, async () => {
    const model = await shippedCatalogue();
    await check('reports: scoring is pure', answersDocument(model, { valid: true }).chain(asYaml), async (text) => {
      const loaded = await loadAnswersText(textFile(text), '/fuzz/fuzz.yaml', { store });
      expect(loaded.ok, loaded.ok ? '' : JSON.stringify(loaded.problems.slice(0, 3))).toBe(true);
      if (!loaded.ok) return;
      const answers = loaded.value.answers;
      const copy = structuredClone(answers);
      const once = assess(answers, loaded.value.catalogue, { asOf: TODAY, version: 'test' });
      const twice = assess(answers, loaded.value.catalogue, { asOf: TODAY, version: 'test' });
      expect(twice).toEqual(once);
      expect(answers).toEqual(copy);
    });
  });
});
