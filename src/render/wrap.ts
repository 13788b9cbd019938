// Word-wrapping plain text for a terminal of a given width.

/** Wraps text to `width` columns, each line after the first indented by `indent` spaces. */
export function wrap(text: string, width: number, indent = 0, firstIndent = indent): string {
  const out: string[] = [];
  for (const paragraph of text.split(/\n{2,}/)) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    let line = ' '.repeat(out.length === 0 ? firstIndent : indent);
    let lineHasWord = false;
    const pad = ' '.repeat(indent);
    for (const word of words) {
      if (lineHasWord && line.length + 1 + word.length > width) {
        out.push(line);
        line = pad + word;
      } else {
        line += (lineHasWord ? ' ' : '') + word;
      }
      lineHasWord = true;
    }
    if (lineHasWord) out.push(line);
  }
  return out.join('\n');
}
