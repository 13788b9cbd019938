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

/** The period after this one: 2025-26 gives 2026-27. */
export function nextPeriod(period: string): string {
  const start = Number(period.slice(0, 4)) + 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
