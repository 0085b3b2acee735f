/**
 * Discord's side of "Same person as…" and "Split…" on the root card (issue 19). Discord has no
 * select that loads options as one types, so the picker is two steps: a modal asks for search
 * words, and the private answer is a select of the matching customers whose option values are
 * encoded `merge` actions (the same one-tap merge the suggestion card sends). Split answers
 * privately with a select of the identities; each value names its identity by a short hash,
 * so a list that changed in between cannot split the wrong one.
 */
import { createHash } from 'node:crypto';
import {
  ActionRowBuilder,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ButtonInteraction,
  type MessageActionRowComponentBuilder,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Actor, Identity } from '../../core/model.js';
import type { DeskApi } from '../../core/ports.js';
import { peopleText } from '../../core/people-text.js';
import { channelName, cutText, encodeAction, type ActionRef, type OwnerLanguage } from '../card.js';
import { NO_MENTIONS } from './escape.js';

export const PEOPLE_PICK_ID = 'sd-people-pick';
export const SPLIT_PICK_ID = 'sd-split-pick';
export const PEOPLE_QUERY_ID = 'query';
/** Discord: ≤25 options, label and value ≤100 (PLATFORMS.md §7). */
const MAX_OPTIONS = 25;

/** A short, stable name of an identity that fits a card action's argument. */
export function identityKey(identity: Pick<Identity, 'channel' | 'address'>): string {
  return createHash('sha256').update(`${identity.channel}:${identity.address}`).digest('hex').slice(0, 12);
}

export function samePersonModal(customerId: string, lang: OwnerLanguage): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(PEOPLE_QUERY_ID)
    .setStyle(TextInputStyle.Short)
    .setRequired(true)
    .setMaxLength(200)
    .setPlaceholder(cutText(peopleText(lang, 'pickerPlaceholder'), 100).text);
  const field = new LabelBuilder()
    .setLabel(cutText(peopleText(lang, 'pickerSearchLabel'), 45).text)
    .setDescription(cutText(peopleText(lang, 'pickerHint'), 100).text)
    .setTextInputComponent(input);
  return new ModalBuilder()
    .setCustomId(encodeAction({ action: 'same_person', id: customerId }))
    .setTitle(cutText(peopleText(lang, 'pickerTitle'), 45).text)
    .addLabelComponents(field);
}

function selectRow(id: string, options: { label: string; value: string }[]) {
  const menu = new StringSelectMenuBuilder()
    .setCustomId(id)
    .addOptions(options.slice(0, MAX_OPTIONS).map((o) => ({ ...o, label: cutText(o.label, 100).text })));
  return new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(menu);
}

const ephemeral = { flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };

/** The search modal's submission: a private select of the matching customers. */
export async function answerPeopleSearch(
  interaction: ModalSubmitInteraction,
  customerId: string,
  desk: DeskApi,
  lang: OwnerLanguage,
): Promise<void> {
  const query = interaction.fields.getTextInputValue(PEOPLE_QUERY_ID).trim();
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const people = (await desk.findPeople?.(query, customerId)) ?? [];
  const options = people.flatMap((p) => {
    try {
      // This customer goes into the chosen one (as in Slack).
      return [
        { label: p.label, value: encodeAction({ action: 'merge', id: p.customerId, arg: customerId }) },
      ];
    } catch {
      return []; // ids too long for a custom id
    }
  });
  if (!options.length) {
    await interaction.editReply({
      content: peopleText(lang, 'pickerNone', { query }),
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await interaction.editReply({
    content: peopleText(lang, 'pickerChoose'),
    components: [selectRow(PEOPLE_PICK_ID, options)],
    allowedMentions: NO_MENTIONS,
  });
}

/** Split… on the root card: a private select of the identities (two or more). */
export async function answerSplitButton(
  interaction: ButtonInteraction,
  customerId: string,
  desk: DeskApi,
  lang: OwnerLanguage,
): Promise<void> {
  const identities = (await desk.view(customerId))?.identities ?? [];
  if (identities.length < 2) {
    await interaction.reply({ content: peopleText(lang, 'splitNothing'), ...ephemeral });
    return;
  }
  const options = identities.map((i) => ({
    label: `${channelName(lang, i.channel)}: ${i.address}`,
    value: encodeAction({ action: 'split', id: customerId, arg: identityKey(i) }),
  }));
  await interaction.reply({
    content: `${peopleText(lang, 'splitLabel')} — ${peopleText(lang, 'splitHint')}`,
    components: [selectRow(SPLIT_PICK_ID, options)],
    ...ephemeral,
  });
}

/** The chosen identity of a split select: moved off through desk.split; a refusal to say. */
export async function runSplit(
  interaction: StringSelectMenuInteraction,
  ref: ActionRef,
  desk: DeskApi,
  actor: Actor,
  lang: OwnerLanguage,
): Promise<string | undefined> {
  await interaction.deferUpdate();
  const identities = (await desk.view(ref.id))?.identities ?? [];
  const identity = identities.find((i) => identityKey(i) === ref.arg);
  if (!identity) return peopleText(lang, 'noSuchIdentity');
  if (!desk.split) return peopleText(lang, 'splitUnsupported');
  const result = await desk.split(ref.id, identity, actor);
  if (result.kind === 'rejected') return result.reason;
  await interaction.editReply({ content: '✅', components: [] });
  return undefined;
}
