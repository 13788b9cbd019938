// `bva check` end to end, in-process and as the built binary: each gate passing and failing with
// the exact line and column, the default gate set, formats, invalid and unreadable input, and the
// worked examples (whose expected failures are worked out here from the YAML, independently).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import { HOSTS, ROOT, bvaBinary, hasStackTrace, tempCopy } from '../helpers.js';

const FAIL = 'test/fixtures/check/fail.yaml';
const PASS = 'test/fixtures/check/pass.yaml';
const INVALID = 'test/fixtures/check/invalid.yaml';
const WITH = ['--catalogue', 'test/fixtures/check/catalogue.yaml', '--as-of', '2026-04-30'];

/** What fail.yaml breaks, gate by gate, exactly as printed (checked against the fixture's lines). */
const FAILURES = {
  '--require-complete': [`${FAIL}:46:5 require-complete: b.c2 (Beta) is unanswered: rate it, or mark it not-applicable with a reason`],
  '--require-actions': [
    `${FAIL}:34:7 require-actions: red flag a.f1 (Emerging) has no open action (its one action is done)`,
    `${FAIL}:47:7 require-actions: b.c1 is rated Not in place and has no open action`,
  ],
  '--no-overdue': [`${FAIL}:27:13 no-overdue: action on a.c2 was due 2026-01-31 and is still open: "Publish the performance framework"`],
  '--min-level=established': [`${FAIL}:41:3 min-level: Beta: level Not in place is below Established`],
  '--max-red=0': [`${FAIL}:41:3 max-red: Beta is red (level Not in place, which the scale counts as red; 1 indicator unanswered); 1 theme red, at most 0 allowed`],
  '--evidence': [
    `${FAIL}:18:13 evidence: evidence "evidence/gone/report.pdf" does not exist (paths are relative to the answers file)`,
    `${FAIL}:20:13 evidence: evidence "evidence/peer-challenge.pdf" does not exist (paths are relative to the answers file)`,
    `${FAIL}:23:13 evidence: evidence for a.c1 was due for review by 2026-03-31: "Corporate plan"`,
  ],
  '--require-owners': [
    `${FAIL}:30:13 require-owners: open action on a.c2 has no owner: "Train every manager"`,
    `${FAIL}:52:13 require-owners: open action on b.f1 has no owner and no due date: "Keep watch on the audit backlog"`,
  ],
  '--require-signoff': [`${FAIL}:42:5 require-signoff: Beta is not signed off (assurance so far: assessed)`],
} as const;

const gateName = (flag: string): string => flag.replace(/^--/, '').replace(/=.*$/, '');
const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

