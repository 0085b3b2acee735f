/**
 * Owner-facing words of the neutral cards, in the owner's language (config OWNER_LANGUAGE), read
 * from the owner-strings table (src/core/owner-strings, section `card`). Customer text is never
 * translated; only the desk's own labels are.
 */
import { fillTemplate } from '../core/template.js';
import { INTENT_NAMES } from '../core/intent-names.js';
import { OWNER_STRINGS, type OwnerLanguage } from '../core/owner-strings/index.js';
import type { Channel, DeliveryState, Intent, RequestedChannel, Urgency } from '../core/model.js';

export type { OwnerLanguage };

const EN = OWNER_STRINGS.en.card.labels;

export type LabelKey = keyof typeof EN;

const LABELS: Record<OwnerLanguage, Readonly<Record<LabelKey, string>>> = {
  en: EN,
  zh: OWNER_STRINGS.zh.card.labels,
};

/** A label with `{name}` placeholders filled in. */
export function label(
  lang: OwnerLanguage,
  key: LabelKey,
  vars: Record<string, string | number> = {},
): string {
  const template = LABELS[lang][key] ?? EN[key];
  return fillTemplate(template, vars);
}

const CHANNEL_NAMES = { en: OWNER_STRINGS.en.card.channels, zh: OWNER_STRINGS.zh.card.channels };

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

const CONTACT_NAMES = {
  en: OWNER_STRINGS.en.card.contactChannels,
  zh: OWNER_STRINGS.zh.card.contactChannels,
};

const URGENCY_NAMES = { en: OWNER_STRINGS.en.card.urgency, zh: OWNER_STRINGS.zh.card.urgency };

export function channelName(lang: OwnerLanguage, channel: Channel): string {
  return CHANNEL_NAMES[lang][channel] ?? channel;
}

export function contactChannelName(lang: OwnerLanguage, channel: RequestedChannel): string {
  return channel === 'none' ? label(lang, 'noneAsked') : (CONTACT_NAMES[lang][channel] ?? channel);
}

export function intentName(lang: OwnerLanguage, intent: Intent): string {
  return INTENT_NAMES[lang][intent] ?? intent;
}

export function urgencyName(lang: OwnerLanguage, urgency: Urgency): string {
  return URGENCY_NAMES[lang][urgency] ?? urgency;
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
