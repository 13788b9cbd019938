// What a write may replace, end to end: an input is never written over, by any name (a symbolic
// link, a hard link, /proc/self/cwd); a symbolic link is written through to its file; a device or
// a named pipe given as --out is written as a stream and stays what it was; a folder is refused; a
// read-only file is refused unless forced; owner and group are kept; a long name can be written
// wherever it can be read. Most cases run in process (the rule is the same code); those that need
// a process of their own (its stdout, its working folder) run the binary.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, bvaBinary, bvaInProcess, read, tempCopy } from '../helpers.js';

const EXAMPLE = read(join(ROOT, 'examples', '2025-26.yaml'));
const IS_ROOT = process.getuid?.() === 0;
const folder = (): string => tempCopy({ '2025-26.yaml': 'examples/2025-26.yaml' });
const REPORT = ['report', '2025-26.yaml', '--as-of', '2026-01-31'];
const answer = (file: string): string[] => ['answer', file, 'lead.c1', '--rating', 'not-in-place'];

describe('--out never writes over an input, by any name', () => {
  it('through a symbolic link to the answers file: refused, exit 2, the file untouched', async () => {
    const dir = folder();
    symlinkSync('2025-26.yaml', join(dir, 'current.yaml'));
    const r = await bvaInProcess(['report', 'current.yaml', '--out', '2025-26.yaml'], { cwd: dir });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: --out 2025-26.yaml is the answers file current.yaml (the same file by another name); nothing was written: choose another path\n',
    });
    expect(read(join(dir, '2025-26.yaml'))).toBe(EXAMPLE);
  });

  it('through a hard link, and through a symbolic link given as --out', async () => {
    const dir = folder();
    linkSync(join(dir, '2025-26.yaml'), join(dir, 'hard.yaml'));
    symlinkSync('2025-26.yaml', join(dir, 'soft.yaml'));
    for (const out of ['hard.yaml', 'soft.yaml']) {
      const r = await bvaInProcess([...REPORT, '--out', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`bva: --out ${out} is the answers file 2025-26.yaml (the same file by another name); nothing was written: choose another path\n`);
    }
    expect(read(join(dir, '2025-26.yaml'))).toBe(EXAMPLE);
  });

  it('through /proc/self/cwd (binary: the path names the process\'s own folder)', () => {
    const dir = folder();
    const r = bvaBinary([...REPORT, '--out', '/proc/self/cwd/2025-26.yaml'], { cwd: dir });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: --out /proc/self/cwd/2025-26.yaml is the answers file 2025-26.yaml (the same file by another name); nothing was written: choose another path\n',
    });
    expect(read(join(dir, '2025-26.yaml'))).toBe(EXAMPLE);
  });

  it('the --catalogue file, by its name or a link to it', async () => {
    const dir = tempCopy({ 'council.yaml': 'test/fixtures/answers/council.yaml', 'catalogue.yaml': 'test/fixtures/catalogue/council.yaml' });
    const catalogue = read(join(dir, 'catalogue.yaml'));
    symlinkSync('catalogue.yaml', join(dir, 'link.yaml'));
    for (const out of ['catalogue.yaml', 'link.yaml']) {
      const r = await bvaInProcess(['report', 'council.yaml', '--catalogue', 'catalogue.yaml', '--out', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`bva: --out ${out} is the catalogue catalogue.yaml${out === 'link.yaml' ? ' (the same file by another name)' : ''}; nothing was written: choose another path\n`);
    }
    expect(read(join(dir, 'catalogue.yaml'))).toBe(catalogue);
  });

  it('a file the run read to find the catalogues: the project configuration, the catalogue it lists', async () => {
    const dir = tempCopy({ 'a.yaml': 'test/fixtures/crosswalk/answers-1.yaml', 'framework-1.yaml': 'test/fixtures/crosswalk/framework-1.yaml', 'framework-2.yaml': 'test/fixtures/crosswalk/framework-2.yaml' });
    const config = 'catalogues:\n  - framework-1.yaml\n  - framework-2.yaml\n';
    writeFileSync(join(dir, 'bva.config.yaml'), config);
    const framework = read(join(dir, 'framework-1.yaml'));
    expect(await bvaInProcess(['report', 'a.yaml', '--format', 'md', '--out', 'bva.config.yaml'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: --out bva.config.yaml is the project configuration bva.config.yaml; nothing was written: choose another path\n',
    });
    expect(await bvaInProcess(['migrate', 'a.yaml', '--to', 'framework-2.yaml', '--out', 'framework-1.yaml', '--force'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: --out framework-1.yaml is the catalogue framework-1.yaml; nothing was written: choose another path\n',
    });
    expect(read(join(dir, 'bva.config.yaml'))).toBe(config);
    expect(read(join(dir, 'framework-1.yaml'))).toBe(framework);
  });

  it("bva init --force never replaces last period's file it carries forward", async () => {
    const dir = folder();
    symlinkSync('2025-26.yaml', join(dir, 'next.yaml'));
    const r = await bvaInProcess(['init', 'next.yaml', '--from', '2025-26.yaml', '--force'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bva: next.yaml is last period's file 2025-26.yaml (the same file by another name); nothing was written: choose another path\n");
    expect(read(join(dir, '2025-26.yaml'))).toBe(EXAMPLE);
  });
});

describe('a symbolic link is written through to its file', () => {
  it('bva answer on a link changes the file it points to, and the link stays a link', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'years'));
    writeFileSync(join(dir, 'years', '2025-26.yaml'), EXAMPLE);
    symlinkSync('years/2025-26.yaml', join(dir, 'current.yaml'));
    const r = await bvaInProcess(answer('current.yaml'), { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(dir, 'current.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'current.yaml'))).toBe('years/2025-26.yaml');
    expect(read(join(dir, 'years', '2025-26.yaml'))).not.toBe(EXAMPLE);
    expect(read(join(dir, 'years', '2025-26.yaml'))).toBe(read(join(dir, 'current.yaml')));
    // The lock and the temporary file were beside the file itself, and are gone.
    expect(readdirSync(join(dir, 'years'))).toEqual(['2025-26.yaml']);
    expect(readdirSync(dir).sort()).toEqual(['2025-26.yaml', 'current.yaml', 'years']);
  });

  it('bva answer on a link waits its turn while the file is being edited by its own name', async () => {
    const dir = folder();
    symlinkSync('2025-26.yaml', join(dir, 'current.yaml'));
    // A live bva (this test's parent, say) holds the file's lock, by the file's own name.
    writeFileSync(join(dir, '.2025-26.yaml.bva-lock'), JSON.stringify({ pid: process.ppid, host: (await import('node:os')).hostname(), command: 'bva assess', since: new Date().toISOString() }));
    const r = await bvaInProcess(answer('current.yaml'), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bva: current\.yaml is (being edited by another bva|locked by process)/);
    expect(read(join(dir, '2025-26.yaml'))).toBe(EXAMPLE);
  });

  it('--out to a link writes the report where the link points, even to a file not made yet', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'papers'));
    symlinkSync('papers/report.md', join(dir, 'latest.md'));
    const r = await bvaInProcess([...REPORT, '--out', 'latest.md'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(dir, 'latest.md')).isSymbolicLink()).toBe(true);
    expect(read(join(dir, 'papers', 'report.md'))).toBe((await bvaInProcess(REPORT, { cwd: dir })).stdout);
  });
});

