// The writer: each change becomes a small text edit in place, so comments, blank lines, quotes and
// the order a person chose survive byte for byte; new entries go in catalogue and schema order, in
// house style; line endings, BOM and a missing final newline are kept; a file bva wrote, rewritten
// unchanged, gives the same bytes; an edit that would not read back as intended is refused.
import { readFileSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyToData, assertReadsAs, editByIndentation, editTextUnread, type Change } from '../../src/answers/edit.js';
import { loadAnswersFile } from '../../src/answers/load.js';
import type { LoadedAnswers } from '../../src/answers/model.js';
import { saveChanges } from '../../src/answers/save.js';
import { renderDocument } from '../../src/answers/yaml-style.js';
import type { CatalogueModel } from '../../src/catalogue/model.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { InternalError } from '../../src/errors.js';
import { parsePositional } from '../../src/source/yaml.js';
import { ROOT, read, tempDir } from '../helpers.js';

let catalogue: CatalogueModel;
beforeAll(async () => {
  catalogue = (await new CatalogueStore(ROOT).find('best-value-2024', '1.0.0'))!;
});

/** The text after the changes, read back and refused unless it reads as intended (as saving does). */
async function edit(text: string, ...changes: Change[]): Promise<string> {
  const { data, problems } = await parsePositional(text);
  expect(problems).toEqual([]);
  const edited = await editTextUnread(text, data, changes, { catalogue });
  assertReadsAs((await parsePositional(edited.text)).data, edited.expected);
  return edited.text;
}

const L = ['themes', 'leadership', 'indicators'] as const;
const set = (path: readonly (string | number)[], value: unknown): Change => ({ op: 'set', path, value });
const del = (path: readonly (string | number)[]): Change => ({ op: 'delete', path });
const append = (path: readonly (string | number)[], value: unknown): Change => ({ op: 'append', path, value });

const HEAD = ['catalogue:', '  id: best-value-2024', '  version: 1.0.0', 'authority: Test Council', 'period: 2025-26'];
const doc = (...lines: string[]): string => `${[...HEAD, ...lines].join('\n')}\n`;

/** True when every line of `before` appears in `after`, in the same order. */
function keepsEveryLine(before: string, after: string): boolean {
  const want = before.split('\n');
  let i = 0;
  for (const line of after.split('\n')) if (i < want.length && line === want[i]) i++;
  return i === want.length;
}

