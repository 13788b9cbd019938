// Where a catalogue is found: the one resolver every command uses, for every answers file it reads
// (each file of a two-file command on its own) and for every new file it makes. In this order:
//   1. --catalogue, which overrides whatever the file names;
//   2. the answers file's own pointer, `catalogue: { id, version, file }`, relative to the file;
//   3. the catalogues a bva.config.yaml lists (found from the answers file's folder upward, then
//      from the working folder upward), matched by id and version;
//   4. a catalogue the command already holds (bva init's --catalogue, for its --from file);
//   5. the catalogues shipped with bva.
// A new file takes --catalogue, else the configuration's default-catalogue, else the shipped
// default; it gets a pointer when it would not otherwise find its catalogue again.
import { dirname, relative, resolve as resolvePath, sep } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { ConfigError, displayPath, findConfigFile, loadConfig, type ProjectConfig } from '../config/load.js';
import { asRecord } from '../source/guards.js';
import { Locator } from '../source/locate.js';
import { error, quote, warning, type Problem } from '../source/problem.js';
import { readTextFile } from '../source/read.js';
import { catalogueLabel, catalogueList, type CatalogueModel } from './model.js';
import { CatalogueError, compareVersions, type CatalogueStore } from './shipped.js';

/** A catalogue file given on the command line: its absolute path and the path as given. */
export interface CatalogueFile {
  readonly path: string;
  readonly display: string;
}

export interface ResolverOptions {
  readonly store: CatalogueStore;
  /** The working folder: where paths given on the command line start, and the second place a configuration is looked for. */
  readonly cwd: string;
  /** --catalogue: check every answers file against this catalogue instead of the one it names (a file, or one already loaded). */
  readonly override?: CatalogueFile | CatalogueModel | undefined;
  /** Catalogues the command already holds, matched by id and version after the project's and before the shipped ones. */
  readonly known?: readonly CatalogueModel[] | undefined;
}

/** The catalogue found for an answers document, or the problems (at paths in the document) that stop it being found. */
export interface Resolved {
  readonly catalogue?: CatalogueModel;
  readonly problems: Problem[];
}

/** Each run's configurations, by path, read once. */
const configs = new WeakMap<CatalogueStore, Map<string, Promise<ProjectConfig>>>();

const isModel = (o: CatalogueFile | CatalogueModel): o is CatalogueModel => 'catalogue' in o;

/** True when `idOrPath` can only be a path (a slash, or a YAML file name), never a catalogue id. */
const looksLikePath = (idOrPath: string): boolean => /[/\\]|\.ya?ml$/i.test(idOrPath);

/** Finds catalogues for answers files and new files, in the order above. */
export class CatalogueResolver {
  constructor(readonly o: ResolverOptions) {}

  get store(): CatalogueStore {
    return this.o.store;
  }

  /** The same resolver with a catalogue the command already holds added to the known ones. */
  knowing(catalogue: CatalogueModel): CatalogueResolver {
    return new CatalogueResolver({ ...this.o, known: [...(this.o.known ?? []), catalogue] });
  }

  /**
   * The project configuration that applies to a file at `near` (or to the working folder): the
   * nearest bva.config.yaml at or above the file's folder, else at or above the working folder.
   * Throws ConfigError (exit 2) when the configuration has problems.
   */
  async config(near?: string): Promise<ProjectConfig | undefined> {
    const path = (near !== undefined ? findConfigFile(dirname(near)) : undefined) ?? findConfigFile(this.o.cwd);
    return path === undefined ? undefined : this.#loadConfig(path);
  }

