// Test hosts: run bva in-process (fast, through run()) or as the built binary (a real process),
// in a temporary folder holding the files a case needs.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../src/cli.js';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'bva.js');
/** bva's version, as package.json gives it. */
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunIn {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  /** The date bva takes as today. */
  readonly today?: string;
}

const baseEnv = (env: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  NO_COLOR: '1',
  ...env,
});

/** Runs bva in this process through run(), with string streams. */
export async function bvaInProcess(args: readonly string[], o: RunIn = {}): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await run({
    argv: args,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: o.cwd ?? ROOT,
    env: baseEnv(o.env),
    home: ROOT,
    now: () => (o.today ? new Date(`${o.today}T12:00:00`) : new Date()),
  });
  return { code, stdout, stderr };
}

/**
 * Runs the built binary as a child process: this repository's, or with `home` the one in a copied
 * installation (a folder with bin/, dist/ and criteria/, see INSTALLED).
 */
export function bvaBinary(args: readonly string[], o: RunIn & { input?: string; home?: string } = {}): Outcome {
  const env = baseEnv(o.env);
  if (o.today) env['BVA_TODAY'] = o.today;
  const r = spawnSync(process.execPath, [o.home ? join(o.home, 'bin', 'bva.js') : BIN, ...args], {
    cwd: o.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    input: o.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? (r.signal ? 128 : -1), stdout: r.stdout, stderr: r.stderr };
}

/** Runs the built binary asynchronously (for tests that run many at once or kill it). */
export function bvaSpawn(args: readonly string[], o: RunIn = {}) {
  return spawn(process.execPath, [BIN, ...args], { cwd: o.cwd ?? ROOT, env: baseEnv(o.env) as NodeJS.ProcessEnv });
}

/**
 * A live process that the lock takes for bva (one of its arguments is `bva.js`), to hold a lock in
 * a test the way another bva would; `stop()` ends it.
 */
export function liveBva(): { pid: number; stop: () => void } {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'bva.js'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => void child.kill('SIGKILL') };
}

/** Both hosts, for case tables that must behave the same in-process and as a binary. */
export const HOSTS = {
  'in-process': bvaInProcess,
  binary: async (args: readonly string[], o?: RunIn) => bvaBinary(args, o),
} as const;

const made: string[] = [];

/**
 * Removes the folders tempDir made. test/setup.ts calls it after each test file: test files share
 * this module (vitest runs them without isolation), so a hook registered here would run once.
 */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A fresh temporary folder, removed after the test file; `files` are written into it. */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'bva-test-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** Copies repository files (examples, fixtures) into a temporary folder. */
export function tempCopy(paths: Record<string, string>): string {
  const dir = tempDir();
  for (const [to, from] of Object.entries(paths)) {
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    cpSync(join(ROOT, from), join(dir, to), { recursive: true });
  }
  return dir;
}

/** The files of an installed bva: the launcher, the build. */
export const INSTALLED = { bin: 'bin', dist: 'dist' } as const;

export const read = (path: string): string => readFileSync(path, 'utf8');

/** True when output shows a JavaScript stack trace. */
export const hasStackTrace = (text: string): boolean => /\n\s+at .+[(:]\d+/.test(text) || /^\s+at /m.test(text);

/**
 * A small valid answers file on the shipped catalogue (Testshire District Council, 2025-26) whose
 * lines are easy to count: the header, then `indicatorLines` under the leadership theme's
 * `indicators:` (line 8), so the first of them is line 9. Each ends in a newline.
 */
export const leadershipAnswers = (...indicatorLines: string[]): string =>
  ['catalogue:', '  id: best-value-2024', '  version: 1.0.0', 'authority: Testshire District Council', 'period: 2025-26', 'themes:', '  leadership:', '    indicators:', ...indicatorLines, ''].join('\n');
