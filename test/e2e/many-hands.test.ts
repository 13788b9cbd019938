// Many hands on one assessment, end to end on the worked example: two reviewers' files made from
// examples/2025-26.yaml and rated differently, moderated from a script; a theme signed off, an
// indicator changed afterwards and the check naming it; and two officers' edits to different
// themes merged by git without a conflict.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { themeRegion } from '../../src/answers/edit.js';
import { bvaBinary, bvaInProcess, hasStackTrace, read, tempCopy } from '../helpers.js';

const TODAY = '2025-10-01';
const PRIYA = '2025-26.review-priya-raman.yaml';
const TOM = '2025-26.review-tom-hill.yaml';

/** The example with two reviewers' files for leadership, rated as given (indicator suffix → word). */
async function reviewed(): Promise<string> {
  const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
  const run = (args: string[]) => bvaInProcess(args, { cwd: dir, today: TODAY });
  for (const name of ['Priya Raman', 'Tom Hill']) expect((await run(['review', 'init', '2025-26.yaml', '--reviewer', name, '--theme', 'leadership'])).code).toBe(0);
  const ratings: Record<string, string[]> = {
    [PRIYA]: ['c1:established', 'c2:developing', 'c3:established', 'c4:established', 'c5:embedded', 'c6:developing', 'f1:not-present', 'f2:emerging', 'f3:emerging', 'f4:not-present', 'f5:not-present'],
    [TOM]: ['c1:established', 'c2:developing', 'c3:embedded', 'c4:established', 'c5:developing', 'c6:not-in-place', 'f1:not-present', 'f2:not-present', 'f3:present', 'f4:not-present', 'f5:not-present'],
  };
  for (const [file, list] of Object.entries(ratings)) {
    for (const pair of list) {
      const [id, word] = pair.split(':');
      expect((await run(['answer', file, `lead.${id}`, '--rating', word!])).code).toBe(0);
    }
  }
  return dir;
}

