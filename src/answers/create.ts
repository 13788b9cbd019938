// Creating a new period's answers file: the document in house style under its header comment,
// checked against its catalogue and written atomically. Shared by `bva init` and `bva assess`.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CatalogueModel } from '../catalogue/model.js';
import type { WriteOptions } from '../source/atomic.js';
import { formatNeeded } from '../source/format.js';
import { SCHEMA_FILES } from '../source/schema.js';
import type { CatalogueResolver } from '../catalogue/resolve.js';
import type { Paper } from '../generated/answers.js';
import type { Answers, ThemeAnswers } from './model.js';
import type { Review } from './review.js';
import { writeChecked, type SaveResult } from './save.js';
import { renderDocument } from './yaml-style.js';

/** What a new answers file holds. */
export interface NewAnswers {
  readonly authority: string;
  readonly period: string;
  readonly catalogue: CatalogueModel;
  /** The committee paper's facts carried forward from last period's file (bva init --from). */
  readonly paper?: Paper;
  /** Themes carried forward from last period's file (bva init --from). */
  readonly themes?: Readonly<Record<string, ThemeAnswers>>;
  /** The command that started the file, named in its header ("bva init", "bva assess"). */
  readonly startedWith: string;
  /** Last period's period, when the new one was carried forward from it. */
  readonly from?: string;
  /** A file whose schema reference the new one follows (its path): last period's, or the draft a reviewer's file is of. */
  readonly fromPath?: string;
  /** A reviewer's file: what it reviews, and the indicators to rate (bva review init). */
  readonly review?: Review;
}

/** Where bva finds its schemas, and the resolver the new file is checked with. */
export interface CreateEnv {
  /** The bva package folder. */
  readonly home: string;
  /** The resolver every later command uses (no --catalogue): the new file must find its catalogue through it. */
  readonly source: CatalogueResolver;
}

/** The comment lines at the top of a new file: the schema for editors (when there is one to name), who and when, how to edit. */
export function headerLines(schema: string | undefined, spec: Pick<NewAnswers, 'authority' | 'period' | 'startedWith' | 'from' | 'review'>): string[] {
  const schemaLine = schema !== undefined ? [`# yaml-language-server: $schema=${schema}`] : [];
  if (spec.review) {
    return [
      ...schemaLine,
      `# ${spec.authority.replace(/\s+/g, ' ')}, ${spec.period}: independent review of ${spec.review.of.replace(/\s+/g, ' ')} by ${spec.review.reviewer.replace(/\s+/g, ' ')}.`,
      `# Rate each indicator below with bva assess, bva answer or by hand. The draft's commentary and evidence`,
      `# are here as context; its ratings are not, so the judgement is your own. Then: bva moderate.`,
    ];
  }
  return [
    ...schemaLine,
    `# ${spec.authority.replace(/\s+/g, ' ')}: Best Value Duty self-assessment, ${spec.period}.`,
    spec.from !== undefined
      ? `# Started with ${spec.startedWith} from ${spec.from}: ratings are asked afresh; last period's are kept as previous.`
      : `# Started with ${spec.startedWith}. Edit by hand or with bva assess; comments you add are kept.`,
  ];
}

/** Where the council keeps the answers schema in its repository, as `bva schema answers --out` suggests. */
export const SCHEMA_IN_REPOSITORY = 'schemas/answers.schema.json';

/** The schema line of a file's first lines, if it has one. */
const SCHEMA_LINE = /^\uFEFF?# yaml-language-server: \$schema=(\S+)/m;

/** Whether a file's text names a schema for editors. */
export const namesSchema = (text: string): boolean => SCHEMA_LINE.test(text.slice(0, 1024));

/** Said when a new file names no schema: how to give every colleague's editor one. */
export const SCHEMA_TIP = `Tip: for completion and checking as you edit, write the answers schema into the repository once, with bva schema answers --out ${SCHEMA_IN_REPOSITORY}; files bva makes after that name it on their first line.`;

/**
 * The `$schema` reference a new answers file at `path` gets, so that the editor of everyone who
 * opens the file finds the schema, not only the person who made it: a path relative to the file,
 * to a schema inside the council's repository (the folder with .git, or the file's own folder
 * outside one). In order: last period's file's reference, where it still leads to a file (or is a
 * web address); the nearest answers.schema.json, or schemas/answers.schema.json, in the file's
 * folder or one above it in the repository; bva's own schema when bva is installed inside the
 * repository (npm install --save-dev). Otherwise none: a path into one person's installation of
 * bva would break for every colleague once committed.
 */
export function schemaReference(path: string, home: string, fromPath?: string): string | undefined {
  const folder = dirname(path);
  const rel = (target: string): string => relative(folder, target).split('\\').join('/');
  if (fromPath !== undefined) {
    const was = SCHEMA_LINE.exec(readHead(fromPath))?.[1];
    if (was !== undefined && /^https?:\/\//.test(was)) return was;
    if (was !== undefined && !isAbsolute(was) && existsSync(resolve(dirname(fromPath), was))) return rel(resolve(dirname(fromPath), was));
  }
  const root = repositoryRoot(folder);
  for (let dir = folder; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'answers.schema.json'), join(dir, SCHEMA_IN_REPOSITORY)]) if (existsSync(candidate)) return rel(candidate);
    if (dir === (root ?? folder) || dirname(dir) === dir) break;
  }
  const own = join(home, SCHEMA_FILES.answers);
  const inside = relative(root ?? folder, own);
  return inside.startsWith('..') || isAbsolute(inside) ? undefined : rel(own);
}

/** The folder holding .git at or above `folder`, if any. */
function repositoryRoot(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The first few hundred bytes of a file ('' when it cannot be read): enough for its header comment. */
function readHead(path: string): string {
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(1024);
      return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/**
/**
 * Writes a new answers file at `path` (shown as `display`), replacing any file there (a read-only
 * one only when `write.force`, and never one of `write.inputs`). The text is checked as an answers
 * file, its catalogue found as any later command finds it, before it is written; on problems
 * nothing is written.
 */
export async function createAnswersFile(path: string, display: string, spec: NewAnswers, env: CreateEnv, write: Pick<WriteOptions, 'force' | 'inputs'> = {}): Promise<SaveResult> {
  // A catalogue that would not be found from the file's place on its own is pointed to, relative to the file.
  const file = await env.source.pointerFor(path, spec.catalogue);
  const body: Answers = {
    catalogue: { id: spec.catalogue.catalogue.id, version: spec.catalogue.catalogue.version, ...(file !== undefined ? { file } : {}) },
    authority: spec.authority,
    period: spec.period,
    ...(spec.paper ? { paper: { ...spec.paper } } : {}),
    ...(spec.review ? { review: spec.review } : {}),
    ...(spec.themes && Object.keys(spec.themes).length > 0 ? { themes: { ...spec.themes } } : {}),
  };
  // The format-version policy (src/source/format.ts): a file that needs nothing newer names no format.
  const needed = formatNeeded('answers', body);
  const answers: Answers = needed > 1 ? { format: needed, ...body } : body;
  const text = renderDocument(answers as unknown as Record<string, unknown>, headerLines(schemaReference(path, env.home, spec.fromPath), spec), { catalogue: spec.catalogue });
  // Checked as every later command will read it: the file must find its catalogue with no --catalogue.
  return writeChecked(path, { path: display, text, bom: false, eol: '\n', mode: 0o644 }, env.source, undefined, write);
}
