// `bva moderate` at a terminal: the built binary in a real pseudo-terminal walks the disagreements
// between the worked example's draft and two reviewers, and records each agreed rating with its note.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bvaInProcess, hasStackTrace, read, tempCopy } from '../helpers.js';
import { KEY, Terminal, hasScript } from '../pty.js';

const PRIYA = '2025-26.review-priya-raman.yaml';
const TOM = '2025-26.review-tom-hill.yaml';

describe.skipIf(!hasScript)('bva moderate in a terminal', () => {
  it('walks the disagreements, largest first, saving each agreed rating with its note; Stop keeps the rest for later', { timeout: 90_000 }, async () => {
    const dir = tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
    const run = (args: string[]) => bvaInProcess(args, { cwd: dir, today: '2025-10-01' });
    for (const name of ['Priya Raman', 'Tom Hill']) expect((await run(['review', 'init', '2025-26.yaml', '--reviewer', name, '--theme', 'leadership'])).code).toBe(0);
    for (const [file, id, word] of [
      [PRIYA, 'lead.c5', 'embedded'],
      [TOM, 'lead.c5', 'developing'],
      [PRIYA, 'lead.c2', 'developing'],
      [TOM, 'lead.c2', 'developing'],
      [PRIYA, 'lead.c3', 'established'],
      [TOM, 'lead.c3', 'embedded'],
      [PRIYA, 'lead.c1', 'established'],
    ] as const) {
      expect((await run(['answer', file, id, '--rating', word])).code).toBe(0);
    }

    const term = new Terminal(['moderate', '2025-26.yaml', PRIYA, TOM, '--by', 'Statutory Officers Group', '--on', '2025-10-02'], dir);
    try {
      await term.waitFor('4 indicators compared: 1 more where every rating is the same (recorded as agreed), 3 disagreements to settle, 0 settled before.');
      // lead.c5 first: two levels apart. The median (Established, the draft's) is offered first.
      await term.waitFor('Disagreement 1 of 3 · Leadership · Characteristic of a well-functioning authority');
      await term.waitFor('Draft:        Established');
      await term.waitFor('Priya Raman:  Embedded');
      await term.waitFor('Tom Hill:     Developing');
      await term.waitFor('Spread:       2 levels');
      await term.answer('lead.c5: the agreed rating?', KEY.enter);
      await term.answer('Why? The moderation note', `The group has met fortnightly for a year; its log shows it.${KEY.enter}`);
      await term.waitFor('Saved: lead.c5 Established, with the note.');
      // lead.c2: both reviewers said Developing; the median is Developing.
      await term.waitFor('Disagreement 2 of 3');
      await term.answer('lead.c2: the agreed rating?', KEY.enter);
      await term.answer('Why? The moderation note', `Two members' complaints upheld this year.${KEY.enter}`);
      await term.waitFor('Saved: lead.c2 Developing, with the note.');
      // lead.c3: stop here; it is left for later.
      await term.answer('lead.c3: the agreed rating?', KEY.down);
      await term.answer('❯ Embedded', KEY.down);
      await term.answer('❯ Skip for now', KEY.down);
      await term.answer('❯ Stop here', KEY.enter);
      await term.waitFor('Agreement over 3 indicators: same level on 1 of 3 (33%), within one level on 2 of 3 (67%).');
      expect(await term.exit).toBe(0);
    } finally {
      term.kill();
    }
    expect(hasStackTrace(term.screen)).toBe(false);

    const text = read(join(dir, '2025-26.yaml'));
    expect(text).toContain(`      lead.c2:
        rating: developing
`);
    expect(text).toContain(`          agreed: developing
          by: Statutory Officers Group
          on: 2025-10-02
          note: Two members' complaints upheld this year.
`);
    expect(text).toContain(`          agreed: established
          by: Statutory Officers Group
          on: 2025-10-02
          note: The group has met fortnightly for a year; its log shows it.
`);
    // lead.c1 (everyone agreed) is recorded without a note; lead.c3 has no record yet; the theme is not yet moderated anew.
    expect(text.match(/^ {8}moderation:$/gm)).toHaveLength(3);
    expect(text).toContain('      moderated:\n        by: Statutory Officers Group\n        on: 2025-10-01\n');
    expect((await run(['validate', '2025-26.yaml'])).code).toBe(0);
  });
});
