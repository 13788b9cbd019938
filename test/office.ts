// LibreOffice for the tests, the office suite that judges bva's Word and Excel files: converting a
// file (a .docx to PDF, a workbook re-saved as Excel would save it) and running a Basic macro
// that edits a workbook as a person would. Each test file gets a profile of its own, so two
// test files can run LibreOffice at once. LibreOffice is slow to start: convert once per file.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { tempDir } from './helpers.js';

/** How long one LibreOffice run may take on a busy machine. */
export const OFFICE_TIMEOUT = 150_000;

/** A LibreOffice with a profile of its own. */
export class Office {
  private readonly profile = tempDir();

  private run(args: readonly string[]): void {
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${this.profile}`, '--headless', '--norestore', ...args], { encoding: 'utf8', timeout: OFFICE_TIMEOUT });
    if (r.status !== 0) throw new Error(`soffice ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
  }

  /** Converts `file` with LibreOffice's filter for `to` (pdf, xlsx, ...) into `outDir`; returns the new file's path. */
  convert(file: string, to: string, outDir: string): string {
    this.run(['--convert-to', to, '--outdir', outDir, file]);
    return join(outDir, basename(file).replace(/\.[^.]+$/, `.${to.split(':')[0]}`));
  }

  /**
   * Opens the workbook at `file` in Calc, sets each cell (on its sheet, by its A1 name) to the text
   * given, as a person typing it would, and saves it over itself as an Excel workbook. Needs a
   * profile LibreOffice has started once (run convert first): a new profile's first start
   * replaces the macro library.
   */
  editCells(file: string, edits: readonly { readonly sheet: string; readonly cell: string; readonly text: string }[]): void {
    const q = (s: string): string => `&quot;${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;&quot;')}&quot;`;
    const body = edits.map((e) => `  doc.Sheets.getByName(${q(e.sheet)}).getCellRangeByName(${q(e.cell)}).setString(${q(e.text)})`).join('\n');
    writeFileSync(
      join(this.profile, 'user', 'basic', 'Standard', 'Module1.xba'),
      `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Edit(path As String)
  Dim hidden(0) As New com.sun.star.beans.PropertyValue
  hidden(0).Name = &quot;Hidden&quot;
  hidden(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(path), &quot;_blank&quot;, 0, hidden())
${body}
  Dim save(0) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  doc.storeToURL(ConvertToURL(path), save())
  doc.close(True)
End Sub
</script:module>
`,
    );
    this.run([`macro:///Standard.Module1.Edit("${file}")`]);
  }
}

/** The pages of a PDF, as pdfinfo counts them. */
export function pdfPages(pdf: string): number {
  const r = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1]);
}

/** A PDF's text, page by page (pdftotext, reading order). */
export function pdfText(pdf: string): string[] {
  const r = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return r.stdout.split('\f').slice(0, -1);
}

/** The XML parts of an Office file (a .docx or .xlsx is a zip of them). */
export function officeParts(file: string): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(readFileSync(file))).map(([name, data]) => [name, strFromU8(data)]));
}

/** XML text content with the five predefined entities read back. */
export const xmlText = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
