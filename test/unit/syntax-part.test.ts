// A long text with syntax errors is read in part (syntaxProblems): from the entry holding
// js-yaml's first error, and only until enough problems are found. What it reports must be what
// the careful parse of the whole text reports: the same problems, or, where it stopped, the same
// first ones, then the line where it stopped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Locator } from '../../src/source/locate.js';
import type { Problem } from '../../src/source/problem.js';
import { parsePositional, readFast, syntaxProblems, type PartSizes } from '../../src/source/yaml.js';
import { lineAt, readingStart, splitLines } from '../../src/source/yaml-explain.js';

const file = { path: 'f.yaml' };

const shown = async (text: string, problems: readonly Problem[]): Promise<string[]> =>
  (await new Locator(text).locateAll(file, problems)).map((p) => `${p.line}:${p.col} ${p.code} ${p.message}`);

/** The careful parse of the whole text, as "LINE:COL code message" lines. */
async function whole(text: string): Promise<string[]> {
  return shown(text, (await parsePositional(text)).problems);
}

/** The text read in part from js-yaml's first error; undefined where it is left to the whole parse. */
async function inPart(text: string, sizes: PartSizes): Promise<string[] | undefined> {
  const seen: { errorAt?: number } = {};
  if (readFast(text, seen) !== undefined || seen.errorAt === undefined) return undefined;
  const problems = await syntaxProblems(text, seen.errorAt, { from: 0, ...sizes });
  return problems === undefined ? undefined : shown(text, problems);
}

const lineOf = (p: string): number => Number(p.split(':')[0]);

const HEAD = 'catalogue:\n  id: best-value-2024\nthemes:\n  leadership:\n    indicators:\n      lead.c1:\n        evidence:\n';