describe("reviewers' files and moderation", () => {
  it("makes a reviewer's file with the draft's context and none of its ratings, reproducibly", async () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    const r = bvaBinary(['review', 'init', '2025-26.yaml', '--reviewer', 'Priya Raman', '--sample', '12'], { cwd: dir, today: TODAY });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr:
        "Wrote 2025-26.review-priya-raman.yaml: 12 indicators in 7 themes for Priya Raman to rate, without the draft's ratings.\n" +
        'Next: bva assess 2025-26.review-priya-raman.yaml (or bva answer 2025-26.review-priya-raman.yaml INDICATOR --rating WORD), then bva moderate 2025-26.yaml 2025-26.review-priya-raman.yaml ...\n',
    });
    const text = read(join(dir, PRIYA));
    expect(text).not.toMatch(/^\s+(rating|target|previous|actions|reason):/m);
    expect(text).toContain('review:\n  of: 2025-26.yaml\n  reviewer: Priya Raman\n  made: 2025-10-01\n  sample: 12\n  indicators:\n    - ci.c1\n');
    // The same reviewer, file and sample size draw the same sample; --force replaces the file.
    expect(bvaBinary(['review', 'init', '2025-26.yaml', '--reviewer', 'Priya Raman', '--sample', '12'], { cwd: dir, today: TODAY }).code).toBe(2);
    expect(bvaBinary(['review', 'init', '2025-26.yaml', '--reviewer', 'Priya Raman', '--sample', '12', '--force'], { cwd: dir, today: TODAY }).code).toBe(0);
    expect(read(join(dir, PRIYA))).toBe(text);
    const v = bvaBinary(['validate', PRIYA], { cwd: dir });
    expect(v.code).toBe(0);
    expect(v.stdout).toContain(`${PRIYA}: valid; answered 0 of 12;`);
  });

  it('shows the ratings side by side from a script, records them with --accept median, and the report shows the record', async () => {
    const dir = await reviewed();
    const before = read(join(dir, '2025-26.yaml'));
    const shown = bvaBinary(['moderate', '2025-26.yaml', PRIYA, TOM, '--format', 'json'], { cwd: dir, today: TODAY });
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe('Nothing was recorded in 2025-26.yaml: settle the disagreements at a terminal, or with --accept RULE --by NAME from a script.\n');
    expect(read(join(dir, '2025-26.yaml'))).toBe(before);
    const m = (JSON.parse(shown.stdout) as { moderation: { overall: unknown; indicators: { id: string; difference: string }[] } }).moderation;
    // Draft, Priya Raman, Tom Hill per indicator (ranks 0 = weakest): characteristics c1 2 2 2, c2 2 1 1,
    // c3 2 2 3, c4 2 2 2, c5 2 3 1, c6 1 1 0; failure f1..f5: 2 2 2, 2 1 2, 1 1 0, 2 2 2, 2 2 2.
    expect(m.overall).toEqual({
      compared: 11,
      same: 5,
      withinOne: 10,
      alpha: [
        { kind: 'characteristic', title: 'Characteristic of a well-functioning authority', values: 18, alpha: expect.closeTo(0.425, 3) },
        { kind: 'failure', title: 'Indicator of potential failure', values: 15, alpha: expect.closeTo(0.706, 3) },
      ],
    });
    expect(m.indicators.map((i) => `${i.id} ${i.difference}`).slice(0, 2)).toEqual(['lead.c5 more', 'lead.c2 one-level']);

    const recorded = bvaBinary(['moderate', '2025-26.yaml', PRIYA, TOM, '--accept', 'median', '--by', 'Statutory Officers Group', '--out', 'moderation.md'], { cwd: dir, today: TODAY });
    expect(recorded).toEqual({ code: 0, stdout: '', stderr: 'Wrote moderation.md\nSaved 2025-26.yaml: 11 moderations recorded (6 settled disagreements).\n' });
    const after = read(join(dir, '2025-26.yaml'));
    // Only the leadership theme (and the format line) changed; lead.c2's median is developing.
    const region = themeRegion(after, 'leadership')!;
    const was = themeRegion(before, 'leadership')!;
    expect(after.slice(region.end)).toBe(before.slice(was.end));
    expect(after.slice(0, region.start)).toBe(`${before.slice(0, was.start)}`.replace('# Started with bva init --from 2024-25.yaml; reported to Cabinet on 19 November 2025.\n', '$&format: 2\n'));
    expect(after).toContain(`      lead.c2:
        rating: developing
`);
    expect(after).toContain(`        moderation:
          draft: established
          reviews:
            - reviewer: Priya Raman
              rating: developing
            - reviewer: Tom Hill
              rating: developing
          agreed: developing
          by: Statutory Officers Group
          on: 2025-10-01
          note: "Settled by rule: the median rating (of an even number, the lower middle one)."
`);
    const md = read(join(dir, 'moderation.md'));
    expect(md).toContain('| **All themes** | **11**   | **5 of 11 (45%)** | **10 of 11 (91%)** | **0.425**                                         | **0.706**                         |');
    expect(md).toContain('| lead.c5 | The statutory officers work effectively together, have access to the highest level of decision-making, and are listened to on major decisions. | Established | Embedded | Developing | 2 levels | Established | Settled by rule: the median rating (of an even number, the lower middle one). (Statutory Officers Group, 1 October 2025) |');
    // A second run records nothing new.
    expect(bvaBinary(['moderate', '2025-26.yaml', PRIYA, TOM, '--accept', 'median', '--by', 'Statutory Officers Group', '--out', 'moderation.md'], { cwd: dir, today: TODAY }).code).toBe(0);
    expect(read(join(dir, '2025-26.yaml'))).toBe(after);
    // The report's appendix is rebuilt from the file alone.
    const report = bvaBinary(['report', '2025-26.yaml', '--as-of', TODAY], { cwd: dir });
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('## Appendix: independent review and moderation\n\n11 indicators were rated both in the draft and by at least one of 2 independent reviewers');
    const appendix = report.stdout.slice(report.stdout.indexOf('## Appendix'));
    for (const table of ['| Theme ', '| Reviewer ', '| ID ']) expect(appendix).toContain(md.slice(md.indexOf(table)).split('\n\n')[0]);
  });

  it('refuses what cannot be moderated, in one line', async () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    for (const name of ['Priya Raman', 'Tom Hill']) expect((await bvaInProcess(['review', 'init', '2025-26.yaml', '--reviewer', name, '--theme', 'leadership'], { cwd: dir })).code).toBe(0);
    const run = (args: string[]) => bvaBinary(['moderate', ...args], { cwd: dir, today: TODAY });
    expect(run(['2025-26.yaml', '2025-26.yaml'])).toMatchObject({ code: 1, stderr: "bva: 2025-26.yaml: not a reviewer's file (it has no review: block); make one with bva review init 2025-26.yaml --reviewer NAME. Nothing was done.\n" });
    expect(run([PRIYA, TOM])).toMatchObject({ code: 1, stderr: `bva: ${PRIYA} is a reviewer's file; give the draft first: bva moderate 2025-26.yaml ${PRIYA} ...\n` });
    expect(run(['2025-26.yaml', PRIYA, '--accept', 'median'])).toMatchObject({ code: 2, stderr: 'bva: --accept records the agreed ratings: say who moderated with --by NAME\nRun bva --help for usage.\n' });
    expect(run(['2025-26.yaml', PRIYA, '--accept', 'reviewer:Ann', '--by', 'X'])).toMatchObject({ code: 2, stderr: "bva: --accept reviewer:Ann: no reviewer's file is by Ann; the reviewers are: Priya Raman\nRun bva --help for usage.\n" });
    expect(run(['2025-26.yaml', PRIYA, '--accept', 'mean', '--by', 'X'])).toMatchObject({ code: 2, stderr: 'bva: --accept "mean": use draft, median, lowest or reviewer:NAME\nRun bva --help for usage.\n' });
    expect(run(['2025-26.yaml', PRIYA, '--out', PRIYA]).code).toBe(2);
    expect(hasStackTrace(run(['2025-26.yaml', 'missing.yaml']).stderr)).toBe(false);
  });
});

