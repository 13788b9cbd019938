// Loads the built CLI, dist/bva.cjs: the whole of bva in one script. A start is mostly V8 compiling
// that script, so bva keeps the compiled code between runs, in one of two ways:
// - Node.js 22.8 and later: Node.js's own compile cache (module.enableCompileCache()), in the folder
//   Node.js chooses (NODE_COMPILE_CACHE, or node-compile-cache under the system's temporary folder,
//   one subfolder per Node.js version and user). The first run of a new bva or a new Node.js fills
//   it; nothing is written beside bva, so a global or read-only installation gains as much, and
//   which Node.js built the package makes no difference.
// - Node.js 20, which has no compile cache a program can turn on: the V8 code cache the build made
//   (dist/cache/KEY.v8, by scripts/code-cache.mjs, when the build runs on such a Node.js). It is named
//   by the bundle's content hash, written on the bundle's first line, so a cache never meets another
//   build's code; a cache V8 refuses (made by another Node.js version) costs only the time it would
//   have saved.
'use strict';
const { closeSync, openSync, readFileSync, readSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const { createRequire } = Module;

/** The first line of dist/bva.cjs: `// bva VERSION build KEY`. */
const HEADER = /^\/\/ bva (\S+) build ([0-9a-f]{16})\n/;

/** True when this Node.js has a compile cache bva can turn on (22.8 and later), so bva's own cache is not used. */
const nodeCompileCache = typeof Module.enableCompileCache === 'function';

/** The path of bva's own code cache for a bundle with this content key (Node.js 20). */
const cachePath = (home, key) => join(home, 'dist', 'cache', `${key}.v8`);

/**
 * The bundle under `home`: its path, and the version and content key its first line gives. Only
 * the first line is read: `bva --version` is answered from it without reading the megabyte below.
 */
function readBundle(home) {
  const file = join(home, 'dist', 'bva.cjs');
  const head = Buffer.alloc(64);
  const fd = openSync(file, 'r');
  let length;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const [, version, key] = HEADER.exec(head.toString('latin1', 0, length)) ?? [];
  return { file, version, key };
}

/**
 * Runs a bundle found by readBundle and returns its exports and, when bva's own cache is in use,
 * the compiled script (whose createCachedData() the build uses). `cache: false` compiles bva's own
 * way without reading a cache, as the build does to make one.
 */
function loadBundle(home, { file, key }, { cache = true } = {}) {
  // Stack traces mapped to bva's sources (NODE_OPTIONS=--enable-source-maps, for BVA_DEBUG) need
  // Node's own loader, which reads the source map.
  if (process.sourceMapsEnabled) return { exports: createRequire(file)(file), script: undefined };
  if (cache && nodeCompileCache) {
    // Never throws: a folder it cannot write leaves bva as fast as it would be without the cache.
    Module.enableCompileCache();
    return { exports: createRequire(file)(file), script: undefined };
  }
  let cachedData;
  if (cache && key) {
    try {
      cachedData = readFileSync(cachePath(home, key));
    } catch {
      // No cache: compile from the source.
    }
  }
  // Read as Latin-1: the build makes the script pure ASCII (scripts/build.mjs checks), which
  // Latin-1 reads byte for byte, a third faster than decoding it as UTF-8.
  const script = new Script(Module.wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

module.exports = { nodeCompileCache, cachePath, readBundle, loadBundle };
