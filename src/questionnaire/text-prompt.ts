// The questionnaire's text prompt on a real terminal: nothing typed or pasted is ever dropped. A
// pasted paragraph keeps every line (the terminal marks a paste with bracketed-paste codes; where
// it does not, a Return followed at once by more text is read as a line break inside a paste).
// Enter finishes; Ctrl-J or Alt-Enter starts a new line; Ctrl-E hands the text to the person's
// editor. A one-line question joins pasted lines with spaces, and says so. Built on @inquirer/core,
// like the select prompt beside it; loaded only by `bva assess`.
import type { Interface } from 'node:readline';
import { createPrompt, makeTheme, useEffect, useKeypress, usePrefix, useRef, useState, type KeypressEvent } from '@inquirer/core';

export interface TextPromptConfig {
  readonly message: string;
  /** Taken when Enter is pressed on nothing. */
  readonly default?: string | undefined;
  readonly validate?: ((value: string) => true | string) | undefined;
  /** Keep line breaks (a commentary); else pasted lines are joined with spaces (a name). */
  readonly multiline: boolean;
  /** The text to start from (what came back from the editor). */
  readonly initial?: string | undefined;
  /** The editor Ctrl-E opens, when one is set. */
  readonly editor?: string | undefined;
}

/** The text, or a request to open the editor on the text so far. */
export type TextPromptResult = { readonly text: string } | { readonly editor: string };

interface Buffer {
  /** The lines finished so far. */
  lines: string[];
  /** The line being typed, as readline holds it. */
  current: string;
  /** Inside a bracketed paste. */
  pasting: boolean;
  /** A Return waiting to see whether more input follows in the same burst (a paste) or not (Enter). */
  pending?: { readonly line: string; cancelled: boolean } | undefined;
  /** The text given, once done. */
  given?: string;
  /** How many pasted line breaks a one-line question joined. */
  joined: number;
}

const isReturn = (key: KeypressEvent): boolean => key.name === 'return' || key.name === 'enter';

/** readline's own line editing (to the start of the line, to its end), which inquirer's type leaves out. */
const lineKey = (rl: unknown, name: 'a' | 'e'): void => (rl as Interface).write(null, { ctrl: true, name });

export const textPrompt = createPrompt<TextPromptResult, TextPromptConfig>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [error, setError] = useState<string | undefined>(undefined);
  const [, setTick] = useState(0);
  const rerender = (): void => setTick((t) => t + 1);
  const initial = (config.initial ?? '').split('\n');
  const buf = useRef<Buffer>({ lines: initial.slice(0, -1), current: '', pasting: false, joined: 0 }).current;
  const prefix = usePrefix({ status, theme });

  // The text to start from: its last line goes where readline edits.
  useEffect((rl) => {
    const last = initial[initial.length - 1]!;
    if (last !== '') {
      rl.write(last);
      buf.current = last;
      rerender();
    }
  }, []);

  const value = (last: string): string => [...buf.lines, last].join('\n');

  const finish = (rl: { write(s: string): void }, last: string): void => {
    buf.pending = undefined;
    const typed = value(last);
    const text = typed.trim() === '' && config.default !== undefined ? config.default : typed;
    const verdict = config.validate ? config.validate(text) : true;
    if (verdict !== true) {
      // Keep what was typed, so it can be put right.
      rl.write(last);
      buf.current = last;
      setError(verdict);
      return;
    }
    buf.given = text;
    setStatus('done');
    done({ text });
  };

  /** A line break: a new line, or in a one-line question, a space. */
  const lineBreak = (rl: { write(s: string): void }, line: string): void => {
    if (config.multiline) {
      buf.lines.push(line);
      buf.current = '';
    } else {
      buf.joined++;
      const joinedLine = line === '' ? line : `${line} `;
      rl.write(joinedLine);
      buf.current = joinedLine;
    }
  };

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    // A Return followed at once by more input was a line break in pasted text.
    if (buf.pending && key.name !== 'paste-end') {
      buf.pending.cancelled = true;
      const { line } = buf.pending;
      buf.pending = undefined;
      const typedAfter = rl.line;
      if (config.multiline) {
        buf.lines.push(line);
        buf.current = typedAfter;
      } else {
        // The line before the break goes back in front of what followed it, with a space.
        buf.joined++;
        lineKey(rl, 'a');
        rl.write(`${line} `);
        lineKey(rl, 'e');
        buf.current = rl.line;
      }
    }
    if (key.name === 'paste-start') {
      buf.pasting = true;
      return;
    }
    if (key.name === 'paste-end') {
      buf.pasting = false;
      rerender();
      return;
    }
    if (key.ctrl && key.name === 'e' && config.editor !== undefined) {
      setStatus('done');
      done({ editor: value(buf.current) });
      return;
    }
    if (isReturn(key)) {
      // readline has already taken the line; what was typed is in buf.current.
      const line = buf.current;
      buf.current = '';
      if (buf.pasting || key.name === 'enter' || (key as KeypressEvent & { meta?: boolean }).meta === true) {
        lineBreak(rl, line);
        rerender();
        return;
      }
      // Enter, unless more input comes in the same burst (a terminal without bracketed paste): readline
      // hands over a burst's keys one after another, so the burst is over by the next microtask.
      const pending = { line, cancelled: false };
      buf.pending = pending;
      queueMicrotask(() => {
        if (!pending.cancelled && buf.pending === pending) finish(rl, line);
      });
      return;
    }
    if (key.name === 'backspace' && buf.current === '' && rl.line === '' && buf.lines.length > 0) {
      // Backspace at the start of a line joins it to the line above.
      const above = buf.lines.pop()!;
      rl.write(above);
      buf.current = above;
      rerender();
      return;
    }
    buf.current = rl.line;
    setError(undefined);
    rerender();
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') {
    const lines = (buf.given ?? value(buf.current)).split('\n');
    const shown = lines.length > 1 ? `${lines[0]} … (${lines.length} lines)` : lines[0];
    return `${prefix} ${message}${shown ? ` ${theme.style.answer(shown)}` : ''}`;
  }
  const keys = [
    'enter: done',
    ...(config.multiline ? ['ctrl-j: new line', 'a paste keeps every line'] : []),
    ...(config.editor !== undefined ? [`ctrl-e: ${config.editor}`] : []),
    'esc: back',
  ];
  const joined = !config.multiline && buf.joined > 0 ? theme.style.help(`(${buf.joined === 1 ? 'a pasted line break was' : `${buf.joined} pasted line breaks were`} joined with a space)`) : '';
  const bottom = [joined, theme.style.help(keys.join(' · ')), error ? theme.style.error(error) : ''].filter(Boolean).join('\n');
  const fallback = config.default !== undefined && buf.current === '' && buf.lines.length === 0 && !config.multiline ? ` ${theme.style.defaultAnswer(config.default)}` : '';
  if (!config.multiline) return [`${prefix} ${message}${fallback} ${buf.current}`, bottom];
  // Several lines: the text below the question, the line being typed last (where readline's cursor is).
  return [[`${prefix} ${message}`, ...buf.lines.map((l) => `  ${l}`), `  ${buf.current}`].join('\n'), bottom];
});
