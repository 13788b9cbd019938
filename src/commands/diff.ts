// Placeholder until this command lands.
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export async function diff(_ctx: CommandContext, ..._args: unknown[]): Promise<number> {
  throw new UsageError('bva diff is not available yet');
}
