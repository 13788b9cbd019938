// Properties of the commands, run in process through run(): for random answers documents and for
// random damage to the worked example, every command that reads an answers file ends with a
// documented exit code and a clean message, never an internal error or a stack trace; and when
// `bva answer` saves, the file it leaves is one bva reads as valid.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { ROOT, bvaInProcess, hasStackTrace, tempCopy, type Outcome } from '../helpers.js';
import { EXAMPLE, answersDocument, asYaml, check, mutate, mutation, shippedCatalogue, timeLimit } from './arbitraries.js';

const TODAY = '2025-11-01';

/** The commands tried on each file, and the exit codes each may give. */
const COMMANDS: readonly { readonly args: readonly string[]; readonly codes: readonly number[] }[] = [
  { args: ['validate', 'fuzz.yaml'], codes: [0, 1] },
  { args: ['validate', 'fuzz.yaml', '--format', 'json'], codes: [0, 1] },
  { args: ['report', 'fuzz.yaml'], codes: [0, 1] },
  { args: ['report', 'fuzz.yaml', '--format', 'json'], codes: [0, 1] },
  { args: ['report', 'fuzz.yaml', '--format', 'html'], codes: [0, 1] },
  { args: ['check', 'fuzz.yaml', '--require-complete', '--require-actions', '--no-overdue', '--evidence', '--require-owners', '--require-signoff', '--max-red', '0'], codes: [0, 1] },
  { args: ['diff', 'good.yaml', 'fuzz.yaml'], codes: [0, 1] },
  // Two files of the same period are refused before anything is rendered (exit 2).
  { args: ['trend', 'good.yaml', 'fuzz.yaml', '--format', 'html'], codes: [0, 1, 2] },
  { args: ['actions', 'fuzz.yaml', '--format', 'csv', '--group-by', 'owner'], codes: [0, 1] },
  { args: ['init', 'next.yaml', '--from', 'fuzz.yaml', '--force'], codes: [0, 1] },
  { args: ['answer', 'fuzz.yaml', 'lead.c1', '--rating', 'developing', '--commentary', 'Checked again.', '--evidence', 'Minutes'], codes: [0, 1] },
];

/** A clean ending: a documented code, no internal error, no stack trace. */
function expectClean(args: readonly string[], r: Outcome, codes: readonly number[]): void {
  const said = `bva ${args.join(' ')} gave ${r.code}:\n${r.stderr.slice(0, 2000)}`;
  expect(codes, said).toContain(r.code);
  expect(r.stderr, said).not.toContain('internal error');
  expect(hasStackTrace(r.stdout + r.stderr), said).toBe(false);
}

const store = new CatalogueStore(ROOT);

/** Runs every command on `text` as fuzz.yaml, in a fresh folder. */
async function everyCommand(text: string): Promise<void> {
  const dir = tempCopy({ 'good.yaml': 'examples/2025-26.yaml' });
  const path = join(dir, 'fuzz.yaml');
  for (const { args, codes } of COMMANDS) {
    writeFileSync(path, text);
    const r = await bvaInProcess(args, { cwd: dir, today: TODAY });
    expectClean(args, r, codes);
    // A save leaves a file bva reads as valid.
    if (args[0] === 'answer' && r.code === 0) {
      const saved = await loadAnswersFile(path, 'fuzz.yaml', { store });
      expect(saved.ok, JSON.stringify(saved.ok ? [] : saved.problems.slice(0, 3))).toBe(true);
    }
  }
}

describe('every command on random input (property, in process)', () => {
  it('ends cleanly on random answers documents', { timeout: timeLimit(5, 500) }, async () => {
    const model = await shippedCatalogue();
    const documents = fc.oneof(answersDocument(model, { valid: false }), answersDocument(model, { valid: true })).chain(asYaml);
    await check('commands: random answers documents', documents, everyCommand, 5);
  });

  it('ends cleanly on damaged copies of the worked example', { timeout: timeLimit(5, 500) }, async () => {
    const damaged = fc.array(mutation(), { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(mutate, EXAMPLE));
    await check('commands: damaged copies of the example', damaged, everyCommand, 5);
  });
});
