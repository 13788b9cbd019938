// The command line as a whole: --version, --help and every command's --help with an example;
// usage errors as one line and exit 2; colour only on a terminal and never with NO_COLOR; data on
// stdout and messages on stderr; a stack trace only with BVA_DEBUG=1.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { BIN, HOSTS, ROOT, VERSION, bvaBinary, hasStackTrace, tempDir, type Outcome } from '../helpers.js';

const ESC = '\x1b[';

const COMMANDS = [
  ['assess'],
  ['validate'],
  ['report'],
  ['check'],
  ['diff'],
  ['init'],
  ['answer'],
  ['schema'],
  ['catalogue'],
  ['catalogue', 'list'],
  ['catalogue', 'show'],
  ['catalogue', 'validate'],
] as const;

describe.each(Object.entries(HOSTS))('bva (%s)', (_, bva) => {
  it('prints its version', async () => {
    expect(await bva(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(await bva(['-V'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('prints help with the commands, the exit codes and an example', async () => {
    const r = await bva(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('Usage: bva [options] [command]');
    for (const [name] of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(r.stdout).toContain('\nExit codes: 0 ok; 1 invalid input or a failed gate; 2 usage error or unreadable input; 130 interrupted.\n');
    expect(r.stdout).toContain('\nExample:\n  $ bva assess my-council.yaml\n');
  });

  it.each(COMMANDS.map((c) => c.join(' ')))('bva %s --help shows an example of it', async (command) => {
    const words = command.split(' ');
    const r = await bva([...words, '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: bva ${words.join(' ')} `));
    expect(r.stdout).toMatch(new RegExp(`\\nExample:\\n {2}\\$ bva ${words[0]} `));
  });

  // A command line that starts with a command's name defines only that command (src/program.ts);
  // `help NAME` defines them all: the two must print the same help.
  it.each([['report'], ['answer'], ['check']])('bva help %s prints what --help after it prints', async (...words) => {
    const asked = await bva(['help', ...words]);
    expect(asked).toEqual(await bva([...words, '--help']));
    expect(asked.stdout).toMatch(new RegExp(`^Usage: bva ${words.join(' ')} `));
  });

  it.each([
    [['frob'], "bva: unknown command 'frob'\n"],
    [['catalogue', 'frob'], "bva: unknown command 'frob'\n"],
    [['valdate'], "bva: unknown command 'valdate'; did you mean validate?\n"],
    [['validate', '--frob', 'x.yaml'], "bva: unknown option '--frob'\n"],
    [['validate'], "bva: missing required argument 'files'\n"],
    [['answer', 'a.yaml'], 'bva: say what to set for the file: --authority, --period, --assessment-date, --participant, --remove-participant, --paper-title, --meeting, --meeting-date, ... or --clear (bva answer --help lists them all)\nRun bva --help for usage.\n'],
    [['schema', 'catalogue', 'extra'], "bva: too many arguments for 'schema'. Expected 1 argument but got 2.\n"],
    [['catalogue', 'list', '--format', 'yaml'], 'bva: --format: "yaml" is not one of: text, json\n'],
  ])('refuses %j as a usage error: one line, exit 2', async (args, stderr) => {
    const r = await bva(args);
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });

  it('prints help to stderr and exits 2 when no command is given', async () => {
    const r = await bva([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('Usage: bva [options] [command]');
  });

  it('writes data to stdout and messages to stderr', async () => {
    const dir = tempDir();
    const r = await bva(['init', 'a.yaml', '--authority', 'A', '--period', '2025-26'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Wrote a\.yaml: /);
    const list = await bva(['catalogue', 'list', '--format', 'json']);
    expect(list.stderr).toBe('');
    expect(() => JSON.parse(list.stdout) as unknown).not.toThrow();
  });

  it('prints no stack trace for an error, and one with BVA_DEBUG=1', async () => {
    const args = ['catalogue', 'show', '--catalogue', 'missing.yaml'];
    const plain = await bva(args);
    expect(plain).toEqual({ code: 2, stdout: '', stderr: 'bva: missing.yaml: no such file\n' });
    expect(hasStackTrace(plain.stderr)).toBe(false);
    const debug = await bva(args, { env: { BVA_DEBUG: '1' } });
    expect(debug.code).toBe(2);
    expect(debug.stderr.split('\n').slice(0, 2)).toEqual(['bva: missing.yaml: no such file', 'InputError: missing.yaml: no such file']);
    expect(hasStackTrace(debug.stderr)).toBe(true);
  });

  it('prints no colour when the output is not a terminal, even without NO_COLOR', async () => {
    const r = await bva(['validate', 'examples/invalid/unknown-theme.yaml'], { env: { NO_COLOR: undefined } });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).toContain('examples/invalid/unknown-theme.yaml:8:3 error: unknown theme');
  });
});

/** Runs bva in-process with streams that say whether they are a terminal. */
async function onTerminal(args: readonly string[], env: Record<string, string>, isTTY = true): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await run({
    argv: args,
    stdout: { write: (s: string) => (stdout += s), isTTY, columns: 80 },
    stderr: { write: (s: string) => (stderr += s), isTTY },
    cwd: ROOT,
    env: { PATH: process.env['PATH'], ...env },
    home: ROOT,
  });
  return { code, stdout, stderr };
}

describe('BVA_TODAY', () => {
  it('a real date fixes today; anything else is refused, exit 2, before the command runs', async () => {
    const fixed = await HOSTS['in-process'](['report', 'examples/2025-26.yaml', '--format', 'json'], { env: { BVA_TODAY: '2026-02-03' } });
    expect((JSON.parse(fixed.stdout) as { asOf: string }).asOf).toBe('2026-02-03');
    for (const value of ['2026-02-30', 'tomorrow', '2026-2-3', ' 2026-02-03']) {
      for (const bva of Object.values(HOSTS)) {
        expect(await bva(['validate', 'examples/2025-26.yaml'], { env: { BVA_TODAY: value } })).toEqual({
          code: 2,
          stdout: '',
          stderr: `bva: BVA_TODAY must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}\nRun bva --help for usage.\n`,
        });
      }
    }
  });

  it('set but empty is as if it were not set', async () => {
    expect((await HOSTS['in-process'](['validate', 'examples/2025-26.yaml'], { env: { BVA_TODAY: '' } })).code).toBe(0);
  });
});

describe('colour', () => {
  it('colours problems on a terminal', async () => {
    const r = await onTerminal(['validate', 'examples/invalid/unknown-theme.yaml'], {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`examples/invalid/unknown-theme.yaml:8:3 ${ESC}31merror${ESC}39m: unknown theme "leadershp"; did you mean leadership? ${ESC}2m(unknown-theme)${ESC}22m`);
    expect(r.stdout).toContain(`examples/invalid/unknown-theme.yaml: ${ESC}31minvalid${ESC}39m; 1 error, 7 warnings`);
  });

  it('colours messages on a terminal stderr', async () => {
    const r = await onTerminal(['schema', 'nothing'], {});
    expect(r.stderr).toBe(`${ESC}31mbva:${ESC}39m no schema "nothing"; choose one of: catalogue, answers, report, trend, actions, config\nRun bva --help for usage.\n`);
  });

  it.each([
    ['NO_COLOR is set', { NO_COLOR: '1' }, true],
    ['NO_COLOR is set to anything', { NO_COLOR: 'false' }, true],
    ['TERM is dumb', { TERM: 'dumb' }, true],
    ['the streams are not a terminal', {}, false],
  ])('prints none when %s', async (_, env, isTTY) => {
    const r = await onTerminal(['validate', 'examples/invalid/unknown-theme.yaml', 'missing.yaml'], env, isTTY);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(ESC);
    expect(r.stderr).toBe('bva: missing.yaml: no such file\n');
  });

  // A real terminal for the built binary, through script(1) where it is installed.
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  const onPty = (env: Record<string, string>): string =>
    spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} validate examples/invalid/unknown-theme.yaml`, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], TERM: 'xterm', ...env },
    }).stdout;

  it.skipIf(!hasScript)('colours the binary on a terminal, and not with NO_COLOR', () => {
    expect(onPty({})).toContain(`${ESC}31merror${ESC}39m: unknown theme`);
    const plain = onPty({ NO_COLOR: '1' });
    expect(plain).toContain('8:3 error: unknown theme');
    expect(plain).not.toContain(ESC);
  });
});

describe('internal errors', () => {
  it('say it is a bug, in one line and a hint, with the stack only under BVA_DEBUG=1', async () => {
    const failing = async (env: Record<string, string>): Promise<Outcome> => {
      let stderr = '';
      const code = await run({
        argv: ['catalogue', 'list'],
        stdout: {
          write: () => {
            throw new TypeError('the stream broke');
          },
        },
        stderr: { write: (s: string) => (stderr += s) },
        cwd: ROOT,
        env: { NO_COLOR: '1', ...env },
        home: ROOT,
      });
      return { code, stdout: '', stderr };
    };
    const plain = await failing({});
    expect(plain).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: internal error: the stream broke\nThis is a bug in bva; please report it with the command you ran. Set BVA_DEBUG=1 for details.\n',
    });
    const debug = await failing({ BVA_DEBUG: '1' });
    expect(debug.stderr).toMatch(/^bva: internal error: the stream broke\nThis is a bug in bva; [^\n]*\nTypeError: the stream broke\n\s+at /);
  });

  it('the binary prints none unless BVA_DEBUG=1', () => {
    // A bug stood in for by a preloaded script that breaks the standard output's write.
    const dir = tempDir({ 'break.cjs': "process.stdout.write = () => { throw new TypeError('the stream broke'); };\n" });
    const env = { NODE_OPTIONS: `--require ${join(dir, 'break.cjs')}` };
    const plain = bvaBinary(['catalogue', 'list'], { cwd: dir, env });
    expect(plain).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: internal error: the stream broke\nThis is a bug in bva; please report it with the command you ran. Set BVA_DEBUG=1 for details.\n',
    });
    const debug = bvaBinary(['catalogue', 'list'], { cwd: dir, env: { ...env, BVA_DEBUG: '1' } });
    expect(hasStackTrace(debug.stderr)).toBe(true);
  });
});
