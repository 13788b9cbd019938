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

/** Whole days from one YYYY-MM-DD day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const utc = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
