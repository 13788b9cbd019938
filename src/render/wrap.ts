// Word-wrapping plain text for a terminal of a given width: the one wrap in bva.

/** Characters after which a word too long for a whole line is best broken (a path, a link, a file name). */
const BREAK_AFTER = /[/\-._?&=]/;

/**
 * Wraps text to `width` columns on word boundaries, each line after the first indented by `indent`
 * spaces (the first by `firstIndent`). The text's own line breaks are kept, a blank line stays
 * blank, and no line is longer than `width`: a word breaks only when it cannot fit a line of its
 * own, after a `/`, `-`, `.` or `_` where one falls late enough in the line, else at the width.
 */
export function wrap(text: string, width: number, indent = 0, firstIndent = indent): string {
  const out: string[] = [];
  const pad = ' '.repeat(indent);
  let line = ' '.repeat(firstIndent);
  let lineHasWord = false;
  const room = (): number => width - line.length;
  const flush = (): void => {
    out.push(line.trimEnd());
    line = pad;
    lineHasWord = false;
  };
  const sources = text.replace(/\s+$/, '').split(/\r?\n/);
  sources.forEach((source, n) => {
    // A line break in the text ends the line; a blank line in the text stays a blank line.
    if (n > 0 && lineHasWord) flush();
    if (source.trim() === '') {
      if (n > 0) out.push('');
      return;
    }
    for (const word of source.split(/\s+/).filter(Boolean)) {
      if (lineHasWord && word.length + 1 <= room()) {
        line += ` ${word}`;
        continue;
      }
      if (lineHasWord) flush();
      let rest = word;
      // A word wider than a whole line: break it where it reads best.
      while (rest.length > room() && room() > 0) {
        const cut = breakPoint(rest, room());
        line += rest.slice(0, cut);
        out.push(line);
        line = pad;
        rest = rest.slice(cut);
      }
      line += rest;
      lineHasWord = true;
    }
  });
  if (lineHasWord) out.push(line);
  return out.join('\n');
}

/** Where to break a word that needs more than `room` columns: after a break character in the second half, else at `room`. */
function breakPoint(word: string, room: number): number {
  for (let i = room; i > room / 2; i--) if (BREAK_AFTER.test(word[i - 1]!)) return i;
  return room;
}
