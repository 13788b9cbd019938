// Times bva's commands against `node -e 0`, interleaved, and prints medians, peak memory and the targets' verdicts.
// Usage: node scripts/bench.mjs [--runs N] [--json] [--node PATH|MAJOR]... [--bva PATH] [--no-worst-cases]
//   --node   the Node.js to run bva and `node -e 0` with (default: the one running this script);
//            give it more than once to bench each in turn and compare their ratios. A major
//            version (22, 24, 26) names the pinned binary CI tests on (scripts/node-versions.mjs).
//   --bva    the launcher to time (default: this repository's bin/bva.js), e.g. an installed
//            package's, to measure a package made on one Node.js and run on another.
//   --json   one document per Node.js (an array of them when there are several).
//   --no-worst-cases  leave out the worst cases (scripts/worst-case.mjs, about ten minutes), to
//            time start-up alone, as when timing an installed package with --bva.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, arch, release, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeBinaries } from './node-versions.mjs';
import { generate } from './synthetic.mjs';
import { measure as measureWorstCases, render as renderWorstCases } from './worst-case.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin', 'bva.js');
const TIME = '/usr/bin/time';
// A fixed "today" for report and check, so overdue actions (and so the work done) do not change
// with the date the bench is run.
const AS_OF = '2026-03-31';
const r2 = (x) => Math.round(x * 100) / 100;
const log = (line) => process.stderr.write(`${line}\n`); // progress on stderr keeps --json clean

function parseArgs(argv) {
  const opts = { runs: 15, json: false, nodes: [], bva: BIN, worstCases: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [, flag, inline] = /^(--runs|--node|--bva)(?:=(.*))?$/.exec(arg) ?? [];
    const value = () => inline ?? argv[++i] ?? '';
    if (arg === '--json') opts.json = true;
    else if (arg === '--no-worst-cases') opts.worstCases = false;
    else if (flag === '--runs') {
      const runs = value();
      if (!/^\d+$/.test(runs)) throw new Error(`--runs needs a whole number, got ${JSON.stringify(runs)}`);
      opts.runs = Number(runs);
    } else if (flag === '--node') opts.nodes.push(value());
    else if (flag === '--bva') opts.bva = value();
    else throw new Error(`unknown argument ${JSON.stringify(arg)} (usage: node scripts/bench.mjs [--runs N] [--json] [--node PATH|MAJOR]... [--bva PATH] [--no-worst-cases])`);
  }
  if (opts.runs < 1) throw new Error('--runs must be at least 1');
  for (const path of [opts.bva, ...opts.nodes.filter((n) => !/^\d+$/.test(n))]) {
    if (!existsSync(path)) throw new Error(`${path}: no such file`);
  }
  // Majors name the pinned binaries (installed on first use); paths are taken as they are.
  const pinned = opts.nodes.filter((n) => /^\d+$/.test(n));
  const binaries = pinned.length ? nodeBinaries(pinned) : {};
  opts.nodes = opts.nodes.length ? opts.nodes.map((n) => binaries[n] ?? n) : [process.execPath];
  if (opts.runs < 10) log(`note: --runs ${opts.runs} is under the 10 runs the targets are meant to be judged on`);
  return opts;
}

