#!/usr/bin/env node
// bva's launcher: hands the process's streams, folders and environment to the built CLI.
// CommonJS (bin/package.json says so), as is load.js: Node.js starts a CommonJS script without
// setting up its ES module loader, which was a tenth of bva's own start-up time.
'use strict';
const { fstatSync, statSync, writeSync } = require('node:fs');
const { join, sep } = require('node:path');
const { loadBundle, readBundle } = require('./load.js');

/**
 * The standard output or error, as bva writes it. Node.js's own (process.stdout) loads Node's
 * stream library on first use, a few milliseconds at every start. Where that stream would only
 * write synchronously anyway (a file, a pipe, the null device) bva writes the bytes itself, with
 * the same blocking writes, so the library is loaded only for a terminal, a socket or another
 * device, which get Node.js's stream as before. The writer behaves as that stream does: a failed
 * write is reported once, by an 'error' event after the write returns (src/cli.ts counts it), and
 * nothing more is written. A pipe another program has made non-blocking, which is full, hands
 * what is left, and everything after it, to Node.js's stream, which waits for the reader.
 */
function standardStream(fd, name) {
  let plain = false;
  try {
    const st = fstatSync(fd);
    plain = st.isFile() || st.isFIFO() || (st.isCharacterDevice() && st.rdev === statSync('/dev/null').rdev);
  } catch {
    // Not known: Node.js's stream decides.
  }
  if (!plain) return process[name];
  const listeners = [];
  let failed = false;
  let node; // Node.js's stream, once a full non-blocking pipe has made it needed
  const fail = (err) => {
    failed = true;
    process.nextTick(() => {
      for (const listener of listeners) listener(err);
    });
  };
  return {
    isTTY: false,
    get writableLength() {
      return node ? node.writableLength : 0;
    },
    on(event, listener) {
      if (event === 'error') listeners.push(listener);
      if (node) node.on(event, listener);
      return this;
    },
    once(event, listener) {
      if (node) node.once(event, listener);
      return this;
    },
    write(chunk) {
      if (node) return node.write(chunk);
      if (failed) return false;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(fd, bytes, done, bytes.length - done);
        } catch (err) {
          if (err.code !== 'EAGAIN') {
            fail(err);
            return false;
          }
          node = process[name];
          for (const listener of listeners) node.on('error', listener);
          return node.write(bytes.subarray(done));
        }
      }
      return true;
    },
  };
}

const home = join(__dirname, '..') + sep;
const bundle = readBundle(home);
const argv = process.argv.slice(2);

// `bva --version` on its own is answered from the bundle's first line, before any of bva is
// compiled: scripts and CI ask it often. (With anything else on the line, commander answers.)
// A failed write of it is handled here as run() handles every other (src/cli.ts): a closed pipe is
// no error; anything else is one line and exit 2.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V') && bundle.version) {
  const stdout = standardStream(1, 'stdout');
  stdout.on('error', (err) => {
    if (err.code === 'EPIPE') return;
    process.exitCode = 2;
    standardStream(2, 'stderr').write(`bva: cannot write the output: ${err.code === 'ENOSPC' ? 'no space left on the device' : err.message}\n`);
  });
  stdout.write(`${bundle.version}\n`);
} else {
  const { exports, keep } = loadBundle(home, bundle);
  exports.run({
    argv,
    stdout: standardStream(1, 'stdout'),
    stderr: standardStream(2, 'stderr'),
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
