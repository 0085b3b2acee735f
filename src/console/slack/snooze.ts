/**
 * Slack's side of Snooze: the menu on the customer's root card and the "Pick a time…" modal.
 * The menu's option values are encoded card actions, decoded like every button.
 */
import type { types } from '@slack/bolt';
import type { Card, OwnerLanguage } from '../card.js';
import { ownerStrings } from '../../core/owner-strings/index.js';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

export const SNOOZE_ACTION = 'sd_snooze';
export const SNOOZE_CALLBACK = 'sd_snooze_time';

/** The static select of the root card's Snooze choices. */
export function snoozeSelect(menu: NonNullable<Card['snooze']>) {
  return {
    type: 'static_select' as const,
    action_id: SNOOZE_ACTION,
    placeholder: { type: 'plain_text' as const, text: menu.label.slice(0, 150), emoji: true },
    options: menu.options.map((o) => ({
      text: { type: 'plain_text' as const, text: o.label.slice(0, 75), emoji: true },
      value: o.actionId,
    })),
  };
}

export function snoozeModal(customerId: string, lang: OwnerLanguage): ModalView {
  const t = ownerStrings(lang).slack.snooze;
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: 'when',
      label: { type: 'plain_text', text: t.label },
      hint: { type: 'plain_text', text: t.hint },
      element: { type: 'plain_text_input', action_id: 'text', max_length: 40 },
    },
  ];
  return {
    type: 'modal',
    callback_id: SNOOZE_CALLBACK,
    private_metadata: customerId,
    title: { type: 'plain_text', text: t.title },
    submit: { type: 'plain_text', text: t.submit },
    blocks,
  };
}

export function snoozeModalValue(values: Record<string, Record<string, { value?: string | null }>>): string {
  return values.when?.text?.value?.trim() ?? '';
}
