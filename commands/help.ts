/** `/cs help`: every command with its usage, in the owner's language. */
import type { Actor } from '../src/core/model.js';
import type { Command, CommandReply } from './command.js';
import type { OwnerLanguage } from './stats-text.js';
import { inBothLanguages, ownerStrings } from '../src/core/owner-strings/index.js';

/** `list` is read at run time, so help always describes the registry it belongs to. */
export function createHelpCommand(list: () => readonly Command[], language: OwnerLanguage = 'en'): Command {
  const t = ownerStrings(language).commands.help;
  return {
    name: 'help',
    usage: 'help',
    summary: inBothLanguages((s) => s.commands.summaries.help),
    async run(_args: string[], _actor: Actor): Promise<CommandReply> {
      return {
        title: t.title,
        sections: [
          {
            heading: t.heading,
            fields: list().map((c) => ({ label: `/cs ${c.usage}`, value: c.summary[language] })),
          },
        ],
      };
    },
  };
}
