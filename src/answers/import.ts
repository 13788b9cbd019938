// Reading an exported workbook or CSV back: the Answers and Actions tables as changes to the
// answers file, after checking every cell. A cell that is not what its column takes (a rating
// off the scale, a date that is not one, an unknown id) is a problem at its place, SHEET!CELL,
// and then nothing is changed. Only cells whose value differs from the file become changes, so
// an unchanged export imports as no change at all. Pure: tables and the loaded file in, changes
// or problems out; the command reads the files and writes through saveChanges.
import { NOT_APPLICABLE, ratingWords, scaleWords, type CatalogueModel, type IndicatorEntry } from '../catalogue/model.js';
import { ABOUT_LABELS, ACTION_COLUMNS, ACTION_STATUSES, ANSWER_COLUMNS } from '../render/export-tables.js';
import { columnLetters, officeText, restoreText, type SheetTable, type SheetValue } from '../render/table.js';
import { isCalendarDate } from '../source/dates.js';
import { nearest } from '../source/suggest.js';
import type { Change } from './edit.js';
import { actionStatus, answerOf, answerPath, parseActionRef, type Action, type Answers } from './model.js';

export type { SheetTable, SheetValue };

/** A cell that is not what its column takes, at its place. */
export interface SheetProblem {
  /** "Answers!E7". */
  readonly at: string;
  readonly message: string;
}

/** What an import would do: the changes, and how many answers and actions they touch. */
export interface ImportPlan {
  readonly changes: readonly Change[];
  readonly answersChanged: readonly string[];
  readonly actionsChanged: readonly string[];
  readonly actionsAdded: number;
}

export type ImportResult = { readonly ok: true; readonly plan: ImportPlan } | { readonly ok: false; readonly problems: readonly SheetProblem[] };

/** The kinds of table bva reads back, told apart by their header rows. */
export type ImportKind = 'answers' | 'actions' | 'about';

/** Which table this is, by its headings: undefined for one bva does not read back. */
export function importKind(table: SheetTable): ImportKind | undefined {
  const heads = (table.rows[0] ?? []).map((v) => (typeof v === 'string' ? v.trim() : ''));
  if (heads.includes(ANSWER_COLUMNS.id) && heads.includes(ANSWER_COLUMNS.rating)) return 'answers';
  if (heads.includes(ACTION_COLUMNS.ref) && heads.includes(ACTION_COLUMNS.action)) return 'actions';
  if (heads[0] === 'About this workbook') return 'about';
  return undefined;
}

/** A cell's place: the table's name, then the column's letters and the row's number. */
const place = (t: SheetTable, row: number, col: number): string => `${t.source}!${columnLetters(col)}${row + 1}`;

/** Reads a table's cells by column heading, collecting problems at their places. */
class Reader {
  readonly problems: SheetProblem[] = [];
  private readonly index: Map<string, number>;

  constructor(readonly table: SheetTable) {
    this.index = new Map((table.rows[0] ?? []).map((h, n) => [typeof h === 'string' ? h.trim() : '', n] as const));
  }

  has(header: string): boolean {
    return this.index.has(header);
  }

  at(row: number, header: string): string {
    return place(this.table, row, this.index.get(header) ?? 0);
  }

  problem(row: number, header: string, message: string): void {
    this.problems.push({ at: this.at(row, header), message });
  }

  private raw(row: number, header: string): SheetValue {
    const col = this.index.get(header);
    return col === undefined ? undefined : this.table.rows[row]?.[col];
  }

  /** Whether the row has nothing in any cell. */
  blank(row: number): boolean {
    return (this.table.rows[row] ?? []).every((v) => v === undefined || (typeof v === 'string' && v.trim() === ''));
  }

  /**
   * A text cell as the file would hold it: what formulaSafe wrote restored, Windows line ends as
   * the file's, and undefined for an empty cell (or an absent column). A number is read as its text.
   */
  text(row: number, header: string): string | undefined {
    const v = this.raw(row, header);
    if (v === undefined) return undefined;
    if (typeof v === 'object' && !(v instanceof Date)) {
      this.problem(row, header, `a formula (=${v.formula}); bva reads values, not formulas`);
      return undefined;
    }
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    const s = restoreText(String(v)).replace(/\r\n?/g, '\n');
    return s.trim() === '' ? undefined : s;
  }

