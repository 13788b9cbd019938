// The JSON report: valid against its schema (checked with ajv), keys in the schema's order whatever
// order the report was built in, and the same bytes for the same input.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Answers } from '../../src/answers/model.js';
import { assess, type Report } from '../../src/assessment/assess.js';
import { indexCatalogue, type Catalogue } from '../../src/catalogue/model.js';
import { renderReportJson } from '../../src/render/report-json.js';
import { signOffRecord } from '../../src/answers/signoff.js';
import { ROOT } from '../helpers.js';

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

const schema = JSON.parse(readFileSync(join(ROOT, 'src/render/report.schema.json'), 'utf8')) as SchemaNode & { $defs: Record<string, SchemaNode> };
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

// The shipped catalogue and the examples as plain data (the loader is tested end to end).
const yamlAt = (path: string): unknown => parseYaml(readFileSync(join(ROOT, path), 'utf8'));
const catalogue = indexCatalogue(yamlAt('criteria/best-value-2024.yaml') as Catalogue, { path: 'criteria/best-value-2024.yaml', display: 'best-value-2024', shipped: true });
const current = yamlAt('examples/2025-26.yaml') as Answers;
const last = yamlAt('examples/2024-25.yaml') as Answers;
const OPTIONS = { generatedBy: 'bva 9.9.9' };

const report = (answers: Answers, previous?: Answers, asOf = '2026-01-31'): Report => assess(answers, catalogue, { asOf, previous, version: '9.9.9' });

const CASES: Record<string, () => Report> = {
  '2025-26 against the 2024-25 file': () => report(current, last),
  '2025-26 with its carried previous ratings': () => report(current),
  '2024-25 on its own': () => report(last, undefined, '2024-11-27'),
  'a file with no answers': () => report({ catalogue: { id: 'best-value-2024', version: '1.0.0' }, authority: 'Empty Council', period: '2025-26' }),
  '2025-26 moderated, signed off and changed since': () => report(moderatedAndChanged()),
};

/** The 2025-26 example with a moderation record, a sign-off with its digest, and a change after it. */
function moderatedAndChanged(): Answers {
  const a = structuredClone(current);
  const lead = a.themes!['leadership']!;
  lead.indicators!['lead.c5']!.moderation = {
    draft: 'established',
    reviews: [
      { reviewer: 'Priya Raman', rating: 'embedded' },
      { reviewer: 'Tom Hill', rating: 'not-applicable' },
    ],
    agreed: 'established',
    by: 'Statutory Officers Group',
    on: '2025-10-01',
    note: 'Agreed at the workshop.',
  };
  lead.assurance = { ...lead.assurance, 'signed-off': signOffRecord(lead, { by: 'Corporate Leadership Team', role: 'Senior leadership', on: '2025-10-14' }) };
  lead.indicators!['lead.c5']!.rating = 'embedded';
  return a;
}

describe.each(Object.entries(CASES))('%s', (_name, make) => {
  const json = renderReportJson(make(), OPTIONS);

  it('validates against the report schema', () => {
    const ok = validate(JSON.parse(json));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('ends with one newline and reads back as the report', () => {
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.endsWith('\n\n')).toBe(false);
    expect(JSON.parse(json)).toEqual(make());
  });

  it('gives the same bytes every time', () => {
    expect(renderReportJson(make(), OPTIONS)).toBe(json);
  });

  it("writes every object's keys in its schema's order", () => {
    const misordered: string[] = [];
    const check = (value: unknown, node: SchemaNode | undefined, path: string): void => {
      let n = node;
      while (n?.$ref) n = schema.$defs[n.$ref.replace('#/$defs/', '')];
      if (Array.isArray(value)) return value.forEach((v, i) => check(v, n?.items, `${path}/${i}`));
      if (value === null || typeof value !== 'object') return;
      const order = Object.keys(n?.properties ?? {});
      const keys = Object.keys(value);
      const expected = order.filter((k) => keys.includes(k));
      if (keys.join() !== expected.join()) misordered.push(`${path}: ${keys.join()}`);
      for (const k of keys) check((value as Record<string, unknown>)[k], n?.properties?.[k], `${path}/${k}`);
    };
    check(JSON.parse(json), schema, '');
    expect(misordered).toEqual([]);
  });
});

it('takes key order from the schema, not from the order the report was built in', () => {
  const r = report(current, last);
  const reversed = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reversed);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
  };
  const backwards = reversed(r) as Report;
  expect(Object.keys(backwards)[0]).toBe('actions');
  expect(renderReportJson(backwards, OPTIONS)).toBe(renderReportJson(r, OPTIONS));
  expect(Object.keys(JSON.parse(renderReportJson(r, OPTIONS)))).toEqual([
    'bva',
    'authority',
    'period',
    'assessmentDate',
    'asOf',
    'catalogue',
    'participants',
    'previous',
    'rules',
    'summary',
    'themes',
    'actions',
  ]);
});

it('indents by two spaces and leaves the report untouched', () => {
  const r = report(current, last);
  const before = structuredClone(r);
  const json = renderReportJson(r, OPTIONS);
  expect(json.split('\n').slice(0, 3)).toEqual(['{', '  "bva": {', '    "format": 1,']);
  expect(r).toEqual(before);
});
