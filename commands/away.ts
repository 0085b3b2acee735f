/**
 * `/cs away [until <date time>|for <duration>]` and `/cs back`: the owner's manual away state,
 * kept in the store. While away the desk counts as closed: acknowledgements say so and only
 * high-urgency reminders go out.
 */
import type { Attention } from '../src/core/attention/attention.js';
import { durationMs, parseDuration } from '../src/core/attention/durations.js';
import { formatOwnerTime } from '../src/core/attention/owner-time.js';
import { snoozeUntil } from '../src/core/attention/snooze.js';
import type { Actor } from '../src/core/model.js';
import type { Command, CommandReply } from './command.js';
import { inBothLanguages, ownerStrings } from '../src/core/owner-strings/index.js';

function line(title: string, text: string, usage = false): CommandReply {
  return { title, sections: [], text, ...(usage ? { usage: true } : {}) };
}

export function createAwayCommands(attention: Attention): Command[] {
  const lang = attention.settings.ownerLanguage;
  const t = ownerStrings(lang).commands.away;
  const away: Command = {
    name: 'away',
    usage: 'away [until <date time> | for <duration>]',
    summary: inBothLanguages((s) => s.commands.summaries.away),
    async run(args: string[], _actor: Actor): Promise<CommandReply> {
      const now = attention.deps.clock.now();
      const [word, ...rest] = args.map((a) => a.toLowerCase());
      let until: Date | undefined;
      if (word === 'until' || word === '到') {
        until = snoozeUntil(rest.join(' '), now, attention.settings.hours);
      } else if (word === 'for') {
        const d = parseDuration(rest.join(''));
        until = d.ok ? new Date(now.getTime() + durationMs(d.value)) : undefined;
      } else if (word !== undefined) return line(t.away, t.usage, true);
      if (word !== undefined && (!until || until.getTime() <= now.getTime()))
        return line(t.away, t.usage, true);
      await attention.setAway(until);
      return line(
        t.away,
        until
          ? t.awayUntil.replace('{until}', formatOwnerTime(until, now, attention.settings.hours.tz, lang))
          : t.awayOpen,
      );
    },
  };
  const back: Command = {
    name: 'back',
    usage: 'back',
    summary: inBothLanguages((s) => s.commands.summaries.back),
    async run(): Promise<CommandReply> {
      return line(t.back, (await attention.back()) ? t.backNow : t.notAway);
    },
  };
  return [away, back];
}
