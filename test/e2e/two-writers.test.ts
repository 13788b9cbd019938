// Two writers, end to end on the built binary: `bva assess` (in a real terminal) and `bva answer`
// hold a lock beside the answers file naming their process; a second writer refuses with a message
// naming the holder (exit 2) and leaves the file untouched; a lock whose process has gone is taken
// over with a notice; the lock goes when the writer ends. Writers that race never lose an update.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BIN, bvaBinary, hasStackTrace, read, tempCopy } from '../helpers.js';
import { hasScript, Terminal } from '../pty.js';

const FILE = 'council.yaml';
const LOCK = `.${FILE}.bva-lock`;
/** `bva assess` on the council's file in a pseudo-terminal, with HOME in the test's folder. */
const assessIn = (dir: string): Terminal => new Terminal(['assess', FILE], dir, { home: dir });

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

const holderOf = (dir: string): Holder => JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as Holder;
/** How the refusal names when the holder started: its lock's time, to the minute. */
const since = (h: Holder): string => h.since.slice(0, 16).replace('T', ' ');
/** A process id that no process has now. */
const goneProcess = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

const council = (): string => tempCopy({ [FILE]: 'examples/2025-26.yaml' });

describe('bva answer while bva assess has the file open (binary)', () => {
  it.skipIf(!hasScript)('refuses, naming the assess process, and leaves the file untouched; goes ahead once assess has ended', { timeout: 60_000 }, async () => {
    const dir = council();
    const original = read(join(dir, FILE));
    const assess = assessIn(dir);
    try {
      await assess.waitFor('What next?');
      const holder = holderOf(dir);
      expect(holder).toEqual({ pid: holder.pid, host: hostname(), command: 'bva assess', since: holder.since, instance: expect.stringMatching(/^[0-9a-f-]+\/\d+$/) });
      // The lock names the bva process itself, which is alive.
      expect(spawnSync('kill', ['-0', String(holder.pid)]).status).toBe(0);

      const refused = bvaBinary(['answer', FILE, 'lead.c1', '--rating', 'developing'], { cwd: dir });
      expect(refused).toEqual({
        code: 2,
        stdout: '',
        stderr: `bva: ${FILE} is being edited by another bva (bva assess, process ${holder.pid}, since ${since(holder)} UTC); try again when it has finished\n`,
      });
      expect(read(join(dir, FILE))).toBe(original);
      expect(holderOf(dir)).toEqual(holder);

      // Ctrl-C at the menu ends the sitting (exit 130) and lets go of the lock.
      assess.type('\x03');
      expect(await assess.exit).toBe(130);
    } finally {
      assess.kill('SIGKILL');
    }
    expect(existsSync(join(dir, LOCK))).toBe(false);
    const after = bvaBinary(['answer', FILE, 'lead.c1', '--rating', 'developing'], { cwd: dir });
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(/^lead\.c1: developing/);
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it.skipIf(!hasScript)('a second bva assess refuses too (exit 2), and the first carries on', { timeout: 60_000 }, async () => {
    const dir = council();
    const first = assessIn(dir);
    let second: Terminal | undefined;
    try {
      await first.waitFor('What next?');
      const holder = holderOf(dir);
      second = assessIn(dir);
      expect(await second.exit).toBe(2);
      expect(second.screen).toContain(`bva: ${FILE} is being edited by another bva (bva assess, process ${holder.pid}, since ${since(holder)} UTC); try again when it has finished`);
      expect(hasStackTrace(second.screen)).toBe(false);
      expect(holderOf(dir)).toEqual(holder);
      // The first is still at its menu, and ends as usual.
      first.type('\x03');
      expect(await first.exit).toBe(130);
    } finally {
      first.kill('SIGKILL');
      second?.kill('SIGKILL');
    }
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it.skipIf(!hasScript)('bva assess refuses a lock held by a live process that is not bva, says how to check it, and leaves it as it was', { timeout: 30_000 }, async () => {
    // A live process (this test's own, which is not bva) named in the lock, as bva answer writes it.
    const dir = council();
    const lock = { pid: process.pid, host: hostname(), command: 'bva answer', since: new Date().toISOString() };
    writeFileSync(join(dir, LOCK), JSON.stringify(lock));
    const assess = assessIn(dir);
    try {
      expect(await assess.exit).toBe(2);
      expect(assess.screen.replace(/\n/g, '')).toContain(
        `bva: ${FILE} is locked by process ${process.pid} (bva answer, since ${since(lock)} UTC), which is running but is not bva; if ps -p ${process.pid} shows it has nothing to do with ${FILE}, remove ${LOCK}`,
      );
    } finally {
      assess.kill('SIGKILL');
    }
    expect(JSON.parse(read(join(dir, LOCK)))).toEqual(lock);
  });
});

describe('a stale lock (binary)', () => {
  it('left by a process that has gone: bva answer takes it over with a notice, saves, and removes it', () => {
    const dir = council();
    const pid = goneProcess();
    writeFileSync(join(dir, LOCK), JSON.stringify({ pid, host: hostname(), command: 'bva assess', since: '2026-01-05T10:00:00.000Z' }));
    const r = bvaBinary(['answer', FILE, 'lead.c1', '--rating', 'developing'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toEqual([`bva: ${FILE}: recovered a stale lock left by process ${pid} (bva assess)`, expect.stringMatching(/^lead\.c1: developing/), '']);
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it('that cannot be read: taken over with a notice', () => {
    const dir = council();
    writeFileSync(join(dir, LOCK), '');
    const r = bvaBinary(['answer', FILE, 'lead.c1', '--rating', 'developing'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(`bva: ${FILE}: recovered an unreadable lock file`);
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it.skipIf(!hasScript)('left by a process that has gone: bva assess takes it over with a notice and holds it for the sitting', { timeout: 30_000 }, async () => {
    const dir = council();
    const pid = goneProcess();
    writeFileSync(join(dir, LOCK), JSON.stringify({ pid, host: hostname(), command: 'bva answer', since: '2026-01-05T10:00:00.000Z' }));
    const assess = assessIn(dir);
    try {
      await assess.waitFor('What next?');
      expect(assess.screen).toContain(`bva: ${FILE}: recovered a stale lock left by process ${pid} (bva answer)`);
      expect(holderOf(dir).command).toBe('bva assess');
      expect(holderOf(dir).pid).not.toBe(pid);
      assess.type('\x03');
      expect(await assess.exit).toBe(130);
    } finally {
      assess.kill('SIGKILL');
    }
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it('held on another computer: refused, saying how to clear it if it is wrong', () => {
    const dir = council();
    const original = read(join(dir, FILE));
    writeFileSync(join(dir, LOCK), JSON.stringify({ pid: 4242, host: 'finance-laptop-07', command: 'bva assess', since: '2026-01-05T10:00:00.000Z' }));
    const r = bvaBinary(['answer', FILE, 'lead.c1', '--rating', 'developing'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `bva: ${FILE} is locked by bva on finance-laptop-07 (process 4242); remove ${LOCK} if that is wrong\n` });
    expect(read(join(dir, FILE))).toBe(original);
  });
});

describe('writers that race (binary)', () => {
  /** Races run, their starts spread over 350 ms (a thousand races for a stale lock are in npm run stress). */
  const RACES = 8;
  /** One bva answer, not waited on. */
  const start = (dir: string, indicator: string, rating: string): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, 'answer', FILE, indicator, '--rating', rating], { cwd: dir, env: { PATH: process.env['PATH'], NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  const ratingOf = (text: string, theme: string, id: string): unknown =>
    (jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as { themes: Record<string, { indicators: Record<string, { rating: unknown }> }> }).themes[theme]!.indicators[id]!.rating;

  it('never lose an update: each either saves (and its change is in the file) or is refused and changes nothing', { timeout: 90_000 }, async () => {
    let both = 0;
    let oneRefused = 0;
    for (let i = 0; i < RACES; i++) {
      const dir = council();
      // Two different indicators, set to values they do not have; the second starts 0 to 350 ms
      // after the first, so some runs overlap wholly and some only as the first one writes.
      const [a, b] = await Promise.all([start(dir, 'lead.c1', 'not-in-place'), new Promise((r) => setTimeout(r, (i * 350) / (RACES - 1))).then(() => start(dir, 'gov.c1', 'not-in-place'))]);
      const text = read(join(dir, FILE));
      for (const [r, theme, id] of [[a, 'leadership', 'lead.c1'], [b, 'governance', 'gov.c1']] as const) {
        expect([0, 2]).toContain(r.code);
        if (r.code === 0) expect(ratingOf(text, theme, id)).toBe('not-in-place');
        else {
          expect(r.stderr).toMatch(new RegExp(`^bva: ${FILE} is being edited by another bva \\(bva answer, process \\d+, since [\\d-]+ [\\d:]+ UTC\\); try again when it has finished\\n$`));
          expect(ratingOf(text, theme, id)).not.toBe('not-in-place');
        }
      }
      if (a.code === 0 && b.code === 0) both++;
      else oneRefused++;
      expect(a.code === 0 || b.code === 0).toBe(true);
      expect(readdirSync(dir)).toEqual([FILE]);
    }
    console.log(`two writers: ${RACES} races; both saved (one after the other) ${both}, one refused ${oneRefused}`);
  });
});
