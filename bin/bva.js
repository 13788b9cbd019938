#!/usr/bin/env node
// bva's launcher: hands the process's streams, folders and environment to the built CLI.
import { fileURLToPath } from 'node:url';
import { run } from '../dist/cli.js';

// A reader that stops early (`bva report ... | head`) closes the pipe: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

process.exitCode = await run({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: () => process.stdin,
  cwd: process.cwd(),
  env: process.env,
  home: fileURLToPath(new URL('..', import.meta.url)),
  // Ctrl-C while an answer is being saved waits for the write to finish, then stops the sitting.
  holdInterrupts: () => {
    let interrupted = false;
    const hold = () => {
      interrupted = true;
    };
    process.on('SIGINT', hold);
    return () => {
      process.off('SIGINT', hold);
      return interrupted;
    };
  },
});
