import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { BVA_VERSION: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    // Generous, for a machine shared with other work: a limit that trips under load is a flaky test.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time on a two-core machine: most end-to-end time is spent waiting on the
    // processes a test starts, so a second worker overlaps them (vitest's default here is one).
    maxWorkers: 2,
    // Test files share a worker's loaded modules instead of importing bva again for each file
    // (which took a third of the unit tests' time); no test changes a module's state.
    isolate: false,
    setupFiles: ['test/setup.ts'],
  },
});
