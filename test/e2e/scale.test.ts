// Large inputs, within the 5 MiB limit: bva finishes with its answer, never a crash, and does work
// in proportion to the input and its problems. No time is asserted here (npm run bench times the
// worst cases at two sizes); what is asserted is the outcome, and the shape of the work.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, bvaInProcess, leadershipAnswers, tempDir } from '../helpers.js';

describe('many problems in one file (in process)', () => {
  it('validate lists the first 1,000 in file order, says how many more, and counts them all', async () => {
    const keys = Array.from({ length: 1500 }, (_, i) => `x${String(i).padStart(4, '0')}: 1`);
    const dir = tempDir({ 'a.yaml': `${leadershipAnswers('      lead.c1:', '        rating: developing')}${keys.join('\n')}\n` });
    const r = await bvaInProcess(['validate', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1002);
    // Errors first, in file order (what stops a command is never below a screenful of warnings);
    // the warnings (themes unanswered) would follow, and are among those only counted.
    expect(lines.slice(0, 1000).every((l) => / error: /.test(l))).toBe(true);
    expect(lines[0]).toMatch(/^a\.yaml:11:1 error: unknown key "x0000"; expected one of: .* \(unknown-key\)$/);
    expect(lines[999]).toMatch(/^a\.yaml:1010:1 error: unknown key "x0999"/);
    expect(lines.slice(-2)).toEqual(['a.yaml: 507 more problems not listed (bva lists the first 1,000)', 'a.yaml: invalid; 1500 errors, 7 warnings']);
    const json = JSON.parse((await bvaInProcess(['validate', 'a.yaml', '--format', 'json'], { cwd: dir })).stdout) as { files: { errors: number; warnings: number; problems: unknown[]; unlisted: number }[] };
    expect(json.files[0]).toMatchObject({ errors: 1500, warnings: 7, unlisted: 507 });
    expect(json.files[0]!.problems).toHaveLength(1000);
  });

  it('a slip on many lines is said once a line, in words, with none of the schema errors it caused', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => `          - Minutes: item ${i + 1}`);
    const dir = tempDir({ 'a.yaml': `${leadershipAnswers('      lead.c1:', '        rating: developing', '        evidence:')}${lines.join('\n')}\n` });
    const r = await bvaInProcess(['validate', 'a.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const file = (JSON.parse(r.stdout) as { files: { errors: number; problems: { code: string; line: number }[]; unlisted: number }[] }).files[0]!;
    expect(file.errors).toBe(1200);
    expect(new Set(file.problems.filter((p) => p.code !== 'unanswered').map((p) => p.code))).toEqual(new Set(['yaml-colon-in-text']));
    expect(file.problems[0]).toMatchObject({ code: 'yaml-colon-in-text', line: 12 });
  });

  it("the schema's validators gather errors in place: no error list is copied per problem", () => {
    // ajv's standalone code added each item's errors with concat, copying every error so far:
    // 40,000 actions with a bad status took minutes. scripts/ajv-linear.mjs rewrites it.
    const generated = readdirSync(join(ROOT, 'src', 'generated')).filter((f) => f.startsWith('validate-') && f.endsWith('.js'));
    expect(generated).toEqual(expect.arrayContaining(['validate-answers.js', 'validate-catalogue.js', 'validate-report.js']));
    for (const f of generated) {
      const code = readFileSync(join(ROOT, 'src', 'generated', f), 'utf8');
      expect(code, f).not.toContain('vErrors.concat(');
      // Those that call the validator of a referenced schema gather its errors by pushing them.
      if (f !== 'validate-config.js') expect(code, f).toContain('vErrors.push(e)');
    }
  });
});

describe('large files that are valid (in process)', () => {
  it('report lists 40,000 stale evidence entries in one table (a spread of that many cells overflowed the stack)', async () => {
    const entries = Array.from({ length: 40_000 }, (_, i) => `          - title: Evidence ${i}\n            link: https://example.org/e/${i}\n            review-by: 2024-01-31\n`).join('');
    const dir = tempDir({ 'a.yaml': leadershipAnswers('      lead.c1:', '        rating: developing', '        evidence:') + entries });
    const r = await bvaInProcess(['report', 'a.yaml', '--as-of', '2026-03-31'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[Evidence 39999](https://example.org/e/39999)');
  });
});
