// What bva lets reach a terminal or a GitHub annotation: one function decides (terminalSafe), and
// every message a command writes is made with say``, which applies it to every value put in.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubData, jsonText, say, terminalLine, terminalSafe } from '../../src/render/escape.js';
import { ROOT } from '../helpers.js';

describe('terminalSafe', () => {
  it.each([
    ['ESC, and so an ANSI sequence', '\x1b[2J', '\\u001b[2J'],
    ['a bell and a carriage return', 'a\x07\rb', 'a\\u0007\\u000db'],
    ['DEL and a C1 control (a one-character CSI)', '\x7f\u009b31m', '\\u007f\\u009b31m'],
    ['a right-to-left override and its pop', 'txt\u202eexe.pdf\u202c', 'txt\\u202eexe.pdf\\u202c'],
    ['bidirectional isolates', '\u2066a\u2067b\u2068c\u2069', '\\u2066a\\u2067b\\u2068c\\u2069'],
    ['bidirectional marks', '\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    ['embeddings', '\u202a\u202b\u202d', '\\u202a\\u202b\\u202d'],
    ['the Unicode line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
  ])('shows %s as visible \\uXXXX', (_, text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
    expect(githubData(text)).toBe(shown.replace('\\u000d', '%0D'));
  });

  it('leaves letters of every script, tabs, line feeds and emoji as they are', () => {
    const text = 'Café £2.4m — مجلس 議会 Ζ\tline\n👩‍💼';
    expect(terminalSafe(text)).toBe(text);
  });

  it('jsonText escapes the same characters, and reads back as the same text', () => {
    const value = { name: 'a\u202eb\u2028c\u009b\x1b' };
    const text = jsonText(value);
    expect(text).not.toMatch(/[\u202e\u2028\u009b\x1b]/); // eslint-disable-line no-control-regex
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('say', () => {
  it('keeps its own words and makes every value safe for one line', () => {
    const file = 'a\x1b[2J\n\u202e.yaml';
    expect(say`Wrote ${file} (${3} KB)\n`).toBe(`Wrote ${terminalLine(file)} (3 KB)\n`);
    expect(say`Wrote ${file}\n`).toBe('Wrote a\\u001b[2J \\u202e.yaml\n');
  });
});

describe('the lines bva writes', () => {
  // A tripwire for the one rule: a template written to a stream is say``, or puts in only what a
  // renderer (src/render/) made, which escapes what it shows.
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'generated' ? [] : files(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const renderers = new Set(files(join(ROOT, 'src', 'render')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^export function (\w+)/gm)].map((m) => m[1]!)));
  // (shellArg, in src/words.ts, is no renderer: quoting for a shell keeps control characters.)

  it('are made with say``, or from what a renderer made', () => {
    const offences: string[] = [];
    for (const file of files(join(ROOT, 'src')).filter((f) => !f.includes(`${join('src', 'render')}`))) {
      const text = readFileSync(file, 'utf8');
      // (Not readline's rl.write, which types into the line being edited.)
      for (const m of text.matchAll(/(?<!\brl)\.write\(\s*`((?:[^`\\]|\\.)*)`/g)) {
        const values = [...m[1]!.matchAll(/\$\{([^}]*)\}/g)].map((v) => v[1]!.trim());
        const unsafe = values.filter((v) => !renderers.has(/^(\w+)\(/.exec(v)?.[1] ?? ''));
        if (unsafe.length > 0) offences.push(`${relative(ROOT, file)}: ${m[0].slice(0, 80)}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
