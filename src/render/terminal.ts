// The short summary `bva assess` prints when a sitting ends: per theme its status, level and red
// flags, the whole authority's status, and the command that renders the full report. Pure.
import type { Rag, Report } from '../generated/report.js';
import { columns } from './catalogue.js';
import { terminalLine } from './escape.js';
import type { Paint } from './paint.js';
import { wrap } from './wrap.js';
import { RAG_WORDS } from './report-formats.js';
import { plural, shellArg } from '../words.js';

export interface TerminalSummaryOptions {
  readonly paint: Paint;
  /** The answers file as the person named it, for the report command. */
  readonly file: string;
  /** Arguments the report command needs after the file (` --catalogue PATH` when one was given), or ''. */
  readonly again?: string;
  /** Columns to wrap the reasons to. */
  readonly width: number;
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
  const laid = columns([['Status', 'Theme', 'Answered', 'Level', 'Red flags'], ...rows]).split('\n');
  // The red flags wrap within their column, between words, when a row is wider than the terminal.
  const flagsAt = laid[0]!.indexOf('Red flags');
  const table = laid.map((line) => (line.length + 2 <= o.width ? line : line.slice(0, flagsAt) + wrap(line.slice(flagsAt), o.width - 2, flagsAt, flagsAt).slice(flagsAt)));
  // Colour goes on after the columns are laid out, so it cannot upset their widths.
  const painted = table.map((line, i) => {
    if (i === 0) return paint.bold(line);
    const rag = report.themes[i - 1]!.rag;
    const word = RAG_WORDS[rag];
    return ragPaint(rag, paint)(word) + line.slice(word.length);
  });
  // On a terminal too narrow for the table, each theme on lines of its own, broken between words.
  const stacked = report.themes.flatMap((t, i) => {
    const [status, theme, answered, level, flags] = rows[i]!;
    return [
      `${ragPaint(t.rag, paint)(status!)}${wrap(` ${theme}`, o.width - 2 - status!.length, 2)}`.replace(/\n/g, `\n${' '.repeat(status!.length)}`),
      wrap(`${answered} answered; level ${level}; red flags: ${flags}`, o.width - 2, 4, 2),
    ];
  });
  const fits = flagsAt + 2 + 20 <= o.width;
  const overall = `Overall: ${RAG_WORDS[s.rag]}${s.level ? `, level ${terminalLine(s.level.label)}` : ''}; ${plural(s.counts.redFlags, 'red flag')}, ${plural(s.counts.openActions, 'open action')}.`;
  const lines = [
    paint.bold(wrap(`${terminalLine(report.authority)}, ${terminalLine(report.period)}: ${s.counts.answered} of ${s.counts.indicators} indicators answered`, o.width)),
    '',
    ...(fits ? painted : stacked).map((l) => `  ${l.replace(/\n/g, '\n  ')}`),
    '',
    wrap(overall, o.width, 2, 0).replace(RAG_WORDS[s.rag], ragPaint(s.rag, paint)(RAG_WORDS[s.rag])),
    ...s.reasons.map((r) => wrap(terminalLine(r), o.width, 4, 2)),
    '',
    wrap(terminalLine(`Full report: bva report ${shellArg(o.file)}${o.again ?? ''}`), o.width, 2, 0),
  ];
  return `${lines.join('\n')}\n`;
}
