// Crash safety, end to end on the built binary: `bva answer` killed with SIGKILL at random moments
// (test/kills.ts) leaves the answers file old or new in full; a killed write's leftovers go with the
// next write; Ctrl-C during a save of `bva assess` lets the write finish.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/commands/assess.js';
import { makeContext } from '../../src/commands/make-context.js';
import { CancelledError } from '../../src/errors.js';
import { hostTag } from '../../src/source/processes.js';
import type { Prompts, QuestionId, SelectQuestion, TextQuestion } from '../../src/questionnaire/flow.js';
import { ROOT, tempCopy } from '../helpers.js';
import { answer, describeKills, edit, FILE } from '../kills.js';

// A few kills at random moments and a few as the write starts, enough to reach every part of a
// run's life; npm run stress runs 200 and 50 (test/stress/crash-safety.stress.ts).
describeKills({ kills: Number(process.env['BVA_KILLS'] ?? 16), targeted: 8 });

describe('a killed write\'s leftovers (binary)', () => {
  /** A temporary file's name as a write by process `pid` of this computer makes it. */
  const tempOf = (pid: number): string => `.${FILE}.bva-${pid}-${hostTag()}-0123abcd.tmp`;

  it('a half-written temporary file left by a killed write goes with the next write', async () => {
    const dir = tempCopy({ [FILE]: 'examples/2025-26.yaml' });
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(dir, tempOf(gone)), readFileSync(join(dir, FILE)).subarray(0, 1000));
    const r = await answer(dir, edit(1));
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual([FILE]);
  });

  it("another bva's write in progress is left alone, and so is an unknown one until it is an hour old", async () => {
    // Two bva writing one path at once (two reports to one --out): each one's clean-up must not
    // remove the other's temporary file, or the other's rename fails.
    const dir = tempCopy({ [FILE]: 'examples/2025-26.yaml' });
    const live = tempOf(process.pid);
    const unknown = `.${FILE}.bva-0123456789ab.tmp`;
    const old = `.${FILE}.bva-0123456789cd.tmp`;
    for (const name of [live, unknown, old]) writeFileSync(join(dir, name), 'partial');
    const hourAgo = new Date(Date.now() - 61 * 60 * 1000);
    utimesSync(join(dir, old), hourAgo, hourAgo);
    const r = await answer(dir, edit(1));
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([live, unknown, FILE].sort());
  });
});

// --- Ctrl-C while a save is being written ---------------------------------------------------

/** Prompts that give these answers, by question, in order; anything else fails the test. */
function scripted(answers: readonly [QuestionId, string][]): Prompts {
  const queue = [...answers];
  const next = (id: QuestionId): string => {
    const step = queue.shift();
    if (!step || step[0] !== id) throw new Error(`asked ${id}, expected ${step?.[0] ?? 'nothing more'}`);
    return step[1];
  };
  return {
    select: async <V,>(q: SelectQuestion<V>): Promise<V> => {
      const value = next(q.id);
      const choice = q.choices.find((c): c is { value: V; name: string } => 'value' in c && String(c.value) === value);
      if (!choice) throw new Error(`${q.id}: no choice ${value}`);
      return choice.value;
    },
    input: async (q: TextQuestion): Promise<string> => next(q.id),
  };
}

describe('Ctrl-C while bva assess is saving an answer (in process)', () => {
  // The launcher holds SIGINT off while a save is written (bin/bva.js passes holdInterrupts; see
  // the report). Here the hold says Ctrl-C came during the save: the save completes, then the
  // sitting stops with exit 130 and the usual message, the lock released.
  it('finishes the write, then stops the sitting with the usual message', async () => {
    const dir = tempCopy({ [FILE]: 'test/fixtures/answers/commented.yaml' });
    const path = join(dir, FILE);
    const ctx = makeContext({ argv: [], stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: { NO_COLOR: '1' }, home: ROOT }, 'test');
    let holds = 0;
    const holdInterrupts = (): (() => boolean) => {
      holds++;
      return () => true;
    };
    const prompts = scripted([
      ['menu', 'continue'],
      ['rating', 'developing'],
      ['commentary', 'Agreed at the October workshop.'],
      ['evidence', ''],
      ['action', ''],
      ['more', 'save'],
    ]);
    const before = readFileSync(path, 'utf8');
    const stopped = assess(ctx, FILE, {}, { prompts, holdInterrupts });
    await expect(stopped).rejects.toThrow(CancelledError);
    await expect(stopped).rejects.toThrow(/^Stopped\. \d+ of 86 answered, saved in answers\.yaml\. Run bva assess answers\.yaml to carry on\.$/);
    expect(holds).toBe(1);
    const after = readFileSync(path, 'utf8');
    expect(after).not.toBe(before);
    expect(after).toContain('Agreed at the October workshop.');
    expect(readdirSync(dir)).toEqual([FILE]);
  });
});

