// The committee paper every report format opens as: the file's own facts, a draft marked as one
// (by the council, or because not every indicator is answered, with how much is), the council's
// purpose, summary and recommendations, then the key to the statuses before the first status.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Answers, IndicatorAnswer } from '../../src/answers/model.js';
import { assess, type Report } from '../../src/assessment/assess.js';
import type { Catalogue } from '../../src/catalogue/model.js';
import { strFromU8, unzipSync } from 'fflate';
import { renderDocx } from '../../src/render/docx.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { reportScales, type ReportRenderOptions } from '../../src/render/report-formats.js';
import { renderReportJson } from '../../src/render/report-json.js';
import { draftNotice, paperStatus, titleFacts } from '../../src/render/report-text.js';
import { tinyCatalogue } from '../fixtures/catalogues.js';
import { ROOT } from '../helpers.js';

const shipped = parseYaml(readFileSync(join(ROOT, 'criteria/best-value-2024.yaml'), 'utf8')) as Catalogue;
const tiny = tinyCatalogue(shipped.scales);
const OPTIONS: ReportRenderOptions = { generatedBy: 'bva 9.9.9', scales: reportScales(tiny.catalogue) };

const ALL: Record<string, IndicatorAnswer> = { 'lead.c1': { rating: 'established' }, 'lead.c2': { rating: 'embedded' }, 'lead.f1': { rating: 'not-present' } };

function report(paper: Answers['paper'], indicators: Record<string, IndicatorAnswer> = ALL): Report {
  const answers: Answers = {
    catalogue: { id: 'tiny', version: '2.0.0' },
    authority: 'Testshire Council',
    period: '2025-26',
    ...(paper ? { paper } : {}),
    themes: { lead: { indicators } },
  };
  return assess(answers, tiny, { asOf: '2026-01-31', version: '9.9.9' });
}

const PAPER: NonNullable<Answers['paper']> = {
  meeting: 'Audit and Governance Committee',
  'meeting-date': '2025-11-12',
  author: 'Gareth Lowe, Head of Policy',
  contact: 'gareth.lowe@testshire.gov.uk',
  version: '0.3',
  status: 'draft',
  purpose: 'To present the self-assessment.',
  narrative: 'First paragraph.\nSecond paragraph, with *stars* and <tags>.',
  recommendations: ['That the Committee notes the assessment.', 'That the Committee comments on the action plan.'],
};

describe('when a paper is a draft', () => {
  it('is a draft when the file says so, with how much is answered', () => {
    const r = report(PAPER);
    expect(r.paper).toMatchObject({ status: 'draft', draft: true, draftReasons: ['the paper is marked draft'], answered: 3, indicators: 3 });
    expect(draftNotice(r)).toBe('The paper is marked draft; all 3 indicators are answered.');
  });

  it('is a draft when the file says nothing about its status', () => {
    const r = report(undefined);
    expect(r.paper).toMatchObject({ title: 'Best Value self-assessment: Testshire Council, 2025-26', status: 'draft', draft: true, recommendations: [] });
    expect(draftNotice(r)).toBe('The paper is not marked final; all 3 indicators are answered.');
  });

  it('is a draft while an indicator is unanswered, even when marked final', () => {
    const r = report({ status: 'final' }, { 'lead.c1': { rating: 'established' } });
    expect(r.paper).toMatchObject({ status: 'final', draft: true, draftReasons: ['1 of 3 indicators are answered'] });
    expect(draftNotice(r)).toBe('1 of 3 indicators are answered.');
    expect(paperStatus(r)).toBe('Draft');
  });

  it('is final only when marked final with every indicator answered (not applicable counts as answered)', () => {
    const r = report({ status: 'final' }, { ...ALL, 'lead.f1': { rating: 'not-applicable', reason: 'No.' } });
    expect(r.paper).toMatchObject({ status: 'final', draft: false, draftReasons: [] });
    expect(draftNotice(r)).toBeUndefined();
    expect(paperStatus(r)).toBe('Final');
  });
});

describe('the title facts', () => {
  it("open with the paper's meeting, date, author, contact, version and status", () => {
    expect(titleFacts(report(PAPER)).slice(0, 7)).toEqual([
      { label: 'Meeting', value: 'Audit and Governance Committee' },
      { label: 'Meeting date', value: '12 November 2025' },
      { label: 'Report author', value: 'Gareth Lowe, Head of Policy' },
      { label: 'Contact', value: 'gareth.lowe@testshire.gov.uk' },
      { label: 'Version', value: '0.3' },
      { label: 'Status', value: 'Draft' },
      { label: 'Authority', value: 'Testshire Council' },
    ]);
  });
});

