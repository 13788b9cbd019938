// bva in a real pseudo-terminal (util-linux `script`), for the tests that type at it: the
// questionnaire, the lock between writers, hostile text on screen. Tests wait for text, never time.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN } from './helpers.js';

/** Keys as a terminal sends them. */
export const KEY = { up: '\x1b[A', down: '\x1b[B', enter: '\r', escape: '\x1b', ctrlC: '\x03' } as const;

/** Text as a terminal sends it when pasted with bracketed paste on: marked, its line breaks as Return. */
export const pasted = (text: string): string => `\x1b[200~${text.replace(/\n/g, '\r')}\x1b[201~`;

/** True when `script` is on this machine (.ci/run installs it where it is missing). */
export const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** A word for sh -c. */
export const sh = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** Terminal output as text: escape sequences (colour, cursor movement) and carriage returns removed. */
// eslint-disable-next-line no-control-regex
export const plain = (raw: string): string => raw.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b[()][A-Za-z0-9]/g, '').replace(/\r/g, '');

export interface TerminalOptions {
  /** The terminal's width (default 100). */
  readonly cols?: number;
  /** HOME for bva (default the test runner's). */
  readonly home?: string;
  /** Send bva's stdout to stdout.txt in `cwd` instead of the terminal. */
  readonly redirectStdout?: boolean;
  /** More environment for bva (EDITOR, say). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The built bva running in a pseudo-terminal. */
export class Terminal {
  readonly #child: ChildProcessWithoutNullStreams;
  #raw = '';
  /** Where the next expected text is looked for: each wait moves past what it found. */
  #cursor = 0;
  readonly #listeners = new Set<() => void>();
  readonly exit: Promise<number | null>;

  constructor(args: readonly string[], cwd: string, o: TerminalOptions = {}) {
    const command = `stty cols ${o.cols ?? 100} rows 50; exec ${sh(process.execPath)} ${sh(BIN)} ${args.map(sh).join(' ')}${o.redirectStdout ? ' > stdout.txt' : ''}`;
    this.#child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { PATH: process.env['PATH'], HOME: o.home ?? process.env['HOME'], TERM: 'xterm-256color', NO_COLOR: '1', LANG: 'C.UTF-8', ...o.env },
    });
    const take = (chunk: Buffer): void => {
      this.#raw += chunk.toString('utf8');
      for (const l of this.#listeners) l();
    };
    this.#child.stdout.on('data', take);
    this.#child.stderr.on('data', take);
    this.exit = new Promise((resolve) => this.#child.on('close', (code) => resolve(code)));
  }

  /** Everything bva wrote to the terminal, escape sequences included. */
  get raw(): string {
    return this.#raw;
  }

  /** What bva wrote, as text. */
  get screen(): string {
    return plain(this.#raw);
  }

  /** Resolves once `text` appears after the last text waited for. */
  async waitFor(text: string, timeoutMs = 15_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        const at = this.screen.indexOf(text, this.#cursor);
        if (at === -1) return;
        this.#cursor = at + text.length;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${JSON.stringify(text)}; the screen ends:\n${this.screen.slice(-2000)}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** Types keys. */
  type(keys: string): void {
    this.#child.stdin.write(keys);
  }

  /** Waits for `text`, then types `keys`. */
  async answer(text: string, keys: string): Promise<void> {
    await this.waitFor(text);
    this.type(keys);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.#child.kill(signal);
  }
}
