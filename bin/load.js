// Loads the built CLI: dist/bva.cjs, the whole of bva in one script, compiled with the V8 code cache
// the build made for it (dist/cache/KEY.v8). Node.js 20 has no compile cache of its own, and
// without one every start parses and compiles bva's code afresh: with it, `bva report` starts
// about a fifth sooner. The cache is named by the bundle's content hash, written on its first line,
// so a cache never meets another build's code; a cache V8 refuses (another Node.js version, other
// flags) costs only the time it would have saved.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The first line of dist/bva.cjs: `// bva VERSION build KEY`. */
const HEADER = /^\/\/ bva (\S+) build ([0-9a-f]{16})\n/;

/** The path of the code cache for a bundle with this content key. */
export const cachePath = (home, key) => join(home, 'dist', 'cache', `${key}.v8`);

/** Reads dist/bva.cjs under `home`: its source, and the version and content key its first line gives. */
export function readBundle(home) {
  const file = join(home, 'dist', 'bva.cjs');
  const source = readFileSync(file, 'utf8');
  const [, version, key] = HEADER.exec(source) ?? [];
  return { file, source, version, key };
}

/**
 * Runs a bundle read by readBundle and returns its exports and the compiled script (whose
 * createCachedData() the build uses). `cache: false` compiles without reading a cache.
 */
export function loadBundle(home, { file, source, key }, { cache = true } = {}) {
  // Stack traces mapped to bva's sources (NODE_OPTIONS=--enable-source-maps, for BVA_DEBUG) need
  // Node's own loader, which reads the source map: the same script, without the cache.
  if (process.sourceMapsEnabled) return { exports: createRequire(file)(file), script: undefined };
  let cachedData;
  if (cache && key) {
    try {
      cachedData = readFileSync(cachePath(home, key));
    } catch {
      // No cache: compile from the source.
    }
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}
