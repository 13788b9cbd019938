// The worst cases for bva's cost: files built to make each command do the most work for their size
// (many problems, many actions, long flow lists, many evidence entries, hostile nesting), each at
// two sizes ten times apart, the larger just under the 5 MiB input limit. Every command must stay
// linear (or n log n) in its input: `npm run bench` prints each case's time and peak memory at
// both sizes and the ratio between them, against the targets (at the limit under 3 s and 500 MB;
// ten times the input, under 12 times the time).
//
//   node scripts/worst-case.mjs [--runs N] [--only NAME] [--json]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin', 'bva.js');
const TIME = '/usr/bin/time';
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The larger file of each case fills this much of the input limit. */
const FILL = 0.95;
export const TARGETS = { seconds: 3, megabytes: 500, ratio: 12 };

const pad = (n) => String(n).padStart(7, '0');
const HEAD = (indicators) =>
  ['catalogue:', '  id: best-value-2024', '  version: 1.0.0', 'authority: Worst Case Borough Council', 'period: 2025-26', 'assessment-date: 2025-10-21', 'themes:', '  leadership:', '    indicators:', indicators].join('\n');

/** A file whose parts are the actions of one indicator. */
const inActions = (parts) => `${HEAD('      lead.c1:\n        rating: developing\n        actions:\n')}${parts}`;

const SENTENCE = 'Report progress on the improvement plan to Cabinet and the audit committee. ';
/** A comment's sentence: notes kept beside an action, which cost the file bytes and the paper nothing. */
const NOTES = 'Notes kept beside the action by the officers who own it. ';
/** An open action's lines after its text. */
const OPEN = '\n            owner: Head of Service\n            due: 2027-01-31\n            status: open\n';

/** An open action whose text repeats a sentence `times` times (a longer row in a paper or a workbook). */
const longAction = (i, times) => `          - action: Action ${i}, ${SENTENCE.repeat(times)}${OPEN}`;

/**
 * An open action of `bytes` bytes (for the seven-digit `i` the sizes are found with), its text
 * the sentence repeated as far as that takes it, up to the 500 characters an action may have, and
 * what is left a comment of notes beside it: so that a file of the most cells a workbook may hold
 * fills the input limit with as much text in those cells as it can, the costliest way to fill it.
 */
const sizedAction = (i, bytes) => {
  const [head, tail] = ['          - action: Action ', OPEN];
  const lead = '1000000, ';
  const room = Math.min(500 - 'Action '.length - lead.length, bytes - head.length - lead.length - tail.length);
  const text = SENTENCE.repeat(Math.ceil(room / SENTENCE.length)).slice(0, room).trimEnd();
  const left = bytes - head.length - lead.length - room - tail.length;
  const note = left > 0 ? `          # ${NOTES.repeat(Math.ceil(left / NOTES.length)).slice(0, Math.max(0, left - 13))}\n` : '';
  return `${note}${head}${i}, ${text}${tail}`;
};

/**
 * The cases. `unit(i)` is the text of the i-th repeated part; `file(parts)` wraps the parts into
 * the whole file; `args(file)` is the command. Sizes are found from the parts' length so that the
 * larger file is FILL of the limit, the smaller a tenth of it.
 */
