// Hand-editing slips said in words: each shape of text gives one problem, at the line the person
// must change, saying what to change; the parser's follow-on errors are gone. Also the day-first
// dates bva turns into YYYY-MM-DD.
import { describe, expect, it } from 'vitest';
import { isoDateFor, notADate } from '../../src/source/dates.js';
import { parsePositional } from '../../src/source/yaml.js';

/** The careful parser's problems as "LINE:COL code message". */
async function problems(lines: readonly string[]): Promise<string[]> {
  const y = await parsePositional(`${lines.join('\n')}\n`);
  return y.problems.map((p) => {
    const { line, col } = y.lineCounter.linePos(p.offset ?? 0);
    return `${line}:${col} ${p.code} ${p.message}`;
  });
}

const HEAD = ['themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing'];

describe('a hand-edited file that does not parse', () => {
  it('a colon inside text: the fix quoted, or a block where the text holds a quote', async () => {
    expect(await problems([...HEAD, '        commentary: Members asked: why so late?'])).toEqual([
      '6:21 yaml-colon-in-text a colon followed by a space inside text ("Members asked: why") makes YAML read a new key: put the text in quotes, as in commentary: "Members asked: why so late?", or start a block with commentary: >- and write the text on the lines below it, indented',
    ]);
    expect(await problems([...HEAD, '        commentary: The "plan": late'])).toEqual([
      '6:21 yaml-colon-in-text a colon followed by a space inside text ("The \\"plan\\": late") makes YAML read a new key: start a block with commentary: >- and write the text on the lines below it, indented',
    ]);
  });

  it('a quote never closed: at the quote, whatever follows', async () => {
    const expected = ['6:21 yaml-unclosed-quote the quote (") that opens this text is never closed: end the text with ", or remove the opening "'];
    expect(await problems([...HEAD, '        commentary: "Half a sentence', '      lead.c2:', '        rating: established'])).toEqual(expected);
    expect(await problems([...HEAD, "        commentary: 'It''s late", '      lead.c2:', '        rating: established'])).toEqual([
      `6:21 yaml-unclosed-quote the quote (') that opens this text is never closed: end the text with ', or remove the opening '`,
    ]);
    expect(await problems([...HEAD, '        evidence:', '          - "Minutes', '      lead.c2: {}'])).toEqual([
      '7:13 yaml-unclosed-quote the quote (") that opens this text is never closed: end the text with ", or remove the opening "',
    ]);
  });

  it('tabs: one problem, at the first, naming the others', async () => {
    expect(await problems([...HEAD, '\tcommentary: x', '      lead.c2:', '\t\trating: developing', '\ttarget: embedded'])).toEqual([
      '6:1 yaml-tab-indent this line is indented with a tab, and YAML indents with spaces only: replace the tab with spaces (and those on lines 8 and 9)',
    ]);
  });

  it('a line indented to no column above it: the columns that would place it', async () => {
    expect(await problems([...HEAD, '       lead.c2:', '        rating: established'])).toEqual([
      '6:1 yaml-indent this line is indented 7 spaces, which lines up with nothing above it: indent it 8 spaces, like "rating:" on line 5, or 6 spaces, like "lead.c1:" on line 4',
    ]);
    expect(await problems([...HEAD, '        evidence:', '          - action: a', '             owner: b'])).toEqual([
      '8:1 yaml-indent this line is indented 13 spaces, deeper than "action:" on line 7, so YAML reads it as more of that text: indent it 12 spaces, like "action:"',
    ]);
  });

  it('a key indented deeper than the one above it', async () => {
    expect(await problems([...HEAD, '          commentary: x'])).toEqual([
      '6:1 yaml-indent this line is indented 10 spaces, deeper than "rating:" on line 5, so YAML reads it as more of that text: indent it 8 spaces, like "rating:"',
    ]);
  });

  it('more of a text indented no deeper than its key, and a key without its colon', async () => {
    expect(await problems([...HEAD, '        commentary: The plan', '      is late.'])).toEqual([
      '7:7 yaml-indent this line reads as more of the text of "commentary:" on line 6, but is indented no deeper than that key: indent it at least 9 spaces, or start a block with commentary: >- and write the text on the lines below it',
    ]);
    expect(await problems([...HEAD, '        commentary: The plan', '      lead.c2', '        rating: established'])).toEqual([
      '7:7 yaml-indent this line reads as more of the text of "commentary:" on line 6, but is indented no deeper than that key: indent it at least 9 spaces, or start a block with commentary: >- and write the text on the lines below it; if lead.c2 is meant as a key, end it with a colon',
    ]);
  });

  it('leaves block text alone: its lines are the text, whatever their indentation', async () => {
    expect(await problems([...HEAD, '        commentary: |-', '          Members asked: why?', '            - indented', '', '          More.'])).toEqual([]);
  });

  it('keeps an error it cannot explain, in the parser\'s words', async () => {
    expect(await problems(['a: [1, 2'])).toEqual([expect.stringMatching(/^\d+:\d+ yaml-syntax flow sequence/)]);
  });
});

describe('dates written another way', () => {
  it.each([
    ['31/03/2026', '2026-03-31'],
    ['1/4/2026', '2026-04-01'],
    ['31-03-2026', '2026-03-31'],
    ['31.03.26', '2026-03-31'],
    ['2026/03/31', '2026-03-31'],
    ['2026-3-31', '2026-03-31'],
    ['31 March 2026', '2026-03-31'],
    ['1st Apr 2026', '2026-04-01'],
    ['31/02/2026', undefined],
    ['03/31/2026', undefined],
    ['2026-03-31', undefined],
    ['next Tuesday', undefined],
  ])('%s gives %s', (value, iso) => {
    expect(isoDateFor(value)).toBe(iso);
  });

  it('says what to write', () => {
    expect(notADate('31/03/2026')).toBe('"31/03/2026" is not a date written YYYY-MM-DD: write it 2026-03-31');
    expect(notADate('soon')).toBe('"soon" is not a date written YYYY-MM-DD: write it like 2026-03-31');
    expect(notADate('2026-02-30')).toBe('"2026-02-30" is not a real calendar day');
  });
});
