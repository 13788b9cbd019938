// Calendar dates as bva writes them: YYYY-MM-DD strings, compared as strings, checked as real days.

/** True for a YYYY-MM-DD string naming a real calendar day (2024-02-29 yes, 2025-02-29 no). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A Date as YYYY-MM-DD in local time. */
export function toIsoDay(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** True for a YYYY-YY period whose second year follows the first (2025-26, 1999-00). */
export function isPeriod(value: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return m !== null && (Number(m[1]) + 1) % 100 === Number(m[2]);
}

/** The period that starts in this year: 2025 gives 2025-26, 1999 gives 1999-00. */
export function periodStarting(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
}

/** The period after this one: 2025-26 gives 2026-27. */
export function nextPeriod(period: string): string {
  return periodStarting(Number(period.slice(0, 4)) + 1);
}

/** The financial year (April to March) a YYYY-MM-DD day falls in: 2025-06-01 gives 2025-26. */
export function financialYear(day: string): string {
  const year = Number(day.slice(0, 4));
  return periodStarting(Number(day.slice(5, 7)) >= 4 ? year : year - 1);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The YYYY-MM-DD form of a date written another common way, when it names a real day: `31/03/2026`,
 * `31-3-2026`, `31.03.26` (day first, as dates are written in England), `2026/03/31`, `2026-3-31`,
 * `31 March 2026`. Undefined for anything else, and for a date already written YYYY-MM-DD.
 */
export function isoDateFor(value: string): string | undefined {
  const text = value.trim();
  const day = (y: number, m: number, d: number): string | undefined => {
    const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return iso !== text && isCalendarDate(iso) ? iso : undefined;
  };
  const year = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  if (m) return day(year(m[3]!), Number(m[2]), Number(m[1]));
  m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(text);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(text);
  const month = m ? MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) : -1;
  if (m && month >= 0) return day(Number(m[3]), month + 1, Number(m[1]));
  return undefined;
}

/** Why a value is not a YYYY-MM-DD day, in words, with the form to write when it can tell: `"31/03/2026" is not ...: write it 2026-03-31`. */
export function notADate(value: string): string {
  const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${shown} is not a real calendar day`;
  const iso = isoDateFor(value);
  return `${shown} is not a date written YYYY-MM-DD: ${iso ? `write it ${iso}` : 'write it like 2026-03-31'}`;
}

/** Whole days from one YYYY-MM-DD day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const utc = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
