// The questionnaire's prompts on a real terminal: inquirer's select, and bva's own text prompt
// (text-prompt.ts). Every question fits the terminal's width on word boundaries, and Esc goes back
// from any of them (the flow decides where back is). Loaded only by `bva assess`, after it has
// checked that it has a terminal, so no other command pays for it.
import { emitKeypressEvents } from 'node:readline';
import { editor, select, Separator } from '@inquirer/prompts';
import type { InStream, OutStream } from '../commands/context.js';
import { terminalLine } from '../render/escape.js';
import { wrap } from '../render/wrap.js';
import { EscapePromptError, type Prompts, type SelectItem } from './ask.js';
import { textPrompt, type TextPromptResult } from './text-prompt.js';

export interface TerminalIo {
  /** The keyboard. */
  readonly input: InStream;
  /** The terminal (a real stream: the prompts draw on it). */
  readonly output: OutStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Bracketed paste: the terminal marks pasted text, so its line breaks are not taken for Enter. */
const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';

/** Prompts that ask at the terminal. Ctrl-C rejects with inquirer's ExitPromptError, Esc with EscapePromptError. */
export function terminalPrompts(io: TerminalIo): Prompts {
  const output = io.output as unknown as NodeJS.WritableStream;
  const columns = (): number => Math.max(20, io.output.columns || 80);
  // The editor, as git finds it: VISUAL, then EDITOR. Without one, Ctrl-E is not offered.
  const editorCommand = io.env['VISUAL'] || io.env['EDITOR'] || undefined;
  // Shown in questions: made safe for the terminal like every name bva did not write.
  const editorName = editorCommand === undefined ? undefined : terminalLine(editorCommand.trim().split(/\s+/)[0]?.split(/[\\/]/).pop() ?? '');
  emitKeypressEvents(io.input);

  /** Runs a prompt that Esc cancels, as EscapePromptError. */
  async function escapable<T>(run: (context: { input: InStream; output: NodeJS.WritableStream; signal: AbortSignal }) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const onKey = (_: unknown, key?: { name?: string }): void => {
      if (key?.name === 'escape') controller.abort();
    };
    io.input.on('keypress', onKey);
    try {
      return await run({ input: io.input, output, signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted && err instanceof Error && err.name === 'AbortPromptError') throw new EscapePromptError();
      throw err;
    } finally {
      io.input.removeListener('keypress', onKey);
    }
  }

  /** A question's text wrapped to the terminal after inquirer's "? ". */
  const message = (text: string): string => wrap(`xx${text}`, columns(), 2, 0).slice(2);

  /**
   * A choice's name on a terminal `width` columns wide, after inquirer's "❯ ": as it is when it
   * fits; else wrapped, its further lines under its text, or under its second column where it has
   * one (a rating's meaning after its word), so the columns stay lined up.
   */
  const choiceName = (name: string, width: number): string => {
    if (name.length + 2 <= width) return name;
    const columned = /^(\S(?:.*?\S)? {2,})\S/.exec(name);
    const head = columned && columned[1]!.length <= width / 2 ? columned[1]! : '';
    const under = 2 + head.length;
    return head + wrap(name.slice(head.length), width, under, under).slice(under);
  };

  return {
    select: <V>(q: { message: string; choices: readonly SelectItem<V>[]; default?: V }) => {
      // Each choice wrapped after inquirer's "❯ " (and before a disabled choice's reason), its further lines under its first.
      const choices = q.choices.map((c) =>
        'separator' in c
          ? new Separator(c.separator)
          : {
              value: c.value,
              name: choiceName(c.name, columns() - (c.disabled !== undefined ? c.disabled.length + 1 : 0)),
              ...(c.short !== undefined ? { short: c.short } : {}),
              ...(c.disabled !== undefined ? { disabled: c.disabled } : {}),
            },
      );
      const lines = choices.reduce((n, c) => n + ('name' in c ? c.name.split('\n').length : 1), 0);
      return escapable((context) =>
        select<V>(
          {
            message: message(q.message),
            choices,
            // Every choice in view: a rating's meanings read best without scrolling.
            pageSize: lines,
            loop: false,
            ...(q.default !== undefined ? { default: q.default } : {}),
            theme: { style: { keysHelpTip: () => '↑↓ choose · enter: select · esc: back' } },
          },
          context,
        ),
      );
    },
    input: async (q) => {
      let initial: string | undefined;
      for (;;) {
        output.write(PASTE_ON);
        let result: TextPromptResult;
        try {
          result = await escapable((context) =>
            textPrompt(
              { message: message(q.message), default: q.default, validate: q.validate, multiline: q.multiline === true, initial, ...(q.multiline && editorName !== undefined ? { editor: editorName } : {}) },
              context,
            ),
          );
        } finally {
          output.write(PASTE_OFF);
        }
        if ('text' in result) return result.text;
        // Ctrl-E: the text so far in the editor, then back to the question with what it gave.
        initial = (
          await editor(
            // A text file ends in a line break, as editors expect; the break is taken off again after.
            { message: `Editing in ${editorName}: save and close it to come back.`, default: result.editor === '' ? '' : `${result.editor}\n`, postfix: '.md', waitForUserInput: false },
            { input: io.input, output },
          )
        ).replace(/\s+$/, '');
      }
    },
  };
}
