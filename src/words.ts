// Small helpers for the words bva prints, shared by every layer that writes a sentence.

/** "1 action", "3 actions" (or the plural given: "2 entries"). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * A number with its thousands marked, as British English writes it: "415,043". By hand, not with
 * toLocaleString('en-GB'), whose first call loads the locale's data: 30 ms of a command's start.
 */
export const count = (n: number): string => {
  const [whole, fraction] = String(n).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
};

/** The phrase with its first letter in capitals. */
export const capitalise = (phrase: string): string => phrase.charAt(0).toUpperCase() + phrase.slice(1);

/** "A", "A and B", "A, B and C". */
export const andList = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`);

/** A word for the shell, in a command bva suggests: as it is when it needs no quoting, else in single quotes. */
export function shellArg(word: string): string {
  return /^[\w./@:+,=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