describe('a long text with syntax errors, read in part', () => {
  it('stops at the line of the problem that makes enough, and says so there', async () => {
    const text = HEAD + Array.from({ length: 40 }, (_, i) => `          - title: Evidence: ${i + 1}\n`).join('');
    const problems = await inPart(text, { first: 100, most: 5 });
    expect(problems).toEqual([
      ...[1, 2, 3, 4].map(
        (i) =>
          `${7 + i}:20 yaml-colon-in-text a colon followed by a space inside text ("Evidence: ${i}") makes YAML read a new key: put the text in quotes, as in title: "Evidence: ${i}", or start a block with title: >- and write the text on the lines below it, indented`,
      ),
      '12:11 stopped-reading bva stopped reading the file here, after the 4 problems before it: fix them and run bva again to check the rest',
    ]);
    // The whole text's first four problems are those four.
    expect((await whole(text)).slice(0, 4)).toEqual(problems!.slice(0, 4));
  });

  it('reads from the entry holding the first error, with the lines that hold it, as the whole text reads', async () => {
    const body = Array.from({ length: 200 }, (_, i) => `          - title: ${i === 150 ? 'Evidence: 150' : `"Evidence: ${i}"`}\n            url: https://example.org/${i}\n`).join('');
    const text = `${HEAD}${body}authority: a: b\n`;
    const lines = splitLines(text);
    const seen: { errorAt?: number } = {};
    readFast(text, seen);
    // js-yaml's error is on line 308 (0-based 307); the entry holding it starts there.
    expect(lineAt(lines, seen.errorAt!)).toBe(307);
    expect(readingStart(lines, 307)).toEqual({ start: 307, holders: [2, 3, 4, 5, 6] });
    const expected = [
      '308:20 yaml-colon-in-text a colon followed by a space inside text ("Evidence: 150") makes YAML read a new key: put the text in quotes, as in title: "Evidence: 150", or start a block with title: >- and write the text on the lines below it, indented',
      '408:12 yaml-colon-in-text a colon followed by a space inside text ("a: b") makes YAML read a new key: put the text in quotes, as in authority: "a: b", or start a block with authority: >- and write the text on the lines below it, indented',
    ];
    expect(await whole(text)).toEqual(expected);
    expect(await inPart(text, { first: 100 })).toEqual(expected);
  });

  it.each([
    ['a quote left open', `${HEAD}          - title: "Evidence\n          - a: b: c\n`],
    ['a tab in the indentation', `${HEAD}          - title: Evidence: 1\n\t- a: b: c\n`],
    ['an error on the first line', 'a: b: c\nd: e: f\n'],
  ])('reads the whole text when it holds %s', async (_, text) => {
    expect(await inPart(text, { first: 0 })).toBeUndefined();
  });

  it('is not used for a short text', async () => {
    const text = `${HEAD}          - title: Evidence: 1\n`;
    expect(await syntaxProblems(text, text.indexOf('Evidence'))).toBeUndefined();
  });

  // Texts of random lines at random indentations, many of them wrong: every shape of entry,
  // flow collections on one line and across lines, block text, comments and blank lines.
  it('agrees with the careful parse of the whole text, on random texts', async () => {
    const line = fc.tuple(
      fc.constantFrom(0, 2, 2, 4, 4, 6, 8, 10, 3),
      fc.constantFrom(
        'a: one',
        'b: two words',
        'rating: developing',
        'c:',
        'd:',
        '- item',
        '- e: one',
        '- f:',
        '-',
        '- - x',
        'g: text: more',
        '- h: Evidence: 1',
        'plain text',
        'more text here',
        'i: [a, b]',
        'j: {k: 1}',
        'l: [a,',
        'b]',
        'm: {n: 1,',
        'o: 2}',
        'p: |',
        'q: >-',
        '# a comment',
        '',
        "r: 'quoted'",
        's: "quoted: yes"',
        't: &anchor x',
        'u: *anchor',
        '? v',
        ': w',
        '---',
        'x: y # note',
        '"y": 1',
        'z: - a',
        'k: v: w: x',
      ),
    );
    const loose = fc.array(line, { minLength: 1, maxLength: 60 }).map((ls) => ls.map(([indent, t]) => `${t === '' ? '' : ' '.repeat(indent)}${t}\n`).join(''));
    // Well-formed documents (maps of maps and lists, as answers files are) with a few lines
    // replaced, moved sideways or added.
    type Tree = { scalar: string } | { list: Tree[] } | { map: [string, Tree][] };
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ scalar: fc.constantFrom('one', 'two words', '"a: b"', '[a, b]', 'x # note') }),
        fc.record({ list: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }) }),
        fc.record({ map: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'rating', 'title', 'url'), tie('tree')), { minLength: 1, maxLength: 4 }) }),
      ),
    }));
    const write = (t: Tree, indent: number, out: string[]): void => {
      const pad = ' '.repeat(indent);
      if ('map' in t) {
        for (const [k, v] of t.map) {
          if ('scalar' in v) out.push(`${pad}${k}: ${v.scalar}`);
          else {
            out.push(`${pad}${k}:`);
            write(v, indent + 2, out);
          }
        }
      } else if ('list' in t) {
        for (const item of t.list) {
          if ('scalar' in item) out.push(`${pad}- ${item.scalar}`);
          else if ('map' in item) {
            const inner: string[] = [];
            write(item, indent + 2, inner);
            out.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
          } else {
            out.push(`${pad}-`);
            write(item, indent + 2, out);
          }
        }
      }
    };
    const edit = fc.tuple(fc.nat(), fc.constantFrom('replace', 'shift', 'insert'), line, fc.integer({ min: -3, max: 3 }));
    const shaped = fc
      .tuple(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'themes', 'evidence'), tree), { minLength: 1, maxLength: 5 }), fc.array(edit, { minLength: 1, maxLength: 6 }))
      .map(([entries, edits]) => {
        const out: string[] = [];
        write({ map: entries }, 0, out);
        for (const [at, how, [indent, t], by] of edits) {
          const i = 1 + (at % out.length);
          if (how === 'replace' && i < out.length) out[i] = `${' '.repeat(indent)}${t}`;
          else if (how === 'shift' && i < out.length) out[i] = `${' '.repeat(Math.max(0, out[i]!.length - out[i]!.trimStart().length + by))}${out[i]!.trimStart()}`;
          else out.splice(i, 0, `${' '.repeat(indent)}${t}`);
        }
        return `${out.join('\n')}\n`;
      });
    const text = fc
      .tuple(fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: loose, weight: 1 }), fc.integer({ min: 0, max: 5 }))
      .map(([t, crlf]) => (crlf === 0 ? t.replace(/\n/g, '\r\n') : t));
    let compared = 0;
    let stopped = 0;
    let disagreed = 0;
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 6 }), async (t, first, most) => {
        const part = await inPart(t, { first, most });
        if (part === undefined) return;
        // The reading in part rests on js-yaml's having read the text before its start well. Where
        // the yaml library finds a fault there (the two differ on a few odd indentations and flow
        // maps left open), the whole parse says more than the part can: such texts are counted,
        // not compared. (A repeated key is no fault here: with a syntax error, none is reported.)
        const seen: { errorAt?: number } = {};
        readFast(t, seen);
        const lines = splitLines(t);
        const start = readingStart(lines, lineAt(lines, seen.errorAt!))!.start;
        if ((await parsePositional(t.slice(0, lines[start]!.start))).problems.some((p) => p.code !== 'duplicate-key')) {
          disagreed++;
          return;
        }
        const all = await whole(t);
        compared++;
        const last = part[part.length - 1]!;
        if (!last.includes(' stopped-reading ')) {
          expect(part).toEqual(all);
          return;
        }
        // Stopped: the whole text's first problems, then the stop, with more to come at or after it.
        stopped++;
        expect(part.slice(0, -1)).toEqual(all.slice(0, part.length - 1));
        expect(all.length).toBeGreaterThanOrEqual(part.length);
        expect(lineOf(all[part.length - 1]!)).toBeGreaterThanOrEqual(lineOf(last));
      }),
      { numRuns: 2000 },
    );
    // The property is only as good as the texts it was asked of: most must have been read in part.
    expect(compared).toBeGreaterThan(500);
    expect(stopped).toBeGreaterThan(60);
    expect(disagreed).toBeLessThan(compared / 10);
  });
});
