/**
 * Why a reply channel is recommended, kept as data on the classification so that every reader
 * gets it in their own language: the owner's cards in OWNER_LANGUAGE, `/query` and the classify
 * script in English (the `reason` line). One table per language, the same keys in each.
 */
import type { ContactChannel, Intent } from './model.js';
import { INTENT_NAMES } from './intent-names.js';
import { fillTemplate } from './template.js';
import { OWNER_STRINGS } from './owner-strings/index.js';

export type RecommendReason =
  | { kind: 'requested'; channel: ContactChannel }
  | { kind: 'complex_urgent'; intent: Intent }
  | { kind: 'complex'; intent: Intent; words: number }
  | { kind: 'simple_origin'; intent: Intent; channel: ContactChannel }
  | { kind: 'simple_chat'; intent: Intent }
  | { kind: 'origin'; channel: ContactChannel }
  | { kind: 'document_email' }
  | { kind: 'default' };

type ReasonLanguage = 'en' | 'zh';

const TEXT: Readonly<Record<ReasonLanguage, Readonly<Record<RecommendReason['kind'], string>>>> = {
  en: OWNER_STRINGS.en.reasons.text,
  zh: OWNER_STRINGS.zh.reasons.text,
};

/** English keeps the channel's code (as `/query` always said); Chinese names it. */
const CHANNEL_TEXT: Readonly<Record<ReasonLanguage, Readonly<Record<ContactChannel, string>>>> = {
  en: OWNER_STRINGS.en.reasons.channels,
  zh: OWNER_STRINGS.zh.reasons.channels,
};

export function explainRecommendation(why: RecommendReason, lang: ReasonLanguage): string {
  // English names the intent by its label (as `/query` always did); Chinese by its name.
  const intent = 'intent' in why ? (lang === 'en' ? why.intent : INTENT_NAMES.zh[why.intent]) : '';
  return fillTemplate(TEXT[lang][why.kind], {
    intent,
    channel: 'channel' in why ? CHANNEL_TEXT[lang][why.channel] : '',
    words: 'words' in why ? String(why.words) : '',
  });
}
