/**
 * Owner-facing words of the neutral cards, in the owner's language (config OWNER_LANGUAGE), read
 * from the owner-strings table (src/core/owner-strings, section `card`). Customer text is never
 * translated; only the desk's own labels are.
 */
import { INTENT_NAMES } from '../core/intent-names.js';
import {
  fillOwner,
  ownerStrings,
  type OwnerLanguage,
  type OwnerStrings,
} from '../core/owner-strings/index.js';
import type { Channel, DeliveryState, Intent, RequestedChannel, Urgency } from '../core/model.js';

export type { OwnerLanguage };

export type LabelKey = keyof OwnerStrings['card']['labels'];

/** A label with `{name}` placeholders filled in. */
export function label(
  lang: OwnerLanguage,
  key: LabelKey,
  vars: Record<string, string | number> = {},
): string {
  return fillOwner(ownerStrings(lang).card.labels[key], vars);
}

export const CHANNEL_ICONS: Record<Channel, string> = {
  email: '📧',
  sms: '💬',
  phone: '📞',
  whatsapp: '🟢',
  messenger: '🗨️',
  instagram: '📸',
  telegram: '✈️',
  discord: '🎮',
  webchat: '🌐',
  wechat: '💚',
};

export function channelName(lang: OwnerLanguage, channel: Channel): string {
  return ownerStrings(lang).card.channels[channel] ?? channel;
}

export function contactChannelName(lang: OwnerLanguage, channel: RequestedChannel): string {
  return channel === 'none'
    ? label(lang, 'noneAsked')
    : (ownerStrings(lang).card.contactChannels[channel] ?? channel);
}

export function intentName(lang: OwnerLanguage, intent: Intent): string {
  return INTENT_NAMES[lang][intent] ?? intent;
}

export function urgencyName(lang: OwnerLanguage, urgency: Urgency): string {
  return ownerStrings(lang).card.urgency[urgency] ?? urgency;
}

const DELIVERY_KEYS: Record<DeliveryState, LabelKey> = {
  queued: 'deliveryQueued',
  sending: 'deliverySending',
  sent: 'deliverySent',
  delivered: 'deliveryDelivered',
  read: 'deliveryRead',
  failed: 'deliveryFailed',
};

export function deliveryName(lang: OwnerLanguage, state: DeliveryState): string {
  return label(lang, DELIVERY_KEYS[state]);
}
