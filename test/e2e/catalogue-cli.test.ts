// `bva catalogue list|show|validate` and `bva schema` end to end: what is shipped, every theme in
// full within 80 columns, a council's own catalogue, and each kind of bad catalogue file with its
// message, position and exit code, never a stack trace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTS, ROOT, hasStackTrace, read, tempDir, type Outcome } from '../helpers.js';

const COUNCIL = read(join(ROOT, 'test', 'fixtures', 'catalogue', 'council.yaml'));

function expectClean(r: Outcome): void {
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
}

describe.each(Object.entries(HOSTS))('bva catalogue (%s)', (_, bva) => {
  it('lists the shipped catalogues, each version, with their counts per theme', async () => {
    const version = (v: string, file: string, indicators: number, failures: number, service: number): string[] => [
      `best-value-2024 ${v}  Best Value Duty self-assessment (statutory guidance, May 2024)`,
      `${file}: 7 themes, ${indicators} indicators (59 characteristics, ${failures} indicators of failure)`,
      '',
      '  theme                   characteristics  failure  title',
      '  continuous-improvement  8                3        Continuous improvement',
      '  leadership              7                5        Leadership',
      '  governance              8                3        Governance',
      '  culture                 7                4        Culture',
      '  use-of-resources        12               4        Use of resources',
      `  service-delivery        9                ${service}        Service delivery`,
      '  partnerships            8                3        Partnerships and community engagement',
      '',
    ];
    expect(await bva(['catalogue', 'list'])).toEqual({
      code: 0,
      stdout: [...version('1.0.0', 'criteria/best-value-2024-1.0.0.yaml', 86, 27, 5), ...version('1.1.0', 'criteria/best-value-2024.yaml', 85, 26, 4)].join('\n'),
      stderr: '',
    });
  });

  it('lists them as JSON with --format json', async () => {
    const r = await bva(['catalogue', 'list', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [old, c] = JSON.parse(r.stdout) as { byTheme: { id: string; characteristics: number; failures: number }[] }[];
    expect(old).toMatchObject({ id: 'best-value-2024', version: '1.0.0', file: 'criteria/best-value-2024-1.0.0.yaml', themes: 7, indicators: 86, characteristics: 59, failures: 27 });
    expect(c).toMatchObject({ id: 'best-value-2024', version: '1.1.0', file: 'criteria/best-value-2024.yaml', themes: 7, indicators: 85, characteristics: 59, failures: 26 });
    expect(c!.byTheme.map((t) => `${t.id} ${t.characteristics}/${t.failures}`)).toEqual([
      'continuous-improvement 8/3',
      'leadership 7/5',
      'governance 8/3',
      'culture 7/4',
      'use-of-resources 12/4',
      'service-delivery 9/4',
      'partnerships 8/3',
    ]);
  });

  it("shows the newest catalogue: what it covers, its scales, every theme's indicators, derived and draft ones marked, with references, within 80 columns", async () => {
    const r = await bva(['catalogue', 'show']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Best Value Duty self-assessment (statutory guidance, May 2024) (best-value-2024');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Its coverage is partial. It holds 59 characteristics, against the 73 that one council counted in the final guidance');
    expect(r.stdout).toContain(
      [
        'Indicator of potential failure (the failure scale, worst first): Is this present',
        'at the council?',
        '  present      Present · counts as red · red flag · colour #B42318',
        '               Present now and affecting the council.',
        '  emerging     Emerging · counts as amber · red flag · colour #A14F00',
      ].join('\n'),
    );
    expect(lines.filter((l) => /^\d\. /.test(l))).toEqual([
      '1. Continuous improvement (continuous-improvement)',
      '2. Leadership (leadership)',
      '3. Governance (governance)',
      '4. Culture (culture)',
      '5. Use of resources (use-of-resources)',
      '6. Service delivery (service-delivery)',
      '7. Partnerships and community engagement (partnerships)',
    ]);
    const heads = lines.filter((l) => /^ {2}[a-z]+\.[cf]\d+/.test(l));
    expect(heads).toHaveLength(85);
    expect(heads.filter((l) => l.endsWith(' [derived]')).map((l) => l.trim().replace(' [derived]', ''))).toEqual([
      'ci.c4', 'ci.f1', 'ci.f2', 'ci.f3', 'lead.c6', 'lead.f4', 'lead.f5', 'gov.c8', 'gov.f1', 'gov.f2', 'gov.f3', 'cult.c6', 'cult.c7', 'cult.f2', 'cult.f3', 'cult.f4',
      'res.f1', 'res.f2', 'res.f3', 'res.f5', 'svc.c9', 'svc.f5', 'part.f1', 'part.f2', 'part.f3',
    ]);
    expect(heads.filter((l) => l.includes('[draft]')).map((l) => l.trim())).toEqual(['ci.c2 [draft]', 'lead.f1 [draft]', 'cult.c5 [draft]']);
    expect(lines.filter((l) => /^ {4}Reference: /.test(l))).toHaveLength(85);
    expect(r.stdout).not.toContain('Section 5');
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    expect(r.stdout).toContain("[derived] marks the catalogue's own reading, not a point its source makes in so\nmany words.");
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      '[draft] marks wording found only in Best value standards and intervention: a statutory guide for best value authorities (draft for consultation) (2023-07-04), not confirmed in the final text.',
    );
    expect(r.stdout.replace(/\n/g, ' ')).toContain('Contains public sector information licensed under the Open Government Licence v3.0.');
  });

  it('shows one theme, by id or by title', async () => {
    const byId = await bva(['catalogue', 'show', 'governance']);
    expect(byId.code).toBe(0);
    expect(byId.stderr).toBe('');
    expect(byId.stdout.split('\n')[0]).toBe('3. Governance (governance)');
    // One theme ends with the scales its indicators are rated on.
    expect(byId.stdout).toContain('\nCharacteristic of a well-functioning authority (the characteristic scale, worst\nfirst): How far is this in place?\n  not-in-place  Not in place');
    expect(byId.stdout.split('\n').filter((l) => /^ {2}[a-z]+\.[cf]\d+/.test(l)).map((l) => l.trim())).toEqual([
      'gov.c1', 'gov.c2', 'gov.c3', 'gov.c4', 'gov.c5', 'gov.c6', 'gov.c7', 'gov.c8 [derived]', 'gov.f1 [derived]', 'gov.f2 [derived]', 'gov.f3 [derived]',
    ]);
    expect(await bva(['catalogue', 'show', 'Governance'])).toEqual(byId);
  });

  it('refuses an unknown theme, with the nearest: exit 2', async () => {
    const r = await bva(['catalogue', 'show', 'leadrship']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'bva: no theme "leadrship" in best-value-2024; did you mean leadership? (themes: continuous-improvement, leadership, governance, culture, use-of-resources, service-delivery, partnerships)\nRun bva --help for usage.\n',
    });
  });

  it("shows a council's own catalogue with --catalogue", async () => {
    const r = await bva(['catalogue', 'show', 'GOV', '--catalogue', 'test/fixtures/catalogue/council.yaml']);
    expect(r).toEqual({
      code: 0,
      stdout: [
        '1. Governance (GOV)',
        'Decisions are made openly, by the right people, on good advice.',
        'Reference: Framework part 1',
        '',
        'Strength (2)',
        '',
        '  CI001',
        '    Members take decisions on reports that set out the options, the risks and',
        "    the statutory officers' advice.",
        '    Reference: Framework 1.1',
        '    Good looks like: Every key decision report has legal and finance comments.',
        '    Evidence: Key decision reports; Forward plan',
        '',
        '  CI002 [derived]',
        '    The audit committee has an independent member and reviews the risk register',
        '    every quarter.',
        '    Note: Our reading of the framework, not a point it makes.',
        '    Reference: Framework 1.2',
        '',
        'Warning sign (1)',
        '',
        '  WS001',
        '    Decisions are taken outside the constitution.',
        '    Reference: Framework 1.3',
        '',
        // Its scales in its own words; no colour given, so bva's by position.
        'Strength (the characteristic scale, worst first): How well is this done?',
        "  amber        Amber · counts as red · colour #B42318 (bva's default)",
        '               Some way to go.',
        "  light-green  Light green · counts as amber · colour #A14F00 (bva's default)",
        '               Mostly in place.',
        "  green        Green · counts as green · colour #19703A (bva's default)",
        '               In place and working.',
        "  dark-green   Dark green · counts as green · colour #1F5FA8 (bva's default)",
        '               Routine, reviewed and improved.',
        '',
        'Warning sign (the failure scale, worst first): Is this happening?',
        "  found     Found · counts as red · red flag · colour #B42318 (bva's default)",
        '            Happening now.',
        "  watching  Watching · counts as amber · red flag · colour #A14F00 (bva's default)",
        '            Early signs.',
        "  clear     Clear · counts as green · colour #19703A (bva's default)",
        '            No sign of it.',
        '',
        "[derived] marks the catalogue's own reading, not a point its source makes in so",
        'many words.',
        'Source: Borsetshire assurance framework, Borsetshire District Council,',
        '2025-01-15. Open Government Licence v3.0',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('refuses to show a broken catalogue, listing its problems: exit 2', async () => {
    const r = await bva(['catalogue', 'show', '--catalogue', 'test/fixtures/catalogue/broken.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[8]).toBe('test/fixtures/catalogue/broken.yaml:52:15 error: text: must be text, not a number (wrong-type)');
    expect(lines[9]).toBe('bva: test/fixtures/catalogue/broken.yaml: the catalogue has 9 problems; run bva catalogue validate test/fixtures/catalogue/broken.yaml');
    expectClean(r);
  });

  it('validates the shipped catalogues: exit 0', async () => {
    expect(await bva(['catalogue', 'validate', 'criteria/best-value-2024-1.0.0.yaml', 'criteria/best-value-2024.yaml'])).toEqual({
      code: 0,
      stdout:
        'criteria/best-value-2024-1.0.0.yaml: valid; best-value-2024 1.0.0, 7 themes, 86 indicators; 0 errors, 0 warnings\n' +
        'criteria/best-value-2024.yaml: valid; best-value-2024 1.1.0, 7 themes, 85 indicators; replaces best-value-2024 1.0.0 (84 kept, 2 dropped, 1 added); 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  // A one-theme catalogue was summed up as "1 themes".
  it('counts in words that agree with the number', async () => {
    const one = [
      'id: one',
      'version: 1.0.0',
      'title: One theme',
      'source: {title: A guide, publisher: A department, date: 2024-05-08, url: "https://example.org/guide", licence: OGL}',
      'scales:',
      '  characteristic:',
      '    title: Strength',
      '    levels:',
      '      - {word: weak, label: Weak, meaning: Not yet.}',
      '      - {word: strong, label: Strong, meaning: Done.}',
      'themes:',
      '  - id: only',
      '    title: Only',
      '    summary: The only theme.',
      '    indicators:',
      '      - {id: only.c1, kind: characteristic, text: A thing., reference: Para 1}',
      '',
    ].join('\n');
    const dir = tempDir({ 'one.yaml': one });
    expect(await bva(['catalogue', 'validate', 'one.yaml'], { cwd: dir })).toEqual({
      code: 0,
      stdout: 'one.yaml: valid; one 1.0.0, 1 theme, 1 indicator; 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  it('reports every problem of a catalogue at once, with GitHub annotations', async () => {
    const r = await bva(['catalogue', 'validate', '--format', 'github', 'test/fixtures/catalogue/broken.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('::error file=test/fixtures/catalogue/broken.yaml,line=18,col=15,title=bva duplicate-level::duplicate word "weak" in the characteristic scale (first at 15:15)');
    expect(lines[9]).toBe('test/fixtures/catalogue/broken.yaml: invalid; 9 errors, 0 warnings');
  });

  it('reports as JSON with --format json', async () => {
    const r = await bva(['catalogue', 'validate', '--format', 'json', 'test/fixtures/catalogue/council.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      valid: true,
      files: [{ file: 'test/fixtures/catalogue/council.yaml', valid: true, errors: 0, warnings: 0, id: 'borsetshire-assurance', version: '2.1.0', themes: 2, indicators: 5, problems: [] }],
    });
  });

  describe('bad catalogue files', () => {
    const dir = tempDir({
      'syntax.yaml': COUNCIL.replace('title: Governance', 'title: Governance: decisions'),
      'schema.yaml': COUNCIL.replace('version: 2.1.0', 'version: two').replace('    summary: The council spends', '    summry: The council spends'),
      'duplicate-key.yaml': COUNCIL.replace('        reference: Framework 1.3\n', '        reference: Framework 1.3\n        text: Again.\n'),
      'duplicate-id.yaml': COUNCIL.replace('id: CI003', 'id: CI001'),
      'empty.yaml': '',
      'nul.yaml': Buffer.concat([Buffer.from(COUNCIL.slice(0, 40)), Buffer.from([0]), Buffer.from(COUNCIL.slice(40))]),
      'big.yaml': `${COUNCIL}${'#'.repeat(5 * 1024 * 1024)}\n`,
      'folder/keep.yaml': COUNCIL,
      'answers.yaml': '# This period.\ncatalogue:\n  id: best-value-2024\n  version: 1.0.0\nauthority: A\nperiod: 2025-26\n',
    });
    it.each([
      ['a YAML syntax error, at its line and column', 'syntax.yaml', 1, 'syntax.yaml:46:12 error: a colon followed by a space inside text ("Governance: decisions") makes YAML read a new key: put the text in quotes, as in title: "Governance: decisions", or start a block with title: >- and write the text on the lines below it, indented (yaml-colon-in-text)\nsyntax.yaml: invalid; 1 error, 0 warnings\n', ''],
      [
        'schema violations, with the path and position of each',
        'schema.yaml',
        1,
        [
          'schema.yaml:4:10 error: version: "two" is not a version written MAJOR.MINOR.PATCH, like 1.0.0 (bad-format)',
          'schema.yaml:68:5 error: themes item 2 is missing "summary" (missing-key)',
          'schema.yaml:70:5 error: unknown key "summry"; did you mean "summary"? (unknown-key)',
          'schema.yaml: invalid; 3 errors, 0 warnings',
          '',
        ].join('\n'),
        '',
      ],
      ['a duplicate key, with both positions', 'duplicate-key.yaml', 1, 'duplicate-key.yaml:68:9 error: duplicate key "text" (first at 66:9) (duplicate-key)\nduplicate-key.yaml: invalid; 1 error, 0 warnings\n', ''],
      ['a duplicate indicator id, with both positions', 'duplicate-id.yaml', 1, 'duplicate-id.yaml:72:13 error: duplicate indicator id "CI001" (first at 50:13) (duplicate-id)\nduplicate-id.yaml: invalid; 1 error, 0 warnings\n', ''],
      ['an empty file', 'empty.yaml', 1, 'empty.yaml:1:1 error: the file is empty (empty-file)\nempty.yaml: invalid; 1 error, 0 warnings\n', ''],
      ['a file that is not text (NUL bytes), refused before parsing', 'nul.yaml', 2, '', 'bva: nul.yaml: refused: not a text file (NUL byte at offset 40)\n'],
      ['a file over 5 MiB, refused before parsing', 'big.yaml', 2, '', `bva: big.yaml: refused: ${Buffer.byteLength(COUNCIL) + 5 * 1024 * 1024 + 1} bytes is over the 5 MiB limit\n`],
      ['a missing file', 'missing.yaml', 2, '', 'bva: missing.yaml: no such file\n'],
      ['a folder given as a file', 'folder', 2, '', 'bva: folder: is a directory, not a file\n'],
      [
        'an answers file, named as one, with the command that checks it',
        'answers.yaml',
        1,
        'answers.yaml:2:1 error: this is an answers file, not a catalogue: check it with bva validate (wrong-kind-of-file)\nanswers.yaml: invalid; 1 error, 0 warnings\n',
        '',
      ],
    ])('%s', async (_, file, code, stdout, stderr) => {
      const r = await bva(['catalogue', 'validate', file], { cwd: dir });
      expect(r).toEqual({ code, stdout, stderr });
      expectClean(r);
    });
  });
});

describe.each(Object.entries(HOSTS))('bva schema (%s)', (_, bva) => {
  it.each([
    ['catalogue', 'src/catalogue/catalogue.schema.json'],
    ['answers', 'src/answers/answers.schema.json'],
    ['report', 'src/render/report.schema.json'],
  ])('prints the %s schema as it is shipped', async (name, file) => {
    const r = await bva(['schema', name]);
    expect(r).toEqual({ code: 0, stdout: readFileSync(join(ROOT, file), 'utf8'), stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
  });

  it('refuses an unknown schema: exit 2', async () => {
    expect(await bva(['schema', 'answer'])).toEqual({ code: 2, stdout: '', stderr: 'bva: no schema "answer"; choose one of: catalogue, answers, report, trend, actions, config\nRun bva --help for usage.\n' });
  });
});
