import type { Doc } from './docs.js';

/** Runs a query for plain objects (no mongoose documents): what the row mappers read. */
export const lean = <T = Doc>(q: { lean<R>(): { exec(): Promise<R> } }) => q.lean<T>().exec();