for (const [host, bva] of Object.entries(HOSTS)) {
  describe(`bva check (${host})`, () => {
    describe.each(Object.entries(FAILURES))('%s', (flag, lines) => {
      const gate = gateName(flag);
      it('fails on fail.yaml at the exact line and column', async () => {
        const r = await bva(['check', FAIL, flag, ...WITH]);
        expect(r.stderr).toBe('');
        expect(r.stdout).toBe([...lines, `${FAIL}: 1 of 1 gate failed as of 2026-04-30: ${gate} (${plural(lines.length, 'failure')})`, ''].join('\n'));
        expect(r.code).toBe(1);
      });
      it('passes on pass.yaml', async () => {
        const r = await bva(['check', PASS, flag, ...WITH]);
        expect(r.stdout).toBe(`${PASS}: all 1 gate passed as of 2026-04-30: ${gate}\n`);
        expect(r.code).toBe(0);
      });
    });

    it('applies every gate at once, failures in file order', async () => {
      const r = await bva(['check', FAIL, ...Object.keys(FAILURES).flatMap((f) => f.split('=')), ...WITH]);
      const all = Object.values(FAILURES).flat();
      const at = (l: string): number[] => l.slice(FAIL.length + 1).split(' ')[0]!.split(':').map(Number);
      const sorted = [...all].sort((a, b) => at(a)[0]! - at(b)[0]! || at(a)[1]! - at(b)[1]!);
      expect(r.stdout.split('\n').slice(0, -2)).toEqual(sorted);
      expect(r.stdout.split('\n').at(-2)).toBe(
        `${FAIL}: 8 of 8 gates failed as of 2026-04-30: require-complete (1 failure), require-actions (2 failures), no-overdue (1 failure), ` +
          'min-level (1 failure), max-red (1 failure), evidence (3 failures), require-owners (2 failures), require-signoff (1 failure)',
      );
      expect(r.code).toBe(1);
    });

    it('with no gate given, applies the default set: require-actions, no-overdue, require-owners', async () => {
      const r = await bva(['check', FAIL, ...WITH]);
      expect(r.stdout).toBe(
        [
          `${FAIL}:27:13 no-overdue: action on a.c2 was due 2026-01-31 and is still open: "Publish the performance framework"`,
          `${FAIL}:30:13 require-owners: open action on a.c2 has no owner: "Train every manager"`,
          `${FAIL}:34:7 require-actions: red flag a.f1 (Emerging) has no open action (its one action is done)`,
          `${FAIL}:47:7 require-actions: b.c1 is rated Not in place and has no open action`,
          `${FAIL}:52:13 require-owners: open action on b.f1 has no owner and no due date: "Keep watch on the audit backlog"`,
          `${FAIL}: 3 of 3 default gates failed as of 2026-04-30: require-actions (2 failures), no-overdue (1 failure), require-owners (2 failures)`,
          '',
        ].join('\n'),
      );
      expect(r.code).toBe(1);
      const ok = await bva(['check', PASS, ...WITH]);
      expect(ok.stdout).toBe(`${PASS}: all 3 default gates passed as of 2026-04-30: require-actions, no-overdue, require-owners\n`);
      expect(ok.code).toBe(0);
    });

    it('--as-of moves the overdue line: an action due on the day is not overdue', async () => {
      const r = await bva(['check', PASS, '--no-overdue', '--catalogue', 'test/fixtures/check/catalogue.yaml', '--as-of', '2026-05-01']);
      expect(r.stdout).toBe(
        `${PASS}:31:13 no-overdue: action on a.f1 was due 2026-04-30 and is still open: "Agree a recovery plan"\n` +
          `${PASS}: 1 of 1 gate failed as of 2026-05-01: no-overdue (1 failure)\n`,
      );
      expect(r.code).toBe(1);
    });

    it('an invalid file fails with its validation problems first, and no gate runs', async () => {
      const r = await bva(['check', INVALID, '--require-complete', ...WITH]);
      expect(r.stdout).toBe(
        [
          `${INVALID}:6:1 warning: beta: 3 of 3 indicators unanswered (b.c1, b.c2, b.f1) (unanswered)`,
          `${INVALID}:7:3 warning: alpha: 4 of 4 indicators unanswered (a.c1, a.c2, a.c3, a.f1) (unanswered)`,
          `${INVALID}:10:17 error: rating: "establised" is not on the characteristic scale of a.c1 (did you mean established?); use one of: not-in-place, developing, established, embedded, not-applicable (rating-not-in-scale)`,
          `${INVALID}: invalid; 1 error; no gate was applied`,
          '',
        ].join('\n'),
      );
      expect(r.code).toBe(1);
    });

    it('an unreadable file exits 2 with one line', async () => {
      const r = await bva(['check', 'no-such.yaml']);
      expect(r).toEqual({ code: 2, stdout: '', stderr: 'bva: no-such.yaml: no such file\n' });
    });

    it('a --min-level off the scale is a usage error, with a suggestion', async () => {
      const r = await bva(['check', PASS, '--min-level', 'establised', ...WITH]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'bva: --min-level: "establised" is not a level of the characteristic scale (did you mean established?); use one of: not-in-place, developing, established, embedded\n' +
          'Run bva --help for usage.\n',
      );
      expect(hasStackTrace(r.stderr)).toBe(false);
    });

    it('--format github: an error annotation per failure, then the summary', async () => {
      const r = await bva(['check', FAIL, '--require-owners', '--format', 'github', ...WITH]);
      expect(r.stdout).toBe(
        [
          `::error file=${FAIL},line=30,col=13,title=bva check require-owners::open action on a.c2 has no owner: "Train every manager"`,
          `::error file=${FAIL},line=52,col=13,title=bva check require-owners::open action on b.f1 has no owner and no due date: "Keep watch on the audit backlog"`,
          `${FAIL}: 1 of 1 gate failed as of 2026-04-30: require-owners (2 failures)`,
          '',
        ].join('\n'),
      );
      expect(r.code).toBe(1);
    });

    it('--format json: one document with the gates and the failures', async () => {
      const r = await bva(['check', FAIL, '--require-signoff', '--max-red', '1', '--format', 'json', ...WITH]);
      expect(JSON.parse(r.stdout)).toEqual({
        file: FAIL,
        asOf: '2026-04-30',
        valid: true,
        passed: false,
        defaultGates: false,
        gates: [
          { gate: 'max-red', flag: '--max-red', passed: true, failures: 0 },
          { gate: 'require-signoff', flag: '--require-signoff', passed: false, failures: 1 },
        ],
        failures: [{ file: FAIL, line: 42, col: 5, gate: 'require-signoff', message: 'Beta is not signed off (assurance so far: assessed)' }],
        problems: [],
      });
      expect(r.code).toBe(1);
    });

    it('--evidence looks beside the answers file, wherever bva runs from', async () => {
      const dir = tempCopy({ 'answers/pass.yaml': PASS, 'answers/evidence/plan.txt': 'test/fixtures/check/evidence/plan.txt', 'catalogue.yaml': 'test/fixtures/check/catalogue.yaml' });
      const r = await bva(['check', 'answers/pass.yaml', '--evidence', '--catalogue', 'catalogue.yaml', '--as-of', '2026-04-30'], { cwd: dir });
      expect(r.stdout).toBe('answers/pass.yaml: all 1 gate passed as of 2026-04-30: evidence\n');
      expect(r.code).toBe(0);
    });
  });
}

