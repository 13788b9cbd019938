// The questionnaire's prompts on a real terminal, through @inquirer/prompts. Loaded only by
// `bva assess`, after it has checked that it has a terminal, so no other command pays for it.
import { editor, input, select, Separator } from '@inquirer/prompts';
import type { InStream, OutStream } from '../commands/context.js';
import type { Prompts, SelectItem } from './flow.js';

export interface TerminalIo {
  /** The keyboard. */
  readonly input: InStream;
  /** The terminal (a real stream: the prompts draw on it). */
  readonly output: OutStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Prompts that ask at the terminal. Ctrl-C rejects with inquirer's ExitPromptError. */
export function terminalPrompts(io: TerminalIo): Prompts {
  const context = { input: io.input, output: io.output as unknown as NodeJS.WritableStream };
  const editorName = io.env['VISUAL'] || io.env['EDITOR'];
  return {
    hasEditor: editorName !== undefined && editorName !== '',
    select: <V>(q: { message: string; choices: readonly SelectItem<V>[]; default?: V }) =>
      select<V>(
        {
          message: q.message,
          choices: q.choices.map((c) =>
            'separator' in c
              ? new Separator(c.separator)
              : { value: c.value, name: c.name, ...(c.short !== undefined ? { short: c.short } : {}), ...(c.disabled !== undefined ? { disabled: c.disabled } : {}) },
          ),
          // Every choice in view: a rating's meanings read best without scrolling.
          pageSize: q.choices.length,
          loop: false,
          ...(q.default !== undefined ? { default: q.default } : {}),
        },
        context,
      ),
    input: (q) => input({ message: q.message, ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, context),
    editor: (q) =>
      editor(
        {
          message: q.message,
          ...(q.default !== undefined ? { default: q.default } : {}),
          ...(q.validate ? { validate: q.validate } : {}),
          // Markdown-ish text: editors colour and wrap .md files kindly.
          postfix: '.md',
          waitForUserInput: true,
        },
        context,
      ),
  };
}
