// Generates a synthetic bva catalogue and a complete answers file of N indicators, for the benchmark.
// Usage: node scripts/synthetic.mjs N OUTDIR  (prints the two paths it wrote)
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** bva refuses input files over this size (src/source/read.ts); a bench file over it measures nothing. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const PER_THEME = 100;
const WIDTH = 98; // folded text stays under 100 columns, like the hand-written files

// Word lists combined by index with co-prime lengths, so neighbouring indicators read differently
// but every run produces byte-identical files (no randomness: timings must be comparable).
const SUBJECTS = ['The council', 'The cabinet', 'The chief executive', 'The corporate leadership team', 'Each directorate', 'The audit committee', 'The scrutiny committee'];
const VERBS = ['reviews', 'publishes', 'monitors', 'challenges', 'reports on', 'tests', 'agrees', 'improves', 'scrutinises', 'refreshes', 'consults on'];
const OBJECTS = [
  'its medium-term financial plan', 'performance against the corporate plan', 'the strategic risk register',
  'contract management arrangements', 'the workforce strategy', 'complaints and what they show',
  'partnership governance', 'the capital programme', 'the quality of its data', 'decisions taken under delegated powers',
  'the treasury management strategy', 'savings delivery',
];
const MANNERS = ['at least once a year', 'every quarter', 'in public', 'with evidence from residents', 'against agreed targets', 'with independent challenge', 'before each budget round', 'through scrutiny'];
const EVIDENCE = [
  'Annual Governance Statement 2024-25', 'Quarterly performance report to cabinet', 'Medium-term financial strategy 2025-29',
  'Internal audit annual opinion', 'Scrutiny work programme', 'Corporate peer challenge report and action plan',
  'Residents survey results', 'Strategic risk register', 'Workforce strategy and pay policy statement',
];
const OWNERS = ['Head of Service', 'Chief Finance Officer', 'Monitoring Officer', 'Director of Resources', 'Head of Policy'];
const THEME_NAMES = ['Financial sustainability', 'Leadership', 'Governance', 'Culture', 'Use of resources', 'Service delivery', 'Partnerships', 'Community engagement', 'Workforce', 'Digital and data', 'Commissioning'];

const pick = (list, i) => list[i % list.length];
const pad = (n, width) => String(n).padStart(width, '0');
const lower = (s) => s[0].toLowerCase() + s.slice(1); // a subject in mid-sentence

/** A top-level YAML block (the `key:` line and everything indented under it), copied verbatim. */
function topLevelBlock(text, key) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (start === -1) throw new Error(`criteria/best-value-2024.yaml has no top-level ${key}: block`);
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || /^\s/.test(lines[end]))) end++;
  return lines.slice(start, end).join('\n').trimEnd();
}

/** The level words of one scale, weakest first, read from the copied scales block. */
function scaleWords(scalesBlock, kind) {
  const part = scalesBlock.split(new RegExp(`^  ${kind}:$`, 'm'))[1];
  if (part === undefined) throw new Error(`no ${kind} scale in the shipped catalogue`);
  const own = part.split(/^  \S/m)[0]; // up to the next scale
  return [...own.matchAll(/^\s+- word: (\S+)/gm)].map((m) => m[1]);
}

/** `key: >-` with the text folded to WIDTH columns at the given indent. */
function folded(indent, key, text) {
  const pre = ' '.repeat(indent);
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && pre.length + 2 + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return `${pre}${key}: >-\n${lines.map((l) => `${pre}  ${l}`).join('\n')}\n`;
}

/** The themes' shape: ~100 indicators each, ~70% characteristics then ~30% failures. */
function layout(indicators) {
  const themes = [];
  for (let t = 0, left = indicators; left > 0; t++, left -= PER_THEME) {
    const size = Math.min(PER_THEME, left);
    const characteristics = Math.max(1, Math.round(size * 0.7));
    const id = `t${pad(t + 1, 3)}`;
    const items = [];
    for (let i = 0; i < size; i++) {
      const kind = i < characteristics ? 'characteristic' : 'failure';
      const n = kind === 'characteristic' ? i + 1 : i - characteristics + 1;
      items.push({ id: `${id}.${kind[0]}${pad(n, 2)}`, kind, seq: t * PER_THEME + i });
    }
    themes.push({ id, n: t + 1, items });
  }
  return themes;
}