describe('set', () => {
  it('replaces a value in place, keeping the comment after it', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing   # was not-in-place', '        commentary: Fine.');
    expect(await edit(text, set([...L, 'lead.c1', 'rating'], 'established'))).toBe(text.replace('rating: developing', 'rating: established'));
  });

  it('adds a key in the schema order, above the comments that describe the next key', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        # why we think so', '        commentary: Fine.');
    expect(await edit(text, set([...L, 'lead.c1', 'rating'], 'embedded'))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: embedded', '        # why we think so', '        commentary: Fine.'),
    );
  });

  it('adds an indicator in catalogue order, following the blank lines the file uses', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '', '      # third', '      lead.c3:', '        rating: embedded');
    expect(await edit(text, set([...L, 'lead.c2', 'rating'], 'established'))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '', '      lead.c2:', '        rating: established', '', '      # third', '      lead.c3:', '        rating: embedded'),
    );
    const tight = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '      lead.c3:', '        rating: embedded');
    expect(await edit(tight, set([...L, 'lead.c2', 'rating'], 'established'))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '      lead.c2:', '        rating: established', '      lead.c3:', '        rating: embedded'),
    );
  });

  it('adds a theme in catalogue order, after a blank line', async () => {
    const text = doc('themes:', '  # leadership first', '  leadership:', '    summary: L.', '  # culture next', '  culture:', '    summary: C.');
    expect(await edit(text, set(['themes', 'governance', 'indicators', 'gov.c1', 'rating'], 'embedded'))).toBe(
      doc('themes:', '  # leadership first', '  leadership:', '    summary: L.', '', '  governance:', '    indicators:', '      gov.c1:', '        rating: embedded', '  # culture next', '  culture:', '    summary: C.'),
    );
    expect(await edit(text, set(['themes', 'continuous-improvement', 'summary'], 'First.'))).toBe(
      doc('themes:', '  continuous-improvement:', '    summary: First.', '', '  # leadership first', '  leadership:', '    summary: L.', '  # culture next', '  culture:', '    summary: C.'),
    );
    expect(await edit(text, set(['themes', 'partnerships', 'summary'], 'Last.'))).toBe(
      doc('themes:', '  # leadership first', '  leadership:', '    summary: L.', '  # culture next', '  culture:', '    summary: C.', '', '  partnerships:', '    summary: Last.'),
    );
  });

  it('adds themes to a file that has none', async () => {
    expect(await edit(doc(), set(['themes', 'governance', 'indicators', 'gov.c1', 'rating'], 'embedded'))).toBe(
      doc('themes:', '', '  governance:', '    indicators:', '      gov.c1:', '        rating: embedded'),
    );
    expect(await edit(doc('themes:'), set([...L, 'lead.c1', 'rating'], 'embedded'))).toBe(doc('themes:', '', '  leadership:', '    indicators:', '      lead.c1:', '        rating: embedded'));
    expect(await edit(doc('themes: {}'), set([...L, 'lead.c1', 'rating'], 'embedded'))).toBe(doc('themes:', '', '  leadership:', '    indicators:', '      lead.c1:', '        rating: embedded'));
  });

  it('fills an empty indicator', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '      lead.c3:', '        rating: embedded');
    expect(await edit(text, set([...L, 'lead.c1', 'rating'], 'developing'))).toBe(text.replace('lead.c1:\n', 'lead.c1:\n        rating: developing\n'));
  });

  it('rewrites a flow map it changes as a block, and leaves other flow maps alone', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1: {rating: developing, commentary: "Fine."}   # flow', '      lead.c3: {rating: embedded}');
    expect(await edit(text, set([...L, 'lead.c1', 'rating'], 'established'))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: established', '        commentary: Fine.   # flow', '      lead.c3: {rating: embedded}'),
    );
  });

  it('writes text with line breaks as a literal block, and long text as a folded block', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing');
    expect(await edit(text, set([...L, 'lead.c1', 'commentary'], 'First line.\nSecond line.'))).toBe(`${text}        commentary: |-\n          First line.\n          Second line.\n`);
    const long = 'The corporate plan sets out a clear vision, agreed by Cabinet and by the leadership team, and every service plan now follows it.';
    expect(await edit(text, set([...L, 'lead.c1', 'commentary'], long))).toBe(
      `${text}        commentary: >-\n          The corporate plan sets out a clear vision, agreed by Cabinet and by the leadership team,\n          and every service plan now follows it.\n`,
    );
  });

  it('keeps a long link on one line: a link has nowhere to fold', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing');
    const link = `https://www.example.gov.uk/council/democracy/cabinet/2025/${'minutes-of-the-meeting-'.repeat(4)}final.pdf`;
    expect(await edit(text, append([...L, 'lead.c1', 'evidence'], link))).toBe(`${text}        evidence:\n          - ${link}\n`);
    expect(await edit(text, append([...L, 'lead.c1', 'evidence'], { title: 'Minutes', link }))).toBe(`${text}        evidence:\n          - title: Minutes\n            link: ${link}\n`);
  });

  it('quotes text that YAML would read as something else', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing');
    expect(await edit(text, set([...L, 'lead.c1', 'commentary'], '# not a comment: yes'))).toBe(`${text}        commentary: "# not a comment: yes"\n`);
    expect(await edit(text, set([...L, 'lead.c1', 'commentary'], 'true'))).toBe(`${text}        commentary: "true"\n`);
    expect(await edit(text, set([...L, 'lead.c1', 'commentary'], '2025'))).toBe(`${text}        commentary: "2025"\n`);
  });
});

describe('delete', () => {
  it('removes the key and its value, and nothing else', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        reason: |', '          Two', '          lines', '        # about the commentary', '        commentary: Fine.');
    expect(await edit(text, del([...L, 'lead.c1', 'reason']))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        # about the commentary', '        commentary: Fine.'),
    );
  });

  it('does nothing when the key is absent', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing');
    expect(await edit(text, del([...L, 'lead.c1', 'reason']))).toBe(text);
    expect(await edit(text, del(['themes', 'governance', 'indicators', 'gov.c1', 'rating']))).toBe(text);
  });

  // `bva answer FILE lead.c1 --commentary ""` where the commentary was all there was: the
  // indicator became empty (null), did not read back as {}, and bva reported an internal error.
  it("removes a map's only key, leaving the map empty", async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        commentary: Draft.', '      lead.c3:', '        rating: embedded');
    expect(await edit(text, del([...L, 'lead.c1', 'commentary']))).toBe(doc('themes:', '  leadership:', '    indicators:', '      lead.c1: {}', '      lead.c3:', '        rating: embedded'));
  });

  it('removes a key from a flow map', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1: {rating: developing, reason: x}');
    expect(await edit(text, del([...L, 'lead.c1', 'reason']))).toBe(doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing'));
  });
});

