// The one wrap: words move to the next line whole; a word breaks only when it cannot fit a line
// of its own, at a character that reads well; the text's own line breaks and blank lines stay;
// no line is ever wider than asked.
import { describe, expect, it } from 'vitest';
import { wrap } from '../../src/render/wrap.js';

describe('wrap', () => {
  it('breaks between words, indenting the lines after the first', () => {
    expect(wrap('Partnerships and community engagement (0 of 11 answered)', 24, 2, 0)).toBe('Partnerships and\n  community engagement\n  (0 of 11 answered)');
  });

  it('never breaks a word that fits a line of its own', () => {
    expect(wrap('Saved in council-engagement.yaml', 24)).toBe('Saved in\ncouncil-engagement.yaml');
  });

  it('breaks a word too long for any line after a / - . or _, else at the width', () => {
    expect(wrap('bva assess fenwick-borough-council-2025-26.yaml', 20)).toBe('bva assess\nfenwick-borough-\ncouncil-2025-26.yaml');
    expect(wrap('x'.repeat(25), 10, 2, 0)).toBe('xxxxxxxxxx\n  xxxxxxxx\n  xxxxxxx');
  });

  it('keeps the line breaks and blank lines of the text', () => {
    expect(wrap('First line.\nSecond line, long enough to wrap.\n\nA new paragraph.', 20, 4)).toBe(
      '    First line.\n    Second line,\n    long enough to\n    wrap.\n\n    A new paragraph.',
    );
  });

  it('keeps every line within the width', () => {
    const text = 'The Statutory Officers Group https://www.marlbridge.gov.uk/council/governance/statutory-officers-group has met fortnightly.';
    for (const width of [20, 33, 40, 57]) for (const line of wrap(text, width, 4, 2).split('\n')) expect(line.length).toBeLessThanOrEqual(width);
  });
});
