/**
 * `/cs due` (also `/cs inbox`): the conversations waiting for the owner, soonest due first,
 * with who, channel, intent, how long waiting and the due time. Consoles answer commands
 * privately (Slack ephemeral, Discord ephemeral, the terminal), so the list is the owner's.
 */
import type { Attention } from '../src/core/attention/attention.js';
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
      const rows = await waitingRows(attention);
      const fields = rows.slice(0, MAX_ROWS).map((r) => ({
        label: `${r.overdue ? '🔴' : '🟢'} ${r.name}`,
        value: [r.channel, r.intent, t.waiting.replace('{w}', r.waiting), r.due].filter(Boolean).join(' · '),
        customerId: r.customerId,
      }));
      return {
        title: t.title.replace('{n}', String(rows.length)),
        sections: fields.length > 0 ? [{ fields }] : [],
        ...(fields.length === 0 ? { text: t.none } : {}),
      };
    },
  });
  return [make('due'), make('inbox')];
}
