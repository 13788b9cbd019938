// Properties of loading: whatever the text, the answers loader gives a result or a list of
// problems, each placed at a line and column within the file; it never throws. Random answers
// documents (wrong words, impossible dates, unknown ids, hostile text) and random damage to the
// worked example (lines deleted or doubled, characters swapped, indentation changed, YAML
// punctuation inserted) both. And keys named __proto__ never touch Object.prototype.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadAnswersText } from '../../src/answers/load.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import type { LoadResult } from '../../src/source/load.js';
import { parseFast, parsePositional } from '../../src/source/yaml.js';
import { ROOT } from '../helpers.js';
import { EXAMPLE, answersDocument, asYaml, check, mutate, mutation, shippedCatalogue, textFile, timeLimit } from './arbitraries.js';

const store = new CatalogueStore(ROOT);

/** Every problem names the file, a line and column inside it, a severity, a code and a message. */
function expectPlaced(r: LoadResult<unknown>, text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  const problems = r.ok ? r.warnings : r.problems;
  if (!r.ok) expect(problems.some((p) => p.severity === 'error')).toBe(true);
  for (const p of problems) {
    expect(p.file).toBe('fuzz.yaml');
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.col).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines + 1);
    expect(['error', 'warning']).toContain(p.severity);
    expect(p.code).toMatch(/^[a-z-]+$/);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

describe('the answers loader (property)', () => {
  it('gives a result or placed problems for any answers document, never an exception', { timeout: timeLimit(1, 20) }, async () => {
    const model = await shippedCatalogue();
    const documents = fc.oneof(answersDocument(model, { valid: false }), answersDocument(model, { valid: true })).chain(asYaml);
    await check('loader: random answers documents', documents, async (text) => {
      const r = await loadAnswersText(textFile(text), '/fuzz/fuzz.yaml', { store });
      expectPlaced(r, text);
    });
  });

  it('gives a result or placed problems for any damage to the worked example, never an exception', { timeout: timeLimit(1, 60) }, async () => {
    const damaged = fc.array(mutation(), { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce(mutate, EXAMPLE));
    await check('loader: damaged copies of the example', damaged, async (text) => {
      const r = await loadAnswersText(textFile(text), '/fuzz/fuzz.yaml', { store });
      expectPlaced(r, text);
    });
  });

  it('reads keys named __proto__, constructor and prototype as plain keys, leaving Object.prototype alone', { timeout: timeLimit(1, 10) }, async () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'polluted', 'a');
    const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, fc.constant('x'), fc.integer(), fc.array(tie('tree'), { maxLength: 3 }), fc.array(fc.tuple(key, tie('tree')), { maxLength: 3 })),
    }));
    // Pairs written as YAML maps by hand, so __proto__ is a key in the text (not a prototype in JS).
    const toYaml = (t: unknown, indent = ''): string => {
      if (!Array.isArray(t)) return ` ${stringify(t).trim()}\n`;
      if (t.length > 0 && t.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && /^[_a-zA-Z]/.test(p[0] as string))) {
        return `\n${(t as [string, unknown][]).map(([k, v]) => `${indent}  ${k}:${toYaml(v, `${indent}  `)}`).join('')}`;
      }
      return ` ${JSON.stringify(t)}\n`;
    };
    await check('loader: prototype keys', fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 4 }), async (pairs) => {
      const text = pairs.map(([k, v]) => `${k}:${toYaml(v)}`).join('');
      parseFast(text);
      await parsePositional(text);
      await loadAnswersText(textFile(text), '/fuzz/fuzz.yaml', { store });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });
  });
});
