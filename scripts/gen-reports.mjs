#!/usr/bin/env node
// Regenerates examples/reports/ from the example answers files by running the built binary, so a
// reader of the repository sees what bva produces without running it. `--check` writes nothing and
// exits 1, listing the stale files, when a report on disk differs from what bva now produces.
// Each report has a fixed as-of date, so the same bva gives the same bytes on any day.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'bva.js');
const outDir = 'examples/reports';

/**
 * The reports and the arguments that make them. 2025-26 is judged as of 31 January 2026, a date
 * when some of its actions are overdue and some evidence is past review; 2024-25 as of
 * 27 November 2024, the Cabinet meeting it went to; Eastmoor's 2025-26 as of 27 November 2025;
 * the trend, over Marlbridge's three periods.
 */
const REPORTS = [
  { file: '2025-26.md', args: ['report', 'examples/2025-26.yaml', '--previous', 'examples/2024-25.yaml', '--as-of', '2026-01-31'] },
  { file: '2025-26.json', args: ['report', 'examples/2025-26.yaml', '--previous', 'examples/2024-25.yaml', '--as-of', '2026-01-31', '--format', 'json'] },
  { file: '2025-26.html', args: ['report', 'examples/2025-26.yaml', '--previous', 'examples/2024-25.yaml', '--as-of', '2026-01-31', '--format', 'html'] },
  { file: '2025-26.docx', args: ['report', 'examples/2025-26.yaml', '--previous', 'examples/2024-25.yaml', '--as-of', '2026-01-31', '--format', 'docx'] },
  { file: '2024-25.md', args: ['report', 'examples/2024-25.yaml', '--as-of', '2024-11-27'] },
  // A council's own framework (examples/council/): found through its bva.config.yaml, with no
  // --catalogue; judged as of the Audit and Governance Committee meeting it went to.
  { file: 'council-2025-26.md', args: ['report', 'examples/council/2025-26.yaml', '--previous', 'examples/council/2024-25.yaml', '--as-of', '2025-11-27'] },
  { file: 'council-2025-26.html', args: ['report', 'examples/council/2025-26.yaml', '--previous', 'examples/council/2024-25.yaml', '--as-of', '2025-11-27', '--format', 'html'] },
  // The three periods side by side; each is scored as of its own assessment date, so no as-of is needed.
  { file: 'trend.md', args: ['trend', 'examples/2023-24.yaml', 'examples/2024-25.yaml', 'examples/2025-26.yaml'] },
  { file: 'trend.html', args: ['trend', 'examples/2023-24.yaml', 'examples/2024-25.yaml', 'examples/2025-26.yaml', '--format', 'html'] },
];

const check = process.argv.includes('--check');
const unknown = process.argv.slice(2).filter((a) => a !== '--check');
if (unknown.length > 0) {
  process.stderr.write(`gen-reports: unknown argument ${unknown[0]}\nUsage: node scripts/gen-reports.mjs [--check]\n`);
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'bva.cjs'))) {
  process.stderr.write('gen-reports: bva is not built; run node scripts/build.mjs first\n');
  process.exit(2);
}

const stale = [];
for (const { file, args } of REPORTS) {
  const path = join(root, outDir, file);
  // Bytes, not text: the Word report is a binary file (written to a pipe, as bva allows).
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(`gen-reports: bva ${args.join(' ')} exited ${r.status ?? r.signal}\n${r.stderr}`);
    process.exit(2);
  }
  const current = existsSync(path) ? readFileSync(path) : undefined;
  if (current?.equals(r.stdout)) continue;
  stale.push(`${outDir}/${file}`);
  if (!check) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, r.stdout);
    renameSync(tmp, path);
  }
}

if (check) {
  if (stale.length > 0) {
    process.stderr.write(`Stale example reports (run node scripts/gen-reports.mjs):\n${stale.map((f) => `  ${f}\n`).join('')}`);
    process.exit(1);
  }
  process.stdout.write(`${REPORTS.length} example reports are up to date.\n`);
} else {
  process.stdout.write(stale.length > 0 ? `Wrote ${stale.join(', ')}\n` : `${REPORTS.length} example reports are up to date.\n`);
}
