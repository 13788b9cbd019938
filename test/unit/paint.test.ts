// Colour: bva decides when it is on (a terminal; never with NO_COLOR; always with FORCE_COLOR, as
// the convention has it), and chalk writes the codes, the basic sixteen colours every terminal has.
import { describe, expect, it } from 'vitest';
import { PLAIN, paintFor, wantsColour } from '../../src/render/paint.js';

describe('colour', () => {
  it.each([
    ['a terminal', { isTTY: true }, {}, true],
    ['a pipe', { isTTY: false }, {}, false],
    ['a terminal with NO_COLOR set, even empty', { isTTY: true }, { NO_COLOR: '' }, false],
    ['a pipe with FORCE_COLOR', { isTTY: false }, { FORCE_COLOR: '1' }, true],
    ['a terminal with FORCE_COLOR=0', { isTTY: true }, { FORCE_COLOR: '0' }, true],
    ['NO_COLOR over FORCE_COLOR', { isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['a dumb terminal', { isTTY: true }, { TERM: 'dumb' }, false],
  ])('%s: %s', (_, stream, env, on) => {
    expect(wantsColour(stream, env)).toBe(on);
  });

  it('paints with the basic colour codes, and not at all when off', () => {
    const paint = paintFor(true);
    expect([paint.red('e'), paint.amber('w'), paint.green('g'), paint.cyan('c'), paint.bold('b'), paint.dim('d')]).toEqual([
      '\x1b[31me\x1b[39m',
      '\x1b[33mw\x1b[39m',
      '\x1b[32mg\x1b[39m',
      '\x1b[36mc\x1b[39m',
      '\x1b[1mb\x1b[22m',
      '\x1b[2md\x1b[22m',
    ]);
    expect(paintFor(false)).toBe(PLAIN);
    expect(PLAIN.red('e')).toBe('e');
  });
});
