// Reports written to one --out path by several bva at once: each one's clean-up leaves the others'
// temporary files alone, so every run succeeds and the file is one whole report.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, bvaBinary, tempCopy } from '../helpers.js';

const ROUNDS = Number(process.env['BVA_ROUNDS'] ?? 50);
const AT_ONCE = 4;
const ARGS = ['report', '2025-26.yaml', '--as-of', '2026-01-31'];

const report = (dir: string): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...ARGS, '--out', 'report.md'], { cwd: dir, env: { PATH: process.env['PATH'], NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('close', (code) => resolve({ code, stderr }));
  });

describe('reports written to one path at once (binary)', () => {
  it(`all succeed, ${AT_ONCE} at a time, ${ROUNDS} times`, async () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    const expected = bvaBinary(ARGS, { cwd: dir }).stdout;
    for (let round = 0; round < ROUNDS; round++) {
      const runs = await Promise.all(Array.from({ length: AT_ONCE }, () => report(dir)));
      for (const r of runs) expect(r.code, `round ${round}: ${r.stderr}`).toBe(0);
      expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe(expected);
      expect(readdirSync(dir).sort()).toEqual(['2025-26.yaml', 'report.md']);
    }
  });
});
