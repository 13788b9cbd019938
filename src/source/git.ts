// Reading a file as it was in a git revision (`HEAD~1:assessment.yaml`), so `bva diff` can compare
// a pull request's answers with the base branch's; and a file's whole history (`bva trend
// --from-git`), or its last commit before a day (`bva actions --since`). The bytes go through the same checks as a file
// on disk (size, NUL, UTF-8), and every message names the argument as given.
// Node.js's child_process is loaded when git is run (process.getBuiltinModule), not when bva starts:
// with it comes Node's network layer, a few milliseconds that most commands never need.
import { isAbsolute, posix, relative } from 'node:path';
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
    process.getBuiltinModule('node:child_process').execFile('git', args, { cwd: place.cwd, env: { ...place.env }, encoding: 'buffer', maxBuffer, windowsHide: true }, (err, stdout) => {
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

/** One committed version of a file. */
export interface GitVersion {
  /** The commit, in full, and its committer date (ISO 8601). */
  readonly commit: string;
  readonly date: string;
  /** The file as that commit has it, named `SHORT:PATH` in messages. */
  readonly file: TextFile;
}

/** Runs git with `input` on its standard input, collecting its output (for `cat-file --batch`). */
function gitWithInput(place: GitPlace, args: readonly string[], input: string): Promise<GitResult> {
  return new Promise((done) => {
    const child = process.getBuiltinModule('node:child_process').spawn('git', args, { cwd: place.cwd, env: { ...place.env }, windowsHide: true });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (err: NodeJS.ErrnoException) => done({ code: err.code, stdout: Buffer.alloc(0) }));
    child.on('close', (code) => done({ code: code ?? 1, stdout: Buffer.concat(chunks) }));
    child.stdin.end(input);
  });
}

/** The repository-relative form of PATH (relative to the current folder), or an InputError when not in a repository. */
async function inRepository(place: GitPlace, path: string, display: string): Promise<string> {
  const prefix = await git(place, ['rev-parse', '--show-prefix']);
  if (prefix.code === 'ENOENT') throw new InputError(`${display}: cannot read from git: git is not installed (or not on the PATH)`);
  if (prefix.code !== 0) throw new InputError(`${display}: cannot read from git: ${place.cwd} is not in a git repository`);
  const rel = (isAbsolute(path) ? relative(place.cwd, path) : path).replace(/\\/g, '/').replace(/^\.\//, '');
  return posix.normalize(`${prefix.stdout.toString().trim()}${rel}`);
}

/**
 * Every committed version of PATH, newest first (commits that deleted it left out), each checked
 * as a file on disk is (size, NUL, UTF-8). Throws InputError (exit 2) when git is missing, the
 * folder is not in a repository, or no commit has the file.
 */
export async function gitHistory(place: GitPlace, path: string, display: string): Promise<GitVersion[]> {
  const inRepo = await inRepository(place, path, display);
  // 1. The commits that touched it: one "HASH DATE" line each.
  const log = await git(place, ['log', '--format=%H %cI', '--', `:(top,literal)${inRepo}`], 16 * 1024 * 1024);
  const commits = log.code === 0 ? log.stdout.toString().split('\n').filter((l) => l !== '').map((l) => ({ commit: l.slice(0, 40), date: l.slice(41) })) : [];
  if (commits.length === 0) throw new InputError(`${display}: no commit in this git repository has it`);
  // 2. Each version, read by one git process: "OID blob SIZE\n<bytes>\n", or "NAME missing\n".
  const batch = await gitWithInput(place, ['cat-file', '--batch'], commits.map((c) => `${c.commit}:${inRepo}\n`).join(''));
  if (batch.code !== 0) throw new InputError(`${display}: cannot read its history from git`);
  const out = batch.stdout;
  const versions: GitVersion[] = [];
  let at = 0;
  for (const c of commits) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString();
    at = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // deleted in that commit
    const size = Number(m[2]);
    const bytes = out.subarray(at, at + size);
    at += size + 1;
    if (m[1] !== 'blob') continue;
    const name = `${c.commit.slice(0, 7)}:${path}`;
    if (size > MAX_FILE_BYTES) throw new InputError(`${name}: refused: ${size} bytes is over the 5 MiB limit`);
    versions.push({ ...c, file: decodeText(name, bytes) });
  }
  return versions;
}

/**
 * The last commit before the start of DAY (YYYY-MM-DD, local time) that has PATH, or undefined
 * when there is none. Throws InputError when git is missing or the folder is not in a repository.
 */
export async function lastCommitBefore(place: GitPlace, path: string, day: string, display: string): Promise<string | undefined> {
  const inRepo = await inRepository(place, path, display);
  const r = await git(place, ['rev-list', '-1', `--before=${day} 00:00:00`, 'HEAD', '--', `:(top,literal)${inRepo}`]);
  const commit = r.code === 0 ? r.stdout.toString().trim() : '';
  return commit === '' ? undefined : commit;
}

/** A revision's commit and committer date (ISO 8601), or an InputError when there is no such revision. */
export async function commitOf(place: GitPlace, rev: string, display: string): Promise<{ readonly commit: string; readonly date: string }> {
  const r = await git(place, ['show', '-s', '--format=%H %cI', '--end-of-options', `${rev}^{commit}`, '--']);
  if (r.code === 'ENOENT') throw new InputError(`${display}: cannot read from git: git is not installed (or not on the PATH)`);
  const line = r.code === 0 ? r.stdout.toString().trim() : '';
  if (!/^[0-9a-f]{40} /.test(line)) throw new InputError(`${display}: no revision ${JSON.stringify(rev)} in this git repository`);
  return { commit: line.slice(0, 40), date: line.slice(41) };
}
