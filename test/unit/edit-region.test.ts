// The writer's block path: an edit inside one existing theme parses and reads back that theme's
// block alone (what keeps an edit quick on a file of 10,000 indicators). Checked against the whole-document truth: the result reads as
// the intended data, and every byte outside the theme is unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyToData, assertThemeEdit, editTextUnread, themeRegion, type Change } from '../../src/answers/edit.js';
import { loadAnswersFile } from '../../src/answers/load.js';
import { saveChanges } from '../../src/answers/save.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { InternalError } from '../../src/errors.js';
import { parsePositional } from '../../src/source/yaml.js';
import { ROOT, tempCopy } from '../helpers.js';

const store = new CatalogueStore(ROOT);
const src = { store };

async function example() {
  const dir = tempCopy({ 'a.yaml': 'examples/2025-26.yaml' });
  const path = join(dir, 'a.yaml');
  const r = await loadAnswersFile(path, 'a.yaml', src);
  if (!r.ok) throw new Error('example invalid');
  return { path, loaded: r.value };
}

const base = (theme: string, id: string) => ['themes', theme, 'indicators', id];

describe('themeRegion', () => {
  const text = [
    'authority: A',
    'themes:',
    '',
    '  # first',
    '  leadership:',
    '    summary: x',
    '    indicators:',
    '      lead.c1:',
    '        commentary: |-',
    '          one',
    '',
    '          two',
    '  # about governance',
    '  governance:',
    '    indicators: {}',
    'period: 2025-26',
    '',
  ].join('\n');

  it('spans a theme from its key to the next line indented no deeper, comments included', () => {
    const r = themeRegion(text, 'leadership')!;
    expect(text.slice(r.start, r.end)).toBe(
      ['  leadership:', '    summary: x', '    indicators:', '      lead.c1:', '        commentary: |-', '          one', '', '          two', '  # about governance', ''].join('\n'),
    );
    const g = themeRegion(text, 'governance')!;
    expect(text.slice(g.start, g.end)).toBe('  governance:\n    indicators: {}\n');
  });

  it('gives up where indentation cannot tell: no such theme, a flow-style theme, tabs, several documents', () => {
    expect(themeRegion(text, 'culture')).toBeUndefined();
    expect(themeRegion('themes:\n  leadership: {indicators: {}}\n', 'leadership')).toBeUndefined();
    expect(themeRegion('themes:\n\tleadership:\n\t\tsummary: x\n', 'leadership')).toBeUndefined();
    expect(themeRegion('themes:\n  leadership:\n    summary: x\n---\nthemes: {}\n', 'leadership')).toBeUndefined();
    expect(themeRegion('themes: {}\n', 'leadership')).toBeUndefined();
  });
});

describe('editing one theme of a large file', () => {
  const changes: Change[] = [
    { op: 'set', path: [...base('leadership', 'lead.c3'), 'rating'], value: 'embedded' },
    { op: 'set', path: [...base('leadership', 'lead.c3'), 'commentary'], value: 'Two lines\nof commentary.' },
    { op: 'append', path: [...base('leadership', 'lead.c3'), 'evidence'], value: 'A new document' },
    { op: 'append', path: [...base('leadership', 'lead.c3'), 'actions'], value: { action: 'Do it', owner: 'Me', due: '2026-12-31', status: 'open' } },
    { op: 'delete', path: [...base('leadership', 'lead.c3'), 'target'] },
  ];

  it('is confined to the theme, reads back as intended, and keeps every byte outside it', async () => {
    const { loaded } = await example();
    const before = loaded.file.text;
    const edited = await editTextUnread(before, loaded.answers, changes, { catalogue: loaded.catalogue });
    expect(edited.inTheme).toBe('leadership');
    // The whole-document truth, by the careful parser.
    expect((await parsePositional(edited.text)).data).toEqual(applyToData(loaded.answers, changes));
    const was = themeRegion(before, 'leadership')!;
    const now = themeRegion(edited.text, 'leadership')!;
    expect(edited.text.slice(0, now.start)).toBe(before.slice(0, was.start));
    expect(edited.text.slice(now.end)).toBe(before.slice(was.end));
  });

  it('saves through the block path, and the file on disk validates as the intended data', async () => {
    const { path, loaded } = await example();
    const saved = await saveChanges(loaded, changes, src);
    expect(saved.ok).toBe(true);
    const again = await loadAnswersFile(path, 'a.yaml', src);
    expect(again.ok && again.value.answers).toEqual(applyToData(loaded.answers, changes));
  });

  it('places problems in the new text when the intended data is invalid, and writes nothing', async () => {
    const { path, loaded } = await example();
    const bytes = readFileSync(path);
    const saved = await saveChanges(loaded, [{ op: 'set', path: [...base('leadership', 'lead.c3'), 'rating'], value: 'superb' }], src);
    expect(saved.ok).toBe(false);
    if (!saved.ok) {
      expect(saved.problems.filter((p) => p.severity === 'error')).toMatchObject([{ code: 'rating-not-in-scale', file: 'a.yaml' }]);
      const line = saved.problems.find((p) => p.severity === 'error')!.line;
      expect(loaded.file.text.split('\n')[line - 1]).toMatch(/^\s+rating: /);
    }
    expect(readFileSync(path)).toEqual(bytes);
  });

  it('refuses a block edit that does not read back as intended', async () => {
    const { loaded } = await example();
    const before = loaded.file.text;
    const edited = await editTextUnread(before, loaded.answers, changes.slice(0, 1), { catalogue: loaded.catalogue });
    // Tamper with the text outside the theme: the read-back must notice.
    const tampered = edited.text.replace('authority: Marlbridge Borough Council', 'authority: Another Council');
    await expect(assertThemeEdit(before, tampered, 'leadership', loaded.answers, edited.expected)).rejects.toThrow(InternalError);
    // And with the theme's data itself.
    await expect(assertThemeEdit(before, edited.text, 'leadership', loaded.answers, loaded.answers)).rejects.toThrow(InternalError);
  });
});