export const CASES = [
  {
    name: 'validate: unknown keys',
    what: 'keys',
    unit: (i) => `x${pad(i)}: 1\n`,
    file: (parts) => `${HEAD('      lead.c1:\n        rating: developing\n')}${parts}`,
    args: (f) => ['validate', f],
    accept: [1],
  },
  {
    name: 'validate: actions with a bad status',
    what: 'actions',
    unit: (i) => `          - action: Action ${i}\n            status: pending\n`,
    file: inActions,
    args: (f) => ['validate', f],
    accept: [1],
  },
  {
    name: 'check: overdue actions',
    what: 'actions',
    unit: (i) => `          - action: Action ${i}\n            owner: Head of Service\n            due: 2024-01-31\n            status: open\n`,
    file: inActions,
    args: (f) => ['check', f, '--no-overdue', '--as-of', '2026-03-31'],
    accept: [1],
  },
  {
    name: 'report: many evidence entries',
    what: 'entries',
    unit: (i) => `          - title: Evidence ${i}\n            link: https://example.org/e/${i}\n            review-by: 2024-01-31\n`,
    file: (parts) => `${HEAD('      lead.c1:\n        rating: developing\n        evidence:\n')}${parts}`,
    args: (f) => ['report', f, '--as-of', '2026-03-31'],
    accept: [0],
  },
  {
    name: 'answer: a long flow list',
    what: 'items',
    unit: (i) => `Evidence ${i}, `,
    file: (parts) => `${HEAD(`      lead.c1:\n        rating: developing\n        evidence: [${parts}last]\n`)}`,
    args: (f) => ['answer', f, 'lead.c2', '--rating', 'embedded'],
    accept: [0],
    writes: true,
  },
  {
    name: 'answer: many actions',
    what: 'actions',
    unit: (i) => `          - action: Action ${i}${OPEN}`,
    file: inActions,
    args: (f) => ['answer', f, 'lead.c1', '--action', 'One more', '--owner', 'Chief Executive', '--due', '2027-03-31'],
    accept: [0],
    writes: true,
  },
  {
    name: 'diff: many actions',
    what: 'actions',
    unit: (i) => `          - action: Action ${i}\n            status: ${i % 2 ? 'open' : 'done'}\n`,
    file: inActions,
    args: (f) => ['diff', f, f],
    accept: [0],
  },
  {
    name: 'catalogue validate: bad indicators',
    what: 'indicators',
    unit: (i) => `      - id: t.c${i}\n        kind: sometimes\n        text: Indicator ${i}\n        reference: Paragraph ${i}\n`,
    file: (parts) =>
      `id: worst\nversion: 1.0.0\ntitle: Worst case\nsource:\n  publisher: Nobody\n  date: 2024-05-08\n  url: https://example.org\n  licence: none\n` +
      `scales:\n  characteristic:\n    title: C\n    levels:\n      - word: low\n        label: Low\n        meaning: Low.\n      - word: high\n        label: High\n        meaning: High.\n` +
      `  failure:\n    title: F\n    levels:\n      - word: yes\n        label: Yes\n        meaning: Yes.\n        red-flag: true\n      - word: no\n        label: No\n        meaning: No.\n` +
      `themes:\n  - id: t\n    title: T\n    summary: T.\n    reference: T\n    indicators:\n${parts}`,
    args: (f) => ['catalogue', 'validate', f],
    accept: [1],
  },
  {
    // Not well-formed for the fast reader: the careful parser, with positions, reads it all.
    name: 'validate: a key repeated at the end',
    what: 'actions',
    unit: (i) => `          - action: Action ${i}${OPEN}`,
    file: (parts) => `${HEAD('      lead.c1:\n        rating: developing\n        actions:\n')}${parts}authority: Again\n`,
    args: (f) => ['validate', f],
    accept: [1],
  },
  {
    // Each line a one-key map where text was meant: said once per line in words, in place of the
    // schema's errors about each.
    name: 'validate: a colon in many lines of text',
    what: 'entries',
    unit: (i) => `          - Minutes: item ${i}\n`,
    file: (parts) => `${HEAD('      lead.c1:\n        rating: developing\n        evidence:\n')}${parts}`,
    args: (f) => ['validate', f],
    accept: [1],
  },
  {
    // A syntax error on every line: read from the first, as far as the 1,000th problem, and no
    // further (it says where it stopped); each error is explained.
    name: 'validate: a syntax error on every line',
    what: 'lines',
    unit: (i) => `          - title: Evidence: ${i}\n`,
    file: (parts) => `${HEAD('      lead.c1:\n        rating: developing\n        evidence:\n')}${parts}`,
    args: (f) => ['validate', f],
    accept: [1],
  },
  {
    // Two syntax errors, at the start and at the end of a long list: read from the entry holding
    // the first, then from the one holding the next js-yaml meets, and not in between.
    name: 'validate: syntax errors far apart',
    what: 'lines',
    unit: (i) => `          - title: "Evidence: ${i}"\n`,
    file: (parts) => `${HEAD('      lead.c1:\n        rating: developing\n        evidence:\n')}          - title: Evidence: first\n${parts}          - title: Evidence: last\n`,
    args: (f) => ['validate', f],
    accept: [1],
  },
  {
    name: 'validate: aliases that amplify',
    what: 'bytes',
    unit: () => 'x',
    file: (parts) => `${HEAD('      lead.c1:\n        rating: developing\n')}        commentary: &t ${parts}\n        evidence: [${Array(50).fill('*t').join(', ')}]\n`,
    args: (f) => ['validate', f],
    accept: [1],
  },
  {
    name: 'validate: nesting refused',
    what: 'bytes',
    unit: () => '[',
    file: (parts) => `${parts}${']'.repeat(parts.length)}\n`,
    args: (f) => ['validate', f],
    accept: [1],
    half: true,
  },
  {
    // Past the Word paper's limit at both sizes: refused, after a bounded part of the paper is built.
    name: 'report docx: many actions',
    what: 'actions',
    unit: (i) => `          - action: Action ${i}${OPEN}`,
    file: inActions,
    args: (f) => ['report', f, '--format', 'docx', '--as-of', '2026-03-31'],
    accept: [0, 2],
  },
  {
    // The largest Word paper bva makes: actions (of the longest text an action may have, 500
    // characters) with notes kept beside them in comments, so that the larger file's 928 stay
    // just inside the paper's limit (PAPER_MAX_PARTS).
    name: 'report docx: the largest paper',
    what: 'actions',
    unit: (i) =>
      `          # ${NOTES.repeat(83)}\n` +
      longAction(i, 6),
    file: inActions,
    args: (f) => ['report', f, '--format', 'docx', '--as-of', '2026-03-31'],
    accept: [0],
  },
  {
    // 10,9xx actions at the larger size, 9 cells each and 1,429 in the other sheets: 99,700 cells,
    // just inside the workbook's limit (WORKBOOK_MAX_CELLS), each action as long as that leaves room for.
    name: 'export xlsx: many actions',
    what: 'actions',
    unit: (i) => sizedAction(i, 456),
    file: inActions,
    args: (f) => ['export', f, '--format', 'xlsx', '--as-of', '2026-03-31'],
    accept: [0],
  },
  {
    // 9,0xx actions at the larger size, 11 columns each: 99,800 cells, just inside the workbook's limit.
    name: 'actions xlsx: many actions',
    what: 'actions',
    unit: (i) => sizedAction(i, 549),
    file: inActions,
    args: (f) => ['actions', f, '--format', 'xlsx', '--as-of', '2026-03-31'],
    accept: [0],
  },
  {
    // The workbook bva export makes of the same file as the export's case (the largest it makes)
    // with one rating changed (made once per size, before the runs are timed), imported back: every
    // cell read and checked, one answer written.
    name: 'import: a large real workbook',
    what: 'actions',
    unit: (i) => sizedAction(i, 456),
    file: inActions,
    args: (f) => {
      const fs = process.getBuiltinModule('node:fs');
      const book = `${f}-${fs.statSync(f).size}.xlsx`;
      if (!fs.existsSync(book)) {
        fs.writeFileSync(`${book}.yaml`, fs.readFileSync(f, 'utf8').replace('rating: developing', 'rating: established'));
        const made = spawnSync(process.execPath, [BIN, 'export', `${book}.yaml`, '--out', book, '--as-of', '2026-03-31'], { encoding: 'utf8' });
        if (made.status !== 0) throw new Error(`making the workbook to import: ${made.stderr}`);
      }
      return ['import', f, book];
    },
    accept: [0],
    writes: true,
  },
];

