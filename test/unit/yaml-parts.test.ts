// A long text with syntax errors is read in parts (syntaxProblems): from the entry holding
// js-yaml's first error, on to the next error js-yaml meets after each part, and only until enough
// problems are found. Each part must read as its own text read alone does; up to the end of the
// first part, and wherever the errors stay on their own lines, the parts must say what the careful
// parse of the whole text says; where they stop, a last problem says where.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Locator } from '../../src/source/locate.js';
import type { Problem } from '../../src/source/problem.js';
import { parseDocument } from 'yaml';
import { parsePositional, readFast } from '../../src/source/yaml.js';
import { syntaxProblems, type PartSizes } from '../../src/source/yaml-parts.js';
import { lineAt, mayHaveOpenFlow, readingStart, splitLines } from '../../src/source/yaml-explain.js';

const file = { path: 'f.yaml' };

const shown = async (text: string, problems: readonly Problem[]): Promise<string[]> =>
  (await new Locator(text).locateAll(file, problems)).map((p) => `${p.line}:${p.col} ${p.code} ${p.message}`);

/** The careful parse of the whole text, as "LINE:COL code message" lines. */
async function whole(text: string): Promise<string[]> {
  return shown(text, (await parsePositional(text)).problems);
}

/** What syntaxProblems tells of each part it reads (PartSizes.trace). */
type Traced = Parameters<NonNullable<PartSizes['trace']>>[0];

/** The text read in parts from js-yaml's first error; undefined where it is left to the whole parse. */
async function inPart(text: string, sizes: PartSizes, parts: Traced[] = []): Promise<string[] | undefined> {
  const seen: { errorAt?: number } = {};
  if (readFast(text, seen) !== undefined || seen.errorAt === undefined) return undefined;
  const problems = await syntaxProblems(text, seen.errorAt, { from: 0, ...sizes, trace: (p) => parts.push(p) });
  return problems === undefined ? undefined : shown(text, problems);
}

/**
 * The yaml library's errors for a part read on its own, as the careful parse reads a text: the lines
 * holding it, then the text from it to where it stopped. Only those in the part's stretch, at
 * offsets in the file.
 */
function alone(text: string, part: Traced): string[] {
  const lines = splitLines(text);
  const held = part.holders.map((o) => lines[lineAt(lines, o)]!);
  const heldAt: number[] = [];
  let head = '';
  for (const l of held) {
    heldAt.push(head.length);
    head += `${l.text}\n`;
  }
  const inFile = (o: number): number => {
    if (o >= head.length) return part.start + o - head.length;
    let k = heldAt.length - 1;
    while (heldAt[k]! > o) k--;
    return held[k]!.start + o - heldAt[k]!;
  };
  const doc = parseDocument(head + text.slice(part.start, part.cut), { uniqueKeys: false, prettyErrors: false, strict: true, resolveKnownTags: false });
  return [...doc.errors, ...doc.warnings]
    .map((e) => ({ at: inFile(e.pos[0]), what: (e.code as string) === 'MULTIPLE_DOCS' ? 'MULTIPLE_DOCS' : `${e.code} ${e.message}` }))
    .filter((e) => e.at >= part.from && e.at < part.to)
    .sort((a, b) => a.at - b.at)
    .map((e) => `${e.at} ${e.what}`);
}

const lineOf = (p: string): number => Number(p.split(':')[0]);

const HEAD = 'catalogue:\n  id: best-value-2024\nthemes:\n  leadership:\n    indicators:\n      lead.c1:\n        evidence:\n';

