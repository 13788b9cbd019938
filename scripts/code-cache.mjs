#!/usr/bin/env node
// Makes the V8 code cache for a freshly built dist/bva.cjs (see bin/load.js). Runs bva's commands on
// the shipped examples in this process, writing to nowhere, so that V8 compiles the code they use;
// then saves what it compiled, where bin/load.js looks for it. build.mjs runs this in a process of
// its own: the cache must come from a V8 with the same flags as a plain `node bin/bva.js`.
// Usage: node scripts/code-cache.mjs  (prints the cache's path and size)
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachePath, loadBundle, readBundle } from '../bin/load.js';

const home = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = readBundle(home);
const { key } = bundle;
const { exports, script } = loadBundle(home, bundle, { cache: false });
if (!key) throw new Error('dist/bva.cjs has no build key on its first line: run node scripts/build.mjs');

/** What the commands read and write: the examples, nothing printed, a fixed day. */
const nowhere = { write: () => true, isTTY: false };
const ex = (name) => join('examples', name);
const COMMANDS = [
  ['--help'],
  ['validate', ex('2025-26.yaml'), ex('2024-25.yaml')],
  ['validate', ex('invalid/unknown-indicator.yaml')],
  ['report', ex('2025-26.yaml'), '--previous', ex('2024-25.yaml')],
  ['report', ex('2025-26.yaml'), '--format', 'json'],
  ['report', ex('2025-26.yaml'), '--previous', ex('2024-25.yaml'), '--format', 'html'],
  ['check', ex('2025-26.yaml')],
  ['check', ex('2025-26.yaml'), '--require-complete', '--evidence', '--require-signoff', '--max-red', '0', '--min-level', 'established'],
  ['diff', ex('2024-25.yaml'), ex('2025-26.yaml')],
  ['catalogue', 'list'],
  ['catalogue', 'show', 'leadership'],
  ['schema', 'answers'],
];
for (const argv of COMMANDS) {
  await exports.run({
    argv,
    stdout: nowhere,
    stderr: nowhere,
    cwd: home,
    env: { NO_COLOR: '1' },
    home,
    now: () => new Date('2026-01-31T12:00:00Z'),
  });
}

const data = script.createCachedData();
const path = cachePath(home, key);
mkdirSync(dirname(path), { recursive: true });
const tmp = `${path}.${process.pid}.tmp`;
writeFileSync(tmp, data);
renameSync(tmp, path);
process.stdout.write(`${path} ${data.length} bytes\n`);
