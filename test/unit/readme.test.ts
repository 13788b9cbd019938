// The README is part of the product: the rules it states must be the rules bva applies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoringRules } from '../../src/assessment/rules.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { ROOT } from '../helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it("states every scoring rule for the shipped catalogue, word for word, in order", async () => {
    const section = readme.slice(readme.indexOf('## How the assessment is scored'));
    let from = 0;
    for (const rule of scoringRules((await new CatalogueStore(ROOT).default()).catalogue.scales)) {
      const at = section.indexOf(rule, from);
      expect(at, rule).toBeGreaterThan(-1);
      from = at + rule.length;
    }
  });

  it("shows bva migrate's report as bva prints it", () => {
    const printed = readFileSync(join(ROOT, 'test/fixtures/crosswalk/migrate.txt'), 'utf8');
    expect(readme).toContain(`\`\`\`text\n$ bva migrate 2024-25.yaml --to framework-2.yaml\n${printed}\`\`\``);
  });

  it("shows the worked example's trend summary as bva trend prints it", () => {
    const trend = readFileSync(join(ROOT, 'examples/reports/trend.md'), 'utf8');
    const summary = trend.slice(trend.indexOf('|                           |'), trend.indexOf('\n\nOver the whole run'));
    expect(summary.split('\n')).toHaveLength(10);
    expect(readme).toContain(`\`\`\`text\n${summary}\n\`\`\``);
  });

  it('gives the test command and the one-line set-up-and-run command', () => {
    expect(readme).toContain('```sh\nnpm test\n```');
    expect(readme).toContain('npm ci && npm run build && node bin/bva.js report examples/2025-26.yaml --previous examples/2024-25.yaml');
  });
});
