// Reading a file as it was in a git revision (`HEAD~1:assessment.yaml`), so `bva diff` can compare
// a pull request's answers with the base branch's. The bytes go through the same checks as a file
// on disk (size, NUL, UTF-8), and every message names the argument as given.
import { execFile } from 'node:child_process';
import { isAbsolute, relative } from 'node:path';
import { InputError } from '../errors.js';
import { MAX_FILE_BYTES, decodeText, type TextFile } from './read.js';

/** A revision and a path inside it. */
export interface RevPath {
  readonly rev: string;
  readonly path: string;
}

/**
 * Reads `REV:PATH` from an argument, or undefined when it names a file: a name with no colon, a
 * Windows path (`C:\answers.yaml`), an empty revision (`:x`), or a file that exists with that very
 * name (`exists` is asked only when the name could be either).
 */
export function parseRevPath(arg: string, exists: (path: string) => boolean): RevPath | undefined {
  const colon = arg.indexOf(':');
  if (colon <= 0 || colon === arg.length - 1) return undefined;
  if (/^[A-Za-z]:[\\/]/.test(arg)) return undefined;
  if (exists(arg)) return undefined;
  return { rev: arg.slice(0, colon), path: arg.slice(colon + 1) };
}

/** What running git needs: the folder to run it in (inside the repository) and the environment. */
export interface GitPlace {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface GitResult {
  readonly code: number | string | undefined;
  readonly stdout: Buffer;
}

function git(place: GitPlace, args: readonly string[], maxBuffer = 1024 * 1024): Promise<GitResult> {
  return new Promise((done) => {
    execFile('git', args, { cwd: place.cwd, env: { ...place.env }, encoding: 'buffer', maxBuffer, windowsHide: true }, (err, stdout) => {
      const code = err ? ((err as NodeJS.ErrnoException & { code?: number | string }).code ?? 1) : 0;
      done({ code, stdout });
    });
  });
}

/**
 * Reads PATH as it was in revision REV, with the same refusals as a file on disk. PATH is relative
 * to the current folder, like any other path bva takes. Throws InputError (exit 2) with one line
 * when git is missing, the folder is not in a repository, the revision is unknown, or the revision
 * has no such file.
 */
export async function readGitFile(place: GitPlace, at: RevPath, display: string): Promise<TextFile> {
  const { rev, path } = at;
  // 1. The revision, which also tells whether this is a repository at all (git exits 128 if not).
  const verify = await git(place, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (verify.code === 'ENOENT') throw new InputError(`${display}: cannot read from git: git is not installed (or not on the PATH)`);
  if (verify.code === 128) throw new InputError(`${display}: cannot read from git: ${place.cwd} is not in a git repository`);
  if (verify.code !== 0) throw new InputError(`${display}: no revision ${JSON.stringify(rev)} in this git repository`);

  // 2. The file: `./` makes git read the path from the current folder, not the repository's top.
  const inRepo = isAbsolute(path) ? relative(place.cwd, path) : path;
  const object = `${rev}:./${inRepo.replace(/\\/g, '/').replace(/^\.\//, '')}`;
  const blob = await git(place, ['cat-file', 'blob', object], MAX_FILE_BYTES + 1);
  if (blob.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') throw new InputError(`${display}: refused: over the 5 MiB limit`);
  if (blob.code !== 0) {
    const type = await git(place, ['cat-file', '-t', object]);
    const what = type.code === 0 && type.stdout.toString().trim() === 'tree' ? 'is a folder, not a file,' : 'does not exist';
    throw new InputError(`${display}: ${path} ${what} in revision ${rev}`);
  }
  return decodeText(display, blob.stdout);
}