  /** A word cell (a rating, a status), trimmed. */
  word(row: number, header: string): string | undefined {
    return this.text(row, header)?.trim();
  }

  /** A date cell: a real date, or text written YYYY-MM-DD or DD/MM/YYYY; a problem otherwise. */
  date(row: number, header: string): { readonly value: string | undefined; readonly ok: boolean } {
    const v = this.raw(row, header);
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) return { value: undefined, ok: true };
    if (v instanceof Date) {
      // Excel's days are whole; a time of day would be a typing slip, read as the day it falls on.
      return { value: v.toISOString().slice(0, 10), ok: true };
    }
    if (typeof v === 'object') {
      this.problem(row, header, `a formula (=${v.formula}); bva reads values, not formulas`);
      return { value: undefined, ok: false };
    }
    const s = typeof v === 'string' ? restoreText(v).trim() : undefined;
    const uk = s !== undefined ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) : null;
    const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : s;
    if (iso !== undefined && isCalendarDate(iso)) return { value: iso, ok: true };
    this.problem(row, header, `${JSON.stringify(String(v))} is not a date; write a date, like 2026-03-31 or 31/03/2026`);
    return { value: undefined, ok: false };
  }
}

/** A word off its list: the problem says which words the cell takes, and the nearest. */
function offList(reader: Reader, row: number, header: string, what: string, word: string, allowed: readonly string[]): void {
  const guess = nearest(word, allowed);
  reader.problem(row, header, `${what} ${JSON.stringify(word)} is not one of ${allowed.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`);
}

/** The catalogue's indicator a cell names, or a problem at the cell (with the nearest id). */
function indicatorAt(reader: Reader, row: number, header: string, id: string, catalogue: CatalogueModel): IndicatorEntry | undefined {
  const entry = catalogue.indicatorById.get(id);
  if (!entry) {
    const guess = nearest(id, catalogue.indicatorById.keys());
    reader.problem(row, header, `unknown indicator ${JSON.stringify(id)} in ${catalogue.catalogue.id}${guess ? ` (did you mean ${guess}?)` : ''}`);
  }
  return entry;
}

/** A rating or target as the file holds it: the scale's word, given as the word or its label. */
function scaleWord(entry: IndicatorEntry, given: string, words: readonly string[]): string | undefined {
  const lower = given.toLowerCase();
  if (words.includes(given)) return given;
  const level = entry.scale.levels.find((l) => l.word.toLowerCase() === lower || l.label.toLowerCase() === lower);
  if (level && words.includes(level.word)) return level.word;
  if (words.includes(NOT_APPLICABLE) && (lower === NOT_APPLICABLE || lower === 'not applicable')) return NOT_APPLICABLE;
  return undefined;
}

/**
 * A set or a delete at `path` that makes `current` into `wanted`; nothing when they are the same,
 * or when `wanted` is the file's text as a workbook holds it (a control character shown as U+FFFD).
 */
function setTo(changes: Change[], path: readonly (string | number)[], current: unknown, wanted: unknown): boolean {
  if (current === wanted || (typeof current === 'string' && wanted === officeText(current))) return false;
  changes.push(wanted === undefined ? { op: 'delete', path: [...path] } : { op: 'set', path: [...path], value: wanted });
  return true;
}

/**
 * The changes the tables make to the answers file, or every problem with their cells. Tables bva
 * does not read back are ignored; the About table, when given, must name the file's authority
 * and period, so a workbook cannot be imported into another period's file.
 */