describe('a long text with syntax errors, read in parts', () => {
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
    const parts: Traced[] = [];
    expect(await inPart(text, { first: 100 }, parts)).toEqual(expected);
    // Two parts: from the entry of the first error, and from that of the next js-yaml met.
    expect(parts.map((p) => [p.start, p.holders.length])).toEqual([
      [lines[307]!.start, 5],
      [lines[407]!.start, 0],
    ]);
  });

  it.each([
    ['a quote left open', `${HEAD}          - title: "Evidence\n          - a: b: c\n`],
    ['a tab in the indentation', `${HEAD}          - title: Evidence: 1\n\t- a: b: c\n`],
    ['an error on the first line', 'a: b: c\nd: e: f\n'],
  ])('reads the whole text when it holds %s', async (_, text) => {
    expect(await inPart(text, { first: 0 })).toBeUndefined();
  });

  it.each([
    ['a list in brackets over two lines', 'a: [x,\n  y]\n', true],
    ['a map in braces over two lines', '- {a: 1,\n   b: 2}\n', true],
    ['brackets closed on their line', 'a: [x, [y]]\nb: {c: [1]}\n', false],
    ['brackets in quotes and comments', 'a: "[x"\nb: \'{y\'\nc: d # [e\n', false],
    ['no brackets', 'a: b\n', false],
  ])('tells a flow that may be open over several lines: %s', (_, text, open) => {
    expect(mayHaveOpenFlow(text)).toBe(open);
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
    // Long lists of entries, as answers files have, with a few values that hold a colon: errors far
    // apart, each explained on its own line, which the reading goes from one to the next of.
    const sparse = fc
      .tuple(fc.integer({ min: 20, max: 200 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('Evidence: 1', 'a: b: c', 'x: y')), { minLength: 1, maxLength: 6 }), fc.boolean())
      .map(([n, slips, nested]) => {
        const entry = (i: number): string[] => (nested ? [`          - title: "Evidence ${i}"`, `            url: https://example.org/${i}`] : [`          - Evidence ${i}`]);
        const out = ['catalogue:', '  id: x', 'themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        evidence:'];
        for (let i = 0; i < n; i++) out.push(...entry(i));
        for (const [at, slip] of slips) {
          const i = 8 + (at % (out.length - 8));
          out[i] = out[i]!.replace(/"?Evidence \d+"?|https:\S+/, slip);
        }
        return `${out.join('\n')}\nauthority: A\n`;
      });
    const text = fc
      .tuple(fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: loose, weight: 1 }, { arbitrary: sparse, weight: 3 }), fc.integer({ min: 0, max: 5 }))
      .map(([t, crlf]) => (crlf === 0 ? t.replace(/\n/g, '\r\n') : t));
    let compared = 0;
    let stopped = 0;
    let disagreed = 0;
    let resumed = 0;
    let local = 0;
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 400 }), fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 7, max: 60 })), async (t, first, chunk, most) => {
        const parts: Traced[] = [];
        const part = await inPart(t, { first, chunk, most }, parts);
        if (part === undefined) return;
        compared++;
        if (parts.length > 1) resumed++;
        // Each part reads as its text read on its own does, in the stretch it keeps.
        for (const p of parts) {
          const said = [...p.errors].sort((a, b) => a.pos[0] - b.pos[0]).map((e) => `${e.pos[0]} ${e.code === 'MULTIPLE_DOCS' ? e.code : `${e.code} ${e.message}`}`);
          expect(said).toEqual(alone(t, p));
        }
        // Up to where the first part ends, the parts say what the careful parse of the whole text
        // says. It rests on js-yaml's having read well the text before the first part: where the
        // yaml library finds a fault there (the two differ on a few odd indentations), the whole
        // parse says more, and such texts are counted, not compared. After the first part, each
        // part reads as a fresh start, where the whole text may read on from an error otherwise.
        const all = await whole(t);
        const begins = (await new Locator(t).position({ path: [], offset: parts[0]!.start })).line;
        const ends = parts[0]!.to >= t.length ? Infinity : (await new Locator(t).position({ path: [], offset: parts[0]!.to })).line;
        if (all.some((p) => lineOf(p) < begins)) {
          disagreed++;
          return;
        }
        const last = part[part.length - 1]!;
        const isStop = last.includes(' stopped-reading ');
        const firstPart = (ps: string[]): string[] => ps.filter((p) => lineOf(p) < ends && !p.includes(' stopped-reading '));
        if (ends === Infinity && !isStop) {
          expect(part).toEqual(all);
          return;
        }
        // Where every error stays on its own line (a colon in text), the parts read as the whole
        // text does however many there are: the same problems, or the first of them and the stop.
        if (all.every((p) => p.includes(' yaml-colon-in-text '))) {
          const listed = isStop ? part.slice(0, -1) : part;
          expect(listed).toEqual(isStop ? all.slice(0, listed.length) : all);
          local++;
        }
        // Stopped in the first part: the whole text's first problems, as many as were listed.
        const inFirst = firstPart(all);
        expect(firstPart(part)).toEqual(isStop && parts.length === 1 ? inFirst.slice(0, firstPart(part).length) : inFirst);
        if (!isStop) return;
        // Stopped: fewer problems than `most` before the stop, then the stop.
        stopped++;
        expect(part.length).toBeLessThanOrEqual(most);
      }),
      { numRuns: 1500 },
    );
    // The property is only as good as the texts it was asked of: most must have been read in part.
    expect(compared).toBeGreaterThan(600);
    expect(stopped).toBeGreaterThan(60);
    expect(resumed).toBeGreaterThan(150);
    expect(local).toBeGreaterThan(250);
    expect(disagreed).toBeLessThan(compared / 10);
  });
});