function machine(node) {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    node: spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    os: `${platform()} ${release()} ${arch()}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** The benchmark's cases, in the order every round runs them. */
function cases(tmp, synthetic, bin) {
  const bva = (...args) => [bin, ...args];
  const example = 'examples/2025-26.yaml';
  const list = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'bva --version', args: bva('--version') },
    { name: 'catalogue validate (shipped)', args: bva('catalogue', 'validate', 'criteria/best-value-2024.yaml') },
    { name: 'validate example', args: bva('validate', example), needs: example },
    { name: 'report example', args: bva('report', example, '--as-of', AS_OF), needs: example },
    // check exits 1 when a gate fails: that is a result, not a failure to run.
    { name: 'check example', args: bva('check', example, '--as-of', AS_OF), needs: example, accept: [0, 1] },
    // Over the years: three periods side by side, and the action plan.
    { name: 'trend 3 examples', args: bva('trend', 'examples/2023-24.yaml', 'examples/2024-25.yaml', example), needs: example },
    { name: 'actions example', args: bva('actions', example, '--as-of', AS_OF), needs: example },
  ];
  for (const [n, { catalogue, answers }] of synthetic) {
    const k = `${n / 1000}k`;
    list.push(
      { name: `validate ${k}`, args: bva('validate', answers, '--catalogue', catalogue) },
      { name: `report ${k}`, args: bva('report', answers, '--catalogue', catalogue, '--as-of', AS_OF) },
    );
  }
  // `answer` rewrites its file, so each run gets a fresh copy (made outside the timed span).
  const { catalogue, answers } = synthetic.get(10000);
  const scratch = join(tmp, 'answer-scratch.yaml');
  list.push({
    name: 'answer 10k',
    args: bva('answer', scratch, 't050.c35', '--rating', 'embedded', '--catalogue', catalogue),
    prepare: () => copyFileSync(answers, scratch),
  });
  // Every case above runs with the compile cache of a Node.js that has one (22.8+) filled by the
  // warm-up round, as a second run on a user's machine does; this one empties it first, as after
  // an upgrade of bva or of Node.js. Last, and in a temporary folder of its own, so that no other
  // case meets the emptied cache. (Node.js 20 reads the cache the build made: no first run.)
  const cold = join(tmp, 'first-run');
  list.push({
    name: 'report example, first run',
    args: bva('report', example, '--as-of', AS_OF),
    needs: example,
    env: { TMPDIR: cold },
    prepare: () => {
      rmSync(cold, { recursive: true, force: true });
      mkdirSync(cold);
    },
  });
  return list.map((c) => ({ accept: [0], samples: [], exitCode: null, maxRssKiB: null, ...c }));
}

/**
 * Runs one case once, untimed parts first; returns wall milliseconds, the exit code and, when
 * asked (the warm-up only), the first line of stderr, to say why a case failed.
 */
function timeOnce(c, run, withStderr = false) {
  c.prepare?.();
  const start = process.hrtime.bigint();
  // No shell and no captured output: the child's own cost is what is measured.
  const r = spawnSync(run.node, c.args, { cwd: root, env: { ...run.env, ...c.env }, stdio: ['ignore', 'ignore', withStderr ? 'pipe' : 'ignore'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const said = withStderr ? r.stderr.toString().replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n')[0] : '';
  return { ms, code: r.status ?? 128, said: said.length > 90 ? `${said.slice(0, 87)}...` : said };
}

/**
 * Peak memory (max RSS, KiB) of one run. GNU time adds its own fork and wait, and the preload adds
 * a module load, so this is a separate pass after the timed rounds: neither distorts the timings.
 */
function peakRss(c, run, preload, rssFile) {
  c.prepare?.();
  if (existsSync(TIME)) {
    const r = spawnSync(TIME, ['-f', '%e %M', run.node, ...c.args], { cwd: root, env: { ...run.env, ...c.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    // bva's own stderr comes first (and GNU time may add "Command exited with..."): the format is the last line.
    const last = r.stderr.toString().trimEnd().split('\n').at(-1) ?? '';
    const kib = Number(last.split(' ')[1]);
    return Number.isFinite(kib) && kib > 0 ? kib : null;
  }
  rmSync(rssFile, { force: true });
  spawnSync(run.node, ['--import', pathToFileURL(preload).href, ...c.args], {
    cwd: root,
    stdio: 'ignore',
    env: { ...run.env, ...c.env, BVA_BENCH_RSS_FILE: rssFile },
  });
  return existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : null;
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return {
    median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2,
    min: s[0],
    p90: s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)], // nearest rank
    max: s.at(-1),
  };
}

/** The targets from the issue, each judged on this run's figures (from the result's cases, by name). */
function verdicts(by) {
  const out = [];
  const judge = (label, figure, pass, target) => out.push({ label, pass, figure, target });
  const median = (name) => (by.get(name).ok ? by.get(name).medianMs : null);
  const missing = (...names) => [...new Set(names.map((n) => by.get(n)).filter((c) => !c.ok).map((c) => failure(c, true)))].join(', ');
  const MB = 1e6; // the issue says MB: judged in decimal megabytes, the stricter reading of "250 MB"

  const ratioTarget = (name, label, limit) => {
    const c = by.get(name);
    const r = c.ok ? c.medianMs / by.get('node -e 0').medianMs : null; // not the 2-decimal ratio field
    judge(label, r == null ? failure(c, true) : `${r.toFixed(2)}x`, r == null ? null : r <= limit, `${limit.toFixed(2)}x`);
  };
  ratioTarget('bva --version', '--version', 1.3);
  for (const cmd of ['validate', 'report', 'check']) ratioTarget(`${cmd} example`, `${cmd} example`, 2.0);

  const v10 = median('validate 10k'), r10 = median('report 10k');
  const sum = v10 != null && r10 != null ? v10 + r10 : null;
  judge('validate + report 10k', sum == null ? missing('validate 10k', 'report 10k') : `${Math.round(sum)} ms`, sum == null ? null : sum < 1500, '< 1500 ms');
  for (const name of ['validate 10k', 'report 10k']) {
    const c = by.get(name);
    const bytes = c.ok && c.maxRssMiB != null ? c.maxRssMiB * 2 ** 20 : null;
    judge(`${name} peak memory`, bytes == null ? failure(c, true) : `${(bytes / MB).toFixed(0)} MB`, bytes == null ? null : bytes < 250 * MB, '< 250 MB');
  }
  const a = median('answer 10k');
  judge('answer 10k', a == null ? failure(by.get('answer 10k'), true) : `${Math.round(a)} ms`, a == null ? null : a < 500, '< 500 ms');
  for (const cmd of ['validate', 'report']) {
    const big = median(`${cmd} 10k`), small = median(`${cmd} 1k`);
    const r = big != null && small != null ? big / small : null;
    judge(`${cmd} 10k / 1k`, r == null ? missing(`${cmd} 1k`, `${cmd} 10k`) : `${r.toFixed(1)}x`, r == null ? null : r <= 12, '12.0x');
  }
  return out;
}

/** Why a case has no figures: its exit code (and, unless brief, why), or that memory was not measured. */
function failure(c, brief = false) {
  if (c.ok) return 'not measured';
  return c.exitCode == null ? 'not run' : `exit ${c.exitCode}${c.note && !brief ? ` (${c.note})` : ''}`;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function print(result) {
  const m = result.machine;
  const out = [`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}; ${m.os}`, `Runs: ${result.runs} per case, interleaved; times are wall ms per process`, ''];
  const rows = [['case', 'median', 'min', 'p90', 'max', 'ratio', 'peak MiB']];
  const failed = [];
  for (const c of result.cases) {
    const mem = c.maxRssMiB == null ? '' : c.maxRssMiB.toFixed(1);
    if (!c.ok) failed.push(c);
    else {
      const name = c.exitCode ? `${c.name} (exit ${c.exitCode})` : c.name;
      rows.push([name, ...[c.medianMs, c.minMs, c.p90Ms, c.maxMs].map((v) => v.toFixed(1)), `${c.ratio.toFixed(2)}x`, mem]);
    }
  }
  // Cases without figures go under the table, one per line, so a long reason does not widen it.
  const w = Math.max(...result.cases.map((c) => c.name.length));
  out.push(table(rows), ...failed.map((c) => `${c.name.padEnd(w)}  ${failure(c)}`), '', 'Targets:');
  for (const v of result.targets) out.push(`${v.pass == null ? 'N/A ' : v.pass ? 'PASS' : 'MISS'}  ${v.label} ${v.figure} (target ${v.target})`);
  if (result.worstCases) out.push('', renderWorstCases(result.worstCases));
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Benches every case with one Node.js; returns the result document (one per Node.js in --json). */
function benchOne(opts, node, tmp, synthetic) {
  // A temporary folder of its own for each Node.js: where the compile cache of one that has it
  // lives (bva leaves it in the folder Node.js chooses, under TMPDIR), filled by the warm-up round.
  const own = mkdtempSync(join(tmp, 'node-'));
  const env = { ...process.env, TMPDIR: own };
  delete env['NODE_COMPILE_CACHE'];
  const run = { node, env };
  const list = cases(own, synthetic, opts.bva);
  for (const c of list) if (c.needs && !existsSync(join(root, c.needs))) c.note = `${c.needs} missing`;

  // One untimed warm-up round fills the file cache and finds the cases that cannot run; a failing
  // case is dropped rather than timed, since a fast failure says nothing about the command.
  for (const c of list) {
    const { code, said } = timeOnce(c, run, true);
    c.exitCode = code;
    if (c.accept.includes(code)) continue;
    c.note ??= said || undefined;
    log(`${c.name}: exit ${code}${c.note ? ` (${c.note})` : ''}; not timed`);
  }
  const live = list.filter((c) => c.accept.includes(c.exitCode));
  if (!live.includes(list[0])) throw new Error('node -e 0 failed: nothing to compare against');
  // Round-robin: every round runs every case once in the same order, so drift and noise on the
  // machine land on all cases alike instead of on whichever case happened to run during it.
  for (let round = 1; round <= opts.runs; round++) {
    log(`round ${round}/${opts.runs}`);
    for (const c of live) {
      const { ms, code } = timeOnce(c, run);
      c.samples.push(ms);
      // Keep the first failure; between accepted codes (check's 0 and 1) show the higher.
      if (code === c.exitCode || !c.accept.includes(c.exitCode)) continue;
      if (c.accept.includes(code)) c.exitCode = Math.max(c.exitCode, code);
      else {
        c.exitCode = code;
        log(`${c.name}: exit ${code} in round ${round}`);
      }
    }
  }
  const preload = join(tmp, 'rss-preload.mjs');
  writeFileSync(preload, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.BVA_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
  log(`measuring peak memory (${existsSync(TIME) ? TIME : 'preload'}), one run each`);
  for (const c of live) c.maxRssKiB = peakRss(c, run, preload, join(tmp, 'rss.txt'));

  const baseline = stats(list[0].samples).median;
  for (const c of live) {
    if (!c.accept.includes(c.exitCode)) continue; // failed in a later round: shown as a failure
    c.stats = stats(c.samples);
    c.ratio = c.stats.median / baseline;
  }
  const shown = (a) => (a.startsWith(own) ? a.replace(own, '$TMP') : a.startsWith(tmp) ? a.replace(tmp, '$TMP') : a.startsWith(root) ? relative(root, a) : a);
  const result = {
    machine: machine(node),
    runs: opts.runs,
    asOf: AS_OF,
    cases: list.map(({ name, args, accept, exitCode, note, samples, stats: s, ratio, maxRssKiB }) => ({
      name,
      command: ['node', ...args.map(shown)].join(' '),
      ok: s != null,
      exitCode,
      acceptedExitCodes: accept,
      ...(note ? { note } : {}),
      ...(s ? { medianMs: r2(s.median), minMs: r2(s.min), p90Ms: r2(s.p90), maxMs: r2(s.max), ratio: r2(ratio), samplesMs: samples.map(r2) } : {}),
      maxRssMiB: maxRssKiB == null ? null : r2(maxRssKiB / 1024),
    })),
  };
  result.targets = verdicts(new Map(result.cases.map((c) => [c.name, c])));
  return result;
}

/** With several Node.js versions: each one's start-up ratios side by side, and whether all its targets were met. */
function printComparison(results) {
  const names = ['bva --version', 'validate example', 'report example', 'check example', 'report example, first run'];
  const rows = [['Node.js', '--version', 'validate', 'report', 'check', 'report, first run', 'targets']];
  for (const r of results) {
    const by = new Map(r.cases.map((c) => [c.name, c]));
    const missed = r.targets.filter((t) => t.pass !== true).map((t) => t.label);
    rows.push([r.machine.node, ...names.map((n) => (by.get(n)?.ok ? `${by.get(n).ratio.toFixed(2)}x` : failure(by.get(n), true))), missed.length ? `missed: ${missed.join(', ')}` : 'all met']);
  }
  process.stdout.write(`\nRatios to each version's own node -e 0 (targets: --version 1.30x; validate, report, check 2.00x):\n${table(rows)}\n`);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, 'dist', 'bva.cjs'))) {
    log('dist/bva.cjs is missing: building');
    const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (b.status !== 0) throw new Error(`the build failed (exit ${b.status})`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'bva-bench-'));
  try {
    const synthetic = new Map([1000, 10000].map((n) => [n, generate({ indicators: n, dir: tmp })]));
    const results = [];
    for (const node of opts.nodes) {
      if (opts.nodes.length > 1) log(`Node.js ${node}`);
      results.push(benchOne(opts, node, tmp, synthetic));
    }
    // The worst cases (scripts/worst-case.mjs), once, on the Node.js running the bench: each command on the input
    // that makes it work hardest, at two sizes ten times apart, the larger at the input limit.
    if (opts.worstCases) {
      log('worst cases, three runs of each at two sizes');
      results[0].worstCases = measureWorstCases({ runs: 3, log });
    }
    if (opts.json) process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
    else {
      results.forEach((result, n) => {
        if (n > 0) process.stdout.write('\n');
        print(result);
      });
      if (results.length > 1) printComparison(results);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  log(`bench: ${err instanceof Error ? (process.env.BVA_DEBUG === '1' ? err.stack : err.message) : String(err)}`);
  process.exitCode = 1;
}
