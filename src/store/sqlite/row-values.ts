/**
 * Value conversions shared by the row mappers: dates are integer milliseconds and NULL
 * columns become absent keys (not `undefined` values), so models read back deep-equal.
 */
export type Nullable<T> = T | null;

/** Date → ms, keeping NULL for absent optional dates. */
export function ms(date: Date | undefined): number | null {
  return date === undefined ? null : date.getTime();
}

export function optDate(value: Nullable<number>): Date | undefined {
  return value === null ? undefined : new Date(value);
}

/** Copies only the keys whose value is present, so absent stays absent. */
export function withOptional<T extends object>(base: T, optional: Record<string, unknown>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out as T;
}
