// `bva validate FILE...` end to end: every problem of every file as FILE:LINE:COL, a summary line
// per file, the text, json and github formats, and exit codes 0 (all valid), 1 (any invalid) and
// 2 (any unreadable). Each file in examples/invalid/ gives its one expected problem.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTS, ROOT, bvaBinary, hasStackTrace, read, tempCopy, tempDir, type Outcome } from '../helpers.js';

/** Lines of stdout that are not "unanswered" warnings (every small invalid example has those). */
const withoutUnanswered = (stdout: string): string[] => stdout.split('\n').filter((l) => l !== '' && !l.endsWith('(unanswered)'));

function expectClean(r: Outcome): void {
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
}

// One file per kind of problem; each line is exactly what bva prints for it.
const INVALID: Record<string, { readonly problem: string; readonly warnings: number }> = {
  // Hand-editing slips: said as what the person wrote, at the line where they wrote it.
  'colon-in-text.yaml': {
    problem:
      '13:21 error: a colon followed by a space inside text ("Note: no") makes YAML read a new key: put the text in quotes, as in commentary: "Note: no peer challenge since 2019", or start a block with commentary: >- and write the text on the lines below it, indented (yaml-colon-in-text)',
    warnings: 0,
  },
  'colon-in-evidence.yaml': {
    problem: '14:13 error: a colon followed by a space inside text ("Cabinet minutes: 12") makes YAML read a key: put the line in quotes, as in - "Cabinet minutes: 12 March 2025" (yaml-colon-in-text)',
    warnings: 7,
  },
  'unclosed-quote.yaml': { problem: '13:17 error: the quote (") that opens this text is never closed: end the text with ", or remove the opening " (yaml-unclosed-quote)', warnings: 0 },
  'tab-indentation.yaml': {
    problem: '12:1 error: this line is indented with a tab, and YAML indents with spaces only: replace the tab with spaces (and the one on line 14) (yaml-tab-indent)',
    warnings: 0,
  },
  'dedented-indicator.yaml': {
    problem: '13:1 error: this line is indented 5 spaces, which lines up with nothing above it: indent it 6 spaces, like "lead.c1:" on line 11, or 4 spaces, like "indicators:" on line 10 (yaml-indent)',
    warnings: 0,
  },
  'indicator-outside-indicators.yaml': {
    problem: '13:5 error: lead.c2 is an indicator, so it belongs under "indicators:": indent it as far as the indicators there (misplaced-key)',
    warnings: 7,
  },
  'dedented-answer.yaml': { problem: '14:7 error: rating: is indented as far as lead.c2: above it, so it reads as an indicator: indent it further, under lead.c2: (misplaced-key)', warnings: 7 },
  'dedented-continuation.yaml': {
    problem:
      '14:9 error: this line reads as more of the text of "commentary:" on line 13, but is indented no deeper than that key: indent it at least 9 spaces, or start a block with commentary: >- and write the text on the lines below it (yaml-indent)',
    warnings: 0,
  },
  'date-day-first.yaml': { problem: '16:18 error: due: "31/03/2026" is not a date written YYYY-MM-DD: write it 2026-03-31 (bad-format)', warnings: 7 },
  'a-catalogue.yaml': { problem: '3:1 error: this is a catalogue, not an answers file: check it with bva catalogue validate (wrong-kind-of-file)', warnings: 0 },
  'unknown-key.yaml': { problem: '12:9 error: unknown key "comentary"; did you mean "commentary"? (unknown-key)', warnings: 7 },
  'wrong-type.yaml': { problem: '12:19 error: evidence: must be a list, not text (wrong-type)', warnings: 7 },
  'missing-key.yaml': { problem: '2:1 error: missing "period" (missing-key)', warnings: 7 },
  'duplicate-key.yaml': { problem: '12:7 error: duplicate key "lead.c1" (first at 10:7) (duplicate-key)', warnings: 0 },
  'unknown-catalogue.yaml': {
    problem: '4:7 error: unknown catalogue "best-value-2023" (shipped: best-value-2024 1.0.0, 1.1.0); give its file as catalogue.file in this file, list it in a bva.config.yaml, or pass --catalogue (unknown-catalogue)',
    warnings: 0,
  },
  'unknown-catalogue-version.yaml': {
    problem: '4:12 error: no version "2.0.0" of catalogue best-value-2024 is known (shipped: best-value-2024 1.0.0, 1.1.0); give its file as catalogue.file in this file, list it in a bva.config.yaml, or pass --catalogue (unknown-catalogue)',
    warnings: 0,
  },
  'unknown-theme.yaml': { problem: '8:3 error: unknown theme "leadershp"; did you mean leadership? (unknown-theme)', warnings: 7 },
  'unknown-indicator.yaml': { problem: '11:7 error: unknown indicator "lead.c13" in best-value-2024; did you mean lead.c1? (unknown-indicator)', warnings: 7 },
  'indicator-in-wrong-theme.yaml': { problem: '10:7 error: gov.c1 belongs under governance, not leadership (indicator-in-wrong-theme)', warnings: 7 },
  'rating-not-in-scale.yaml': {
    problem: '12:17 error: rating: "developing" is not on the failure scale of lead.f1; use one of: present, emerging, not-present, not-applicable (rating-not-in-scale)',
    warnings: 7,
  },
  'not-applicable-without-reason.yaml': { problem: '11:17 error: lead.c4 is not-applicable: add a reason saying why (missing-reason)', warnings: 7 },
  'due-date-not-a-day.yaml': { problem: '15:18 error: due: "2026-02-29" is not a real calendar day (not-a-date)', warnings: 7 },
};

