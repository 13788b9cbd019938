// Finding the catalogues a catalogue replaces, and the crosswalk from one catalogue to a later one
// along that chain (2.0.0 replaces 1.1.0, which replaces 1.0.0). The earlier catalogue is the file
// `replaces.file` names (relative to the catalogue), else the one the resolver finds for its id and
// version (src/catalogue/resolve.ts).
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { error, quote, warning, type Problem } from '../source/problem.js';
import { plural } from '../words.js';
import { composeCrosswalks, crosswalkOf, type Crosswalk } from './crosswalk.js';
import { catalogueLabel, type CatalogueModel, type CatalogueReplaces } from './model.js';
import type { CatalogueResolver } from './resolve.js';
import { CatalogueError } from './shipped.js';

/** Finds the catalogue a catalogue's `replaces` block names, or says why it cannot. */
export type FindEarlier = (later: CatalogueModel) => Promise<Earlier>;

/** The earlier catalogue, or a problem at the `replaces` block that says why it cannot be had. */
export type Earlier = { readonly catalogue: CatalogueModel } | { readonly problem: Problem };

/** The id and version of a catalogue, as one key. */
const key = (m: Pick<CatalogueModel, 'catalogue'>): string => catalogueLabel(m.catalogue);

/**
 * The catalogue a `replaces` block names, for a catalogue file at `path`: the file `replaces.file`
 * names (relative to `path`), which must be that id and version; else the one the resolver finds
 * for that id and version, as it would for an answers file beside the catalogue that named it
 * (a bva.config.yaml's catalogues, the catalogues the command holds, the shipped ones).
 */
export async function earlierCatalogue(resolver: CatalogueResolver, replaces: CatalogueReplaces, path: string): Promise<Earlier> {
  const named = `${replaces.id} ${replaces.version}`;
  if (replaces.file !== undefined) {
    let catalogue: CatalogueModel;
    try {
      catalogue = await resolver.store.load(resolve(dirname(path), replaces.file), replaces.file);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const why = err instanceof CatalogueError ? `has ${plural(err.problems.length, 'problem')} (run bva catalogue validate on it)` : `cannot be read: ${err.message.replace(/^.*?: /, '')}`;
      return { problem: error('crosswalk-unchecked', `replaces.file ${quote(replaces.file)} ${why}; the path is relative to this catalogue`, ['replaces', 'file']) };
    }
    if (key(catalogue) === named) return { catalogue };
    return { problem: error('crosswalk-conflict', `replaces.file ${quote(replaces.file)} is ${key(catalogue)}, not ${named}`, ['replaces', 'file']) };
  }
  const found = await resolver.forAnswers({ catalogue: { id: replaces.id, version: replaces.version } }, path);
  if (found.catalogue) return { catalogue: found.catalogue };
  return { problem: warning('crosswalk-unchecked', `${named} cannot be found, so the crosswalk cannot be checked against it: give its file as replaces.file, or list it in a bva.config.yaml`, ['replaces'], { anchor: 'key' }) };
}

/** The usual way to find an earlier catalogue: earlierCatalogue, for a loaded catalogue, knowing `known` besides. */
export function findEarlierIn(resolver: CatalogueResolver, known: readonly CatalogueModel[] = []): FindEarlier {
  const knowing = known.reduce((r, m) => r.knowing(m), resolver);
  return async (later) => {
    const r = later.catalogue.replaces;
    if (!r) return { problem: error('crosswalk-unchecked', `${key(later)} replaces no catalogue`, []) };
    return earlierCatalogue(knowing, r, later.origin.path);
  };
}

/** A crosswalk along a chain of versions, with each step (one catalogue's replaces block). */
export type Chain = Crosswalk & { readonly steps: readonly Crosswalk[] };

/** Why no crosswalk joins two catalogues, in a sentence for a note or a message. */
export type NoCrosswalk = { readonly reason: string };

/**
 * The crosswalk from `from` to the later catalogue `to`, following `to`'s `replaces` back until it
 * names `from`; a reason instead when the chain does not reach it (or an earlier catalogue in it
 * cannot be found). Two catalogues of the same id and version need none: undefined.
 */
export async function crosswalkBetween(from: CatalogueModel, to: CatalogueModel, findEarlier: FindEarlier): Promise<Chain | NoCrosswalk | undefined> {
  if (key(from) === key(to)) return undefined;
  const steps: Crosswalk[] = [];
  const seen = new Set<string>([key(to)]);
  let later = to;
  for (;;) {
    const r = later.catalogue.replaces;
    if (!r) return { reason: `${key(to)} does not say that it replaces ${key(from)}` };
    let earlier = from;
    if (r.id !== from.catalogue.id || r.version !== from.catalogue.version) {
      const found = await findEarlier(later);
      if ('problem' in found) return { reason: `${key(later)} replaces ${r.id} ${r.version}, which cannot be used: ${found.problem.message}` };
      earlier = found.catalogue;
    }
    if (seen.has(key(earlier))) return { reason: `the catalogues' replaces blocks go round in a circle at ${key(earlier)}` };
    seen.add(key(earlier));
    steps.unshift(crosswalkOf(earlier, later));
    if (earlier === from) return { ...steps.reduce(composeCrosswalks), steps };
    later = earlier;
  }
}

/** True when a value is a crosswalk rather than the reason there is none. */
export const isCrosswalk = (c: Chain | NoCrosswalk | undefined): c is Chain => c !== undefined && 'successors' in c;