  #loadConfig(path: string): Promise<ProjectConfig> {
    let cache = configs.get(this.o.store);
    if (!cache) configs.set(this.o.store, (cache = new Map()));
    let pending = cache.get(path);
    if (!pending) cache.set(path, (pending = loadConfig(path, this.o.cwd)));
    this.o.store.noteInput({ path, display: displayPath(this.o.cwd, path), what: 'the project configuration' });
    return pending;
  }

  /** The catalogues a configuration lists, loaded (each once per run). */
  async listed(config: ProjectConfig | undefined): Promise<CatalogueModel[]> {
    return Promise.all((config?.catalogues ?? []).map((c) => this.o.store.load(c.path, c.display)));
  }

  /** The catalogue for an answers document read from `path`, in the order at the top of this file. */
  async forAnswers(data: unknown, path: string): Promise<Resolved> {
    const ref = asRecord(asRecord(data)?.['catalogue']);
    const id = ref?.['id'];
    const version = ref?.['version'];
    const file = ref?.['file'];

    // 1. --catalogue: the file is checked against it, with a warning when it names another.
    if (this.o.override) {
      const catalogue = isModel(this.o.override) ? this.o.override : await this.o.store.load(this.o.override.path, this.o.override.display);
      const problems: Problem[] = [];
      if (typeof id === 'string' && typeof version === 'string' && (id !== catalogue.catalogue.id || version !== catalogue.catalogue.version)) {
        problems.push(
          warning('unknown-catalogue', `the file names ${id} ${version}; checked against ${catalogueLabel(catalogue.catalogue)} from ${catalogue.origin.display}`, ['catalogue'], { anchor: 'key' }),
        );
      }
      return { catalogue, problems };
    }
    if (typeof id !== 'string' || typeof version !== 'string') return { problems: [] }; // the schema reports it
    const matches = (m: CatalogueModel): boolean => m.catalogue.id === id && m.catalogue.version === version;

    // 2. The file's own pointer, relative to the file.
    if (typeof file === 'string' && file !== '') return this.#pointed(file, path, id, version);

    // 3. The project's catalogues; 4. those the command holds; 5. the shipped ones.
    const config = await this.config(path);
    const project = await this.listed(config);
    const found = project.find(matches) ?? this.o.known?.find(matches) ?? (await this.o.store.find(id, version));
    if (found) return { catalogue: found, problems: [] };
    return { problems: [await this.#notFound(id, version, config, project)] };
  }

  /** The catalogue a file's `catalogue.file` points to, which must be the id and version the file names. */
  async #pointed(file: string, from: string, id: string, version: string): Promise<Resolved> {
    const abs = resolvePath(dirname(from), file);
    let catalogue: CatalogueModel;
    try {
      catalogue = await this.o.store.load(abs, displayPath(this.o.cwd, abs));
    } catch (err) {
      // A catalogue with problems is refused as --catalogue's would be; one that is not there is this file's problem.
      if (err instanceof CatalogueError || !(err instanceof InputError)) throw err;
      return { problems: [error('unknown-catalogue', `catalogue.file ${quote(file)} cannot be read: ${err.message.replace(/^.*?: /, '')} (the path is relative to this file)`, ['catalogue', 'file'])] };
    }
    const c = catalogue.catalogue;
    if (c.id === id && c.version === version) return { catalogue, problems: [] };
    return {
      problems: [
        error(
          'catalogue-mismatch',
          `catalogue.file ${quote(file)} is ${catalogueLabel(c)}, but this file names ${id} ${version}: point file at the catalogue of that id and version, or change them to ${c.id} ${c.version}`,
          ['catalogue', c.id !== id ? 'id' : 'version'],
        ),
      ],
    };
  }

  async #notFound(id: string, version: string, config: ProjectConfig | undefined, project: readonly CatalogueModel[]): Promise<Problem> {
    const shipped = await this.o.store.shipped();
    const list = (ms: readonly CatalogueModel[]): string => catalogueList(ms.map((m) => m.catalogue)) || 'none';
    const where = config ? `; ${config.display} lists ${list(project)}` : '';
    const fix = 'give its file as catalogue.file in this file, list it in a bva.config.yaml, or pass --catalogue';
    const sameId = [...shipped, ...project].some((m) => m.catalogue.id === id);
    return sameId
      ? error('unknown-catalogue', `no version ${quote(version)} of catalogue ${id} is known (shipped: ${list(shipped)}${where}); ${fix}`, ['catalogue', 'version'])
      : error('unknown-catalogue', `unknown catalogue ${quote(id)} (shipped: ${list(shipped)}${where}); ${fix}`, ['catalogue', 'id']);
  }

  /**
   * The newest version of a catalogue id among the project's catalogues (for a file at `near`), the
   * known ones and the shipped ones; the project's wins a tie.
   */
  async newest(id: string, near?: string): Promise<CatalogueModel | undefined> {
    const all = [...(await this.listed(await this.config(near))), ...(this.o.known ?? []), ...(await this.o.store.shipped())].filter((m) => m.catalogue.id === id);
    return all.reduce<CatalogueModel | undefined>((a, b) => (a === undefined || compareVersions(b.catalogue.version, a.catalogue.version) > 0 ? b : a), undefined);
  }

  /** A catalogue given as an id (its newest version, the project's or shipped) or as a file's path. */
  async byIdOrPath(idOrPath: string, near?: string): Promise<CatalogueModel> {
    if (!looksLikePath(idOrPath)) {
      const byId = await this.newest(idOrPath, near);
      if (byId) return byId;
    }
    if (/[/\\.]/.test(idOrPath)) return this.o.store.load(resolvePath(this.o.cwd, idOrPath), idOrPath);
    const project = await this.listed(await this.config(near));
    const ids = [...new Set([...project, ...(await this.o.store.shipped())].map((m) => m.catalogue.id))].join(', ');
    throw new UsageError(`no catalogue ${JSON.stringify(idOrPath)} (known: ${ids}); give a catalogue file's path instead`);
  }

  /** The catalogues to offer for a new file at `near`: the project's, then the shipped ones. */
  async offered(near?: string): Promise<CatalogueModel[]> {
    return [...(await this.listed(await this.config(near))), ...(await this.o.store.shipped())];
  }

  /**
   * The catalogue a new answers file at `path` follows when none is given: the project
   * configuration's default-catalogue (its newest version), else the shipped default.
   */
  async defaultFor(path?: string): Promise<CatalogueModel> {
    const config = await this.config(path);
    if (config?.defaultCatalogue === undefined) return this.o.store.default();
    const found = await this.newest(config.defaultCatalogue, path);
    if (found) return found;
    const problem = error('unknown-catalogue', `default-catalogue ${quote(config.defaultCatalogue)} is neither listed under catalogues nor shipped with bva`, ['default-catalogue']);
    const text = readTextFile(config.path, config.display).text;
    throw new ConfigError(config.display, await new Locator(text).locateAll({ path: config.display }, [problem]));
  }

  /**
   * What a new answers file at `path` writes as `catalogue.file` so that it finds `catalogue`
   * again from anywhere: nothing for a shipped catalogue or one the configuration above the file
   * lists, else the catalogue's path relative to the file.
   */
  async pointerFor(path: string, catalogue: CatalogueModel): Promise<string | undefined> {
    if (catalogue.origin.shipped) return undefined;
    const near = findConfigFile(dirname(path));
    const config = near === undefined ? undefined : await this.#loadConfig(near);
    if (config?.catalogues.some((c) => c.path === catalogue.origin.path)) return undefined;
    return relative(dirname(path), catalogue.origin.path).split(sep).join('/');
  }
}
