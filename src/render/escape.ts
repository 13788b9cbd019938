// Making text that people wrote safe in each output: a terminal, Markdown, HTML, GitHub
// workflow commands. Every renderer that prints user text goes through one of these.

// C0 and C1 control characters and DEL, except tab and line feed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * What must not reach a terminal or a GitHub annotation as it is: the control characters above,
 * the characters that change the direction of the text after them (bidirectional marks,
 * embeddings, overrides and isolates: U+202E makes "txt.exe" read "exe.txt"), and the Unicode line
 * and paragraph separators, which some viewers break lines at.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const visible = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text for a terminal: control characters (ESC, and so ANSI escape sequences; carriage returns;
 * bells) and bidirectional controls shown as visible \uXXXX escapes instead of acting on the
 * terminal or on the order of what it shows. The one place bva decides what is safe to show.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Text for one line of a terminal: also folds line breaks and tabs to spaces. */
export function terminalLine(text: string): string {
  return terminalSafe(text.replace(/\r\n|\r|\n|\t/g, ' '));
}

/**
 * A message for a person, as a template: bva's own words as written, every value put into it (a
 * file's name, an argument, text from a file) made safe for one line by terminalLine. Every line a
 * command writes to the terminal is made with it, or from values already made safe.
 */
export function say(words: TemplateStringsArray, ...values: readonly unknown[]): string {
  return words.reduce((out, word, i) => out + (i === 0 ? '' : terminalLine(String(values[i - 1]))) + word, '');
}

/**
 * Text for inside a Markdown table cell or a line of prose: can't break the table, start a
 * block, inject HTML or code. Line breaks become <br>, and Markdown's punctuation is escaped.
 */
export function markdownInline(text: string): string {
  return terminalSafe(text)
    .replace(/\\/g, '\\\\')
    // At the start of a line, leading spaces would make a code block and "- ", "+ ", "1. " a list.
    .replace(/^[ \t]+/gm, '')
    .replace(/^([-+=]|\d+[.)])(?=\s|$)/gm, (m) => (m.length === 1 ? `\\${m}` : `${m.slice(0, -1)}\\${m.slice(-1)}`))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([`*_[\]|#~!{}])/g, '\\$1')
    .replace(/\r\n|\r|\n/g, '<br>')
    .replace(/\t/g, ' ');
}

/**
 * A value as JSON, indented two spaces as bva prints it. JSON.stringify leaves DEL, the C1 control
 * characters (one of them starts an ANSI escape on some terminals), the bidirectional controls and
 * the Unicode line separators as they are; here they are \uXXXX escapes, which read back as the
 * same text. (C0 characters are escaped by JSON.stringify already, so UNSAFE finds none left.)
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, visible);
}

/** Text for HTML element content and attribute values. */
export function htmlEscape(text: string): string {
  return text
    .replace(CONTROL, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A GitHub workflow command's message: %, CR and LF escaped as GitHub reads them, and the other
 * control characters made visible, since the job log shows the line and acts on ANSI escapes.
 */
export function githubData(text: string): string {
  return terminalSafe(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A GitHub workflow command's property value (also : and ,). */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
