/**
 * Discord's side of the root card's Note and Tags buttons: a modal holding the current text;
 * its id is the encoded card action, so the submission is decoded like every button.
 */
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { MAX_NOTE } from '../../core/customer-notes.js';
import type { CustomerNotes } from '../../core/search.js';
import { cutText, encodeAction, label, type OwnerLanguage } from '../card.js';

export const NOTES_INPUT_ID = 'notes';

export function notesModal(
  kind: 'note' | 'tags',
  customerId: string,
  notes: CustomerNotes | undefined,
  lang: OwnerLanguage,
): ModalBuilder {
  const current = kind === 'note' ? (notes?.note ?? '') : (notes?.tags ?? []).join(', ');
  const input = new TextInputBuilder()
    .setCustomId(NOTES_INPUT_ID)
    .setStyle(kind === 'note' ? TextInputStyle.Paragraph : TextInputStyle.Short)
    .setRequired(false)
    .setMaxLength(kind === 'note' ? MAX_NOTE : 500);
  if (current) input.setValue(current);
  const field = new LabelBuilder()
    .setLabel(cutText(label(lang, kind === 'note' ? 'ownerNote' : 'tags'), 45).text)
    .setDescription(cutText(label(lang, kind === 'note' ? 'notePrompt' : 'tagsPrompt'), 100).text)
    .setTextInputComponent(input);
  return new ModalBuilder()
    .setCustomId(encodeAction({ action: kind, id: customerId }))
    .setTitle(cutText(label(lang, kind === 'note' ? 'noteTitle' : 'tagsTitle'), 45).text)
    .addLabelComponents(field);
}
