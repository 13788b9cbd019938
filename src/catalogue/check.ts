// Checks on a catalogue beyond its JSON Schema: ids unique across the catalogue and safe as YAML
// keys, every indicator kind covered by a scale, scales with distinct words that run from worst to
// best, a catalogue that names a source citing it, and a crosswalk that names this catalogue's own
// indicators. Reads the data defensively, because it runs even where the schema found problems.
import { asArray, asRecord } from '../source/guards.js';
import { ID_PATTERN, unsafeKeyReason } from '../source/keys.js';
import { error, warning, type DocPath, type Problem } from '../source/problem.js';
import { checkReplaces } from './crosswalk.js';
import { NOT_APPLICABLE, RAG_ORDER, type LevelRag } from './model.js';

const KINDS = ['characteristic', 'failure'] as const;

/** Semantic problems in a catalogue document. */
export function checkCatalogue(data: unknown): Problem[] {
  const problems: Problem[] = [];
  const doc = asRecord(data);
  if (!doc) return problems;

  // 1. Ids: themes, and indicators across the whole catalogue, unique and safe as keys.
  const themeIds = new Map<string, DocPath>();
  const indicatorIds = new Map<string, DocPath>();
  const kindsUsed = new Map<string, DocPath>();
  const checkId = (id: unknown, path: DocPath, seen: Map<string, DocPath>, what: string): void => {
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first) {
      problems.push(error('duplicate-id', `duplicate ${what} id ${JSON.stringify(id)}`, path, { related: { path: first, label: 'first at' } }));
    } else {
      seen.set(id, path);
    }
    // An id that breaks the id pattern is the schema's to report; here, only the ones it lets through.
    const unsafe = unsafeKeyReason(id);
    if (unsafe && ID_PATTERN.test(id)) problems.push(error('unsafe-id', `${what} id ${JSON.stringify(id)} is not safe as a YAML key: ${unsafe}`, path));
  };
  // A catalogue that names a source cites it for every indicator; one with a draft cites that.
  const source = asRecord(doc['source']);
  const hasDraft = asRecord(source?.['draft']) !== undefined;
  asArray(doc['themes'])?.forEach((theme, t) => {
    const th = asRecord(theme);
    if (!th) return;
    checkId(th['id'], ['themes', t, 'id'], themeIds, 'theme');
    asArray(th['indicators'])?.forEach((ind, i) => {
      const indicator = asRecord(ind);
      if (!indicator) return;
      const path = ['themes', t, 'indicators', i];
      checkId(indicator['id'], [...path, 'id'], indicatorIds, 'indicator');
      const kind = indicator['kind'];
      if (typeof kind === 'string' && !kindsUsed.has(kind)) kindsUsed.set(kind, [...path, 'kind']);
      const named = typeof indicator['id'] === 'string' ? `indicator ${indicator['id']}` : 'this indicator';
      if (source && indicator['reference'] === undefined) {
        problems.push(error('missing-reference', `${named} has no reference: a catalogue that names a source says where the source makes each point (or drop source: for a framework of your own)`, path, { anchor: 'key' }));
      }
      if (indicator['draft'] === true && !hasDraft) {
        problems.push(error('missing-draft', `${named} is marked draft: true, but the catalogue names no draft: add source.draft (its title and date)`, [...path, 'draft']));
      }
    });
  });

  // 2. The crosswalk to the catalogue this one replaces, as far as it can be checked on its own.
  problems.push(...checkReplaces(doc));

  // 3. Scales: one for every kind in use, well formed, with distinct words and labels.
  const scales = asRecord(doc['scales']);
  if (!scales) return problems;
  for (const [kind, path] of kindsUsed) {
    if ((KINDS as readonly string[]).includes(kind) && !asRecord(scales[kind])) {
      problems.push(error('missing-scale', `indicators of kind ${JSON.stringify(kind)} have no scale: add scales.${kind}`, path));
    }
  }
  for (const kind of KINDS) {
    const scale = asRecord(scales[kind]);
    if (!scale) continue;
    if (!kindsUsed.has(kind)) problems.push(warning('unused-scale', `no indicator is of kind ${JSON.stringify(kind)}, so this scale is never used`, ['scales', kind], { anchor: 'key' }));
    const words = new Map<string, DocPath>();
    const labels = new Map<string, DocPath>();
    let redFlags = 0;
    asArray(scale['levels'])?.forEach((lv, l) => {
      const level = asRecord(lv);
      if (!level) return;
      const wordPath = ['scales', kind, 'levels', l, 'word'];
      const word = level['word'];
      if (typeof word === 'string') {
        if (word === NOT_APPLICABLE) {
          problems.push(error('reserved-word', `${JSON.stringify(NOT_APPLICABLE)} is reserved (every indicator may be not applicable): choose another word`, wordPath));
        }
        const first = words.get(word);
        if (first) problems.push(error('duplicate-level', `duplicate word ${JSON.stringify(word)} in the ${kind} scale`, wordPath, { related: { path: first, label: 'first at' } }));
        else words.set(word, wordPath);
        const unsafe = unsafeKeyReason(word);
        if (unsafe && ID_PATTERN.test(word)) problems.push(error('unsafe-id', `scale word ${JSON.stringify(word)} is not safe in YAML: ${unsafe}`, wordPath));
      }
      const label = level['label'];
      if (typeof label === 'string') {
        const labelPath = ['scales', kind, 'levels', l, 'label'];
        const first = labels.get(label.toLowerCase());
        if (first) problems.push(error('duplicate-level', `duplicate label ${JSON.stringify(label)} in the ${kind} scale`, labelPath, { related: { path: first, label: 'first at' } }));
        else labels.set(label.toLowerCase(), labelPath);
      }
      if (level['red-flag'] === true) redFlags++;
    });
    if (kind === 'failure' && redFlags === 0 && words.size > 0) {
      problems.push(warning('no-red-flag-level', 'no level of the failure scale has red-flag: true, so no rating will raise a red flag', ['scales', kind], { anchor: 'key' }));
    }
    problems.push(...checkOrder(kind, asArray(scale['levels']) ?? []));
  }
  return problems;
}