/** How many parts make a file of about `bytes`. */
function partsFor(c, bytes) {
  const one = Buffer.byteLength(c.unit(1_000_000));
  const overhead = Buffer.byteLength(c.file(''));
  return Math.max(1, Math.floor((bytes - overhead) / one / (c.half ? 2 : 1)));
}

/** Writes case `c` with `n` parts to `path`; returns its size in bytes. */
function write(c, n, path) {
  const parts = [];
  for (let i = 1; i <= n; i++) parts.push(c.unit(i));
  const text = c.file(parts.join(''));
  writeFileSync(path, text);
  return statSync(path).size;
}

/** One run: wall seconds (measured here), peak memory (GNU time, when there), exit code. */
function once(c, file, scratch) {
  if (c.writes) copyFileSync(file, scratch);
  const target = c.writes ? scratch : file;
  const args = [BIN, ...c.args(target)];
  const started = process.hrtime.bigint();
  const r = existsSync(TIME)
    ? spawnSync(TIME, ['-f', 'worst-case %M', process.execPath, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } })
    : spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const err = r.stderr.toString();
  const kib = /worst-case (\d+)\s*$/.exec(err);
  // GNU time's own "Command exited with non-zero status N" line, if any, is not bva's.
  return { seconds, mb: kib ? (Number(kib[1]) * 1024) / 1e6 : null, code: r.status, said: err.replace(/^Command exited.*$/m, '').replace(/worst-case \d+\s*$/, '').trim().split('\n')[0] };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs every case (or those whose name includes `only`) at both sizes, `runs` times each (the
 * median time; the highest peak memory), and returns one row per case.
 */
