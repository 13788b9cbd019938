#!/usr/bin/env node
// bva's launcher: hands the process's streams, folders and environment to the built CLI.
// CommonJS (bin/package.json says so), as is load.js: Node.js starts a CommonJS script without
// setting up its ES module loader, which was a tenth of bva's own start-up time.
'use strict';
const { join, sep } = require('node:path');
const { loadBundle, readBundle } = require('./load.js');

const home = join(__dirname, '..') + sep;
const bundle = readBundle(home);
const argv = process.argv.slice(2);

// `bva --version` on its own is answered from the bundle's first line, before any of bva is
// compiled: scripts and CI ask it often. (With anything else on the line, commander answers.)
// A failed write of it is handled here as run() handles every other (src/cli.ts): a closed pipe is
// no error; anything else is one line and exit 2.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V') && bundle.version) {
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') return;
    process.exitCode = 2;
    process.stderr.write(`bva: cannot write the output: ${err.code === 'ENOSPC' ? 'no space left on the device' : err.message}\n`);
  });
  process.stdout.write(`${bundle.version}\n`);
} else {
  const { exports, keep } = loadBundle(home, bundle);
  exports.run({
    argv,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: () => process.stdin,
    cwd: process.cwd(),
    env: process.env,
    home,
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
  }).then((code) => {
    process.exitCode = code;
    // The first run of a new bva or Node.js saves the compiled code for the next (bin/load.js).
    keep(argv);
  });
}
