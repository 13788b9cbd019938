// The catalogues shipped with bva (criteria/*.yaml), found by id and version, loaded once per run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Input } from '../source/atomic.js';
import type { LocatedProblem } from '../source/problem.js';
import { plural, shellArg } from '../words.js';
import { indexCatalogue, type Catalogue, type CatalogueModel } from './model.js';

/** Loads catalogues for one run: the shipped ones by id and version, others by path; each once. */
export class CatalogueStore {
  readonly #criteriaDir: string;
  readonly #compiledDir: string;
  readonly #byPath = new Map<string, Promise<CatalogueModel>>();
  /** The files the run has read to find and check catalogues, by path. */
  readonly #inputs = new Map<string, Input>();

  /** @param home the bva package folder, which holds criteria/ (and dist/criteria/ once built) */
  constructor(home: string) {
    this.#criteriaDir = join(home, 'criteria');
    this.#compiledDir = join(home, 'dist', 'criteria');
  }

  /** The shipped catalogue files, by name. */
  shippedFiles(): string[] {
    try {
      return readdirSync(this.#criteriaDir)
        .filter((f) => f.endsWith('.yaml'))
        .sort();
    } catch {
      return [];
    }
  }

  /** Every shipped catalogue, in file-name order. */
  async shipped(): Promise<CatalogueModel[]> {
    return Promise.all(this.shippedFiles().map((f) => this.#loadShipped(f)));
  }

  /**
   * The shipped catalogue with this id and version, or undefined. Tries `<id>-<version>.yaml` (an
   * earlier version kept) and `<id>.yaml` (the current one) first, so the common case reads one file.
   */
  async find(id: string, version: string): Promise<CatalogueModel | undefined> {
    const files = this.shippedFiles();
    const likely = [`${id}-${version}.yaml`, `${id}.yaml`].filter((f) => files.includes(f));
    const ordered = [...likely, ...files.filter((f) => !likely.includes(f))];
    for (const f of ordered) {
      const model = await this.#loadShipped(f);
      if (model.catalogue.id === id && model.catalogue.version === version) return model;
    }
    return undefined;
  }

  /**
   * The newest shipped version of a catalogue id, or undefined. Versions compare as numbers, so the
   * files' names (and the order they sort in) do not matter.
   */
  async newest(id: string): Promise<CatalogueModel | undefined> {
    const versions = (await this.shipped()).filter((m) => m.catalogue.id === id);
    return versions.reduce<CatalogueModel | undefined>((a, b) => (a === undefined || compareVersions(b.catalogue.version, a.catalogue.version) > 0 ? b : a), undefined);
  }

  /** The default catalogue for a new answers file: the newest shipped version of the first id. */
  async default(): Promise<CatalogueModel> {
    const [first] = await this.shipped();
    if (!first) throw new InputError(`no catalogue found in ${this.#criteriaDir}`);
    return (await this.newest(first.catalogue.id))!;
  }

  /**
   * A catalogue file, loaded once. A catalogue with problems is refused with an InputError that
   * lists them: answers cannot be checked against a broken catalogue.
   */
  load(path: string, displayPath = path): Promise<CatalogueModel> {
    this.noteInput({ path, display: displayPath, what: 'the catalogue' });
    return this.#load(path, displayPath, false);
  }

  /** Notes a file the run has read to find catalogues (a project configuration, say). */
  noteInput(input: Input): void {
    if (!this.#inputs.has(input.path)) this.#inputs.set(input.path, input);
  }

  /**
   * The files this run has read to find and check catalogues: the catalogue files and project
   * configurations (not bva's own). Inputs of the command, which no write of it may replace.
   */
  inputs(): Input[] {
    return [...this.#inputs.values()];
  }

  /**
   * A shipped catalogue: the build's checked JSON copy when it matches the YAML byte for byte
   * (no YAML parse, no schema check at run time), else the YAML itself.
   */
  #loadShipped(name: string): Promise<CatalogueModel> {
    const path = join(this.#criteriaDir, name);
    const origin = { path, display: `criteria/${name}`, shipped: true };
    return this.#memo(path, () => {
      const compiled = readCompiled(join(this.#compiledDir, name.replace(/\.yaml$/, '.json')), path);
      return compiled ? Promise.resolve(indexCatalogue(compiled, origin)) : this.#parse(path, origin.display, true);
    });
  }

  #load(path: string, displayPath: string, shipped: boolean): Promise<CatalogueModel> {
    return this.#memo(path, () => this.#parse(path, displayPath, shipped));
  }

  #memo(path: string, make: () => Promise<CatalogueModel>): Promise<CatalogueModel> {
    let pending = this.#byPath.get(path);
    if (!pending) {
      pending = make();
      this.#byPath.set(path, pending);
    }
    return pending;
  }

  #parse(path: string, displayPath: string, shipped: boolean): Promise<CatalogueModel> {
    // Imported on first use, so commands that never read a catalogue don't pay for the parser.
    return import('./load.js').then(async ({ loadCatalogueFile }) => {
      const r = await loadCatalogueFile(path, displayPath, shipped);
      if (r.ok) return r.value;
      throw new CatalogueError(displayPath, r.problems);
    });
  }
}

/**
 * The build's JSON copy of a shipped catalogue (checked when it was built), if it was built from
 * exactly the text `yamlPath` holds now. The copy carries that text, so the comparison is exact
 * and needs no hashing (loading node:crypto alone costs a few milliseconds of every start).
 */
function readCompiled(jsonPath: string, yamlPath: string): Catalogue | undefined {
  try {
    const compiled = JSON.parse(readFileSync(jsonPath, 'utf8')) as { yaml?: string; catalogue?: Catalogue };
    return compiled.yaml === readFileSync(yamlPath, 'utf8') ? compiled.catalogue : undefined;
  } catch {
    return undefined;
  }
}

/** A catalogue that failed its checks, refused with its problems listed. */
export class CatalogueError extends InputError {
  constructor(
    readonly path: string,
    override readonly problems: readonly LocatedProblem[],
  ) {
    super(`${path}: the catalogue has ${plural(problems.length, 'problem')}; run bva catalogue validate ${shellArg(path)}`);
  }
}

/** Compares MAJOR.MINOR.PATCH versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
