/**
 * What a console's publisher needs of the desk while posting cards, for tests that publish events
 * directly: console refs kept in memory (as the store keeps them) and a desk that offers SMS only.
 */
import type { ConsoleRefs, DeskApi } from '../../src/core/ports.js';

export interface MemoryRefs {
  refs: ConsoleRefs;
  /** Keys whose next write fails, as a desk killed right after the post would. */
  failNext: Set<string>;
}

export function memoryRefs(): MemoryRefs {
  const entries = new Map<string, string>();
  const failNext = new Set<string>();
  const refs: ConsoleRefs = {
    get: async (c, k) => entries.get(`${c}|${k}`),
    set: async (c, k, v) => {
      if (failNext.delete(k)) throw new Error('desk died before the ref was stored');
      entries.set(`${c}|${k}`, v);
    },
    findKey: async (c, v) =>
      [...entries].find(([k, x]) => x === v && k.startsWith(`${c}|`))?.[0].slice(c.length + 1),
  };
  return { refs, failNext };
}

/** A desk with these refs whose customers can be answered by SMS only, with no drafts waiting. */
export function postingDesk(refs: ConsoleRefs): DeskApi {
  return {
    refs,
    replyChannels: async () => ['sms'],
    canCallBack: () => false,
    draft: async () => undefined,
    pendingDrafts: async () => [],
  } as unknown as DeskApi;
}
