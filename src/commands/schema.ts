// `bva schema catalogue|answers|report`: prints a JSON Schema for editors and other tools.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { SCHEMA_FILES, type SchemaName } from '../source/schema.js';
import type { CommandContext } from './context.js';

export async function schema(ctx: CommandContext, name: string): Promise<number> {
  if (!Object.hasOwn(SCHEMA_FILES, name)) {
    throw new UsageError(`no schema ${JSON.stringify(name)}; choose one of: ${Object.keys(SCHEMA_FILES).join(', ')}`);
  }
  ctx.stdout.write(readFileSync(join(ctx.home, SCHEMA_FILES[name as SchemaName]), 'utf8'));
  return EXIT.ok;
}