export function measure({ runs = 3, only, log = () => {} } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'bva-worst-'));
  const rows = [];
  try {
    for (const c of CASES.filter((x) => only === undefined || x.name.includes(only))) {
      const big = partsFor(c, MAX_FILE_BYTES * FILL);
      const row = { name: c.name, what: c.what, sizes: [] };
      for (const n of [Math.max(1, Math.floor(big / 10)), big]) {
        const file = join(tmp, `case-${n}.yaml`);
        const bytes = write(c, n, file);
        const samples = [];
        for (let i = 0; i < runs; i++) {
          log(`${c.name}: ${n} ${c.what}, run ${i + 1} of ${runs}`);
          const s = once(c, file, join(tmp, 'scratch.yaml'));
          if (!c.accept.includes(s.code)) throw new Error(`${c.name} (${n} ${c.what}): exit ${s.code}: ${s.said}`);
          samples.push(s);
        }
        row.sizes.push({ n, bytes, seconds: median(samples.map((s) => s.seconds)), mb: Math.max(...samples.map((s) => s.mb ?? 0)) || null });
        rmSync(file, { force: true });
      }
      const [small, large] = row.sizes;
      row.ratio = large.seconds / small.seconds;
      row.pass = large.seconds < TARGETS.seconds && (large.mb === null || large.mb < TARGETS.megabytes) && row.ratio < TARGETS.ratio;
      rows.push(row);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

/** The rows as a table, with the verdict of each against the targets. */
export function render(rows) {
  const mib = (b) => `${(b / 2 ** 20).toFixed(2)} MiB`;
  const head = ['worst case', 'size', 'time', 'peak MB', 'size', 'time', 'peak MB', 'ratio', ''];
  const body = rows.map((r) => {
    const [s, l] = r.sizes;
    const cell = (x) => [`${x.n} ${r.what} (${mib(x.bytes)})`, `${x.seconds.toFixed(2)} s`, x.mb === null ? '?' : x.mb.toFixed(0)];
    return [r.name, ...cell(s), ...cell(l), `${r.ratio.toFixed(1)}x`, r.pass ? 'PASS' : 'MISS'];
  });
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [
    `Worst cases, each at two sizes ten times apart (targets at the larger: under ${TARGETS.seconds} s and ${TARGETS.megabytes} MB; time ratio under ${TARGETS.ratio}x)`,
    line(all[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag) => {
    const i = args.indexOf(flag);
    return i === -1 ? undefined : args[i + 1];
  };
  const runs = Number(value('--runs') ?? 3);
  const rows = measure({ runs, only: value('--only'), log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(args.includes('--json') ? `${JSON.stringify(rows, null, 2)}\n` : `${render(rows)}\n`);
  if (rows.some((r) => !r.pass)) process.exitCode = 1;
}
