// The project configuration, bva.config.yaml: found the way linters find theirs (in a folder, else
// in the folders above it), checked against its JSON Schema with FILE:LINE:COL problems like every
// other file bva reads, and read once per folder per run. It names the council's catalogue files.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import type { ProjectConfig as ConfigData } from '../generated/config.js';
import validateConfig from '../generated/validate-config.js';
import { asArray, asRecord } from '../source/guards.js';
import { loadYaml } from '../source/load.js';
import { error, type LocatedProblem, type Problem } from '../source/problem.js';
import { readTextFile } from '../source/read.js';
import { plural } from '../words.js';

/** The file's name, looked for in each folder. */
export const CONFIG_FILE = 'bva.config.yaml';

/** A catalogue file the configuration lists. */
export interface ListedCatalogue {
  /** The absolute path. */
  readonly path: string;
  /** The path as shown to people (relative to the working folder). */
  readonly display: string;
  /** Where it is listed: its place in the configuration, for problems about it. */
  readonly index: number;
}

/** A checked project configuration. */
export interface ProjectConfig {
  /** The absolute path of bva.config.yaml. */
  readonly path: string;
  /** The path as shown to people. */
  readonly display: string;
  readonly catalogues: readonly ListedCatalogue[];
  /** The catalogue id new answers files follow, when given. */
  readonly defaultCatalogue?: string;
}

/** A configuration file that failed its checks, refused with its problems listed (exit 2). */
export class ConfigError extends InputError {
  constructor(
    readonly path: string,
    override readonly problems: readonly LocatedProblem[],
  ) {
    super(`${path}: the project configuration has ${plural(problems.filter((p) => p.severity === 'error').length, 'problem')}; fix it, or move it out of the way`);
  }
}

/** A path as shown to people: relative to the working folder, with forward slashes. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? path : rel.split(sep).join('/');
}

/** The folders from `dir` up to the root of the file system, nearest first. */
export function foldersUp(dir: string): string[] {
  const out: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    out.push(d);
    if (dirname(d) === d) return out;
  }
}

/** The nearest bva.config.yaml at or above `dir`, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  for (const d of foldersUp(dir)) {
    const candidate = join(d, CONFIG_FILE);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Checks beyond the schema: every listed catalogue file exists. */
function checkConfig(data: unknown, folder: string): Problem[] {
  const problems: Problem[] = [];
  asArray(asRecord(data)?.['catalogues'])?.forEach((entry, i) => {
    if (typeof entry !== 'string' || entry === '') return;
    const path = resolve(folder, entry);
    if (!existsSync(path)) problems.push(error('config-catalogue', `no catalogue file ${JSON.stringify(entry)} in ${folder} (paths are relative to this file's folder)`, ['catalogues', i]));
    else if (!statSync(path).isFile()) problems.push(error('config-catalogue', `${JSON.stringify(entry)} is not a file`, ['catalogues', i]));
  });
  return problems;
}

/**
 * Reads and checks a bva.config.yaml. Throws ConfigError (exit 2, its problems listed) when it is
 * not valid, and InputError when it cannot be read.
 */
export async function loadConfig(path: string, cwd: string): Promise<ProjectConfig> {
  const display = displayPath(cwd, path);
  const folder = dirname(path);
  const result = await loadYaml<ConfigData>(readTextFile(path, display), { validate: validateConfig, check: (data) => checkConfig(data, folder), finish: (c) => c });
  if (!result.ok) throw new ConfigError(display, result.problems);
  const data = result.value;
  return {
    path,
    display,
    catalogues: (data.catalogues ?? []).map((entry, index) => {
      const abs = resolve(folder, entry);
      return { path: abs, display: displayPath(cwd, abs), index };
    }),
    ...(data['default-catalogue'] !== undefined ? { defaultCatalogue: data['default-catalogue'] } : {}),
  };
}
