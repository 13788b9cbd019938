// The kill test, shared by npm test (a few kills) and npm run stress (hundreds): `bva answer` is
// started again and again and killed with SIGKILL at a random moment of its life (before, during
// and after its write). After every kill the answers file reads as valid and its bytes are, in
// full, either what they were before the run or what a run left to finish writes. A killed run's
// temporary file is gone after the next write, and the lock it held is taken over, with a notice,
// by the next run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAnswersText } from '../src/answers/load.js';
import { CatalogueStore } from '../src/catalogue/shipped.js';
import { lockPathFor } from '../src/source/lock.js';
import { BIN, ROOT, tempCopy, tempDir } from './helpers.js';

/** Two lanes: two files, one writer each (the machine has two cores). */
const LANES = 2;
export const FILE = 'answers.yaml';
const INDICATOR = 'lead.c1';

const ENV = { PATH: process.env['PATH'], HOME: process.env['HOME'], NO_COLOR: '1' };

/** The k-th edit (ten distinct ones, each unlike the one before it): the arguments after `bva answer FILE INDICATOR`. */
export const edit = (k: number): string[] => [
  '--rating',
  k % 2 === 0 ? 'developing' : 'embedded',
  '--commentary',
  `Edit ${k % 5} of the kill test. The leadership team reviewed this indicator again and agreed the wording below, which runs on to more than one line so that the write takes more than one block.`,
];

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly ms: number;
  /** True when SIGKILL reached a running process. */
  readonly killed: boolean;
}

/** Runs `bva answer` in `dir`, and SIGKILLs it after `killAfterMs` if it is still running then. */
export function answer(dir: string, args: readonly string[], killAfterMs?: number): Promise<Finished> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'answer', FILE, INDICATOR, ...args], { cwd: dir, env: ENV });
    let stderr = '';
    let killed = false;
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer =
      killAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            if (child.exitCode === null && child.signalCode === null) killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr, ms: performance.now() - started, killed });
    });
  });
}

/** Temporary files a write or a lock in the making leaves beside the file: `.NAME.bva-*.tmp`. */
export const tempFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith(`.${FILE}.bva-`) && f.endsWith('.tmp'));
/** The temporary file of a write (the lock's own is `.NAME.bva-lock-*.tmp`). */
const isWriteTemp = (name: string): boolean => !name.startsWith(`.${FILE}.bva-lock-`);

/** What a run says when it takes over the lock a killed run left. */
const notice = (pid: number): string => `bva: ${FILE}: recovered a stale lock left by process ${pid} (bva answer)`;

/**
 * The kill tests: `kills` runs of bva answer SIGKILLed at random moments, over two files, and
 * `targeted` more killed the moment their temporary file appears. npm test runs a few of each;
 * npm run stress runs hundreds.
 */
