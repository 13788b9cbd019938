// The format-version policy (src/source/format.ts): a file that uses nothing new carries no
// `format:` and stays readable by bva 0.1; bva's writer adds `format: 2` when a save makes the file
// need it; a file from a newer bva is refused in one line, by every command, and left untouched.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { saveChanges } from '../../src/answers/save.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { CURRENT_FORMAT, formatNeeded } from '../../src/source/format.js';
import { ROOT, bvaBinary, bvaInProcess, hasStackTrace, leadershipAnswers, read, tempDir } from '../helpers.js';

const load = (path: string): unknown => jsYaml.load(read(path), { schema: jsYaml.CORE_SCHEMA });
const EXAMPLE = load(join(ROOT, 'examples', '2025-26.yaml')) as Record<string, unknown>;
const SHIPPED = load(join(ROOT, 'criteria', 'best-value-2024-1.0.0.yaml'));

describe('formatNeeded', () => {
  it('is 1 for what bva 0.1 wrote: the worked examples and the shipped catalogue', () => {
    expect(formatNeeded('answers', EXAMPLE)).toBe(1);
    expect(formatNeeded('answers', load(join(ROOT, 'examples', '2024-25.yaml')))).toBe(1);
    expect(formatNeeded('catalogue', SHIPPED)).toBe(1);
  });

  it('is 2 for the shipped catalogue 1.1.0, which marks draft items and gives its levels a status and colour', () => {
    expect(formatNeeded('catalogue', load(join(ROOT, 'criteria', 'best-value-2024.yaml')))).toBe(2);
  });

  it('is 1 when the only new thing is the format key itself', () => {
    expect(formatNeeded('answers', { ...EXAMPLE, format: 2 })).toBe(1);
  });

  it('is 2 for each field this format adds: committee-paper facts, a done-on date, progress notes', () => {
    expect(CURRENT_FORMAT).toBe(2);
    expect(formatNeeded('answers', { ...EXAMPLE, paper: { meeting: 'Audit and Governance Committee' } })).toBe(2);
    const withAction = (action: Record<string, unknown>): unknown => ({
      ...EXAMPLE,
      themes: { leadership: { indicators: { 'lead.c1': { rating: 'developing', actions: [{ action: 'Do it', ...action }] } } } },
    });
    expect(formatNeeded('answers', withAction({ status: 'open' }))).toBe(1);
    expect(formatNeeded('answers', withAction({ status: 'done', 'done-on': '2026-01-05' }))).toBe(2);
    expect(formatNeeded('answers', withAction({ progress: [{ on: '2026-01-05', note: 'Drafted' }] }))).toBe(2);
  });

  it('keeps the frozen format-1 schemas exactly as bva 0.1 had them', () => {
    // These files define what "format 1" means for every file ever written: never edit them. The
    // digests are of bva 0.1's own schemas (git show 91aa11e:src/answers/answers.schema.json).
    const digest = (path: string): string => {
      const schema = JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
      delete schema['$comment'];
      delete schema['title'];
      return createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16);
    };
    expect(digest('src/answers/answers.format-1.schema.json')).toBe('74653a4081f3477b');
    expect(digest('src/catalogue/catalogue.format-1.schema.json')).toBe('443983d116a07a36');
  });
});

