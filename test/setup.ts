// Run before each test file (vitest's setupFiles): what every file needs, once per file.
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

// The temporary folders a file's tests made go when the file ends.
afterAll(removeTempDirs);