describe('--out to what is not a regular file', () => {
  it.skipIf(!IS_ROOT)('a character device (a copy of /dev/null) is written to, and stays a device', async () => {
    const dir = folder();
    expect(spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']).status).toBe(0);
    const r = await bvaInProcess([...REPORT, '--out', 'null'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Wrote null \(Markdown, \d+ KB\)\n$/);
    expect(statSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['2025-26.yaml', 'null']);
  });

  it('a named pipe is written to, for the program reading it, and stays a pipe', async () => {
    const dir = folder();
    expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
    const reader = spawn('cat', [join(dir, 'pipe')]);
    let got = '';
    reader.stdout.setEncoding('utf8').on('data', (s: string) => (got += s));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const r = bvaBinary([...REPORT, '--out', 'pipe'], { cwd: dir });
    await closed;
    expect(r.code, r.stderr).toBe(0);
    expect(got).toBe(bvaBinary(REPORT, { cwd: dir }).stdout);
    expect(statSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it('a link to /proc/self/fd/1 sends the report to the standard output (here a pipe to cat)', () => {
    const dir = folder();
    symlinkSync('/proc/self/fd/1', join(dir, 'out.md'));
    const r = spawnSync('sh', ['-c', `"$0" "$@" --out out.md | cat`, process.execPath, BIN, ...REPORT], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'], NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(bvaBinary(REPORT, { cwd: dir }).stdout);
    expect(lstatSync(join(dir, 'out.md')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['2025-26.yaml', 'out.md']);
  });

  it('a folder is refused in one line: --out / and --out .', async () => {
    const dir = folder();
    for (const out of ['/', '.']) {
      const r = await bvaInProcess([...REPORT, '--out', out], { cwd: dir });
      expect(r).toEqual({ code: 2, stdout: '', stderr: `bva: ${out}: is a directory, not a file\n` });
    }
  });

  it('bva answer refuses a file that is not a regular one, and leaves no lock', async () => {
    const dir = folder();
    expect(spawnSync('mkfifo', [join(dir, 'pipe.yaml')]).status).toBe(0);
    const r = await bvaInProcess(answer('pipe.yaml'), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bva: pipe.yaml: not a regular file\n');
    expect(readdirSync(dir).sort()).toEqual(['2025-26.yaml', 'pipe.yaml']);
  });
});

describe('the commands that read tables and write schemas follow the same rules', () => {
  it('bva import: a named pipe given as a workbook is refused, not waited on; a read-only answers file is not edited', async () => {
    const dir = folder();
    expect(spawnSync('mkfifo', [join(dir, 'pipe.xlsx')]).status).toBe(0);
    expect(await bvaInProcess(['import', '2025-26.yaml', 'pipe.xlsx'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'bva: pipe.xlsx: not a regular file\n' });
    expect((await bvaInProcess(['export', '2025-26.yaml', '--table', 'answers', '--out', 'answers.csv'], { cwd: dir })).code).toBe(0);
    chmodSync(join(dir, '2025-26.yaml'), 0o444);
    const r = await bvaInProcess(['import', '2025-26.yaml', 'answers.csv'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'bva: 2025-26.yaml: the file is read-only; make it writable first (chmod u+w) if it is meant to change\n' });
    expect(read(join(dir, '2025-26.yaml'))).toBe(EXAMPLE);
    expect(readdirSync(dir).sort()).toEqual(['2025-26.yaml', 'answers.csv', 'pipe.xlsx']);
  });

  it('bva schema --out: a folder that cannot be made is one line, exit 2', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'schemas'), 'a file where the folder would go\n');
    expect(await bvaInProcess(['schema', 'answers', '--out', 'schemas/answers.schema.json'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bva: schemas: cannot make the folder: a file of that name is in the way\n',
    });
  });
});

describe('a read-only file', () => {
  it('is not edited by bva answer, even by its owner (or root): exit 2, the file untouched', async () => {
    const dir = folder();
    chmodSync(join(dir, '2025-26.yaml'), 0o444);
    const r = await bvaInProcess(answer('2025-26.yaml'), { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'bva: 2025-26.yaml: the file is read-only; make it writable first (chmod u+w) if it is meant to change\n' });
    expect(read(join(dir, '2025-26.yaml'))).toBe(EXAMPLE);
    expect(statSync(join(dir, '2025-26.yaml')).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir)).toEqual(['2025-26.yaml']);
  });

  it('is not replaced by --out; bva init --force replaces it, keeping its mode', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'report.md'), 'kept\n', { mode: 0o444 });
    chmodSync(join(dir, 'report.md'), 0o444);
    const r = await bvaInProcess([...REPORT, '--out', 'report.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bva: report.md: the file is read-only; make it writable first (chmod u+w) if it is meant to change\n');
    expect(read(join(dir, 'report.md'))).toBe('kept\n');
    writeFileSync(join(dir, 'new.yaml'), '# old\n');
    chmodSync(join(dir, 'new.yaml'), 0o444);
    const init = await bvaInProcess(['init', 'new.yaml', '--authority', 'A', '--period', '2025-26', '--force'], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(read(join(dir, 'new.yaml'))).toContain('authority: A\n');
    expect(statSync(join(dir, 'new.yaml')).mode & 0o777).toBe(0o444);
  });
});

describe.skipIf(!IS_ROOT)('owner and group', () => {
  it("root editing another user's file leaves it theirs, with its mode", async () => {
    const dir = folder();
    const path = join(dir, '2025-26.yaml');
    chownSync(path, 65534, 65534);
    chmodSync(path, 0o640);
    const r = await bvaInProcess(answer('2025-26.yaml'), { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const st = statSync(path);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([65534, 65534, 0o640]);
    expect(read(path)).not.toBe(EXAMPLE);
  });
});

describe('a long file name', () => {
  // 240 bytes: readable, and the lock and temporary file beside it must fit in 255 too.
  const LONG = `${'council-self-assessment-'.repeat(9)}${'x'.repeat(19)}.yaml`;

  it('can be edited and written to as wherever it can be read', async () => {
    expect(Buffer.byteLength(LONG)).toBe(240);
    const dir = tempCopy({ [LONG]: 'examples/2025-26.yaml' });
    const r = await bvaInProcess(answer(LONG), { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const out = `${LONG.slice(0, -5)}.report.md`;
    const w = await bvaInProcess(['report', LONG, '--out', out], { cwd: dir });
    expect(w.code, w.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([LONG, out].sort());
  });

  it('that is too long for the folder is one line, exit 2', async () => {
    const dir = folder();
    const out = `${'r'.repeat(260)}.md`;
    const r = await bvaInProcess([...REPORT, '--out', out], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `bva: ${out}: cannot write: the name is too long\n` });
  });
});

