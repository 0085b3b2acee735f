/**
 * The `/cs` slash command: one subcommand per console command (stats, help, …), with
 * Discord options for what `stats` takes. Registered by `npm run discord:register`
 * (scripts/discord-register.ts) and parsed back into the neutral (name, args) here.
 */
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../../../commands/command.js';
import { CHANNELS } from '../../core/model.js';

export const SLASH_NAME = 'cs';
const PERIODS = ['today', '7d', '30d', '90d', 'all'];
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** The JSON body for PUT /applications/{app}/guilds/{guild}/commands. */
export function slashCommand(commands: readonly Command[], name = SLASH_NAME) {
  const builder = new SlashCommandBuilder()
    .setName(name)
    .setDescription('solodesk: figures and help')
    .setDescriptionLocalization('zh-CN', 'solodesk：数据与帮助')
    // Server only: in DMs the bot talks to customers.
    .setContexts(InteractionContextType.Guild);
  const seen = new Set<string>();
  for (const command of commands) {
    const sub = command.name.toLowerCase();
    if (!NAME.test(sub) || seen.has(sub)) continue;
    seen.add(sub);
    builder.addSubcommand((s) => {
      s.setName(sub)
        .setDescription(cut(command.summary.en))
        .setDescriptionLocalization('zh-CN', cut(command.summary.zh));
      if (sub === 'stats') {
        s.addStringOption((o) =>
          o
            .setName('period')
            .setDescription('today, 7d, 30d, 90d or all')
            .addChoices(...PERIODS.map((p) => ({ name: p, value: p }))),
        );
        s.addStringOption((o) =>
          o
            .setName('channel')
            .setDescription('only this channel')
            .addChoices(...CHANNELS.map((c) => ({ name: c, value: c }))),
        );
      } else if (/\[|</.test(command.usage)) {
        s.addStringOption((o) => o.setName('args').setDescription(cut(command.usage)));
      }
      return s;
    });
  }
  if (!seen.has('help')) {
    builder.addSubcommand((s) =>
      s
        .setName('help')
        .setDescription('What the desk commands do')
        .setDescriptionLocalization('zh-CN', '命令说明'),
    );
  }
  return builder.toJSON();
}

function cut(text: string): string {
  const t = text.trim() || '—';
  return t.length <= 100 ? t : `${t.slice(0, 99)}…`;
}

/** `/cs stats period:7d channel:sms` → ('stats', ['7d', 'sms']). */
export function parseSlash(interaction: ChatInputCommandInteraction): { name: string; args: string[] } {
  const name = interaction.options.getSubcommand(false) ?? 'help';
  const args: string[] = [];
  for (const key of ['period', 'channel']) {
    const v = interaction.options.getString(key, false);
    if (v) args.push(v);
  }
  const free = interaction.options.getString('args', false);
  if (free) args.push(...free.split(/\s+/).filter(Boolean));
  return { name, args };
}
