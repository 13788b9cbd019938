// Loads the built CLI, dist/bva.cjs: the whole of bva in one script. A start is mostly V8 compiling
// that script, so bva keeps the compiled code between runs, in a V8 code cache made after bva's
// commands have run (so it holds the code they call, not only what V8 compiles when it first reads
// the script). V8 takes a cache only from its own version, so the cache is kept in one of two places:
// - Node.js 22.8 and later: in Node.js's compile-cache folder (module.enableCompileCache(); the
//   folder Node.js chooses, NODE_COMPILE_CACHE or node-compile-cache under the system's temporary
//   folder, where Node.js keeps a subfolder per version and user), as bva-KEY-VERSION-ARCH-USER.v8,
//   read only when this user owns it and no one else may write it. The first `validate`, `report`
//   and `check` of a new bva or a new Node.js each add what they ran, after their work is done;
//   nothing is written beside bva, so a global or read-only installation gains as much, and which
//   Node.js built the package makes no difference. Node.js's own cache there keeps the vendored
//   scripts. NODE_DISABLE_COMPILE_CACHE turns both off.
// - Node.js 20, which has no compile cache a program can turn on: the cache the build made
//   (dist/cache/KEY.v8, by scripts/code-cache.mjs, when the build runs on such a Node.js).
// Either is named by the bundle's content key, written on its first line, so a cache never meets
// another build's code; a cache V8 refuses (damaged, or from another Node.js) costs only the time it
// would have saved, and on 22 and later is made again.
'use strict';
const { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeFileSync } = require('node:fs');
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
 * The commands that warm bva's cache: what CI and git hooks run on every change. Their first runs
 * on Node.js 22 and later make it; scripts/code-cache.mjs runs them to make Node.js 20's.
 */
const WARMING = new Set(['validate', 'report', 'check']);

/**
 * Runs a bundle found by readBundle and returns its exports, the compiled script (whose
 * createCachedData() the build uses), and `keep(argv)`, for the launcher to call once a command has
 * run: on Node.js 22 and later it saves the cache when the command is one of WARMING that the cache
 * V8 took (if any) was not made by. `cache: false` compiles without reading a cache, as the build
 * does to make one.
 */
function loadBundle(home, { file, key }, { cache = true } = {}) {
  // Stack traces mapped to bva's sources (NODE_OPTIONS=--enable-source-maps, for BVA_DEBUG) need
  // Node's own loader, which reads the source map.
  if (process.sourceMapsEnabled) return { exports: withSourceMaps(file), script: undefined, keep: () => {} };
  // enableCompileCache never throws: a folder it cannot make leaves no directory, and no cache.
  const path = cache && key ? (nodeCompileCache ? compileCacheFolder(key) : cachePath(home, key)) : undefined;
  let cachedData;
  // On 22 and later, the commands whose runs made the cache, on its first line.
  let warmedBy = [];
  if (path) {
    try {
      if (!nodeCompileCache) cachedData = readFileSync(path);
      else {
        const own = readOwnFile(path);
        const end = own ? own.indexOf(10) : -1;
        if (own && end !== -1 && end < 64) [warmedBy, cachedData] = [own.toString('latin1', 0, end).split(','), own.subarray(end + 1)];
      }
    } catch {
      // No cache: compile from the source.
    }
  }
  // Read as Latin-1: the build makes the script pure ASCII (scripts/build.mjs checks), which
  // Latin-1 reads byte for byte, a third faster than decoding it as UTF-8. The script is already
  // the function a CommonJS module is run in (its value), so the text is compiled as it was read.
  const script = new Script(readFileSync(file, 'latin1'), { filename: file, cachedData });
  const exports = callModule(script.runInThisContext(), file);
  // Saved again after each of the WARMING commands the cache has not yet seen run (three at most):
  // V8's cache then holds the code each of them calls.
  if (cachedData === undefined || script.cachedDataRejected === true) warmedBy = [];
  const keep = (argv) => {
    if (nodeCompileCache && path && WARMING.has(argv[0]) && !warmedBy.includes(argv[0])) save(path, [...warmedBy, argv[0]].join(','), script);
  };
  return { exports, script, keep };
}

/**
 * The script's exports, run by Node.js's own loader, which reads its source map (the script names
 * it on its last line) so that stack traces point into src/. The script's value is the function a
 * module is run in: it is compiled as a module whose exports are that function, then called.
 */
function withSourceMaps(file) {
  const loader = new Module(file, module);
  loader.filename = file;
  loader._compile(`module.exports = ${readFileSync(file, 'utf8')}`, file);
  return callModule(loader.exports, file);
}

/** Calls the script's function as Node.js calls a module's, with a require() from the script's folder; returns its exports. */
function callModule(script, file) {
  const module = { exports: {} };
  script(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/**
 * Where bva's cache goes in Node.js's compile-cache folder (turning that cache on), or undefined when
 * it is off or has no folder. Named for this Node.js and user, as Node.js names its own subfolders:
 * V8 takes a cache only from its own version.
 */
function compileCacheFolder(key) {
  const { directory } = Module.enableCompileCache();
  const user = typeof process.getuid === 'function' ? process.getuid() : 0;
  return directory ? join(directory, `bva-${key}-${process.version}-${process.arch}-${user}.v8`) : undefined;
}

/**
 * A cache file from a folder others may share (the system's temporary folder), only if this user
 * owns it and no one else may write it: V8 runs what a cache holds, so one put there by another
 * user is never read. (Where there are no user ids, on Windows, the temporary folder is the user's.)
 */
function readOwnFile(path) {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || (typeof process.getuid === 'function' && (st.uid !== process.getuid() || (st.mode & 0o022) !== 0))) return undefined;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a script's cache, after a first line naming the commands that warmed it, in full or not at
 * all (a temporary file renamed over it); a failure only loses the time it would save.
 */
function save(path, warmedBy, script) {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${warmedBy}\n`, 'latin1'), script.createCachedData()]), { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing was written.
    }
  }
}

module.exports = { nodeCompileCache, WARMING, cachePath, readBundle, loadBundle };
