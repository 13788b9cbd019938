// Creating a new period's answers file: the document in house style under its header comment,
// checked against its catalogue and written atomically. Shared by `bva init` and `bva assess`.
import { dirname, join, relative } from 'node:path';
import type { CatalogueModel } from '../catalogue/model.js';
import type { CatalogueStore } from '../catalogue/shipped.js';
import { formatNeeded } from '../source/format.js';
import { SCHEMA_FILES } from '../source/schema.js';
import type { AnswersSource } from './load.js';
import type { Answers, ThemeAnswers } from './model.js';
import type { Review } from './review.js';
import { writeChecked, type SaveResult } from './save.js';
import { renderDocument } from './yaml-style.js';

/** What a new answers file holds. */
export interface NewAnswers {
  readonly authority: string;
  readonly period: string;
  readonly catalogue: CatalogueModel;
  /** Themes carried forward from last period's file (bva init --from). */
  readonly themes?: Readonly<Record<string, ThemeAnswers>>;
  /** The command that started the file, named in its header ("bva init", "bva assess"). */
  readonly startedWith: string;
  /** Last period's file, when the new one was carried forward from it. */
  readonly from?: string;
  /** A reviewer's file: what it reviews, and the indicators to rate (bva review init). */
  readonly review?: Review;
}

/** Where bva finds its schemas and shipped catalogues. */
export interface CreateEnv {
  /** The bva package folder. */
  readonly home: string;
  readonly store: CatalogueStore;
}

/** The comment lines at the top of a new file: the schema for editors, who and when, how to edit. */
export function headerLines(home: string, path: string, spec: Pick<NewAnswers, 'authority' | 'period' | 'startedWith' | 'from' | 'review'>): string[] {
  const schema = relative(dirname(path), join(home, SCHEMA_FILES.answers)).split('\\').join('/');
  if (spec.review) {
    return [
      `# yaml-language-server: $schema=${schema}`,
      `# ${spec.authority.replace(/\s+/g, ' ')}, ${spec.period}: independent review of ${spec.review.of.replace(/\s+/g, ' ')} by ${spec.review.reviewer.replace(/\s+/g, ' ')}.`,
      `# Rate each indicator below with bva assess, bva answer or by hand. The draft's commentary and evidence`,
      `# are here as context; its ratings are not, so the judgement is your own. Then: bva moderate.`,
    ];
  }
  return [
    `# yaml-language-server: $schema=${schema}`,
    `# ${spec.authority.replace(/\s+/g, ' ')}: Best Value Duty self-assessment, ${spec.period}.`,
    spec.from !== undefined
      ? `# Started with ${spec.startedWith} from ${spec.from}: ratings are asked afresh; last period's are kept as previous.`
      : `# Started with ${spec.startedWith}. Edit by hand or with bva assess; comments you add are kept.`,
  ];
}

/**
 * Where a file that follows this catalogue is checked: a shipped catalogue is found by the id and
 * version the file names; any other is checked against its file.
 */
export function sourceFor(store: CatalogueStore, catalogue: CatalogueModel): AnswersSource {
  return catalogue.origin.shipped ? { store } : { store, catalogue: { path: catalogue.origin.path, display: catalogue.origin.display } };
}

/**
 * Writes a new answers file at `path` (shown as `display`), replacing any file there. The text is
 * checked as an answers file before it is written; on problems nothing is written.
 */
export async function createAnswersFile(path: string, display: string, spec: NewAnswers, env: CreateEnv): Promise<SaveResult> {
  const body: Answers = {
    catalogue: { id: spec.catalogue.catalogue.id, version: spec.catalogue.catalogue.version },
    authority: spec.authority,
    period: spec.period,
    ...(spec.review ? { review: spec.review } : {}),
    ...(spec.themes && Object.keys(spec.themes).length > 0 ? { themes: { ...spec.themes } } : {}),
  };
  // The format-version policy (src/source/format.ts): a file that needs nothing newer names no format.
  const needed = formatNeeded('answers', body);
  const answers: Answers = needed > 1 ? { format: needed, ...body } : body;
  const text = renderDocument(answers as unknown as Record<string, unknown>, headerLines(env.home, path, spec), { catalogue: spec.catalogue });
  return writeChecked(path, { path: display, text, bom: false, eol: '\n', mode: 0o644 }, sourceFor(env.store, spec.catalogue));
}
