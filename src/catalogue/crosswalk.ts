// A framework that changes: a catalogue's `replaces` block names the catalogue it replaces and
// says where each earlier indicator went (renamed, merged, split, dropped; the rest kept under the
// same id, and new ones added). Here: the checks on that block (on its own, and against the
// earlier catalogue), and the crosswalk as a relation between the two catalogues' ids, composed
// along a chain of versions. Pure: catalogues in, problems or a crosswalk out.
import { asArray, asRecord } from '../source/guards.js';
import { error, warning, type DocPath, type Problem } from '../source/problem.js';
import { nearest } from '../source/suggest.js';
import { andList } from '../words.js';
import { catalogueLabel, type CatalogueModel, type CatalogueReplaces } from './model.js';

/** The earlier ids a `replaces` block moves, each with where it is listed. */
interface Listed {
  readonly id: string;
  readonly path: DocPath;
}

/** Each list of a `replaces` block, read defensively: the old ids it names and the new ids it names. */
function listed(replaces: Record<string, unknown>): { olds: Listed[]; news: Listed[]; added: Listed[]; renamedTo: Listed[] } {
  const olds: Listed[] = [];
  const news: Listed[] = [];
  const added: Listed[] = [];
  const renamedTo: Listed[] = [];
  const base = ['replaces'];
  const id = (v: unknown, path: DocPath, into: Listed[]): void => {
    if (typeof v === 'string') into.push({ id: v, path });
  };
  asArray(replaces['renamed'])?.forEach((e, i) => {
    const r = asRecord(e);
    id(r?.['from'], [...base, 'renamed', i, 'from'], olds);
    id(r?.['to'], [...base, 'renamed', i, 'to'], news);
    id(r?.['to'], [...base, 'renamed', i, 'to'], renamedTo);
  });
  asArray(replaces['merged'])?.forEach((e, i) => {
    const r = asRecord(e);
    asArray(r?.['from'])?.forEach((v, j) => id(v, [...base, 'merged', i, 'from', j], olds));
    id(r?.['into'], [...base, 'merged', i, 'into'], news);
  });
  asArray(replaces['split'])?.forEach((e, i) => {
    const r = asRecord(e);
    id(r?.['from'], [...base, 'split', i, 'from'], olds);
    asArray(r?.['into'])?.forEach((v, j) => id(v, [...base, 'split', i, 'into', j], news));
  });
  asArray(replaces['dropped'])?.forEach((e, i) => id(asRecord(e)?.['id'], [...base, 'dropped', i, 'id'], olds));
  asArray(replaces['added'])?.forEach((v, i) => id(v, [...base, 'added', i], added));
  return { olds, news, added, renamedTo };
}

/** The indicator ids of a catalogue document, read defensively. */
function indicatorIds(doc: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  for (const t of asArray(doc['themes']) ?? []) for (const i of asArray(asRecord(t)?.['indicators']) ?? []) if (typeof asRecord(i)?.['id'] === 'string') ids.add(asRecord(i)!['id'] as string);
  return ids;
}

const didYouMean = (id: string, ids: Iterable<string>): string => {
  const guess = nearest(id, ids);
  return guess ? `; did you mean ${guess}?` : '';
};

/**
 * Problems a `replaces` block has on its own (run with the catalogue's other checks): it names
 * another catalogue, each earlier id is moved at most once, and every id it gives for this
 * catalogue is one of this catalogue's indicators, named once.
 */
export function checkReplaces(data: unknown): Problem[] {
  const doc = asRecord(data);
  const replaces = asRecord(doc?.['replaces']);
  if (!doc || !replaces) return [];
  const problems: Problem[] = [];
  if (replaces['id'] === doc['id'] && replaces['version'] === doc['version'] && typeof doc['id'] === 'string') {
    problems.push(error('crosswalk-conflict', `a catalogue cannot replace itself: give the id and version of the catalogue this one replaces`, ['replaces', 'version']));
  }
  const { olds, news, added, renamedTo } = listed(replaces);
  const once = (list: readonly Listed[], what: (id: string) => string): void => {
    const first = new Map<string, DocPath>();
    for (const l of list) {
      const seen = first.get(l.id);
      if (seen) problems.push(error('crosswalk-conflict', what(l.id), l.path, { related: { path: seen, label: 'first at' } }));
      else first.set(l.id, l.path);
    }
  };
  once(olds, (id) => `${id} is moved twice: an earlier indicator is renamed, merged, split or dropped once`);
  once(renamedTo, (id) => `two indicators are renamed to ${id}: list them under merged instead`);
  once(added, (id) => `${id} is listed as added twice`);
  const own = indicatorIds(doc);
  for (const l of [...news, ...added]) {
    if (!own.has(l.id)) problems.push(error('crosswalk-unknown-id', `${l.id} is not an indicator of this catalogue${didYouMean(l.id, own)}`, l.path));
  }
  const targets = new Set(news.map((n) => n.id));
  for (const a of added) {
    if (targets.has(a.id)) problems.push(error('crosswalk-conflict', `${a.id} is listed as added, but an earlier indicator is renamed, merged or split into it`, a.path));
  }
  return problems;
}

