// examples/github-workflow.yml, run as written: each `run:` step, in bash as GitHub runs it
// (-eo pipefail), in a council's repository made here (the two worked examples and bva's package
// file on main, and a pull request that changes this period's file). The install step installs
// that package file, packed from this build, into a folder of the test's own, with npm offline:
// every later step runs the bva it installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, VERSION, tempDir } from '../helpers.js';

interface Step {
  readonly name: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
}
const workflow = parse(readFileSync(join(ROOT, 'examples', 'github-workflow.yml'), 'utf8')) as {
  env: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' });
const example = (period: string): string => readFileSync(join(ROOT, 'examples', `${period}.yaml`), 'utf8');

/**
 * A council's repository: both periods' files on main (this period's with ci.c4 one level lower),
 * then a pull request that raises ci.c4 to what the worked example says. With `newInPr`, main has
 * only last period's file and the pull request adds this period's.
 */
function councilRepo(newInPr = false): string {
  const base = example('2025-26').replace('ci.c4:\n        rating: embedded', 'ci.c4:\n        rating: established');
  expect(base).not.toBe(example('2025-26'));
  const dir = tempDir({
    [workflow.env['PREVIOUS']!]: example('2024-25'),
    ...(newInPr ? {} : { [workflow.env['ANSWERS']!]: base }),
    [workflow.env['BVA_PACKAGE']!]: readFileSync(packageFile()),
  });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'bva tests');
  git(dir, 'config', 'user.email', 'tests@example.org');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'main');
  git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'pull-request');
  writeFileSync(join(dir, workflow.env['ANSWERS']!), example('2025-26'));
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'pull request');
  return dir;
}

let packed: string | undefined;
/** bva's package file, as `npm pack` makes it from this build (once per test file). */
function packageFile(): string {
  if (packed) return packed;
  const out = tempDir();
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' });
  return (packed = join(out, `bva-${VERSION}.tgz`));
}

/** Runs the workflow's run: steps, as a pull request against main; returns each step's outcome. */
function runWorkflow(dir: string): { name: string; code: number; stdout: string; stderr: string }[] {
  // npm's global folder for this run: where the install step puts bva, and where later steps find it.
  const prefix = tempDir();
  const npm = { npm_config_prefix: prefix, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_cache: join(prefix, '.npm') };
  const summary = join(dir, '..', `${dir.split('/').pop()}-summary.md`);
  writeFileSync(summary, '');
  const outcomes = [];
  for (const step of steps.filter((s) => s.run)) {
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace('${{ github.base_ref }}', 'main')]));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: `${join(prefix, 'bin')}:${process.env['PATH']}`, HOME: process.env['HOME'], ...npm, ...workflow.env, ...stepEnv, GITHUB_STEP_SUMMARY: summary },
    });
    outcomes.push({ name: step.name, code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
  }
  outcomes.push({ name: 'summary', code: 0, stdout: readFileSync(summary, 'utf8'), stderr: '' });
  return outcomes;
}

describe('the example workflow, run as written on a pull request', () => {
  const dir = councilRepo();
  const [install, validate, check, report, yearOnYear, pullRequest, summary] = runWorkflow(dir);

  it("installs bva from the package file in the council's repository, fetching nothing", () => {
    expect(install).toMatchObject({ name: 'Install bva', code: 0 });
    expect(install!.stdout).toMatch(/^added 1 package in /m);
  });

  it('validates both files', () => {
    expect(validate).toEqual({
      name: 'Validate the answers files',
      code: 0,
      stdout: '2024-25.yaml: valid; answered 86 of 86; 0 errors, 0 warnings\n2025-26.yaml: valid; answered 86 of 86; 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  it('applies the gates: annotations and a summary, exit 0 or 1 (never a usage error)', () => {
    expect(check!.name).toBe("Apply the council's gates");
    expect([0, 1]).toContain(check!.code);
    const lines = check!.stdout.trimEnd().split('\n');
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^::error file=2025-26\.yaml,line=\d+,col=\d+,title=bva check (require-complete|require-actions|require-owners|no-overdue)::/);
    expect(lines.at(-1)).toMatch(/^2025-26\.yaml: (all 4 gates passed|\d of 4 gates failed) as of \d{4}-\d{2}-\d{2}: /);
    expect(check!.code).toBe(lines.length > 1 ? 1 : 0);
  });

  it('renders the report in both formats for the artifact', () => {
    expect(report!.code).toBe(0);
    expect(existsSync(join(dir, 'report.md'))).toBe(true);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
  });

  it('writes year on year, then what the pull request changes, to the job summary', () => {
    expect([yearOnYear!.code, pullRequest!.code]).toEqual([0, 0]);
    const docs = summary!.stdout.split(/^(?=## )/m);
    expect(docs.map((d) => d.split('\n')[0])).toEqual(['## Marlbridge Borough Council: 2024-25 to 2025-26', '## Marlbridge Borough Council: 2025-26 (origin/main:2025-26.yaml) to 2025-26 (2025-26.yaml)']);
    expect(docs[1]).toContain('Compares origin/main:2025-26.yaml (2025-26, scored as of 2025-10-21) with 2025-26.yaml');
    expect(docs[1]).toContain('**Indicators:** 1 improved, 0 declined, 85 unchanged');
    // The same period on both sides: the columns are told apart by where each file came from.
    expect(docs[1]).toContain('#### Improved (1)\n\n| Indicator | Theme | 2025-26 (origin/main:2025-26.yaml) | 2025-26 (2025-26.yaml) |\n| - | - | - | - |\n| **ci.c4** ');
  });
});

describe('the example workflow, on a pull request that adds this period\'s file', () => {
  it('says there is nothing on the base branch to compare', () => {
    const outcomes = runWorkflow(councilRepo(true));
    const pullRequest = outcomes.find((o) => o.name === 'What this pull request changes, on the summary page')!;
    expect(pullRequest.code).toBe(0);
    expect(outcomes.at(-1)!.stdout.trimEnd().split('\n').at(-1)).toBe('2025-26.yaml is new in this pull request: there is no earlier version on origin/main to compare.');
  });
});
