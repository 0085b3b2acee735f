/**
 * `/cs due` (also `/cs inbox`): first the replies that need the owner (delivery failed, or may
 * already have arrived: src/core/attention/needs-you.ts), then the conversations waiting for
 * the owner, soonest due first, with who, channel, intent, how long waiting and the due time.
 * Consoles answer commands privately (Slack ephemeral, Discord ephemeral, the terminal), so the
 * list is the owner's.
 */
import type { Attention } from '../src/core/attention/attention.js';
import { needsYouRows } from '../src/core/attention/needs-you.js';
import { waitingRows } from '../src/core/attention/waiting.js';
import type { Actor } from '../src/core/model.js';
import type { Command, CommandReply } from './command.js';
import { inBothLanguages, ownerStrings } from '../src/core/owner-strings/index.js';

const MAX_ROWS = 25;

export function createDueCommands(attention: Attention): Command[] {
  const lang = attention.settings.ownerLanguage;
  const t = ownerStrings(lang).commands.due;
  const make = (name: string): Command => ({
    name,
    usage: name,
    summary: inBothLanguages((s) => s.commands.summaries.due),
    async run(_args: string[], _actor: Actor): Promise<CommandReply> {
      const stuck = await needsYouRows(attention, MAX_ROWS);
      const needsYou = stuck.map((r) => ({
        label: `${r.kind === 'uncertain' ? '❓' : '⚠️'} ${r.name}`,
        value: [r.channel, r.what, t.since.replace('{w}', r.since)].join(' · '),
        customerId: r.customerId,
      }));
      const rows = await waitingRows(attention);
      const fields = rows.slice(0, MAX_ROWS).map((r) => ({
        label: `${r.overdue ? '🔴' : '🟢'} ${r.name}`,
        value: [r.channel, r.intent, t.waiting.replace('{w}', r.waiting), r.due].filter(Boolean).join(' · '),
        customerId: r.customerId,
      }));
      const title = t.title.replace('{n}', String(rows.length));
      // Below a headed section the waiting rows get a heading too, or they would read as its rows.
      const sections = [
        ...(needsYou.length > 0 ? [{ heading: t.needsYou, fields: needsYou }] : []),
        ...(fields.length > 0 ? [needsYou.length > 0 ? { heading: title, fields } : { fields }] : []),
      ];
      return {
        title,
        sections,
        ...(sections.length === 0 ? { text: t.none } : {}),
      };
    },
  });
  return [make('due'), make('inbox')];
}
