/**
 * What callers hear, in English and Chinese (anything that is not Chinese falls back to
 * English); what the owner reads and hears comes from the owner-strings table.
 */
import { OWNER_STRINGS } from '../../src/core/owner-strings/index.js';
import { fillTemplate } from '../../src/core/template.js';
import type { Lang } from '../lang.js';
import type { SayLanguage, SayVoice } from './twiml-types.js';

/** Polly voices Twilio ships for both languages. */
export const VOICE: Record<Lang, { language: SayLanguage; voice: SayVoice }> = {
  en: { language: 'en-US', voice: 'Polly.Joanna' },
  zh: { language: 'cmn-CN', voice: 'Polly.Zhiyu' },
};

const CALLER = {
  greeting: {
    en: "Thanks for calling. We can't take your call right now. Please leave a message after the tone, up to two minutes, and we will get back to you.",
    zh: '您好，感谢您的来电。我们暂时无法接听，请在提示音后留言，最长两分钟，我们会尽快回复您。',
  },
  thanks: {
    en: 'Thank you. We received your message. Goodbye.',
    zh: '谢谢，我们已收到您的留言。再见。',
  },
  noMessage: {
    en: 'We did not hear a message. We will call you back. Goodbye.',
    zh: '我们没有收到您的留言，稍后会给您回电。再见。',
  },
} as const;

export const say = {
  greeting: (l: Lang) => CALLER.greeting[l],
  thanks: (l: Lang) => CALLER.thanks[l],
  noMessage: (l: Lang) => CALLER.noMessage[l],
  connecting: (l: Lang) => OWNER_STRINGS[l].twilio.connecting,
};

/** The owner's words live in the owner-strings table (section `twilio`). */
const owner = (l: Lang) => OWNER_STRINGS[l].twilio;

export const reasons = {
  optedOut: (l: Lang, channel: string) => fillTemplate(owner(l).optedOut, { channel }),
  windowClosed: (l: Lang) => owner(l).windowClosed,
  noNumber: (l: Lang, what: 'phone number' | 'WhatsApp number') =>
    fillTemplate(owner(l).noNumber, {
      what: owner(l).numberKinds[what === 'WhatsApp number' ? 'whatsapp' : 'phone'],
    }),
  badAddress: (l: Lang) => owner(l).badAddress,
  tooLong: (l: Lang, n: number) => fillTemplate(owner(l).tooLong, { n }),
  noOwnerPhone: (l: Lang) => owner(l).noOwnerPhone,
};
