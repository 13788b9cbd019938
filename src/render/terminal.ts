// The short summary `bva assess` prints when a sitting ends: per theme its status, level and red
// flags, the whole authority's status, and the command that renders the full report. Pure.
import type { Rag, Report } from '../generated/report.js';
import { columns } from './catalogue.js';
import { terminalLine } from './escape.js';
import type { Paint } from './paint.js';
import { wrap } from './wrap.js';
import { RAG_WORDS } from './report-formats.js';
import { plural } from '../words.js';

export interface TerminalSummaryOptions {
  readonly paint: Paint;
  /** The answers file as the person named it, for the report command. */
  readonly file: string;
  /** Arguments the report command needs after the file (` --catalogue PATH` when one was given), or ''. */
  readonly again?: string;
  /** Columns to wrap the reasons to. */
  readonly width: number;
}

/** A word for the shell: as it is when it needs no quoting, else in single quotes. */
export function shellArg(word: string): string {
  return /^[\w./@:+,=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const ragPaint = (rag: Rag, paint: Paint): ((s: string) => string) =>
  ({ red: paint.red, amber: paint.amber, green: paint.green, 'not-assessed': paint.dim })[rag];

/**
 * The end-of-sitting summary: one row per theme (status, answered, level, red flags), the overall
 * status with its reasons, and "Full report: bva report FILE".
 */
export function terminalSummary(report: Report, o: TerminalSummaryOptions): string {
  const { paint } = o;
  const s = report.summary;
  const rows = report.themes.map((t) => {
    const flags = t.indicators.filter((i) => i.redFlag).map((i) => `${i.id} ${terminalLine(i.rating!.label)}`);
    return [
      RAG_WORDS[t.rag],
      `${t.number} ${terminalLine(t.title)}`,
      `${t.counts.answered} of ${t.counts.indicators}`,
      t.level ? terminalLine(t.level.label) : '-',
      flags.length > 0 ? flags.join(', ') : 'none',
    ];
  });
  const table = columns([['Status', 'Theme', 'Answered', 'Level', 'Red flags'], ...rows]).split('\n');
  // Colour goes on after the columns are laid out, so it cannot upset their widths.
  const painted = table.map((line, i) => {
    if (i === 0) return paint.bold(line);
    const rag = report.themes[i - 1]!.rag;
    const word = RAG_WORDS[rag];
    return ragPaint(rag, paint)(word) + line.slice(word.length);
  });
  const lines = [
    paint.bold(`${terminalLine(report.authority)}, ${terminalLine(report.period)}: ${s.counts.answered} of ${s.counts.indicators} indicators answered`),
    '',
    ...painted.map((l) => `  ${l}`),
    '',
    `Overall: ${ragPaint(s.rag, paint)(RAG_WORDS[s.rag])}${s.level ? `, level ${terminalLine(s.level.label)}` : ''}; ${plural(s.counts.redFlags, 'red flag')}, ${plural(s.counts.openActions, 'open action')}.`,
    ...s.reasons.map((r) => wrap(terminalLine(r), o.width, 4, 2)),
    '',
    `Full report: bva report ${shellArg(o.file)}${o.again ?? ''}`,
  ];
  return `${lines.join('\n')}\n`;
}
