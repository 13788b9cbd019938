// Placeholder until this command lands.
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export async function assess(_ctx: CommandContext, ..._args: unknown[]): Promise<number> {
  throw new UsageError('bva assess is not available yet');
}
