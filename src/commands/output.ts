// Where a command's output goes and in which format: the one rule for every command with --out and
// --format. --format, when given, says the format; else the extension of --out does (report.html is
// HTML); else the command's default. A --format that contradicts --out's extension is refused, as is
// an --out whose extension names no format the command writes, when --format does not settle it.
import { extname } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { TooLargeError } from '../render/limits.js';

/** The formats a command writes: each format's extensions (without the dot), its name, and the default. */
export interface OutputFormats<F extends string> {
  readonly extensions: Readonly<Record<F, readonly string[]>>;
  readonly names: Readonly<Record<F, string>>;
  readonly default: F;
}

/** The format to write, from --format and --out (see the module comment); throws UsageError on a contradiction. */
export function outputFormat<F extends string>(spec: OutputFormats<F>, opts: { readonly format?: string | undefined; readonly out?: string | undefined }): F {
  const formats = Object.keys(spec.extensions) as F[];
  const ext = opts.out === undefined ? '' : extname(opts.out).slice(1).toLowerCase();
  const byExtension = ext === '' ? undefined : formats.find((f) => spec.extensions[f].includes(ext));
  const given = opts.format as F | undefined;
  if (given !== undefined) {
    if (byExtension !== undefined && byExtension !== given) {
      throw new UsageError(`--out ${opts.out} ends .${ext} (${spec.names[byExtension]}), and --format ${given} asks for ${spec.names[given]}: give one of them, or make them agree`);
    }
    return given;
  }
  if (ext !== '' && byExtension === undefined) {
    const known = formats.map((f) => spec.extensions[f].map((e) => `.${e}`).join(' or ')).join(', ');
    throw new UsageError(`--out ${opts.out}: bva cannot tell the format from .${ext} (it knows ${known}); give --format ${formats.join('|')}`);
  }
  return byExtension ?? spec.default;
}

/**
 * Makes a Word paper or a workbook, turning one too large for its format (TooLargeError) into a
 * refusal that names the file and says what to write instead (InputError, exit 2); nothing is
 * written, as the document is refused before it is made. `instead` may be worked out only when
 * needed (from the whole assessment, say).
 */
export async function sizedForFormat<T>(file: string, instead: string | (() => string), make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (err) {
    if (err instanceof TooLargeError) throw new InputError(`${file}: refused: ${err.message}; ${typeof instead === 'string' ? instead : instead()}`, { cause: err });
    throw err;
  }
}

/** A written file's size, as "Wrote" lines give it: "940 bytes", "12 KB". */
export const fileSize = (bytes: number): string => (bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`);