describe('a file written by a newer bva', () => {
  // Format 3 with a field this bva has never heard of, and a rating it would otherwise check.
  const newer = ['format: 3', ...leadershipAnswers('      lead.c1:', '        rating: established', '        sealed-by: { by: A, digest: abc }').split('\n')].join('\n');
  const message = 'f.yaml:1:9: written by a newer bva: this answers file is format 3, and this bva reads formats 1 to 2; upgrade bva to read or change it\n';

  it.each([
    ['validate', ['validate', 'f.yaml']],
    ['report', ['report', 'f.yaml']],
    ['check', ['check', 'f.yaml']],
    ['answer', ['answer', 'f.yaml', 'lead.c2', '--rating', 'developing']],
    ['diff', ['diff', 'f.yaml', 'f.yaml']],
    ['init --from', ['init', 'new.yaml', '--from', 'f.yaml']],
  ])('is refused in one line by %s, exit 2, and left untouched', async (_, args) => {
    const dir = tempDir({ 'f.yaml': newer });
    const r = await bvaInProcess(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`bva: ${message}`);
    expect(read(join(dir, 'f.yaml'))).toBe(newer);
  });

  it('is refused the same way by the built binary, with no stack trace', () => {
    const dir = tempDir({ 'f.yaml': newer });
    const r = bvaBinary(['validate', 'f.yaml'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `bva: ${message}` });
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('is read as usual when it says format 2, the format this bva writes', async () => {
    const dir = tempDir({ 'f.yaml': ['format: 2', leadershipAnswers('      lead.c1:', '        rating: established')].join('\n') });
    const r = await bvaInProcess(['validate', 'f.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('format');
  });

  it('is refused the same way when it is a catalogue', async () => {
    const catalogue = `format: 7\n${read(join(ROOT, 'criteria', 'best-value-2024-1.0.0.yaml'))}`;
    const dir = tempDir({ 'c.yaml': catalogue });
    const r = await bvaInProcess(['catalogue', 'validate', 'c.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bva: c.yaml:1:9: written by a newer bva: this catalogue is format 7, and this bva reads formats 1 to 2; upgrade bva to read or change it\n');
  });
});

describe('writing', () => {
  const store = new CatalogueStore(ROOT);

  it('leaves a file that needs nothing new without a format key: only the answer changes', async () => {
    const before = leadershipAnswers('      lead.c1:', '        rating: established');
    const dir = tempDir({ 'f.yaml': before });
    const r = await bvaInProcess(['answer', 'f.yaml', 'lead.c1', '--rating', 'embedded'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(join(dir, 'f.yaml'))).toBe(before.replace('rating: established', 'rating: embedded'));
  });

  it('adds "format: 2" as the first key when a save makes the file need it, and keeps the header comment above it', async () => {
    const before = `# Our file\n${leadershipAnswers('      lead.c1:', '        rating: established')}`;
    const dir = tempDir({ 'f.yaml': before });
    const loaded = await loadAnswersFile(join(dir, 'f.yaml'), 'f.yaml', { store });
    if (!loaded.ok) throw new Error('fixture invalid');
    const saved = await saveChanges(
      loaded.value,
      [{ op: 'append', path: ['themes', 'leadership', 'indicators', 'lead.c1', 'actions'], value: { action: 'Publish it', status: 'done', 'done-on': '2026-01-05' } }],
      { store },
    );
    expect(saved.ok).toBe(true);
    const after = read(join(dir, 'f.yaml'));
    expect(after.split('\n').slice(0, 3)).toEqual(['# Our file', 'format: 2', 'catalogue:']);
    expect(after).toContain('          done-on: 2026-01-05\n');
    // Once raised, the format stays: a later save that needs nothing new does not lower it.
    const again = await loadAnswersFile(join(dir, 'f.yaml'), 'f.yaml', { store });
    if (!again.ok) throw new Error('saved file invalid');
    await saveChanges(again.value, [{ op: 'delete', path: ['themes', 'leadership', 'indicators', 'lead.c1', 'actions'] }], { store });
    expect(read(join(dir, 'f.yaml')).split('\n')[1]).toBe('format: 2');
  });

  it('warns about a hand-written file that uses format-2 fields without saying so, and still reads it', async () => {
    const text = leadershipAnswers('      lead.c1:', '        rating: established').replace('themes:', 'paper:\n  meeting: Audit and Governance Committee\nthemes:');
    const dir = tempDir({ 'f.yaml': text });
    const r = await bvaInProcess(['validate', 'f.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'f.yaml:1:1 warning: this answers file uses fields that bva before 0.2 does not know: add "format: 2" as its first key, so an older bva says it needs upgrading instead of listing errors (format-undeclared)',
    );
  });
});