describe('every file in examples/invalid/ is in the table, and opens with a comment saying what is wrong', () => {
  it('has a case for each file', () => {
    expect(readdirSync(join(ROOT, 'examples', 'invalid')).sort()).toEqual(Object.keys(INVALID).sort());
    for (const name of Object.keys(INVALID)) expect(read(join(ROOT, 'examples', 'invalid', name))).toMatch(/^# Invalid\b/);
  });
});

describe.each(Object.entries(HOSTS))('bva validate (%s)', (_, bva) => {
  it('passes the worked examples: exit 0, one summary line each', async () => {
    const r = await bva(['validate', 'examples/2024-25.yaml', 'examples/2025-26.yaml']);
    expect(r).toEqual({
      code: 0,
      stdout: 'examples/2024-25.yaml: valid; answered 86 of 86; 0 errors, 0 warnings\nexamples/2025-26.yaml: valid; answered 86 of 86; 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  it.each(Object.entries(INVALID))('examples/invalid/%s: exit 1, its problem at its line and column', async (name, { problem, warnings }) => {
    const file = `examples/invalid/${name}`;
    const r = await bva(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(withoutUnanswered(r.stdout)).toEqual([`${file}:${problem}`, `${file}: invalid; 1 error, ${warnings} warning${warnings === 1 ? '' : 's'}`]);
    expectClean(r);
  });

  it('checks every file, valid or not, then exits 1', async () => {
    const r = await bva(['validate', 'examples/invalid/unknown-theme.yaml', 'examples/2025-26.yaml', 'examples/invalid/duplicate-key.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(withoutUnanswered(r.stdout)).toEqual([
      `examples/invalid/unknown-theme.yaml:${INVALID['unknown-theme.yaml']!.problem}`,
      'examples/invalid/unknown-theme.yaml: invalid; 1 error, 7 warnings',
      'examples/2025-26.yaml: valid; answered 86 of 86; 0 errors, 0 warnings',
      `examples/invalid/duplicate-key.yaml:${INVALID['duplicate-key.yaml']!.problem}`,
      'examples/invalid/duplicate-key.yaml: invalid; 1 error, 0 warnings',
    ]);
  });

  it('names every repeated key in a large file, with both places, as the careful parser would', () => {
    // Repeated keys in plain block style are found by indentation; the key whose first value is a
    // block goes to the careful parser. Both give the same lines.
    const actions = Array.from({ length: 3000 }, (_, i) => `          - action: Action ${i + 1}\n            status: open\n`).join('');
    const text =
      'catalogue:\n  id: best-value-2024\n  version: 1.0.0\nauthority: A\nperiod: 2025-26\nthemes:\n  leadership:\n    indicators:\n      lead.c1:\n        rating: developing\n' +
      `        actions:\n${actions}          - action: Last\n            status: open\n            action: Again\n        rating: embedded\nauthority: B\n`;
    const blockFirst = text.replace('authority: A\n', 'authority:\n  name: A\n');
    const dir = tempDir({ 'repeats.yaml': text, 'block-first.yaml': blockFirst });
    const r = bvaBinary(['validate', 'repeats.yaml', 'block-first.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'repeats.yaml:6014:13 error: duplicate key "action" (first at 6012:13) (duplicate-key)',
      'repeats.yaml:6015:9 error: duplicate key "rating" (first at 10:9) (duplicate-key)',
      'repeats.yaml:6016:1 error: duplicate key "authority" (first at 4:1) (duplicate-key)',
      'repeats.yaml: invalid; 3 errors, 0 warnings',
      'block-first.yaml:6015:13 error: duplicate key "action" (first at 6013:13) (duplicate-key)',
      'block-first.yaml:6016:9 error: duplicate key "rating" (first at 11:9) (duplicate-key)',
      'block-first.yaml:6017:1 error: duplicate key "authority" (first at 4:1) (duplicate-key)',
      'block-first.yaml: invalid; 3 errors, 0 warnings',
      '',
    ]);
  });

  it('reads a long file with syntax errors as far as its first 1,000 problems, says where it stopped, and finds errors far apart', () => {
    const head = 'catalogue:\n  id: best-value-2024\n  version: 1.0.0\nauthority: A\nperiod: 2025-26\nthemes:\n  leadership:\n    indicators:\n      lead.c1:\n        evidence:\n';
    // 300 KB: past the size from which a file with syntax errors is read in part.
    const every = head + Array.from({ length: 10_000 }, (_, i) => `          - title: Evidence: ${i + 1}\n`).join('');
    const good = head + Array.from({ length: 10_000 }, (_, i) => `          - title: "Evidence: ${i + 1}"\n`).join('');
    const dir = tempDir({ 'every.yaml': every, 'apart.yaml': `${good.replace('"Evidence: 1"', 'Evidence: 1')}authority: a: b\n` });
    const colon = (line: number, n: number): string =>
      `every.yaml:${line}:20 error: a colon followed by a space inside text ("Evidence: ${n}") makes YAML read a new key: put the text in quotes, as in title: "Evidence: ${n}", or start a block with title: >- and write the text on the lines below it, indented (yaml-colon-in-text)`;
    const r = bvaBinary(['validate', 'every.yaml', 'apart.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = r.stdout.split('\n');
    expect(out.slice(0, 2)).toEqual([colon(11, 1), colon(12, 2)]);
    expect(out.slice(998)).toEqual([
      colon(1009, 999),
      'every.yaml:1010:11 error: bva stopped reading the file here, after the 999 problems before it: fix them and run bva again to check the rest (stopped-reading)',
      'every.yaml: invalid; 1000 errors, 0 warnings',
      // Errors far apart are each found, as a reading of the whole file finds them.
      'apart.yaml:11:20 error: a colon followed by a space inside text ("Evidence: 1") makes YAML read a new key: put the text in quotes, as in title: "Evidence: 1", or start a block with title: >- and write the text on the lines below it, indented (yaml-colon-in-text)',
      'apart.yaml:10011:12 error: a colon followed by a space inside text ("a: b") makes YAML read a new key: put the text in quotes, as in authority: "a: b", or start a block with authority: >- and write the text on the lines below it, indented (yaml-colon-in-text)',
      'apart.yaml: invalid; 2 errors, 0 warnings',
      '',
    ]);
    const json = JSON.parse(bvaBinary(['validate', '--format', 'json', 'every.yaml'], { cwd: dir }).stdout) as { files: { errors: number; problems: { line: number; code: string }[]; unlisted?: number }[] };
    expect(json.files[0]!.errors).toBe(1000);
    expect(json.files[0]!.problems).toHaveLength(1000);
    expect(json.files[0]!.problems[999]).toMatchObject({ line: 1010, code: 'stopped-reading' });
    expect(json.files[0]!.unlisted).toBeUndefined();
  });

  it('treats unanswered indicators as warnings: exit 0', async () => {
    const dir = tempDir({
      'partial.yaml': 'catalogue:\n  id: best-value-2024\n  version: 1.0.0\nauthority: A\nperiod: 2025-26\nthemes:\n  leadership:\n    indicators:\n      lead.c1:\n        rating: developing\n',
    });
    const r = await bva(['validate', 'partial.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'partial.yaml:6:1 warning: continuous-improvement: 11 of 11 indicators unanswered (ci.c1, ci.c2, ci.c3, ci.c4, ci.c5 and 6 more) (unanswered)',
      'partial.yaml:6:1 warning: governance: 11 of 11 indicators unanswered (gov.c1, gov.c2, gov.c3, gov.c4, gov.c5 and 6 more) (unanswered)',
      'partial.yaml:6:1 warning: culture: 11 of 11 indicators unanswered (cult.c1, cult.c2, cult.c3, cult.c4, cult.c5 and 6 more) (unanswered)',
      'partial.yaml:6:1 warning: use-of-resources: 16 of 16 indicators unanswered (res.c1, res.c2, res.c3, res.c4, res.c5 and 11 more) (unanswered)',
      'partial.yaml:6:1 warning: service-delivery: 14 of 14 indicators unanswered (svc.c1, svc.c2, svc.c3, svc.c4, svc.c5 and 9 more) (unanswered)',
      'partial.yaml:6:1 warning: partnerships: 11 of 11 indicators unanswered (part.c1, part.c2, part.c3, part.c4, part.c5 and 6 more) (unanswered)',
      'partial.yaml:7:3 warning: leadership: 11 of 12 indicators unanswered (lead.c2, lead.c3, lead.c4, lead.c5, lead.c6 and 6 more) (unanswered)',
      'partial.yaml: valid; answered 1 of 86; 0 errors, 7 warnings',
      '',
    ]);
    expect(r.stderr).toBe('');
  });

  it('exits 2 when a file cannot be read, after checking the others', async () => {
    const r = await bva(['validate', 'examples/2024-25.yaml', 'missing.yaml', 'examples/invalid/duplicate-key.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bva: missing.yaml: no such file\n');
    expect(withoutUnanswered(r.stdout)).toEqual([
      'examples/2024-25.yaml: valid; answered 86 of 86; 0 errors, 0 warnings',
      `examples/invalid/duplicate-key.yaml:${INVALID['duplicate-key.yaml']!.problem}`,
      'examples/invalid/duplicate-key.yaml: invalid; 1 error, 0 warnings',
    ]);
    expectClean(r);
  });

  it.each([
    ['a folder', 'examples', 'bva: examples: is a directory, not a file\n'],
    ['a file with NUL bytes', 'nul.yaml', 'bva: nul.yaml: refused: not a text file (NUL byte at offset 10)\n'],
    ['a file that is not UTF-8', 'latin1.yaml', 'bva: latin1.yaml: refused: not valid UTF-8 (byte offset 16)\n'],
    ['a file over 5 MiB', 'big.yaml', 'bva: big.yaml: refused: 5242881 bytes is over the 5 MiB limit\n'],
  ])('refuses %s before parsing: exit 2', async (_, file, stderr) => {
    const dir = tempCopy({ examples: 'examples' });
    const files = tempDir({
      'nul.yaml': Buffer.from('authority:\0 A\n'),
      'latin1.yaml': Buffer.concat([Buffer.from('authority: Caf'), Buffer.from([0x65, 0x20, 0xe9]), Buffer.from('\n')]),
      'big.yaml': Buffer.alloc(5 * 1024 * 1024 + 1, 0x20),
    });
    const r = await bva(['validate', file], { cwd: file === 'examples' ? dir : files });
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });

  it('refuses an empty file as invalid: exit 1', async () => {
    const dir = tempDir({ 'empty.yaml': '# nothing yet\n' });
    const r = await bva(['validate', 'empty.yaml'], { cwd: dir });
    expect(r).toEqual({ code: 1, stdout: 'empty.yaml:1:1 error: the file is empty (empty-file)\nempty.yaml: invalid; 1 error, 0 warnings\n', stderr: '' });
  });

  it("checks against a council's own catalogue given with --catalogue", async () => {
    const r = await bva(['validate', '--catalogue', 'test/fixtures/catalogue/council.yaml', 'test/fixtures/answers/council.yaml']);
    expect(r).toEqual({ code: 0, stdout: 'test/fixtures/answers/council.yaml: valid; answered 5 of 5; 0 errors, 0 warnings\n', stderr: '' });
  });

  // The catalogue's problems were listed for other commands but not for validate, which showed
  // only the count; and once per file, not once per catalogue.
  it('refuses a broken --catalogue, listing its problems once: exit 2', async () => {
    const r = await bva(['validate', '--catalogue', 'test/fixtures/catalogue/broken.yaml', 'test/fixtures/answers/council.yaml', 'test/fixtures/answers/council.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('test/fixtures/catalogue/broken.yaml:18:15 error: duplicate word "weak" in the characteristic scale (first at 15:15) (duplicate-level)');
    const refused = 'bva: test/fixtures/catalogue/broken.yaml: the catalogue has 9 problems; run bva catalogue validate test/fixtures/catalogue/broken.yaml';
    expect(lines.slice(9)).toEqual([refused, refused, '']);
    expectClean(r);
  });

  it('prints GitHub annotations with --format github', async () => {
    const r = await bva(['validate', '--format', 'github', 'examples/invalid/rating-not-in-scale.yaml', 'examples/2024-25.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('::error'))).toEqual([
      '::error file=examples/invalid/rating-not-in-scale.yaml,line=12,col=17,title=bva rating-not-in-scale::rating: "developing" is not on the failure scale of lead.f1; use one of: present, emerging, not-present, not-applicable',
    ]);
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(7);
    // Errors first, then warnings, each in file order: the one problem that stops CI comes first.
    expect(lines[0]).toMatch(/^::error file=examples\/invalid\/rating-not-in-scale.yaml,line=12,col=17,/);
    expect(lines[1]).toBe('::warning file=examples/invalid/rating-not-in-scale.yaml,line=8,col=1,title=bva unanswered::continuous-improvement: 11 of 11 indicators unanswered (ci.c1, ci.c2, ci.c3, ci.c4, ci.c5 and 6 more)');
    expect(lines.slice(-3)).toEqual(['examples/invalid/rating-not-in-scale.yaml: invalid; 1 error, 7 warnings', 'examples/2024-25.yaml: valid; answered 86 of 86; 0 errors, 0 warnings', '']);
  });

  it('escapes a message for GitHub so it stays one annotation', async () => {
    const dir = tempDir({ 'a.yaml': 'catalogue:\n  id: best-value-2024\n  version: 1.0.0\nauthority: A\nperiod: 2025-26\nthemes:\n  "50%":\n    summary: x\n' });
    const r = await bva(['validate', '--format', 'github', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([
      '::error file=a.yaml,line=7,col=3,title=bva bad-format::key "50%25" is not a valid id: use letters, digits, ".", "_" and "-", starting with a letter or digit',
      '::error file=a.yaml,line=7,col=3,title=bva unknown-theme::unknown theme "50%25"; the themes are: continuous-improvement, leadership, governance, culture, use-of-resources, service-delivery, partnerships',
    ]);
  });

  it('prints every problem and the counts as JSON with --format json', async () => {
    const r = await bva(['validate', '--format', 'json', 'examples/invalid/missing-key.yaml', 'examples/2025-26.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { valid: boolean; files: { file: string; valid: boolean; errors: number; warnings: number; problems: { code: string }[] }[] };
    expect(out.valid).toBe(false);
    expect(out.files.map(({ problems, ...f }) => ({ ...f, codes: problems.map((p) => p.code) }))).toEqual([
      { file: 'examples/invalid/missing-key.yaml', valid: false, errors: 1, warnings: 7, codes: ['missing-key', ...Array(7).fill('unanswered')] },
      { file: 'examples/2025-26.yaml', valid: true, errors: 0, warnings: 0, catalogue: { id: 'best-value-2024', version: '1.0.0' }, answered: 86, total: 86, codes: [] },
    ]);
    expect(out.files[0]!.problems[0]).toEqual({ file: 'examples/invalid/missing-key.yaml', line: 2, col: 1, severity: 'error', code: 'missing-key', message: 'missing "period"' });
  });

  it('refuses an unknown format: exit 2', async () => {
    const r = await bva(['validate', '--format', 'xml', 'examples/2025-26.yaml']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'bva: --format: "xml" is not one of: text, json, github\n' });
  });
});
