#!/usr/bin/env node
// bva's launcher: hands the process's streams, folders and environment to the built CLI.
import { fileURLToPath } from 'node:url';
import { run } from '../dist/cli.js';

process.exitCode = await run({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: () => process.stdin,
  cwd: process.cwd(),
  env: process.env,
  home: fileURLToPath(new URL('..', import.meta.url)),
});