describe('append', () => {
  it('adds after the last item of a block list, before a comment that follows it', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        evidence:', '          - Corporate plan   # adopted', '          # - Draft plan', '        rating: developing');
    expect(await edit(text, append([...L, 'lead.c1', 'evidence'], 'Budget 2025-26'))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        evidence:', '          - Corporate plan   # adopted', '          - Budget 2025-26', '          # - Draft plan', '        rating: developing'),
    );
  });

  it('follows a list written without indentation', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        evidence:', '        - Corporate plan', '        rating: developing');
    expect(await edit(text, append([...L, 'lead.c1', 'evidence'], 'Budget'))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        evidence:', '        - Corporate plan', '        - Budget', '        rating: developing'),
    );
  });

  it('adds an action as a record in schema order', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        actions:', '          - action: First', '            status: done');
    expect(await edit(text, append([...L, 'lead.c1', 'actions'], { status: 'open', due: '2026-03-31', owner: 'Chief Executive', action: 'Second' }))).toBe(
      `${text}          - action: Second\n            owner: Chief Executive\n            due: 2026-03-31\n            status: open\n`,
    );
  });

  it('creates the list where there is none, in schema order', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        actions:', '          - action: First');
    expect(await edit(text, append([...L, 'lead.c1', 'evidence'], 'Plan'))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        evidence:', '          - Plan', '        actions:', '          - action: First'),
    );
  });

  it('rewrites a flow list it adds to as a block list', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        evidence: [Plan, Budget]', '        rating: developing');
    expect(await edit(text, append([...L, 'lead.c1', 'evidence'], 'Minutes'))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        evidence:', '          - Plan', '          - Budget', '          - Minutes', '        rating: developing'),
    );
  });
});

describe('bytes a person chose', () => {
  const COMMENTED = read(join(ROOT, 'test', 'fixtures', 'answers', 'commented.yaml'));

  it('keeps every comment and untouched line of a file full of comments', async () => {
    const after = await edit(
      COMMENTED,
      set([...L, 'lead.c2', 'rating'], 'established'),
      append([...L, 'lead.c1', 'evidence'], 'Service plans 2025-26'),
      set([...L, 'lead.c1', 'rating'], 'established'),
      set(['themes', 'culture', 'indicators', 'cult.c1', 'rating'], 'developing'),
      set(['themes', 'governance', 'indicators', 'gov.c2', 'commentary'], 'Two\nlines.'),
    );
    expect(after).toBe(
      COMMENTED.replace('rating: developing    # was not-in-place', 'rating: established    # was not-in-place')
        .replace('   # the adopted version\n', '   # the adopted version\n          - Service plans 2025-26\n')
        .replace("      lead.c3:\n", "      lead.c2:\n        rating: established\n      lead.c3:\n")
        .replace(
          '        rating: embedded\n# End',
          '        rating: embedded\n      gov.c2:\n        commentary: |-\n          Two\n          lines.\n\n  culture:\n    indicators:\n      cult.c1:\n        rating: developing\n# End',
        ),
    );
    expect(keepsEveryLine(COMMENTED.replace('rating: developing    # was', 'rating: established    # was'), after)).toBe(true);
  });

  it('keeps Windows line endings, in the lines it adds too', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing   # note').replace(/\n/g, '\r\n');
    const after = await edit(text, set([...L, 'lead.c1', 'commentary'], 'One\nTwo'), set(['themes', 'governance', 'summary'], 'G.'));
    expect(after).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing   # note', '        commentary: |-', '          One', '          Two', '', '  governance:', '    summary: G.').replace(/\n/g, '\r\n'),
    );
  });

  it('adds to a file without a final newline, and leaves it without one where it did not touch the end', async () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing').slice(0, -1);
    expect(await edit(text, set(['themes', 'governance', 'summary'], 'G.'))).toBe(
      doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '', '  governance:', '    summary: G.'),
    );
    expect(await edit(text, set([...L, 'lead.c1', 'rating'], 'embedded'))).toBe(text.replace('developing', 'embedded'));
  });

  it('keeps a BOM, the line endings and the file mode when saving', async () => {
    const body = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing').replace(/\n/g, '\r\n');
    const dir = tempDir({ 'a.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]) });
    const path = join(dir, 'a.yaml');
    chmodSync(path, 0o600);
    const loaded = await load(path);
    const saved = await saveChanges(loaded, [set([...L, 'lead.c1', 'rating'], 'embedded')], { store: new CatalogueStore(ROOT) });
    expect(saved.ok).toBe(true);
    expect(readFileSync(path)).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body.replace('developing', 'embedded'))]));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

