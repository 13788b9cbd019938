// Placeholder until this command lands.
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export async function report(_ctx: CommandContext, ..._args: unknown[]): Promise<number> {
  throw new UsageError('bva report is not available yet');
}
