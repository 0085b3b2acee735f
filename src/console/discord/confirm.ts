/**
 * A command reply's confirmation (an erasure) in Discord: a danger button on the ephemeral
 * reply whose custom id carries the command and its arguments (`sdcf:forget <id> yes`, at
 * most 100 characters), run again when the owner presses it.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ButtonInteraction,
  type MessageActionRowComponentBuilder,
} from 'discord.js';
import type { Command, CommandReply } from '../../../commands/command.js';
import type { Actor } from '../../core/model.js';
import { renderCommandReply } from './render.js';

export const CONFIRM_PREFIX = 'sdcf:';

export function confirmComponents(reply: CommandReply): ActionRowBuilder<MessageActionRowComponentBuilder>[] {
  if (!reply.confirm) return [];
  const id = `${CONFIRM_PREFIX}${[reply.confirm.command, ...reply.confirm.args].join(' ')}`;
  if (id.length > 100) return [];
  return [
    new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId(id)
        .setLabel(reply.confirm.label.slice(0, 80))
        .setStyle(reply.confirm.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Primary),
    ),
  ];
}

export function isConfirm(customId: string): boolean {
  return customId.startsWith(CONFIRM_PREFIX);
}

/** Runs the confirmed command and replaces the question with its answer (still only the owner's). */
export async function runConfirm(
  interaction: ButtonInteraction,
  commands: readonly Command[],
  actor: Actor,
): Promise<void> {
  const [name = '', ...args] = interaction.customId.slice(CONFIRM_PREFIX.length).split(' ');
  const command = commands.find((c) => c.name === name);
  await interaction.deferUpdate();
  if (!command) return void (await interaction.editReply({ content: '—', components: [] }));
  const reply = await command.run(args, actor);
  await interaction.editReply({ ...renderCommandReply(reply), components: confirmComponents(reply) });
}