export function planImport(tables: readonly SheetTable[], answers: Answers, catalogue: CatalogueModel): ImportResult {
  const problems: SheetProblem[] = [];
  const changes: Change[] = [];
  const answersChanged = new Set<string>();
  const actionsChanged = new Set<string>();
  let actionsAdded = 0;

  for (const table of tables) {
    const kind = importKind(table);
    const reader = new Reader(table);
    if (kind === 'about') checkAbout(reader, answers);
    if (kind === 'answers') readAnswers(reader, answers, catalogue, changes, answersChanged);
    if (kind === 'actions') actionsAdded += readActions(reader, answers, catalogue, changes, actionsChanged);
    problems.push(...reader.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, plan: { changes, answersChanged: [...answersChanged], actionsChanged: [...actionsChanged], actionsAdded } };
}

function checkAbout(reader: Reader, answers: Answers): void {
  const rows = reader.table.rows;
  for (let row = 1; row < rows.length; row++) {
    const label = rows[row]?.[0];
    const value = rows[row]?.[1];
    const expected = label === ABOUT_LABELS.authority ? answers.authority : label === ABOUT_LABELS.period ? answers.period : undefined;
    if (expected === undefined || value === undefined) continue;
    const given = typeof value === 'string' ? restoreText(value) : String(value);
    if (given !== expected) reader.problems.push({ at: place(reader.table, row, 1), message: `this workbook is for ${JSON.stringify(given)}, and the answers file is for ${JSON.stringify(expected)}` });
  }
}

function readAnswers(reader: Reader, answers: Answers, catalogue: CatalogueModel, changes: Change[], changed: Set<string>): void {
  const C = ANSWER_COLUMNS;
  const seen = new Map<string, string>();
  for (let row = 1; row < reader.table.rows.length; row++) {
    if (reader.blank(row)) continue;
    const id = reader.word(row, C.id);
    if (id === undefined) {
      reader.problem(row, C.id, 'no indicator id: every row of the Answers table names its indicator');
      continue;
    }
    const entry = indicatorAt(reader, row, C.id, id, catalogue);
    if (!entry) continue;
    if (seen.has(id)) {
      reader.problem(row, C.id, `${id} is also at ${seen.get(id)}: give each indicator one row`);
      continue;
    }
    seen.set(id, reader.at(row, C.id));
    const current = answerOf(answers, entry.theme.id, id);
    const base = answerPath(entry.theme.id, id);
    const before = changes.length;

    // Each column only when the table has it: a column taken out of the sheet changes nothing.
    let rating = current?.rating;
    if (reader.has(C.rating)) {
      const given = reader.word(row, C.rating);
      const words = ratingWords(entry);
      rating = given === undefined ? undefined : scaleWord(entry, given, words);
      if (given !== undefined && rating === undefined) offList(reader, row, C.rating, `rating for ${id}`, given, words);
      else setTo(changes, [...base, 'rating'], current?.rating, rating);
    }
    if (reader.has(C.reason)) {
      const reason = reader.text(row, C.reason);
      if (rating === NOT_APPLICABLE && reason === undefined) reader.problem(row, C.reason, `${id} is not-applicable: give the reason`);
      else if (rating !== NOT_APPLICABLE && reason !== undefined) reader.problem(row, C.reason, `a reason is only for a not-applicable rating, and ${id} is ${rating ?? 'unrated'}`);
      else setTo(changes, [...base, 'reason'], current?.reason, reason);
    }
    if (reader.has(C.target)) {
      const given = reader.word(row, C.target);
      const words = scaleWords(entry);
      const target = given === undefined ? undefined : scaleWord(entry, given, words);
      if (given !== undefined && target === undefined) offList(reader, row, C.target, `target for ${id}`, given, words);
      else setTo(changes, [...base, 'target'], current?.target, target);
    }
    if (reader.has(C.commentary)) setTo(changes, [...base, 'commentary'], current?.commentary, reader.text(row, C.commentary));
    if (changes.length > before) changed.add(id);
  }
}

/** Reads the Actions table; returns how many actions it adds. */
function readActions(reader: Reader, answers: Answers, catalogue: CatalogueModel, changes: Change[], changed: Set<string>): number {
  const C = ACTION_COLUMNS;
  const seen = new Map<string, string>();
  let added = 0;
  for (let row = 1; row < reader.table.rows.length; row++) {
    if (reader.blank(row)) continue;
    const ref = reader.word(row, C.ref);
    const indicatorCell = reader.word(row, C.indicator);
    const indicatorId = ref !== undefined ? parseActionRef(ref)?.indicatorId : indicatorCell;
    if (ref !== undefined && indicatorId === undefined) {
      reader.problem(row, C.ref, `${JSON.stringify(ref)} is not an action reference (INDICATOR#N, like lead.c6#2)`);
      continue;
    }
    if (indicatorId === undefined) {
      reader.problem(row, C.indicator, 'a new action (a row with no Ref) needs the indicator it belongs to');
      continue;
    }
    const entry = indicatorAt(reader, row, ref !== undefined ? C.ref : C.indicator, indicatorId, catalogue);
    if (!entry) continue;
    if (ref !== undefined && indicatorCell !== undefined && indicatorCell !== indicatorId) {
      reader.problem(row, C.indicator, `${ref} belongs to ${indicatorId}, not ${indicatorCell}: an action cannot move to another indicator here`);
      continue;
    }
    const list = answerOf(answers, entry.theme.id, indicatorId)?.actions ?? [];
    const index = ref !== undefined ? parseActionRef(ref)!.index : list.length;
    const current: Action | undefined = ref !== undefined ? list[index] : undefined;
    if (ref !== undefined && current === undefined) {
      reader.problem(row, C.ref, `no action ${ref}: ${indicatorId} has ${list.length === 1 ? '1 action' : `${list.length} actions`} (leave Ref empty to add one)`);
      continue;
    }
    if (ref !== undefined) {
      if (seen.has(ref)) {
        reader.problem(row, C.ref, `${ref} is also at ${seen.get(ref)}: give each action one row`);
        continue;
      }
      seen.set(ref, reader.at(row, C.ref));
    }

    // The action's fields as the row gives them (a column the table lacks keeps the file's).
    const action = reader.has(C.action) ? reader.text(row, C.action) : current?.action;
    if (action === undefined || action.trim() === '') {
      reader.problem(row, C.action, 'an action needs its text');
      continue;
    }
    const owner = reader.has(C.owner) ? reader.text(row, C.owner) : current?.owner;
    const due = reader.has(C.due) ? reader.date(row, C.due) : { value: current?.due, ok: true };
    const doneOn = reader.has(C.doneOn) ? reader.date(row, C.doneOn) : { value: current?.['done-on'], ok: true };
    const statusGiven = reader.has(C.status) ? reader.word(row, C.status)?.toLowerCase() : undefined;
    const status = statusGiven ?? (current ? actionStatus(current) : 'open');
    if (!(ACTION_STATUSES as readonly string[]).includes(status)) {
      offList(reader, row, C.status, 'status', reader.word(row, C.status) ?? '', ACTION_STATUSES);
      continue;
    }
    if (!due.ok || !doneOn.ok) continue;
    if (doneOn.value !== undefined && status !== 'done') {
      reader.problem(row, C.doneOn, `a completion date is for a done action, and this one is ${status}`);
      continue;
    }

    const path = [...answerPath(entry.theme.id, indicatorId), 'actions'];
    if (current === undefined) {
      const next: Action = {
        action,
        ...(owner !== undefined ? { owner } : {}),
        ...(due.value !== undefined ? { due: due.value } : {}),
        status: status as Action['status'] & string,
        ...(doneOn.value !== undefined ? { 'done-on': doneOn.value } : {}),
      };
      changes.push({ op: 'append', path, value: next });
      added++;
      continue;
    }
    const at = [...path, index];
    const before = changes.length;
    setTo(changes, [...at, 'action'], current.action, action);
    setTo(changes, [...at, 'owner'], current.owner, owner);
    setTo(changes, [...at, 'due'], current.due, due.value);
    // An action with no status is open: saying open again changes nothing.
    if (status !== actionStatus(current)) setTo(changes, [...at, 'status'], current.status, status);
    setTo(changes, [...at, 'done-on'], current['done-on'], doneOn.value);
    if (changes.length > before) changed.add(ref!);
  }
  return added;
}
