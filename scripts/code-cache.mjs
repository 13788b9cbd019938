#!/usr/bin/env node
// Makes bva's own V8 code cache for a freshly built dist/bva.cjs, the one Node.js 20 uses (see
// bin/load.js; a later Node.js keeps its own compile cache instead). Runs bva's commands on
// the shipped examples in this process, writing to nowhere, so that V8 compiles the code they use;
// then saves what it compiled, where bin/load.js looks for it. build.mjs runs this in a process of
// its own: the cache must come from a V8 with the same flags as a plain `node bin/bva.js`.
// Usage: node scripts/code-cache.mjs  (prints the cache's path and size)
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachePath, loadBundle, readBundle } from '../bin/load.js';

const home = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = readBundle(home);
const { key } = bundle;
const { exports, script } = loadBundle(home, bundle, { cache: false });
if (!key) throw new Error('dist/bva.cjs has no build key on its first line: run node scripts/build.mjs');

/** What the commands read and write: the examples (copies, where a command writes), nothing printed, a fixed day. */
const nowhere = { write: () => true, isTTY: false };
const ex = (name) => join(home, 'examples', name);
const scratch = mkdtempSync(join(tmpdir(), 'bva-code-cache-'));
const copy = join(scratch, '2025-26.yaml');
copyFileSync(ex('2025-26.yaml'), copy);
/** Each command with the exit code it gives here: another code means the warm-up broke, and the build says so. */
const COMMANDS = [
  [0, ['--help']],
  [0, ['validate', ex('2025-26.yaml'), ex('2024-25.yaml')]],
  [1, ['validate', ex('invalid/unknown-indicator.yaml')]],
  [0, ['report', ex('2025-26.yaml'), '--previous', ex('2024-25.yaml')]],
  [0, ['report', ex('2025-26.yaml'), '--format', 'json']],
  [0, ['report', ex('2025-26.yaml'), '--previous', ex('2024-25.yaml'), '--format', 'html']],
  [1, ['check', ex('2025-26.yaml')]],
  [1, ['check', ex('2025-26.yaml'), '--require-complete', '--evidence', '--require-signoff', '--max-red', '0', '--min-level', 'established']],
  [0, ['diff', ex('2024-25.yaml'), ex('2025-26.yaml')]],
  [0, ['catalogue', 'list']],
  [0, ['catalogue', 'show', 'leadership']],
  [0, ['schema', 'answers']],
  // The writer: a rating with evidence and an action, multi-line commentary and a target, a new period's file.
  [0, ['answer', copy, 'lead.c3', '--rating', 'embedded', '--evidence', 'Corporate plan 2025-29', '--action', 'Review the plan', '--owner', 'Chief Executive', '--due', '2026-06-30']],
  [0, ['answer', copy, 'ci.c2', '--commentary', 'Line one.\n\nLine two.', '--target', 'embedded']],
  [0, ['init', join(scratch, '2026-27.yaml'), '--authority', 'Marlbridge Borough Council', '--period', '2026-27', '--from', copy]],
];
for (const [expected, argv] of COMMANDS) {
  const code = await exports.run({ argv, stdout: nowhere, stderr: nowhere, cwd: home, env: { NO_COLOR: '1' }, home, now: () => new Date('2026-01-31T12:00:00Z') });
  if (code !== expected) throw new Error(`bva ${argv.join(' ')} exited ${code}, not ${expected}`);
}

rmSync(scratch, { recursive: true, force: true });
const data = script.createCachedData();
const path = cachePath(home, key);
mkdirSync(dirname(path), { recursive: true });
const tmp = `${path}.${process.pid}.tmp`;
writeFileSync(tmp, data);
renameSync(tmp, path);
process.stdout.write(`${path} ${data.length} bytes\n`);
