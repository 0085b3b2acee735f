/**
 * Discord's side of Remember: the button on a decided reply opens a modal prefilled with the
 * sent reply (names, order numbers and dates already as `[[blanks]]`); the owner trims it and
 * submits. The modal id is the encoded card action, decoded like every button.
 */
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { answerText } from '../card-answers.js';
import { cutText, encodeAction, type OwnerLanguage } from '../card.js';

export const REMEMBER_INPUT_ID = 'answer';

/** Title ≤45, label ≤45, description ≤100, one paragraph input ≤4,000 (§7.34). */
export function rememberModal(draftId: string, text: string, lang: OwnerLanguage): ModalBuilder {
  const label = new LabelBuilder()
    .setLabel(cutText(answerText(lang, 'rememberTitle'), 45).text)
    .setDescription(cutText(answerText(lang, 'rememberHint'), 100).text)
    .setTextInputComponent(
      new TextInputBuilder()
        .setCustomId(REMEMBER_INPUT_ID)
        .setStyle(TextInputStyle.Paragraph)
        .setRequired(true)
        .setMaxLength(4000)
        .setValue(cutText(text, 4000).text),
    );
  return new ModalBuilder()
    .setCustomId(encodeAction({ action: 'remember', id: draftId }))
    .setTitle(cutText(answerText(lang, 'rememberTitle'), 45).text)
    .addLabelComponents(label);
}
