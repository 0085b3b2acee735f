/**
 * Discord's side of Snooze: the select menu on the customer's post and the "Pick a time…"
 * modal. Option values and the modal id are encoded card actions, decoded like every button.
 */
import {
  ActionRowBuilder,
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type MessageActionRowComponentBuilder,
} from 'discord.js';
import { cutText, encodeAction, type Card, type OwnerLanguage } from '../card.js';
import { ownerStrings } from '../../core/owner-strings/index.js';

export const SNOOZE_ID = 'sd-snooze';
export const SNOOZE_INPUT_ID = 'when';

export function snoozeRow(
  menu: NonNullable<Card['snooze']>,
): ActionRowBuilder<MessageActionRowComponentBuilder> {
  const select = new StringSelectMenuBuilder()
    .setCustomId(SNOOZE_ID)
    .setPlaceholder(cutText(menu.label, 150).text)
    .addOptions(
      menu.options.slice(0, 25).map((o) => ({ label: cutText(o.label, 100).text, value: o.actionId })),
    );
  return new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(select);
}

export function snoozeModal(customerId: string, lang: OwnerLanguage): ModalBuilder {
  const t = ownerStrings(lang).discord.snooze;
  const label = new LabelBuilder()
    .setLabel(t.label)
    .setDescription(t.hint)
    .setTextInputComponent(
      new TextInputBuilder()
        .setCustomId(SNOOZE_INPUT_ID)
        .setStyle(TextInputStyle.Short)
        .setRequired(true)
        .setMaxLength(40),
    );
  return new ModalBuilder()
    .setCustomId(encodeAction({ action: 'snooze', id: customerId, arg: 'custom' }))
    .setTitle(t.title)
    .addLabelComponents(label);
}
