// The indentation locator must agree with yaml's Document on every node it claims to place.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Locator, Outline, offsetByIndentation } from '../../src/source/locate.js';
import { error, MAX_LISTED, sortProblems, warning, type DocPath, type LocatedProblem, type Problem } from '../../src/source/problem.js';
import { locatePath, parsePositional } from '../../src/source/yaml.js';
import { ROOT } from '../helpers.js';

/** Every path in a data tree, plus one missing key under each map and one missing index under each list. */
function paths(data: unknown, prefix: (string | number)[] = []): DocPath[] {
  const out: DocPath[] = [prefix];
  if (Array.isArray(data)) {
    data.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
    out.push([...prefix, data.length]);
  } else if (typeof data === 'object' && data !== null) {
    for (const [k, v] of Object.entries(data)) out.push(...paths(v, [...prefix, k]));
    out.push([...prefix, 'no-such-key']);
  }
  return out;
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));

const FILES = [...yamlFiles('examples'), ...yamlFiles('test/fixtures'), 'criteria/best-value-2024.yaml'];

describe('the indentation locator', () => {
  it.each(FILES)('agrees with the parsed document on every node of %s', async (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const positional = await parsePositional(text);
    if (positional.problems.length > 0) return; // a file that does not parse has no nodes to compare
    let placed = 0;
    let total = 0;
    for (const path of paths(positional.data)) {
      for (const anchor of ['key', 'value'] as const) {
        total++;
        const offset = offsetByIndentation(text, path, anchor);
        if (offset === undefined) continue;
        placed++;
        expect(positional.lineCounter.linePos(offset), `${file} ${JSON.stringify(path)} ${anchor}`).toEqual(locatePath(positional, path, anchor));
      }
    }
    // The examples are block style throughout: nearly everything is placed without the parser.
    if (file.startsWith('examples/20')) expect(placed / total).toBeGreaterThan(0.95);
  });

  it('leaves to the parser what indentation cannot settle', () => {
    expect(offsetByIndentation('a: {b: 1}\n', ['a', 'b'], 'value')).toBeUndefined();
    expect(offsetByIndentation('a: &x\n  b: 1\n', ['a', 'b'], 'value')).toBeUndefined();
    expect(offsetByIndentation('"a": 1\n', ['a'], 'key')).toBeUndefined();
    expect(offsetByIndentation('---\na: 1\n', ['a'], 'key')).toBeUndefined();
    expect(offsetByIndentation('a:\n\tb: 1\n', ['a', 'b'], 'key')).toBeUndefined();
  });

  it('places many problems with work in proportion to their number, not to its square', () => {
    // 5,000 keys in one map, each a problem (an unknown key): each block is indexed once, then
    // every lookup is a step per path segment. (Once, each lookup looked at every key: 25 million.)
    const n = 5_000;
    const text = Array.from({ length: n }, (_, i) => `x${i}: ${i}\n`).join('') + 'themes:\n  leadership:\n    indicators:\n' + Array.from({ length: n }, (_, i) => `      i${i}: {}\n`).join('');
    const outline = new Outline(text);
    const placed: (number | undefined)[] = [];
    for (let i = 0; i < n; i++) placed.push(outline.offsetOf([`x${i}`], 'key'));
    for (let i = 0; i < n; i++) placed.push(outline.offsetOf(['themes', 'leadership', 'indicators', `i${i}`], 'key'));
    expect(placed).toEqual([...Array.from({ length: n }, (_, i) => text.indexOf(`\nx${i}:`) + 1), ...Array.from({ length: n }, (_, i) => text.indexOf(`\n      i${i}:`) + 7)]);
    expect(outline.examined).toBeLessThanOrEqual(10 * n);
  });

  it('lists the first MAX_LISTED problems in reading order, and places the rest when asked', async () => {
    // Keys in a block map (placed by indentation) and in a flow map (placed by the parser), asked
    // in an order of their own, errors and warnings mixed, a few with a second place.
    const n = MAX_LISTED + 300;
    const text = Array.from({ length: n }, (_, i) => `k${i}: {f${i}: 1}\n`).join('');
    const problems: Problem[] = [];
    for (let i = n - 1; i >= 0; i--) {
      const at = i % 3 === 0 ? [`k${i}`, `f${i}`] : [`k${i}`];
      const p = i % 7 === 0 ? warning('unanswered', `w${i}`, at, { anchor: 'key' }) : error('unknown-key', `e${i}`, at, { anchor: 'key', ...(i % 50 === 0 ? { related: { path: ['k1'], anchor: 'key' as const, label: 'see' } } : {}) });
      problems.push(p);
    }
    const located = await new Locator(text).locateAll({ path: 'f' }, problems);
    const reference = new Locator(text);
    const expected: LocatedProblem[] = [];
    for (const p of problems) {
      const { line, col } = await reference.position(p);
      expected.push({ file: 'f', line, col, severity: p.severity, code: p.code, message: p.related ? `${p.message} (see 2:1)` : p.message });
    }
    const sorted = sortProblems(expected);
    expect(located).toHaveLength(n);
    expect(located.slice(0, MAX_LISTED)).toEqual(sorted.slice(0, MAX_LISTED));
    const plain = (ps: readonly LocatedProblem[]): LocatedProblem[] => ps.map((p) => ({ file: p.file, line: p.line, col: p.col, severity: p.severity, code: p.code, message: p.message }));
    expect(sortProblems(plain(located.slice(MAX_LISTED)))).toEqual(sorted.slice(MAX_LISTED));
    expect(JSON.parse(JSON.stringify(located.slice(MAX_LISTED)))).toEqual(plain(located.slice(MAX_LISTED)));
  });

  it('places a problem by its offset, and parses only when it has to', async () => {
    const loc = new Locator('a: 1\nb:\n  c: [1, 2]\n');
    expect(await loc.position({ path: [], offset: 7 })).toEqual({ line: 2, col: 3 });
    expect(await loc.position({ path: ['b', 'c'], anchor: 'key' })).toEqual({ line: 3, col: 3 });
    expect(await loc.position({ path: ['b', 'c', 1] })).toEqual({ line: 3, col: 10 });
  });
});