describe('every format opens like a committee paper', () => {
  const r = report({ ...PAPER, title: 'Best Value Duty: our assessment' });

  it('Markdown: title, facts, the draft banner, purpose, summary, recommendations, then the key before the first status', () => {
    const md = renderMarkdown(r, OPTIONS);
    const order = [
      '# Best Value Duty: our assessment',
      '- **Meeting:** Audit and Governance Committee',
      '> **DRAFT:** The paper is marked draft; all 3 indicators are answered.',
      '## Purpose of the report\n\nTo present the self-assessment.',
      '## Report summary\n\nFirst paragraph.\n\nSecond paragraph, with \\*stars\\* and &lt;tags&gt;.',
      '## Recommendations\n\n1. That the Committee notes the assessment.\n2. That the Committee comments on the action plan.',
      '## Key to the statuses',
      '| **Red**',
      '| **Not assessed** | No indicator in the theme is rated. |',
      '## Executive summary',
    ].map((s) => md.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The first status word the report gives is in the key.
    expect(md.indexOf('**Green**')).toBeGreaterThan(md.indexOf('## Key to the statuses'));
  });

  it('HTML: the same sections, a banner a screen reader announces, and a watermark on every printed page of a draft', () => {
    const html = renderHtml(r, OPTIONS);
    expect(html).toContain('<body class="draft">');
    expect(html).toContain('<p class="draft-banner" role="note"><strong>DRAFT:</strong> The paper is marked draft; all 3 indicators are answered.</p>');
    expect(html).toContain('body.draft::before { content: "DRAFT";');
    expect(html).toContain('<h2 id="narrative-heading">Report summary</h2>\n<p>First paragraph.</p><p>Second paragraph, with *stars* and &lt;tags&gt;.</p>');
    expect(html).toContain('<ol class="recommendations"><li>That the Committee notes the assessment.</li><li>That the Committee comments on the action plan.</li></ol>');
    const h2 = [...html.matchAll(/<h2 [^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(h2.slice(0, 5)).toEqual(['Purpose of the report', 'Report summary', 'Recommendations', 'Key to the statuses', 'Executive summary']);
    expect(html.indexOf('class="rag rag-')).toBeGreaterThan(html.indexOf('id="rag-key"'));
  });

  it('HTML of a final paper has no banner and no watermark', () => {
    const html = renderHtml(report({ status: 'final' }), OPTIONS);
    expect(html).toContain('<body>');
    expect(html).not.toContain('class="draft-banner"');
  });

  it('JSON: the paper and the key come before the summary', () => {
    const json = JSON.parse(renderReportJson(r, OPTIONS)) as Record<string, unknown>;
    const keys = Object.keys(json);
    expect(keys.indexOf('paper')).toBe(1);
    expect(keys.indexOf('ragKey')).toBeLessThan(keys.indexOf('summary'));
    expect(json['paper']).toEqual({
      title: 'Best Value Duty: our assessment',
      meeting: 'Audit and Governance Committee',
      meetingDate: '2025-11-12',
      author: 'Gareth Lowe, Head of Policy',
      contact: 'gareth.lowe@testshire.gov.uk',
      version: '0.3',
      status: 'draft',
      draft: true,
      draftReasons: ['the paper is marked draft'],
      answered: 3,
      indicators: 3,
      purpose: 'To present the self-assessment.',
      narrative: 'First paragraph.\nSecond paragraph, with *stars* and <tags>.',
      recommendations: ['That the Committee notes the assessment.', 'That the Committee comments on the action plan.'],
    });
    expect(json['ragKey']).toEqual([
      { rag: 'red', word: 'Red', meaning: 'A serious red flag, or a theme level the scale counts as red.' },
      { rag: 'amber', word: 'Amber', meaning: 'Any other red flag, a theme level the scale counts as amber, an overdue action, or an unanswered indicator.' },
      { rag: 'green', word: 'Green', meaning: 'None of the above, with every indicator answered.' },
      { rag: 'not-assessed', word: 'Not assessed', meaning: 'No indicator in the theme is rated.' },
    ]);
  });
});

describe('the Word paper with hostile text', () => {
  it('holds text as text: markup escaped, control characters as U+FFFD, a javascript: link never a link', async () => {
    const hostile = 'Bell \u0007 <w:p>&amp; "quotes"';
    const r = report({ ...PAPER, title: hostile, narrative: hostile }, { ...ALL, 'lead.c1': { rating: 'established', commentary: hostile, evidence: [{ title: 'Evil', link: 'javascript:alert(1)' }] } });
    const parts = unzipSync(await renderDocx(r, OPTIONS));
    const doc = strFromU8(parts['word/document.xml']!);
    const core = strFromU8(parts['docProps/core.xml']!);
    // Booleans, so a failure does not print the whole document.
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(doc), 'a control character in the XML').toBe(false);
    expect(doc.includes('Bell \uFFFD &lt;w:p&gt;&amp;amp; &quot;quotes&quot;'), 'the text, escaped').toBe(true);
    const rels = strFromU8(parts['word/_rels/document.xml.rels']!);
    expect(rels.includes('javascript'), 'a javascript: link').toBe(false);
    expect(/<w:hyperlink [^>]*>(?:(?!<\/w:hyperlink>)[\s\S])*Evil/.test(doc), 'Evil as a link').toBe(false);
    expect(core.includes('<dc:title>Bell \uFFFD &lt;w:p&gt;&amp;amp;'), 'the title, escaped').toBe(true);
  });
});
