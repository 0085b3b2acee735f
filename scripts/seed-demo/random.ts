/** Weighted picks for the demo data, from a seeded PRNG (src/core/prng.ts): the same seed gives the same history. */

/** Picks a value from (value, weight) pairs. */
export function weighted<T>(rand: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1]![0];
}