export function describeKills({ kills: KILLS, targeted: TARGETED }: { kills: number; targeted: number }): void {
  /** What each kill left, by when it struck. */
  const counts = {
    /** Killed before the write began: old content, nothing left but perhaps the lock. */
    before: 0,
    /** Killed while writing: old content, and the temporary file it was writing left behind. */
    during: 0,
    /** Killed after the rename: new content. */
    after: 0,
    /** Finished before the kill was due. */
    finished: 0,
    /** Locks left by a kill and taken over, with the notice, by a later run. */
    locksRecovered: 0,
    /** Temporary files left by a kill and removed by the next write. */
    tempsRemoved: 0,
    /** Runs killed as their temporary file appeared, by what the file held after. */
    targeted: { old: 0, new: 0, kills: 0 },
  };

  describe(`bva answer killed at random moments (binary): ${KILLS} kills, ${TARGETED} as the write starts`, () => {
  afterAll(() => {
    const kills = counts.before + counts.during + counts.after;
    console.log(
      `crash safety: ${kills} kills survived (before the write, old content: ${counts.before}; during it, old content: ${counts.during}; after it, new content: ${counts.after}); ` +
        `${counts.finished} runs finished first; ${counts.locksRecovered} stale locks recovered; ${counts.tempsRemoved} leftover temporary files removed; ` +
        `${counts.targeted.kills} more of ${TARGETED} runs killed as their temporary file appeared (old content after: ${counts.targeted.old}, new: ${counts.targeted.new})`,
    );
  });

    it(`leaves the file old or new in full after each of ${KILLS} kills`, { timeout: 240_000 }, async () => {
      const store = new CatalogueStore(ROOT);

      // 1. How long one run takes, so the kills spread over its whole life: measured two at a time,
      // as the lanes run, and kept up to date with every run that finishes.
      const times: number[] = [];
      const probe = async (): Promise<void> => {
        const dir = tempCopy({ [FILE]: 'examples/2025-26.yaml' });
        for (let k = 0; k < 3; k++) {
          const r = await answer(dir, edit(k));
          expect(r.code, r.stderr).toBe(0);
          times.push(r.ms);
        }
      };
      await Promise.all([probe(), probe()]);
      const life = (): number => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

      // 2. What a finished run writes, for each file content and edit: found once, by running it on a copy.
      const expectedAfter = new Map<string, Buffer>();
      const finishedFrom = async (before: Buffer, k: number): Promise<Buffer> => {
        const key = `${before.toString('base64')}|${k % 10}`;
        let after = expectedAfter.get(key);
        if (!after) {
          const scratch = tempDir({ [FILE]: before });
          const r = await answer(scratch, edit(k));
          expect(r.code, r.stderr).toBe(0);
          times.push(r.ms);
          after = readFileSync(join(scratch, FILE));
          expectedAfter.set(key, after);
        }
        return after;
      };

      // 3. Each lane kills runs on its own file until it has its share of kills.
      const lane = async (n: number): Promise<void> => {
        const dir = tempCopy({ [FILE]: 'examples/2025-26.yaml' });
        const path = join(dir, FILE);
        let kills = 0;
        let staleLock: number | undefined;
        // The file holds the result of edit `written` (-1: the example as it was); each run makes the
        // next edit, and is made again until it gets written.
        let written = -1;
        for (let run = 0; kills < Math.ceil(KILLS / LANES); run++) {
          const k = written + 1;
          const before = readFileSync(path);
          const after = await finishedFrom(before, k);
          expect(after.equals(before), 'each edit changes the file').toBe(false);
          const r = await answer(dir, edit(k), Math.random() * 1.2 * life());
          const now = readFileSync(path);

          // The file reads as valid answers, and is the old or the new content in full.
          const loaded = await loadAnswersText({ path: FILE, text: now.toString('utf8'), bom: false, eol: '\n', mode: 0o644 }, path, { store });
          expect(loaded.ok, `lane ${n}, run ${run}: the file does not load`).toBe(true);
          const isOld = now.equals(before);
          const isNew = now.equals(after);
          if (isNew) written = k;
          expect(isOld || isNew, `lane ${n}, run ${run}: killed after ${r.ms.toFixed(0)} ms, the file is neither old nor new`).toBe(true);

          if (!r.killed) {
            // Finished: it wrote, took over any stale lock with a notice, and cleaned up.
            expect(r.code, r.stderr).toBe(0);
            expect(isNew).toBe(true);
            if (staleLock !== undefined) {
              expect(r.stderr.split('\n')[0]).toBe(notice(staleLock));
              counts.locksRecovered++;
              staleLock = undefined;
            }
            expect(tempFiles(dir)).toEqual([]);
            expect(existsSync(lockPathFor(path))).toBe(false);
            times.push(r.ms);
            counts.finished++;
            continue;
          }
          kills++;
          const temps = tempFiles(dir);
          const writing = temps.some(isWriteTemp);
          if (isNew) counts.after++;
          else if (writing) counts.during++;
          else counts.before++;
          // A write's temporary file means the write had begun and the rename had not happened.
          if (writing) expect(isOld).toBe(true);

          // A lock left behind names its process (never empty, even when killed as it was made);
          // the next run that gets that far takes it over.
          if (staleLock !== undefined && r.stderr.startsWith(notice(staleLock))) counts.locksRecovered++;
          if (existsSync(lockPathFor(path))) {
            const holder = JSON.parse(readFileSync(lockPathFor(path), 'utf8')) as { pid: number };
            expect(holder.pid).toBeGreaterThan(0);
            staleLock = holder.pid;
          } else {
            staleLock = undefined;
          }
          // Leftover temporary files go with the next write that finishes.
          if (temps.length > 0) {
            const next = await answer(dir, edit(written + 1));
            expect(next.code, next.stderr).toBe(0);
            written++;
            if (staleLock !== undefined) {
              expect(next.stderr.split('\n')[0]).toBe(notice(staleLock));
              counts.locksRecovered++;
              staleLock = undefined;
            }
            expect(tempFiles(dir)).toEqual([]);
            counts.tempsRemoved += temps.length;
          }
        }
        // 4. A last run finishes, recovering any lock, and the file validates with the binary too.
        const last = await answer(dir, edit(written + 1));
        expect(last.code, last.stderr).toBe(0);
        if (staleLock !== undefined) {
          expect(last.stderr.split('\n')[0]).toBe(notice(staleLock));
          counts.locksRecovered++;
        }
        expect(tempFiles(dir)).toEqual([]);
        const v = spawnSync(process.execPath, [BIN, 'validate', FILE], { cwd: dir, env: ENV, encoding: 'utf8' });
        expect(v.status, v.stdout + v.stderr).toBe(0);
      };
      await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n)));

      const kills = counts.before + counts.during + counts.after;
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      // Hundreds of kills reach every part of a run's life (a kill falls after the rename about one
      // time in twenty); a few may all fall before the write, which proves less but never fails.
      expect(counts.before).toBeGreaterThan(0);
      if (KILLS >= 100) expect(counts.after).toBeGreaterThan(0);
    });

    it('leaves the file old or new in full when killed the moment its temporary file appears', { timeout: 120_000 }, async () => {
      // Random moments rarely fall in the few milliseconds of the write itself: here each run is
      // killed as soon as the folder shows its temporary file, between that and the rename.
      const dir = tempCopy({ [FILE]: 'examples/2025-26.yaml' });
      const path = join(dir, FILE);
      const store = new CatalogueStore(ROOT);
      const outcome = { old: 0, new: 0, kills: 0 };
      let written = -1;
      for (let run = 0; run < TARGETED; run++) {
        const before = readFileSync(path);
        const result = await new Promise<Finished>((resolve) => {
          const started = performance.now();
          const child = spawn(process.execPath, [BIN, 'answer', FILE, INDICATOR, ...edit(written + 1)], { cwd: dir, env: ENV });
          let killed = false;
          let stderr = '';
          child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
          const watcher = watch(dir, (_, name) => {
            if (name !== null && name.startsWith(`.${FILE}.bva-`) && !name.startsWith(`.${FILE}.bva-lock`) && child.exitCode === null) killed = child.kill('SIGKILL');
          });
          child.on('close', (code, signal) => {
            watcher.close();
            resolve({ code, signal, stderr, ms: performance.now() - started, killed });
          });
        });
        const now = readFileSync(path);
        const loaded = await loadAnswersText({ path: FILE, text: now.toString('utf8'), bom: false, eol: '\n', mode: 0o644 }, path, { store });
        expect(loaded.ok).toBe(true);
        if (now.equals(before)) {
          outcome.old++;
        } else {
          // Not the old content: then the new, in full, as a finished run writes it.
          const scratch = tempDir({ [FILE]: before });
          expect((await answer(scratch, edit(written + 1))).code).toBe(0);
          expect(now.equals(readFileSync(join(scratch, FILE)))).toBe(true);
          outcome.new++;
          written++;
        }
        if (result.killed) outcome.kills++;
        else expect(result.code, result.stderr).toBe(0);
      }
      counts.targeted = outcome;
      expect(outcome.old + outcome.new).toBe(TARGETED);
      // The next write clears whatever the kills left.
      const last = await answer(dir, edit(written + 1));
      expect(last.code, last.stderr).toBe(0);
      expect(tempFiles(dir)).toEqual([]);
    });
  });
}
