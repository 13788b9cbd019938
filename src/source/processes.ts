// Other processes, as the files bva leaves beside a person's file name them: is a process alive,
// did it start before a given moment (or is its number now another process's), is it bva. What
// the lock and the clean-up of a killed write's leftovers judge by.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** True when a process with this id exists (one we may not signal exists too). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This computer's name as a short tag for file names (eight hex digits), so a leftover says where it was made. */
export function hostTag(host = hostname()): string {
  return fnv1a(host);
}

/** FNV-1a, 32 bits, as eight hex digits: a short, stable name for a longer text (not a secret). */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Which run of a process this is, where the system says (Linux's /proc): the computer's boot and
 * the moment the process started, in clock ticks since that boot. A process number is given again
 * to other processes over time, and restarts with each boot; this does not repeat. Undefined where
 * the system cannot tell. Clock changes do not move it.
 */
export function processInstance(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: the fields that count come after it.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return start !== undefined && /^\d+$/.test(start) && boot !== '' ? `${boot}/${start}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a live process is bva, where the system says (Linux's /proc): true when one of its
 * arguments is bva's launcher or script (`bva`, `bva.js`, `bva.cjs`), false when none is, and
 * undefined when this system cannot tell.
 */
export function isBva(pid: number): boolean | undefined {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
  if (cmdline === '') return undefined;
  return cmdline.split('\0').some((arg) => /(?:^|[/\\])bva(?:\.c?js)?$/.test(arg));
}
