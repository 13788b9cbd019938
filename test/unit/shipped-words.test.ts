// No code names a word of the shipped catalogue: every word, label, heading and colour a person
// sees comes from the catalogue in use, so a council's own framework reads in its own words. The
// same check the project's pre-commit hook makes, on every file under src/ but the generated ones.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/model.js';
import { ROOT } from '../helpers.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path);
    return /\.(ts|json)$/.test(name) && !name.endsWith('.schema.json') ? [path] : [];
  });
}

const shipped = readdirSync(join(ROOT, 'criteria')).map((f) => jsYaml.load(readFileSync(join(ROOT, 'criteria', f), 'utf8'), { schema: jsYaml.CORE_SCHEMA }) as Catalogue);
const levels = shipped.flatMap((c) => Object.values(c.scales).flatMap((s) => s!.levels));
/** Words and labels, as a quoted string: 'not-in-place', "Embedded". */
const words = [...new Set(levels.flatMap((l) => [l.word, l.label]))];
/** Scale titles and the headings the first reports used: anywhere in a line. */
const phrases = [...new Set([...shipped.flatMap((c) => Object.values(c.scales).map((s) => s!.title)), 'Characteristics of a well-functioning authority', 'Indicators of potential failure'])];

describe('the source code', () => {
  const files = sources(join(ROOT, 'src'));

  it('is read: there are files to check', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.map((f) => [relative(ROOT, f)]))("%s names no word, label or title of the shipped catalogue's scales", (file) => {
    const found: string[] = [];
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, n) => {
        for (const w of words) if (new RegExp(`['"\`]${w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}['"\`]`).test(line)) found.push(`${n + 1}: '${w}'`);
        for (const p of phrases) if (line.toLowerCase().includes(p.toLowerCase())) found.push(`${n + 1}: ${p}`);
        // "(emerging or present)": shipped words joined in a sentence.
        const joined = new RegExp(`\\((${words.join('|')}) or (${words.join('|')})\\)`, 'i');
        if (joined.test(line)) found.push(`${n + 1}: ${joined.exec(line)![0]}`);
      });
    expect(found).toEqual([]);
  });
});