const isRag = (v: unknown): v is LevelRag => typeof v === 'string' && (RAG_ORDER as readonly string[]).includes(v);

/**
 * A scale runs from worst to best, where the catalogue gives enough to tell: every level has a rag
 * or none does, the rags run red, amber, green down the list, and red-flag levels come first. A
 * scale listed best first would invert every result, so each of these is an error.
 */
function checkOrder(kind: string, levels: readonly unknown[]): Problem[] {
  const problems: Problem[] = [];
  const list = levels.map((lv) => asRecord(lv) ?? {});
  const name = (l: Record<string, unknown>, i: number): string => (typeof l['word'] === 'string' ? l['word'] : `level ${i + 1}`);
  const at = (i: number, key: string): DocPath => ['scales', kind, 'levels', i, key];

  // 1. The rag: on every level or on none; then never better before worse.
  const withRag = list.map((l, i) => ({ l, i })).filter(({ l }) => isRag(l['rag']));
  if (withRag.length > 0 && withRag.length < list.length) {
    const missing = list.findIndex((l) => l['rag'] === undefined);
    if (missing !== -1) {
      problems.push(error('scale-order', `${name(list[missing]!, missing)} has no rag, but other levels of the ${kind} scale do: give every level its rag (red, amber or green), or none`, ['scales', kind, 'levels', missing], { anchor: 'key' }));
    }
  } else if (withRag.length === list.length) {
    const rank = (l: Record<string, unknown>): number => RAG_ORDER.indexOf(l['rag'] as LevelRag);
    const turn = list.findIndex((l, i) => i > 0 && rank(l) < rank(list[i - 1]!));
    if (turn !== -1) {
      const reversed = list.every((l, i) => i === 0 || rank(l) <= rank(list[i - 1]!));
      const order = list.map((l) => l['rag']).join(', ');
      problems.push(
        error(
          'scale-order',
          reversed
            ? `the ${kind} scale is listed best first (${order}): list its levels from worst to best, red first, since scoring reads the first level as the worst`
            : `${name(list[turn]!, turn)} is ${String(list[turn]!['rag'])} after ${name(list[turn - 1]!, turn - 1)}, which is ${String(list[turn - 1]!['rag'])}: list the ${kind} scale's levels from worst to best (red, then amber, then green)`,
          at(turn, 'rag'),
        ),
      );
    }
  }

  // 2. Red flags are the worst levels, so they come first.
  const flagged = list.map((l) => l['red-flag'] === true);
  const late = flagged.findIndex((f, i) => f && i > 0 && !flagged[i - 1]);
  if (late !== -1) {
    const clear = flagged.lastIndexOf(false, late);
    problems.push(
      error(
        'scale-order',
        `${name(list[late]!, late)} is a red-flag level listed after ${name(list[clear]!, clear)}, which is not: list the ${kind} scale's levels from worst to best, red-flag levels first`,
        at(late, 'red-flag'),
      ),
    );
  }
  return problems;
}
