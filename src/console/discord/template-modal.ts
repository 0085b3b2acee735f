/**
 * Discord's "Send template…" (WhatsApp beyond 24 h). A Discord modal holds five text inputs,
 * so it asks for the template by name (prefilled with the first approved one, the others
 * listed under it) and up to four variables by position ({{1}} the customer's name, {{2}} a
 * short text from the draft), prefilled and editable. The modal id is an encoded card action.
 */
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { TemplateOffer } from '../../core/message-templates.js';
import { cutText, encodeAction, type OwnerLanguage } from '../card.js';
import { ownerStrings } from '../../core/owner-strings/index.js';

export const TEMPLATE_INPUT_ID = 'tpl';
const VAR_PREFIX = 'var';
const MAX_VARS = 4;

export function templateModal(draftId: string, offers: TemplateOffer[], lang: OwnerLanguage): ModalBuilder {
  const t = ownerStrings(lang).discord.templateModal;
  const first = offers[0];
  const names = offers.map((o) => o.template.name).join(', ');
  const modal = new ModalBuilder()
    .setCustomId(encodeAction({ action: 'send_template', id: draftId }))
    .setTitle(t.title);
  modal.addLabelComponents(
    new LabelBuilder()
      .setLabel(t.template)
      .setDescription(cutText(t.available.replace('{names}', names), 100).text)
      .setTextInputComponent(
        new TextInputBuilder()
          .setCustomId(TEMPLATE_INPUT_ID)
          .setStyle(TextInputStyle.Short)
          .setRequired(true)
          .setMaxLength(100)
          .setValue(first ? cutText(first.template.name, 100).text : ''),
      ),
  );
  const count = Math.min(MAX_VARS, Math.max(0, ...offers.map((o) => o.template.variables.length)));
  for (let i = 0; i < count; i += 1) {
    const key = first?.template.variables[i]?.key;
    const value = key ? first?.values[key] : undefined;
    const input = new TextInputBuilder()
      .setCustomId(`${VAR_PREFIX}${i + 1}`)
      .setStyle(TextInputStyle.Short)
      .setRequired(false)
      .setMaxLength(1000);
    if (value) input.setValue(cutText(value, 1000).text);
    modal.addLabelComponents(
      new LabelBuilder().setLabel(t.variable.replace('{n}', String(i + 1))).setTextInputComponent(input),
    );
  }
  return modal;
}

/**
 * The named template and its variables from the submitted inputs (by position); blank
 * inputs are left out so the desk fills them as it prefilled them.
 */
export function templateSubmission(
  offers: TemplateOffer[],
  field: (id: string) => string | undefined,
): { sid: string; values: Record<string, string> } | undefined {
  const wanted = (field(TEMPLATE_INPUT_ID) ?? '').trim().toLowerCase();
  const offer = offers.find(
    (o) => o.template.name.toLowerCase() === wanted || o.template.sid.toLowerCase() === wanted,
  );
  if (!offer) return undefined;
  const values: Record<string, string> = {};
  offer.template.variables.slice(0, MAX_VARS).forEach(({ key }, i) => {
    const value = field(`${VAR_PREFIX}${i + 1}`)?.trim();
    if (value) values[key] = value;
  });
  return { sid: offer.template.sid, values };
}
