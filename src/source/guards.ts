// Reading data that has not been proven to match its schema, one level at a time.

/** The value as a record of keys, or undefined when it is not a map. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The value as a list, or undefined when it is not one. */
export function asArray(v: unknown): readonly unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}