async function load(path: string): Promise<LoadedAnswers> {
  const r = await loadAnswersFile(path, 'a.yaml', { store: new CatalogueStore(ROOT) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.value;
}

describe('a file bva wrote', () => {
  /** What `bva init --from examples/2024-25.yaml` writes: the carried-forward data in house style. */
  async function written(): Promise<{ text: string; data: Record<string, unknown>; header: string[] }> {
    const { carryForward } = await import('../../src/answers/carry.js');
    const previous = (await parsePositional(read(join(ROOT, 'examples', '2024-25.yaml')))).data as Parameters<typeof carryForward>[0];
    const data = { catalogue: previous.catalogue, authority: previous.authority, period: '2025-26', themes: carryForward(previous, catalogue).themes };
    const header = ['# yaml-language-server: $schema=../src/answers/answers.schema.json', '# A test file.'];
    return { text: renderDocument(data, header, { catalogue }), data, header };
  }

  it('renders the same bytes from its own data', async () => {
    const { text, header } = await written();
    const again = (await parsePositional(text)).data as Record<string, unknown>;
    expect(renderDocument(again, header, { catalogue })).toBe(text);
  });

  it('gives the same bytes when every value is set to itself', async () => {
    const { text, data } = await written();
    const changes: Change[] = [];
    for (const [themeId, theme] of Object.entries(data['themes'] as Record<string, { summary?: string; indicators?: Record<string, Record<string, unknown>> }>)) {
      if (theme.summary !== undefined) changes.push(set(['themes', themeId, 'summary'], theme.summary));
      for (const [id, answer] of Object.entries(theme.indicators ?? {})) {
        for (const [key, value] of Object.entries(answer)) changes.push(set(['themes', themeId, 'indicators', id, key], value));
      }
    }
    expect(changes.length).toBeGreaterThan(250);
    expect(await edit(text, ...changes)).toBe(text);
  });
});

describe('the read-back check', () => {
  it('refuses a change whose value would not read back (a Date is not YAML text)', async () => {
    const text = doc();
    await expect(edit(text, set(['assessment-date'], new Date('2025-06-01T00:00:00Z')))).rejects.toThrow(
      new InternalError('the edit did not read back as intended, so the file was left unchanged'),
    );
  });

  it('refuses an insertion the writer cannot place, and the file on disk is untouched', async () => {
    // A key that sorts before every key of a map inside a list has no line of its own to go on.
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        evidence:', '          - link: https://example.org/plan.pdf', '            owner: Me');
    await expect(edit(text, set([...L, 'lead.c1', 'evidence', 0, 'title'], 'Plan'))).rejects.toThrow(InternalError);
    const dir = tempDir({ 'a.yaml': doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing') });
    const loaded = await load(join(dir, 'a.yaml'));
    const before = readFileSync(join(dir, 'a.yaml'));
    await expect(saveChanges(loaded, [set(['assessment-date'], new Date())], { store: new CatalogueStore(ROOT) })).rejects.toThrow(InternalError);
    expect(readFileSync(join(dir, 'a.yaml'))).toEqual(before);
  });
});

describe('applyToData', () => {
  it('creates maps on the way down, appends to new lists, and ignores deletes of what is absent', () => {
    const data = { a: { b: 1 } };
    expect(applyToData(data, [set(['x', 'y'], 2), append(['a', 'list'], 'one'), append(['a', 'list'], 'two'), del(['nope', 'z']), del(['a', 'b'])])).toEqual({
      a: { list: ['one', 'two'] },
      x: { y: 2 },
    });
    expect(data).toEqual({ a: { b: 1 } });
  });
});

describe('adding by indentation, as a very large file is edited', () => {
  // Files over a megabyte have keys and items added by indentation, without parsing (the parse of a
  // theme of several megabytes costs seconds): every such edit must give the bytes the parsing path
  // gives. Checked here on the worked examples and the commented fixture, where both paths run.
  const files = ['examples/2025-26.yaml', 'examples/2024-25.yaml', 'test/fixtures/answers/commented.yaml'];
  const changes = (data: { themes?: Record<string, { indicators?: Record<string, { actions?: unknown[]; evidence?: unknown[] }> }> }): Change[] => {
    const out: Change[] = [];
    for (const [theme, t] of Object.entries(data.themes ?? {})) {
      for (const [id, a] of Object.entries(t.indicators ?? {})) {
        const at = ['themes', theme, 'indicators', id];
        if (Array.isArray(a.actions) && a.actions.length > 0) out.push(append([...at, 'actions'], { action: 'Report progress to Cabinet', owner: 'Head of Policy', due: '2026-09-30', status: 'open' }));
        if (Array.isArray(a.evidence) && a.evidence.length > 0) out.push(append([...at, 'evidence'], 'Minutes of the meeting, 2026'));
        out.push(set([...at, 'target'], 'embedded'));
      }
      for (const id of catalogue.themeById.get(theme)?.indicators.map((i) => i.id) ?? []) {
        if (t.indicators?.[id] === undefined) out.push(set(['themes', theme, 'indicators', id, 'rating'], 'developing'));
      }
    }
    for (const theme of catalogue.themes.map((t) => t.id)) if (data.themes?.[theme] === undefined) out.push(set(['themes', theme, 'summary'], 'Not yet assessed.'));
    return out;
  };

  it.each(files)('%s: the same bytes as the parsing path, for every key and item it adds', async (file) => {
    const text = read(join(ROOT, file));
    const { data } = await parsePositional(text);
    let compared = 0;
    for (const change of changes(data as Parameters<typeof changes>[0])) {
      const fast = editByIndentation(text, change, { catalogue }, '\n');
      if (fast === undefined) continue;
      expect(fast, JSON.stringify(change)).toBe((await editTextUnread(text, data, [change], { catalogue })).text);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it.each([
    ['a comment indented under the item before', ['        evidence:', '          - Plan', '          # - Draft (superseded)']],
    ['a blank line, then a comment indented under it', ['        evidence:', '          - Plan', '', '            # note']],
    ['a comment at the indicators\' own indentation', ['        rating: developing', '      # The next one was moderated.']],
    ['a block scalar', ['        commentary: |', '          Two', '          lines.', '']],
  ])('places a new indicator after %s as the parsing path does', async (_, lines) => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', ...lines, '      lead.c3:', '        rating: embedded');
    const { data } = await parsePositional(text);
    const change = set([...L, 'lead.c2', 'rating'], 'developing');
    expect(editByIndentation(text, change, { catalogue }, '\n')).toBe((await editTextUnread(text, data, [change], { catalogue })).text);
  });

  it('leaves to the parser what it cannot place: a replacement, a removal, flow style, aliases', () => {
    const text = doc('themes:', '  leadership:', '    indicators:', '      lead.c1:', '        rating: developing', '        evidence: [Plan]');
    expect(editByIndentation(text, set([...L, 'lead.c1', 'rating'], 'embedded'), { catalogue }, '\n')).toBeUndefined();
    expect(editByIndentation(text, del([...L, 'lead.c1', 'rating']), { catalogue }, '\n')).toBeUndefined();
    expect(editByIndentation(text, append([...L, 'lead.c1', 'evidence'], 'Budget'), { catalogue }, '\n')).toBeUndefined();
    expect(editByIndentation(`${text}x: &a 1\ny: *a\n`, set([...L, 'lead.c2', 'rating'], 'embedded'), { catalogue }, '\n')).toBeUndefined();
    expect(editByIndentation(text, set([...L, 'lead.c2', 'rating'], 'embedded'), { catalogue }, '\n')).toBe(`${text}      lead.c2:\n        rating: embedded\n`);
  });
});