/**
 * Problems a `replaces` block has against the catalogue it replaces: every id it names there
 * exists, every earlier indicator is accounted for (kept under its id, or listed), a renamed or
 * added id does not collide with an earlier indicator that is kept, and (a warning) every new
 * indicator with no predecessor is listed as added. `data` is the newer catalogue's document.
 */
export function checkReplacesAgainst(data: unknown, earlier: CatalogueModel): Problem[] {
  const doc = asRecord(data);
  const replaces = asRecord(doc?.['replaces']);
  if (!doc || !replaces) return [];
  const problems: Problem[] = [];
  const old = earlier.indicatorById;
  const label = catalogueLabel(earlier.catalogue);
  const { olds, news, added, renamedTo } = listed(replaces);
  for (const l of olds) {
    if (!old.has(l.id)) problems.push(error('crosswalk-unknown-id', `${l.id} is not an indicator of ${label}${didYouMean(l.id, old.keys())}`, l.path));
  }
  const moved = new Set(olds.map((l) => l.id));
  const own = indicatorIds(doc);
  // An earlier indicator kept under its own id is the same indicator: nothing else may take that id.
  const keptHere = (id: string): boolean => old.has(id) && own.has(id) && !moved.has(id);
  for (const l of renamedTo) {
    if (keptHere(l.id)) problems.push(error('crosswalk-conflict', `${l.id} is kept from ${label} under the same id, so nothing can be renamed to it: list the two under merged`, l.path));
  }
  for (const l of added) {
    if (keptHere(l.id)) problems.push(error('crosswalk-conflict', `${l.id} is kept from ${label} under the same id, so it is not new: remove it from added`, l.path));
  }
  const unaccounted = [...old.keys()].filter((id) => !own.has(id) && !moved.has(id));
  for (const id of unaccounted) {
    problems.push(
      error('crosswalk-unaccounted', `${id} of ${label} is not accounted for: it is not in this catalogue, and replaces does not say where it went (list it under renamed, merged, split or dropped)`, ['replaces'], {
        anchor: 'key',
      }),
    );
  }
  const targets = new Set([...news.map((n) => n.id), ...added.map((a) => a.id)]);
  const undeclared = [...own].filter((id) => !old.has(id) && !targets.has(id));
  if (undeclared.length > 0) {
    problems.push(
      warning('crosswalk-undeclared', `${andList(undeclared)} ${undeclared.length === 1 ? 'is' : 'are'} not in ${label} and not in the crosswalk: list ${undeclared.length === 1 ? 'it' : 'them'} under added (or under renamed, merged or split if ${undeclared.length === 1 ? 'it replaces' : 'they replace'} an earlier indicator)`, ['replaces'], {
        anchor: 'key',
      }),
    );
  }
  return problems;
}

// --- The crosswalk as a relation ----------------------------------------------------------------

/** What became of an earlier indicator, or where a newer one came from. */
export type Lineage = 'same' | 'renamed' | 'merged' | 'split' | 'dropped' | 'added';

/** How the indicators of one catalogue map onto another's. */
export interface Crosswalk {
  /** The earlier catalogue and the later one. */
  readonly from: CatalogueModel;
  readonly to: CatalogueModel;
  /** Each earlier indicator's successors in `to`, in the crosswalk's order (none: dropped). */
  readonly successors: ReadonlyMap<string, readonly string[]>;
  /** Each later indicator's predecessors in `from`, in `from`'s order (none: added). */
  readonly predecessors: ReadonlyMap<string, readonly string[]>;
  /** Why an earlier indicator was dropped, or a note on where it went, from the crosswalk. */
  readonly notes: ReadonlyMap<string, string>;
}

/** The predecessors of each id of `to`, in `from`'s catalogue order. */
function invert(from: CatalogueModel, to: CatalogueModel, successors: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const predecessors = new Map<string, string[]>([...to.indicatorById.keys()].map((id) => [id, []]));
  for (const id of from.indicatorById.keys()) for (const s of successors.get(id) ?? []) predecessors.get(s)?.push(id);
  return predecessors;
}

/**
 * The crosswalk from `from` to `to`, as `to`'s `replaces` block declares it (a catalogue with no
 * block, or one that replaces another, maps every id to itself where both have it). Assumes the
 * block passed checkReplacesAgainst; an earlier id it does not account for counts as dropped.
 */
