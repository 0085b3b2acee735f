/** The owner commands every console offers (`/cs stats`, `/cs help`, …). */
import type { Config } from '../config.js';
import type { Clock, FiguresSource, Store } from '../core/ports.js';
import type { Attention } from '../core/attention/attention.js';
import type { Command } from '../../commands/command.js';
import { createCommands } from '../../commands/index.js';
import { join } from 'node:path';
import { createFactBook } from '../nlp/learned-facts.js';
import type { SearchSource } from '../core/search.js';
import type { Actor, Identity } from '../core/model.js';
import { isPrivacyStore } from '../core/privacy.js';

export function buildCommands(
  config: Config,
  deps: {
    store: Store;
    clock: Clock;
    attention?: Attention;
    /** Consoles' and transcripts' part of /cs forget (compose/privacy.ts). */
    beforeForget?: (customerId: string, identities: Identity[]) => Promise<void>;
    /** /cs autopilot off: stop that answer's waiting automatic replies (the desk's decisions). */
    autopilotOff?: (answerId: string, actor: Actor) => Promise<unknown>;
  },
): Command[] {
  // Both stores (SQLite, MongoDB) aggregate figures; a store without them gets no /cs stats.
  const figures = deps.store as Store & Partial<FiguresSource> & Partial<SearchSource>;
  if (typeof figures.figures !== 'function') return [];
  return createCommands({
    figures: { figures: (query) => figures.figures!(query) },
    clock: deps.clock,
    tz: config.TZ,
    language: config.OWNER_LANGUAGE,
    ...(deps.attention ? { attention: deps.attention } : {}),
    answers: deps.store,
    autopilot: {
      store: deps.store,
      minApprovals: config.AUTOPILOT_MIN_APPROVALS,
      ...(deps.autopilotOff ? { afterOff: deps.autopilotOff } : {}),
    },
    // The same directory the drafter (on its thread or here) reloads when a file changes.
    facts: createFactBook(join(config.DATA_DIR, 'knowledge')),
    // Only the search method: /cs find gets no other way into the store.
    ...(typeof figures.search === 'function'
      ? { search: { search: (query) => figures.search!(query) } satisfies SearchSource }
      : {}),
    ...(isPrivacyStore(deps.store)
      ? {
          privacy: {
            store: deps.store,
            ...(deps.beforeForget ? { beforeForget: deps.beforeForget } : {}),
          },
        }
      : {}),
  });
}
