/**
 * The shape of the owner-facing strings: the English table with every text widened to `string`,
 * so that the Chinese table, typed with it, must have exactly the same keys (checked when compiling;
 * test/core/owner-strings.test.ts checks the values: none empty, the same {placeholders}).
 */
import type { EN } from './en.js';

type Widen<T> = T extends string ? string : { readonly [K in keyof T]: Widen<T[K]> };

export type OwnerStrings = Widen<typeof EN>;
