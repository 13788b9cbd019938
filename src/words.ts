// Small helpers for the words bva prints, shared by every layer that writes a sentence.

/** "1 action", "3 actions" (or the plural given: "2 entries"). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The phrase with its first letter in capitals. */
export const capitalise = (phrase: string): string => phrase.charAt(0).toUpperCase() + phrase.slice(1);

/** "A", "A and B", "A, B and C". */
export const andList = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`);
