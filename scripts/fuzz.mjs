#!/usr/bin/env node
// `npm run fuzz`: the property tests (test/property) with many more runs than CI gives them, then
// how many times each property ran, and for any that failed its counterexample and the command
// that replays it. CI runs the same tests with FUZZ_RUNS unset (100 runs per property).
//
//   node scripts/fuzz.mjs [--runs N] [--seed S --path P --file F]
//
// --runs  runs per property (default 5000; properties that run whole commands take a fifth, or a
//         third, of that, as their tests say)
// --seed, --path, --file  replay a failure exactly, as the failure report gives them
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5000' }, seed: { type: 'string' }, path: { type: 'string' }, file: { type: 'string' } },
  strict: true,
});
if (!/^\d+$/.test(values.runs) || Number(values.runs) < 1) {
  console.error(`fuzz: --runs must be a whole number above 0, got ${JSON.stringify(values.runs)}`);
  process.exit(2);
}

const folder = mkdtempSync(join(tmpdir(), 'bva-fuzz-'));
const report = join(folder, 'runs.jsonl');
const env = {
  ...process.env,
  FUZZ_RUNS: values.runs,
  FUZZ_REPORT: report,
  ...(values.seed !== undefined ? { FUZZ_SEED: values.seed } : {}),
  ...(values.path !== undefined ? { FUZZ_PATH: values.path } : {}),
};
console.log(`fuzz: ${values.runs} runs per property${values.seed !== undefined ? `, seed ${values.seed}` : ''}`);
const started = Date.now();
const vitest = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', values.file ?? 'test/property'], { cwd: root, env, stdio: 'inherit' });

let rows = [];
try {
  rows = readFileSync(report, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
} catch {
  // no property finished
}
rmSync(folder, { recursive: true, force: true });

const total = rows.reduce((n, r) => n + r.runs, 0);
const width = Math.max(8, ...rows.map((r) => r.name.length));
console.log(`\n${'property'.padEnd(width)}  ${'runs'.padStart(7)}  seed`);
for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.runs).padStart(7)}  ${r.seed}${r.failed ? '  FAILED' : ''}`);
console.log(`${'total'.padEnd(width)}  ${String(total).padStart(7)}  (${Math.round((Date.now() - started) / 1000)} s)`);
for (const r of rows.filter((x) => x.failed)) {
  console.log(`\n${r.name} failed after ${r.runs} runs: ${r.error}`);
  console.log(`counterexample: ${r.counterexample}`);
  console.log(`replay: node scripts/fuzz.mjs --runs ${values.runs} --seed ${r.seed} --path ${r.path} --file ${r.file}`);
}
process.exit(vitest.status ?? 1);
