/** `/cs hours`: the business hours, holidays, the away state and whether the desk is open now. */
import type { Attention } from '../src/core/attention/attention.js';
import { describeWeek } from '../src/core/attention/hours.js';
import { attentionLabel } from '../src/core/attention/owner-labels.js';
import { formatOwnerTime } from '../src/core/attention/owner-time.js';
import type { Actor } from '../src/core/model.js';
import type { Command, CommandReply } from './command.js';
import { inBothLanguages, ownerStrings } from '../src/core/owner-strings/index.js';

export function createHoursCommand(attention: Attention): Command {
  const lang = attention.settings.ownerLanguage;
  const t = ownerStrings(lang).commands.hours;
  return {
    name: 'hours',
    usage: 'hours',
    summary: inBothLanguages((s) => s.commands.summaries.hours),
    async run(_args: string[], _actor: Actor): Promise<CommandReply> {
      const { hours } = attention.settings;
      const now = attention.deps.clock.now();
      const state = await attention.state();
      const away = await attention.away();
      const fields: { label: string; value: string }[] = [
        { label: t.now, value: attentionLabel(lang, state.kind) },
        ...(state.kind !== 'open' && state.reopensAt
          ? [{ label: t.reopens, value: formatOwnerTime(state.reopensAt, now, hours.tz, lang) }]
          : []),
        { label: t.hours, value: describeWeek(hours.days).join('\n') || t.none },
        { label: t.holidays, value: [...hours.holidays].sort().join(', ') || t.none },
        { label: t.zone, value: hours.tz },
        { label: t.ack, value: attention.settings.autoAck },
      ];
      if (away)
        fields.push({
          label: t.away,
          value: away.until
            ? t.awayUntil.replace('{until}', formatOwnerTime(away.until, now, hours.tz, lang))
            : t.awayOpen,
        });
      return { title: t.title, sections: [{ fields }] };
    },
  };
}
