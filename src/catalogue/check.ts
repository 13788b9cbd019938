// Checks on a catalogue beyond its JSON Schema: ids unique across the catalogue and safe as YAML
// keys, every indicator kind covered by a scale, scales with distinct words, a crosswalk that names
// this catalogue's own indicators. Reads the data defensively, because it runs even where the
// schema found problems.
import { asArray, asRecord } from '../source/guards.js';
import { ID_PATTERN, unsafeKeyReason } from '../source/keys.js';
import { error, warning, type DocPath, type Problem } from '../source/problem.js';
import { checkReplaces } from './crosswalk.js';
import { NOT_APPLICABLE } from './model.js';

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
  asArray(doc['themes'])?.forEach((theme, t) => {
    const th = asRecord(theme);
    if (!th) return;
    checkId(th['id'], ['themes', t, 'id'], themeIds, 'theme');
    asArray(th['indicators'])?.forEach((ind, i) => {
      const indicator = asRecord(ind);
      if (!indicator) return;
      checkId(indicator['id'], ['themes', t, 'indicators', i, 'id'], indicatorIds, 'indicator');
      const kind = indicator['kind'];
      if (typeof kind === 'string' && !kindsUsed.has(kind)) kindsUsed.set(kind, ['themes', t, 'indicators', i, 'kind']);
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
  }
  return problems;
}
