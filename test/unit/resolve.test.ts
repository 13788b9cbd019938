// The one catalogue resolver, case by case: its order (--catalogue, the file's pointer, the project
// configuration, what the command holds, the shipped ones), where it looks for a configuration,
// and when a new file needs a pointer.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogueResolver } from '../../src/catalogue/resolve.js';
import { CatalogueStore } from '../../src/catalogue/shipped.js';
import { ROOT, read, tempDir } from '../helpers.js';

const COUNCIL = read(join(ROOT, 'test/fixtures/catalogue/council.yaml'));
/** The council catalogue at another version. */
const at = (version: string): string => COUNCIL.replace('version: 2.1.0', `version: ${version}`);
const ref = (id: string, version: string, file?: string) => ({ catalogue: { id, version, ...(file !== undefined ? { file } : {}) } });

function resolver(cwd: string, more: Partial<ConstructorParameters<typeof CatalogueResolver>[0]> = {}): CatalogueResolver {
  return new CatalogueResolver({ store: new CatalogueStore(ROOT), cwd, ...more });
}

/** Where the catalogue found for `data` (an answers file at `path`) came from, relative to `dir`, or the problem. */
async function found(r: CatalogueResolver, data: unknown, path: string, dir: string): Promise<string> {
  const { catalogue, problems } = await r.forAnswers(data, path);
  if (problems.length > 0) return problems.map((p) => `${p.severity} ${p.code} ${p.message}`).join('\n');
  return catalogue!.origin.shipped ? `shipped ${catalogue!.catalogue.version}` : catalogue!.origin.path.slice(dir.length + 1);
}

describe('the catalogue resolver', () => {
  it('takes the pointer over the configuration, and the configuration over the shipped catalogues', async () => {
    const dir = tempDir({
      'bva.config.yaml': 'catalogues:\n  - lib/a.yaml\n  - lib/b.yaml\n',
      'lib/a.yaml': at('2.1.0'),
      'lib/b.yaml': at('3.0.0'),
      'pointed/c.yaml': at('2.1.0'),
    });
    const r = resolver(dir);
    const file = join(dir, 'answers', 'x.yaml');
    expect(await found(r, ref('borsetshire-assurance', '2.1.0'), file, dir)).toBe('lib/a.yaml');
    expect(await found(r, ref('borsetshire-assurance', '3.0.0'), file, dir)).toBe('lib/b.yaml');
    expect(await found(r, ref('borsetshire-assurance', '2.1.0', '../pointed/c.yaml'), file, dir)).toBe('pointed/c.yaml');
    expect(await found(r, ref('best-value-2024', '1.0.0'), file, dir)).toBe('shipped 1.0.0');
    expect(await found(r, ref('borsetshire-assurance', '9.0.0'), file, dir)).toBe(
      'error unknown-catalogue no version "9.0.0" of catalogue borsetshire-assurance is known (shipped: best-value-2024 1.0.0, 1.1.0; bva.config.yaml lists borsetshire-assurance 2.1.0, 3.0.0); give its file as catalogue.file in this file, list it in a bva.config.yaml, or pass --catalogue',
    );
  });

  it("lets --catalogue override, warning when the file names another", async () => {
    const dir = tempDir({ 'mine.yaml': at('2.1.0') });
    const r = resolver(dir, { override: { path: join(dir, 'mine.yaml'), display: 'mine.yaml' } });
    const { catalogue, problems } = await r.forAnswers(ref('best-value-2024', '1.0.0'), join(dir, 'x.yaml'));
    expect(catalogue?.catalogue.id).toBe('borsetshire-assurance');
    expect(problems.map((p) => `${p.severity} ${p.message}`)).toEqual(['warning the file names best-value-2024 1.0.0; checked against borsetshire-assurance 2.1.0 from mine.yaml']);
  });

  it('looks for a configuration from the answers file up, then from the working folder up', async () => {
    const dir = tempDir({
      'council/bva.config.yaml': 'catalogues:\n  - a.yaml\n',
      'council/a.yaml': at('2.1.0'),
      'elsewhere/bva.config.yaml': 'catalogues:\n  - b.yaml\n',
      'elsewhere/b.yaml': at('2.1.0'),
      'plain/.keep': '',
    });
    const fromCouncil = resolver(join(dir, 'elsewhere'));
    expect(await found(fromCouncil, ref('borsetshire-assurance', '2.1.0'), join(dir, 'council', 'deep', 'x.yaml'), dir)).toBe('council/a.yaml');
    expect(await found(fromCouncil, ref('borsetshire-assurance', '2.1.0'), join(dir, 'plain', 'x.yaml'), dir)).toBe('elsewhere/b.yaml');
  });

  it('matches what the command holds (init --catalogue, for its --from file) after the project and before the shipped', async () => {
    const dir = tempDir({ 'given.yaml': at('2.1.0') });
    const r = resolver(dir);
    const given = await r.byIdOrPath('given.yaml');
    expect(await found(r, ref('borsetshire-assurance', '2.1.0'), join(dir, 'x.yaml'), dir)).toMatch(/^error unknown-catalogue unknown catalogue "borsetshire-assurance"/);
    expect(await found(r.knowing(given), ref('borsetshire-assurance', '2.1.0'), join(dir, 'x.yaml'), dir)).toBe('given.yaml');
  });

  it("takes an id's newest version, the project's or shipped, and gives new files the configuration's default", async () => {
    const dir = tempDir({
      'bva.config.yaml': 'catalogues:\n  - a.yaml\n  - b.yaml\ndefault-catalogue: borsetshire-assurance\n',
      'a.yaml': at('2.10.0'),
      'b.yaml': at('2.9.0'),
    });
    const r = resolver(dir);
    expect((await r.newest('borsetshire-assurance'))?.catalogue.version).toBe('2.10.0');
    expect((await r.newest('best-value-2024'))?.catalogue.version).toBe('1.1.0');
    expect((await r.defaultFor(join(dir, 'new.yaml'))).catalogue.version).toBe('2.10.0');
    expect((await resolver(tempDir()).defaultFor()).catalogue).toMatchObject({ id: 'best-value-2024', version: '1.1.0' });
  });

  it('writes a pointer only where a new file would not find its catalogue otherwise', async () => {
    const dir = tempDir({
      'council/bva.config.yaml': 'catalogues:\n  - criteria/a.yaml\n',
      'council/criteria/a.yaml': at('2.1.0'),
      'other/b.yaml': at('2.1.0'),
    });
    const r = resolver(dir);
    const listed = await r.byIdOrPath(join(dir, 'council/criteria/a.yaml'));
    const unlisted = await r.byIdOrPath(join(dir, 'other/b.yaml'));
    expect(await r.pointerFor(join(dir, 'council/2025-26.yaml'), listed)).toBeUndefined();
    expect(await r.pointerFor(join(dir, 'council/2025-26.yaml'), unlisted)).toBe('../other/b.yaml');
    expect(await r.pointerFor(join(dir, 'elsewhere/2025-26.yaml'), listed)).toBe('../council/criteria/a.yaml');
    expect(await r.pointerFor(join(dir, 'council/2025-26.yaml'), await r.store.default())).toBeUndefined();
  });
});
