// js-yaml as bva bundles it (scripts/lean-js-yaml.mjs: its character loops replaced by regular
// expressions) must read every text exactly as js-yaml as published does: the same value, or the
// same error at the same place. Both are loaded from their text here, and given the repository's
// YAML files and texts made up of the characters the changed loops decide on.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { leanJsYaml } from '../../scripts/lean-js-yaml.mjs';
import { ROOT, tempDir } from '../helpers.js';

type Load = (text: string, options: object) => unknown;
let published: Load;
let lean: Load;

beforeAll(async () => {
  // Without its source map comment: the map is not copied beside it.
  const text = readFileSync(join(ROOT, 'node_modules', 'js-yaml', 'dist', 'js-yaml.mjs'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  const dir = tempDir({ 'published.mjs': text, 'lean.mjs': leanJsYaml(text) });
  published = ((await import(pathToFileURL(join(dir, 'published.mjs')).href)) as { load: Load }).load;
  lean = ((await import(pathToFileURL(join(dir, 'lean.mjs')).href)) as { load: Load }).load;
});

/** What a parser makes of a text with the options bva reads answers with: its value, or its error's message (which names the line and column). */
function outcome(load: Load, text: string, json: boolean): unknown {
  try {
    return { value: load(text, { json }) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function expectSame(text: string): void {
  for (const json of [false, true]) expect(outcome(lean, text, json), JSON.stringify(text)).toEqual(outcome(published, text, json));
}

/** Every YAML file in the repository's examples, catalogues and tests. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('js-yaml as bundled', () => {
  it('reads every YAML file in the repository as js-yaml does', () => {
    const files = ['examples', 'criteria', 'test'].flatMap((d) => yamlFiles(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) expectSame(readFileSync(file, 'utf8'));
  });

  it('reads these texts as js-yaml does', () => {
    for (const text of [
      'key: a plain value with spaces   \n',
      'key: value # a comment\nnext: 1\n',
      'key: value#not a comment\n',
      'url: http://example.org/a:b\n',
      'a: b: c\n',
      '- [a, b c , d:e, {f: g}]\n',
      '{a: [b, c]: d}\n',
      'text: first line\n  second line\n\n  third\nafter: x\n',
      'text: first\n---\nsecond: 2\n',
      'key:    \t  \n  value\n',
      '# only a comment',
      'key: value\r\nother: two words \r\n  folded\r\n',
      'list:\n  - one\n  -two\n  - three # note\n',
      '   leading: spaces\n',
      'key: tab\tinside\t\n',
      'a:\n    - x\n   - y\n',
    ]) expectSame(text);
  });

  it('reads made-up texts of those characters as js-yaml does', () => {
    const piece = fc.constantFrom('a', 'bc', ' ', '  ', '\t', ':', ': ', '#', ' #', '-', '- ', ',', '[', ']', '{', '}', '?', '\n', '\r\n', '\n  ', '\n    ', '---', "'", '"', '|', '>', 'x: ', '\n- ', 'é', '\u{1F600}');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        expectSame(pieces.join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a js-yaml whose code is not what the changes expect', () => {
    expect(() => leanJsYaml('export const load = () => 1;', 'other.mjs')).toThrow('other.mjs: no longer ends its input with NUL as the build expects: review scripts/lean-js-yaml.mjs');
  });
});
