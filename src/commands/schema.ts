// `bva schema catalogue|answers|report [--out PATH]`: a JSON Schema for editors and other tools, on
// stdout or written into the council's repository, where every colleague's editor finds it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { say } from '../render/escape.js';
import { makeFolder, writeFileAtomic } from '../source/atomic.js';
import { SCHEMA_FILES, type SchemaName } from '../source/schema.js';
import { resolvePath, type CommandContext } from './context.js';

export async function schema(ctx: CommandContext, name: string, opts: { out?: string } = {}): Promise<number> {
  if (!Object.hasOwn(SCHEMA_FILES, name)) {
    throw new UsageError(`no schema ${JSON.stringify(name)}; choose one of: ${Object.keys(SCHEMA_FILES).join(', ')}`);
  }
  const text = readFileSync(join(ctx.home, SCHEMA_FILES[name as SchemaName]), 'utf8');
  if (opts.out === undefined) {
    ctx.stdout.write(text);
    return EXIT.ok;
  }
  // The folder the tip names (schemas/) is made if need be: it is where the schema belongs.
  const path = resolvePath(ctx, opts.out);
  makeFolder(dirname(path), dirname(opts.out));
  writeFileAtomic(path, text, { display: opts.out, flag: '--out', stream: true });
  const next = name === 'answers' ? '; answers files bva makes in this repository from now on name it on their first line' : '';
  ctx.stderr.write(say`Wrote ${opts.out} (the ${name} schema of bva ${ctx.version})${next}\n`);
  return EXIT.ok;
}