// --- The worked examples ------------------------------------------------------------------------

interface Expected {
  readonly line: number;
  readonly col: number;
  readonly gate: string;
  readonly id: string;
}

/**
 * What the default gates should find in an answers file, worked out from its YAML here rather than
 * by bva: open actions due before the as-of day; red flags (present, emerging) and characteristics
 * not in place with no open action; open actions with no owner or no due date.
 */
function expectedDefaultFailures(text: string, asOf: string): Expected[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (node: Node | null | undefined) => lineCounter.linePos(node!.range![0]);
  const out: Expected[] = [];
  const themes = doc.get('themes') as unknown;
  if (!isMap(themes)) return out;
  for (const theme of themes.items) {
    const indicators = isMap(theme.value) ? theme.value.get('indicators') : undefined;
    if (!isMap(indicators)) continue;
    for (const pair of indicators.items) {
      const id = String((pair.key as { value: unknown }).value);
      const answer = pair.value;
      if (!isMap(answer)) continue;
      const rating = String(answer.get('rating'));
      const actions = answer.get('actions');
      const items = isSeq(actions) ? actions.items.filter(isMap) : [];
      const open = items.filter((a) => a.get('status') !== 'done');
      if (['present', 'emerging', 'not-in-place'].includes(rating) && open.length === 0) out.push({ ...at(pair.key as Node), gate: 'require-actions', id });
      for (const a of open) {
        const due = a.get('due');
        if (typeof due === 'string' && due < asOf) out.push({ ...at(a), gate: 'no-overdue', id });
        if (a.get('owner') === undefined || due === undefined) out.push({ ...at(a), gate: 'require-owners', id });
      }
    }
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

describe('bva check on the worked examples (binary)', () => {
  for (const [file, asOf] of [
    ['examples/2025-26.yaml', '2026-04-30'],
    ['examples/2024-25.yaml', '2025-03-31'],
  ] as const) {
    it(`${file} as of ${asOf}: exits as its gates call for, naming each failing item where it is`, () => {
      const expected = expectedDefaultFailures(readFileSync(join(ROOT, file), 'utf8'), asOf);
      const r = bvaBinary(['check', file, '--as-of', asOf]);
      const lines = r.stdout.trimEnd().split('\n');
      const found = lines.slice(0, -1).map((l) => {
        const m = /^(.+?):(\d+):(\d+) ([a-z-]+): (.*)$/.exec(l);
        expect(m?.[1], l).toBe(file);
        return { line: Number(m![2]), col: Number(m![3]), gate: m![4]!, id: /\b([a-z]+\.[cf]\d+)\b/.exec(m![5]!)?.[1] };
      });
      expect(found).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      expect(r.code).toBe(1);
      expect(lines.at(-1)).toMatch(new RegExp(`^${file}: \\d of 3 default gates failed as of ${asOf}: `));
    });
  }

  it('examples/2025-26.yaml passes the default gates as of its assessment date', () => {
    const expected = expectedDefaultFailures(readFileSync(join(ROOT, 'examples/2025-26.yaml'), 'utf8'), '2025-10-21');
    const r = bvaBinary(['check', 'examples/2025-26.yaml', '--as-of', '2025-10-21']);
    expect(expected).toEqual([]);
    expect(r.stdout).toBe('examples/2025-26.yaml: all 3 default gates passed as of 2025-10-21: require-actions, no-overdue, require-owners\n');
    expect(r.code).toBe(0);
  });
});
