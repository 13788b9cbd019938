// A thousand races for a stale lock: six `bva answer` runs started together on one file, each
// setting a different indicator, with a lock left behind by a process that has gone. Each run
// either saves, and its change is in the file, or is refused and changes nothing; at most one
// takes the stale lock over. No update is ever lost.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, processInstance } from '../../src/source/processes.js';
import { BIN, leadershipAnswers, tempDir } from '../helpers.js';

const TRIALS = Number(process.env['BVA_TRIALS'] ?? 1000);
const WRITERS = 6;
const FILE = 'f.yaml';
const LOCK = `.${FILE}.bva-lock`;

const start = (dir: string, indicator: string): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'answer', FILE, indicator, '--rating', 'not-in-place'], { cwd: dir, env: { PATH: process.env['PATH'], NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('close', (code) => resolve({ code, stderr }));
  });

const ratings = (text: string): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries((jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as { themes: { leadership: { indicators: Record<string, { rating: unknown }> } } }).themes.leadership.indicators).map(([id, a]) => [id, a.rating]),
  );

const tally = { trials: 0, saved: 0, refused: 0, lost: 0, recovered: 0 };
afterAll(() => {
  console.log(
    `stale lock: ${tally.trials} trials of ${WRITERS} writers with a stale lock; ${tally.saved} saved, ${tally.refused} refused, ${tally.recovered} stale locks taken over, ${tally.lost} updates lost`,
  );
});

describe('writers racing for a stale lock (binary)', () => {
  it(`never lose an update in ${TRIALS} trials`, async () => {
    const ids = Array.from({ length: WRITERS }, (_, i) => `lead.c${i + 1}`);
    const original = leadershipAnswers(...ids.flatMap((id) => [`      ${id}:`, '        rating: developing']));
    // A process number no process has, found once. It may be given to a new process (one of the
    // writers, even) during the run: the lock names the run of the process that took it, as bva's
    // locks do, so the number's new owner is never taken for the holder.
    let gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const boot = processInstance(process.pid)?.split('/')[0];
    for (let t = 0; t < TRIALS; t++) {
      const dir = tempDir({ [FILE]: original });
      if (boot === undefined && isAlive(gone)) gone = spawnSync(process.execPath, ['-e', '0']).pid!;
      const holder = { pid: gone, host: hostname(), command: 'bva answer', since: new Date().toISOString(), ...(boot ? { instance: `${boot}/1` } : {}) };
      writeFileSync(join(dir, LOCK), `${JSON.stringify(holder)}\n`);
      const runs = await Promise.all(ids.map((id) => start(dir, id)));
      const now = ratings(readFileSync(join(dir, FILE), 'utf8'));
      let recovered = 0;
      runs.forEach((r, i) => {
        if (r.stderr.includes('recovered a stale lock')) recovered++;
        if (r.code === 0) {
          tally.saved++;
          if (now[ids[i]!] !== 'not-in-place') tally.lost++;
        } else {
          expect(r.code, r.stderr).toBe(2);
          expect(r.stderr).toMatch(new RegExp(`^bva: ${FILE} is being edited by another bva \\(bva answer, process \\d+, since [\\d-]+ [\\d:]+ UTC\\); try again when it has finished\\n$`));
          expect(now[ids[i]!]).toBe('developing');
          tally.refused++;
        }
      });
      tally.recovered += recovered;
      tally.trials++;
      expect(tally.lost, `trial ${t}: ${JSON.stringify(runs)}`).toBe(0);
      expect(recovered).toBeLessThanOrEqual(1);
      expect(readdirSync(dir), `trial ${t}: ${JSON.stringify(runs)}`).toEqual([FILE]);
    }
  });
});
