/**
 * Why a reply channel is recommended, kept as data on the classification so that every reader
 * gets it in their own language: the owner's cards in OWNER_LANGUAGE, `/query` and the classify
 * script in English (the `reason` line). One table per language, the same keys in each.
 */
import type { ContactChannel, Intent } from './model.js';
import { INTENT_NAMES } from './intent-names.js';
import { fillTemplate } from './template.js';

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
  en: {
    requested: 'The customer asked to be contacted by {channel}.',
    complex_urgent: 'Complex and urgent ({intent}): a call resolves it fastest.',
    complex: 'Complex ({intent}, {words} words): email leaves room for details.',
    simple_origin: 'Simple ({intent}): a short reply on {channel}, where the customer wrote.',
    simple_chat: 'Simple ({intent}): a short chat reply is enough.',
    origin: 'No request; answering on the channel it came from ({channel}).',
    document_email:
      'The customer asked for a document by email: not a channel request, but email carries it.',
    default: 'No request and no origin channel: email by default.',
  },
  zh: {
    requested: '客户要求通过{channel}联系。',
    complex_urgent: '复杂且紧急（{intent}）：打电话解决最快。',
    complex: '复杂（{intent}，约 {words} 词）：邮件便于说明细节。',
    simple_origin: '简单（{intent}）：在客户来信的{channel}上简短回复即可。',
    simple_chat: '简单（{intent}）：在聊天中简短回复即可。',
    origin: '客户未指定渠道：在来信的渠道（{channel}）回复。',
    document_email: '客户要求用邮件发送文件（如发票、收据、报价）：这不算指定渠道，但用邮件发送最合适。',
    default: '客户未指定渠道，也没有来信渠道：默认用邮件。',
  },
};

/** English keeps the channel's code (as `/query` always said); Chinese names it. */
const CHANNEL_TEXT: Readonly<Record<ReasonLanguage, Readonly<Record<ContactChannel, string>>>> = {
  en: { phone: 'phone', email: 'email', sms: 'sms', social: 'social', chat: 'chat' },
  zh: { phone: '电话', email: '邮件', sms: '短信', social: '社交账号', chat: '聊天' },
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
