/**
 * `/cs find <words | email | phone | order number>`: the customers and messages that match,
 * best first, answered privately like every command (Slack and Discord ephemeral, the
 * terminal). Each row names its customer (`customerId`), so each console adds its own way
 * back to the customer's thread (a Slack permalink, a Discord post link, a terminal handle).
 * The store does the finding (SearchSource, src/core/search.ts); this ranks and words it.
 */
import type { Actor } from '../src/core/model.js';
import {
  parseSearchQuery,
  rankMessages,
  searchSnippet,
  type CustomerMatch,
  type SearchSource,
} from '../src/core/search.js';
import { fillOwner, inBothLanguages, ownerStrings } from '../src/core/owner-strings/index.js';
import type { Command, CommandReply } from './command.js';
import type { OwnerLanguage } from './stats-text.js';

const MAX_CUSTOMERS = 8;
const MAX_MESSAGES = 10;

export interface FindDeps {
  search: SearchSource;
  language?: OwnerLanguage;
  /** The owner's IANA time zone, for the dates shown. */
  tz: string;
}

export function createFindCommand(deps: FindDeps): Command {
  const language = deps.language ?? 'en';
  const t = ownerStrings(language).commands.find;
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: deps.tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return {
    name: 'find',
    usage: 'find <words | email | phone | order number>',
    summary: inBothLanguages((s) => s.commands.find.summary),
    async run(args: string[], _actor: Actor): Promise<CommandReply> {
      const text = args.join(' ').trim();
      const query = parseSearchQuery(text);
      if (!query.raw)
        return { title: fillOwner(t.title, { q: '' }), sections: [], text: t.usage, usage: true };
      const found = await deps.search.search({ text });
      const customers = bestCustomers(found.customers).slice(0, MAX_CUSTOMERS);
      const ranked = rankMessages(found.messages, query);
      const messages = ranked.slice(0, MAX_MESSAGES);
      const sections: CommandReply['sections'] = [];
      if (customers.length > 0)
        sections.push({
          heading: fillOwner(t.customers, { n: customers.length }),
          fields: customers.map((c) => ({
            label: c.name || t.unnamed,
            value: `${t.field[c.field]}: ${c.value}`,
            customerId: c.customerId,
          })),
        });
      if (messages.length > 0)
        sections.push({
          heading: fillOwner(t.messages, {
            n: `${messages.length}${ranked.length > messages.length ? '+' : ''}`,
          }),
          fields: messages.map((m) => ({
            label: [m.customerName || t.unnamed, m.channel, day.format(m.createdAt).replace(',', '')].join(
              ' · ',
            ),
            value: `${m.direction === 'in' ? '←' : '→'} ${searchSnippet(m.text, query)}`,
            customerId: m.customerId,
          })),
        });
      return {
        title: fillOwner(t.title, { q: text }),
        sections,
        ...(sections.length === 0 ? { text: fillOwner(t.none, { q: text }) } : {}),
      };
    },
  };
}

/** One row per customer: a match on the name first, then an address, a tag, a note. */
function bestCustomers(matches: CustomerMatch[]): CustomerMatch[] {
  const order = { name: 0, address: 1, tag: 2, note: 3 } as const;
  const best = new Map<string, CustomerMatch>();
  for (const m of matches) {
    const seen = best.get(m.customerId);
    if (!seen || order[m.field] < order[seen.field]) best.set(m.customerId, m);
  }
  return [...best.values()];
}