describe('sign-off that notices later edits', () => {
  it('signs a theme, and check --require-signoff names the indicator changed afterwards; the report says so too', async () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    const signed = bvaBinary(['sign', '2025-26.yaml', '--theme', 'leadership', '--by', 'Corporate Leadership Team', '--role', 'Senior leadership', '--on', '2025-10-14'], { cwd: dir });
    expect(signed).toEqual({
      code: 0,
      stdout: '',
      stderr: 'leadership: signed off by Corporate Leadership Team (Senior leadership) on 2025-10-14; sha256:a216cca2bc8f…\nSaved 2025-26.yaml: 1 theme signed off.\n',
    });
    const gates = ['check', '2025-26.yaml', '--require-signoff', '--as-of', '2025-11-01'];
    const intact = bvaBinary(gates, { cwd: dir });
    expect(intact.stdout).not.toContain('lead.');

    // A later edit with bva answer, and one by hand that only reflows text: only the first counts.
    expect(bvaBinary(['answer', '2025-26.yaml', 'lead.c5', '--rating', 'embedded'], { cwd: dir }).code).toBe(0);
    const path = join(dir, '2025-26.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('    summary: >-\n      Leadership is more settled.', '    # reflowed by hand\n    summary: >-\n      Leadership is\n      more settled.'));
    const failed = bvaBinary(gates, { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe(
      '2025-26.yaml:294:7 require-signoff: lead.c5 changed after Leadership was signed off on 2025-10-14 by Corporate Leadership Team; sign it off again (bva sign) or undo the change\n' +
        '2025-26.yaml:1050:5 require-signoff: Service delivery is not signed off (assurance so far: assessed)\n' +
        '2025-26.yaml:1266:5 require-signoff: Partnerships and community engagement is not signed off (assurance so far: moderated)\n' +
        '2025-26.yaml: 1 of 1 gate failed as of 2025-11-01: require-signoff (3 failures)\n',
    );
    const report = bvaBinary(['report', '2025-26.yaml', '--as-of', '2025-11-01'], { cwd: dir });
    expect(report.stdout).toContain('**Answers in 1 theme changed after it was signed off:** Leadership (lead.c5). These ratings are not the ones signed off; see Gaps.');
    expect(report.stdout).toContain('### Answers changed after sign-off\n\n| Theme         | Signed off                                                     | Changed since |\n| ------------- | -------------------------------------------------------------- | ------------- |\n| 2. Leadership | 14 October 2025, Corporate Leadership Team (Senior leadership) | lead.c5       |\n');
    // Signing again settles it.
    expect(bvaBinary(['sign', '2025-26.yaml', '--theme', 'leadership', '--by', 'Corporate Leadership Team', '--on', '2025-11-02'], { cwd: dir }).code).toBe(0);
    expect(bvaBinary(gates, { cwd: dir }).stdout).not.toContain('lead.c5');
  });

  it('refuses a theme with no answers, an unknown theme, and no theme', async () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    const run = (...args: string[]) => bvaBinary(['sign', '2025-26.yaml', '--by', 'CLT', ...args], { cwd: dir });
    expect(run('--theme', 'leadershp')).toMatchObject({ code: 2, stderr: expect.stringContaining('bva: --theme "leadershp" is not a theme of best-value-2024 (did you mean leadership?)') });
    expect(run()).toMatchObject({ code: 2, stderr: 'bva: say which themes to sign off: --theme ID (repeatable) or --all\nRun bva --help for usage.\n' });
    expect(read(join(dir, '2025-26.yaml'))).toBe(read(join(process.cwd(), 'examples/2025-26.yaml')));
  });
});

describe('two officers, one file, git', () => {
  it("merges edits to different themes (ratings, evidence, actions, sign-offs) three ways without a conflict; the writer leaves other themes' bytes alone", () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=Officer', '-c', 'user.email=officer@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
    const bva = (...args: string[]): void => void expect(bvaBinary(args, { cwd: dir, today: TODAY }).code).toBe(0);
    git('init', '-q');
    git('add', '2025-26.yaml');
    git('commit', '-qm', 'draft');
    // Officer A: leadership — a rating, evidence, an action, and the sign-off.
    git('checkout', '-qb', 'leadership');
    bva('answer', '2025-26.yaml', 'lead.c7', '--rating', 'developing');
    bva('answer', '2025-26.yaml', 'lead.c6', '--evidence', 'Senior structure report, October 2025', '--action', 'Appoint a permanent Director of Place', '--owner', 'Chief Executive', '--due', '2026-03-31');
    bva('sign', '2025-26.yaml', '--theme', 'leadership', '--by', 'Corporate Leadership Team');
    // Outside the leadership block, only the format line was added: nothing reordered or rewrapped.
    const draft = read(join(process.cwd(), 'examples/2025-26.yaml'));
    const mine = read(join(dir, '2025-26.yaml'));
    expect(mine.slice(themeRegion(mine, 'leadership')!.end)).toBe(draft.slice(themeRegion(draft, 'leadership')!.end));
    expect(mine.slice(0, themeRegion(mine, 'leadership')!.start).replace('format: 2\n', '')).toBe(draft.slice(0, themeRegion(draft, 'leadership')!.start));
    git('commit', '-qam', 'leadership');
    // Officer B: governance, from the same draft — commentary, a rating, and the last indicator of the theme before leadership.
    git('checkout', '-q', 'main');
    git('checkout', '-qb', 'governance');
    bva('answer', '2025-26.yaml', 'gov.c2', '--commentary', 'The constitution review finished in September.');
    bva('answer', '2025-26.yaml', 'gov.f3', '--rating', 'emerging', '--action', 'Review the scheme of delegation', '--owner', 'Monitoring Officer', '--due', '2026-01-31');
    bva('answer', '2025-26.yaml', 'ci.c5', '--evidence', 'LGA peer support log');
    bva('sign', '2025-26.yaml', '--theme', 'governance', '--by', 'Audit and Governance Committee');
    git('commit', '-qam', 'governance');
    // The three-way merge.
    git('checkout', '-q', 'leadership');
    const merged = git('merge', '--no-edit', 'governance');
    expect(merged).not.toContain('CONFLICT');
    expect(git('status', '--porcelain')).toBe('');
    const text = read(join(dir, '2025-26.yaml'));
    expect(text).toContain('The constitution review finished in September.');
    expect(text).toContain('Appoint a permanent Director of Place');
    // Both sign-offs still match what each officer signed.
    const check = bvaBinary(['check', '2025-26.yaml', '--require-signoff', '--as-of', TODAY], { cwd: dir });
    expect(check.stdout).not.toContain('changed after');
    expect(bvaBinary(['validate', '2025-26.yaml'], { cwd: dir }).code).toBe(0);
  });
});
