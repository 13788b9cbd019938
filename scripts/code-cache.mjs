#!/usr/bin/env node
// Makes bva's own V8 code cache for a freshly built dist/bva.cjs, the one Node.js 20 uses (see
// bin/load.js; a later Node.js keeps its own compile cache instead). Runs the commands CI runs on
// every change on the shipped examples in this process, printing nothing, so that V8 compiles the code they use;
// then saves what it compiled, where bin/load.js looks for it. build.mjs runs this in a process of
// its own: the cache must come from a V8 with the same flags as a plain `node bin/bva.js`.
// Usage: node scripts/code-cache.mjs  (prints the cache's path and size)
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WARMING, cachePath, loadBundle, readBundle } from '../bin/load.js';

const home = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = readBundle(home);
const { key } = bundle;
const { exports, script } = loadBundle(home, bundle, { cache: false });
if (!key) throw new Error('dist/bva.cjs has no build key on its first line: run node scripts/build.mjs');

/** What the commands read: the examples, nothing printed, a fixed day. */
const nowhere = { write: () => true, isTTY: false };
const ex = (name) => join(home, 'examples', name);
/**
 * How each command that warms the cache (WARMING, in bin/load.js) is run here, with the exit code it
 * gives: another code means the warm-up broke, and the build says so. Only what runs on every change
 * in CI and in git hooks: V8 deserialises the whole cache at every start, whatever the command, and
 * code that a start does not run costs more to deserialise than to compile on the rare start that
 * needs it. Measured on 2026-12-03 (Node.js 20, 11 interleaved runs, CPU time): a cache warmed by
 * these three commands (613 KB) against one warmed by fifteen, including the HTML paper, diff and
 * the writer (1.13 MB), took `validate` from 300 to 269 ms and `answer` from 312 to 301, and left
 * `report --format html` (379 against 381) and `diff` (372 against 369) as they were.
 */
const RUNS = {
  validate: [0, ['validate', ex('2025-26.yaml'), ex('2024-25.yaml')]],
  report: [0, ['report', ex('2025-26.yaml'), '--previous', ex('2024-25.yaml')]],
  check: [1, ['check', ex('2025-26.yaml')]],
};
const COMMANDS = [...WARMING].map((command) => {
  if (!RUNS[command]) throw new Error(`scripts/code-cache.mjs: no run for ${command}, which bin/load.js's WARMING names`);
  return RUNS[command];
});
for (const [expected, argv] of COMMANDS) {
  const code = await exports.run({ argv, stdout: nowhere, stderr: nowhere, cwd: home, env: { NO_COLOR: '1' }, home, now: () => new Date('2026-01-31T12:00:00Z') });
  if (code !== expected) throw new Error(`bva ${argv.join(' ')} exited ${code}, not ${expected}`);
}

const data = script.createCachedData();
const path = cachePath(home, key);
mkdirSync(dirname(path), { recursive: true });
const tmp = `${path}.${process.pid}.tmp`;
writeFileSync(tmp, data);
renameSync(tmp, path);
process.stdout.write(`${path} ${data.length} bytes\n`);