export function crosswalkOf(from: CatalogueModel, to: CatalogueModel): Crosswalk {
  const r: CatalogueReplaces | undefined = to.catalogue.replaces;
  const declared = r !== undefined && r.id === from.catalogue.id && r.version === from.catalogue.version ? r : undefined;
  const successors = new Map<string, string[]>();
  const notes = new Map<string, string>();
  for (const e of declared?.renamed ?? []) {
    successors.set(e.from, [e.to]);
    if (e.note !== undefined) notes.set(e.from, e.note);
  }
  for (const e of declared?.merged ?? []) {
    for (const f of e.from) {
      successors.set(f, [e.into]);
      if (e.note !== undefined) notes.set(f, e.note);
    }
  }
  for (const e of declared?.split ?? []) {
    successors.set(e.from, [...e.into]);
    if (e.note !== undefined) notes.set(e.from, e.note);
  }
  for (const e of declared?.dropped ?? []) {
    successors.set(e.id, []);
    if (e.reason !== undefined) notes.set(e.id, e.reason);
  }
  for (const id of from.indicatorById.keys()) if (!successors.has(id)) successors.set(id, to.indicatorById.has(id) ? [id] : []);
  return { from, to, successors, predecessors: invert(from, to, successors), notes };
}

/** The crosswalk from `a.from` to `b.to`, through `a.to` (which must be `b.from`). */
export function composeCrosswalks(a: Crosswalk, b: Crosswalk): Crosswalk {
  const successors = new Map<string, string[]>();
  const notes = new Map<string, string>(a.notes);
  for (const [id, via] of a.successors) {
    const out: string[] = [];
    for (const m of via) for (const s of b.successors.get(m) ?? []) if (!out.includes(s)) out.push(s);
    successors.set(id, out);
    // A note on the second step explains an earlier indicator that went only that way.
    if (!notes.has(id) && via.length === 1 && b.notes.has(via[0]!)) notes.set(id, b.notes.get(via[0]!)!);
  }
  return { from: a.from, to: b.to, successors, predecessors: invert(a.from, b.to, successors), notes };
}

/** What became of an earlier indicator: same, renamed, merged (with others), split, or dropped. */
export function fateOf(cw: Crosswalk, oldId: string): { readonly lineage: Exclude<Lineage, 'added'>; readonly to: readonly string[] } {
  const to = cw.successors.get(oldId) ?? [];
  if (to.length === 0) return { lineage: 'dropped', to };
  if (to.length > 1) return { lineage: 'split', to };
  if ((cw.predecessors.get(to[0]!) ?? []).length > 1) return { lineage: 'merged', to };
  return { lineage: to[0] === oldId ? 'same' : 'renamed', to };
}

/** Where a later indicator came from: the same id, renamed, merged from several, split from one, or added. */
export function lineageOf(cw: Crosswalk, newId: string): { readonly lineage: Exclude<Lineage, 'dropped'>; readonly from: readonly string[] } {
  const from = cw.predecessors.get(newId) ?? [];
  if (from.length === 0) return { lineage: 'added', from };
  if (from.length > 1) return { lineage: 'merged', from };
  if ((cw.successors.get(from[0]!) ?? []).length > 1) return { lineage: 'split', from };
  return { lineage: from[0] === newId ? 'same' : 'renamed', from };
}

/** True when the crosswalk changes nothing: every id kept, none added. */
export const isIdentity = (cw: Crosswalk): boolean =>
  [...cw.successors].every(([id, to]) => to.length === 1 && to[0] === id) && [...cw.predecessors.values()].every((from) => from.length > 0);

/** How many earlier indicators went each way, and how many later ones are new. */
export function crosswalkCounts(cw: Crosswalk): Record<Lineage, number> {
  const counts: Record<Lineage, number> = { same: 0, renamed: 0, merged: 0, split: 0, dropped: 0, added: 0 };
  for (const id of cw.successors.keys()) counts[fateOf(cw, id).lineage]++;
  for (const id of cw.predecessors.keys()) if (lineageOf(cw, id).lineage === 'added') counts.added++;
  return counts;
}

/** "council-framework 1.0.0 (14 kept, 1 renamed, 4 merged into 2, 1 dropped, 1 added)". */
export function crosswalkSummary(cw: Crosswalk): string {
  const c = crosswalkCounts(cw);
  const into = [...cw.predecessors.values()].filter((from) => from.length > 1).length;
  const splitInto = [...cw.successors.values()].filter((to) => to.length > 1).reduce((n, to) => n + to.length, 0);
  const parts = [
    `${c.same} kept`,
    ...(c.renamed > 0 ? [`${c.renamed} renamed`] : []),
    ...(c.merged > 0 ? [`${c.merged} merged into ${into}`] : []),
    ...(c.split > 0 ? [`${c.split} split into ${splitInto}`] : []),
    ...(c.dropped > 0 ? [`${c.dropped} dropped`] : []),
    ...(c.added > 0 ? [`${c.added} added`] : []),
  ];
  return `${catalogueLabel(cw.from.catalogue)} (${parts.join(', ')})`;
}
