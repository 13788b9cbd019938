// `npm run stress`: the long loops that npm test runs only a few times (hundreds of kills, a
// thousand races for a stale lock), one file at a time, since each keeps both cores busy.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  define: base.define ?? {},
  test: {
    include: ['test/stress/**/*.stress.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
    setupFiles: ['test/setup.ts'],
  },
});
