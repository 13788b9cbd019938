// Making text that people wrote safe in each output: a terminal, Markdown, HTML, GitHub
// workflow commands. Every renderer that prints user text goes through one of these.

// C0 and C1 control characters and DEL, except tab and line feed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text for a terminal: control characters (ESC, and so ANSI escape sequences; carriage returns;
 * bells) shown as visible \uXXXX escapes instead of acting on the terminal.
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for one line of a terminal: also folds line breaks and tabs to spaces. */
export function terminalLine(text: string): string {
  return terminalSafe(text.replace(/\r\n|\r|\n|\t/g, ' '));
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
 * characters (one of them starts an ANSI escape on some terminals) and the Unicode line separators
 * as they are; here they are \uXXXX escapes, which read back as the same text.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