function catalogueYaml(name, indicators, themes, criteria) {
  let out =
    `# yaml-language-server: $schema=../src/catalogue/catalogue.schema.json\n` +
    `# Synthetic catalogue of ${indicators} indicators for bva's benchmark (scripts/synthetic.mjs).\n` +
    `id: ${name}\nversion: 1.0.0\ntitle: Synthetic catalogue of ${indicators} indicators\n` +
    folded(0, 'description', 'A generated catalogue with the shape of the shipped one, scaled up to measure how bva copes with a large file. Its themes and indicators mean nothing.') +
    `${topLevelBlock(criteria, 'source')}\n${topLevelBlock(criteria, 'scales')}\nthemes:\n`;
  for (const theme of themes) {
    const topic = pick(THEME_NAMES, theme.n - 1);
    out += `  - id: ${theme.id}\n    title: ${topic} ${theme.n}\n`;
    out += folded(4, 'summary', `The council manages ${topic.toLowerCase()} well, with clear plans, open reporting and members who challenge. This theme is synthetic.`);
    out += `    reference: Synthetic guidance, theme ${theme.n}\n    indicators:\n`;
    for (const { id, kind, seq } of theme.items) {
      const object = pick(OBJECTS, seq + theme.n);
      const text = kind === 'characteristic'
        ? `${pick(SUBJECTS, seq)} ${pick(VERBS, seq)} ${object} ${pick(MANNERS, seq)}, and acts on what it finds.`
        : `Weaknesses in ${object} go unreported, or are reported ${pick(MANNERS, seq)} and not acted on.`;
      out += `      - id: ${id}\n        kind: ${kind}\n` + folded(8, 'text', text);
      out += `        reference: Synthetic guidance, theme ${theme.n}, paragraph ${(seq % PER_THEME) + 1}\n`;
      out += folded(8, 'help', `Good practice is ${object} reviewed ${pick(MANNERS, seq + 3)}, with findings and actions reported to members.`);
      // Typical evidence on one indicator in four, as the shipped catalogue's longer entries would
      // push the 10,000 catalogue over the 5 MiB input limit.
      if (seq % 4 === 0) out += `        typical-evidence:\n          - ${pick(EVIDENCE, seq)}\n`;
    }
  }
  return out;
}

function answersYaml(name, themes, words) {
  let out =
    `# yaml-language-server: $schema=../src/answers/answers.schema.json\n` +
    `catalogue:\n  id: ${name}\n  version: 1.0.0\nauthority: Synthetic Borough Council\nperiod: 2025-26\nassessment-date: 2025-10-21\nthemes:\n`;
  for (const theme of themes) {
    out += `\n  ${theme.id}:\n` + folded(4, 'summary', `Overall the theme is mostly established, with pockets of good practice and a few risks that members are watching. Theme ${theme.n} is synthetic.`);
    out += `    indicators:\n`;
    for (const { id, kind, seq } of theme.items) {
      const scale = words[kind];
      // Spread ratings over the scale by index; offset by theme so each theme's mix differs a little.
      const rating = scale[(seq + theme.n) % scale.length];
      out += `      ${id}:\n        rating: ${rating}\n`;
      const second = seq % 3 === 0 ? ` Progress is reported to ${lower(pick(SUBJECTS, seq + 2))} ${pick(MANNERS, seq + 1)}.` : '';
      out += folded(8, 'commentary', `Rated ${rating}: ${lower(pick(SUBJECTS, seq + 1))} ${pick(VERBS, seq + 5)} ${pick(OBJECTS, seq)}.${second}`);
      out += `        evidence:\n          - ${pick(EVIDENCE, seq)}\n`;
      if (seq % 5 === 0) {
        out += `        actions:\n          - action: Agree a plan to improve ${pick(OBJECTS, seq + 7)}\n`;
        out += `            owner: ${pick(OWNERS, seq)}\n            due: 2026-${pad((seq % 12) + 1, 2)}-${seq % 2 ? 15 : 28}\n`;
        out += `            status: ${seq % 20 === 0 ? 'done' : 'open'}\n`;
      }
    }
  }
  return out;
}

/**
 * Writes a synthetic catalogue (`synthetic-N.catalogue.yaml`, id synthetic-N) and a complete
 * answers file for it (`synthetic-N.answers.yaml`) into `dir`. Deterministic: the same N always
 * gives the same bytes. Throws if either file would exceed bva's 5 MiB input limit.
 * @param {{ indicators: number, dir: string }} options
 * @returns {{ catalogue: string, answers: string }} the paths written
 */
export function generate({ indicators, dir }) {
  if (!Number.isInteger(indicators) || indicators < 1) throw new Error(`indicators must be a positive whole number, got ${indicators}`);
  const criteria = readFileSync(join(root, 'criteria', 'best-value-2024.yaml'), 'utf8');
  const scales = topLevelBlock(criteria, 'scales');
  const words = { characteristic: scaleWords(scales, 'characteristic'), failure: scaleWords(scales, 'failure') };
  const name = `synthetic-${indicators}`;
  const themes = layout(indicators);
  mkdirSync(dir, { recursive: true });
  const catalogue = join(dir, `${name}.catalogue.yaml`);
  const answers = join(dir, `${name}.answers.yaml`);
  writeFileSync(catalogue, catalogueYaml(name, indicators, themes, criteria));
  writeFileSync(answers, answersYaml(name, themes, words));
  for (const path of [catalogue, answers]) {
    const { size } = statSync(path);
    if (size > MAX_FILE_BYTES) throw new Error(`${path}: ${size} bytes is over bva's 5 MiB input limit`);
  }
  return { catalogue, answers };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [count, dir] = process.argv.slice(2);
  if (!/^\d+$/.test(count ?? '') || !dir) {
    process.stderr.write('usage: node scripts/synthetic.mjs N OUTDIR\n');
    process.exit(2);
  }
  const paths = generate({ indicators: Number(count), dir: resolve(dir) });
  process.stdout.write(`${paths.catalogue}\n${paths.answers}\n`);
}
