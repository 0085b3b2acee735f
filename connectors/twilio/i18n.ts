/**
 * What callers hear and what the owner reads, in English and Chinese. Anything that is not
 * Chinese falls back to English.
 */
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

const OWNER = {
  connecting: {
    en: 'Connecting you to your customer.',
    zh: '正在为您接通客户。',
  },
  optedOut: {
    en: (channel: string) =>
      `The customer texted STOP, so nothing can be sent to them by ${channel} until they text START. Use another channel.`,
    zh: (channel: string) =>
      `客户已回复 STOP 退订，在其回复 START 之前无法通过 ${channel} 发送消息。请改用其他渠道。`,
  },
  windowClosed: {
    en: 'WhatsApp only allows free-text replies within 24 hours of the customer’s last WhatsApp message, and that window is closed. Reply on another channel (SMS or email), or wait until the customer writes again.',
    zh: 'WhatsApp 只允许在客户最后一条 WhatsApp 消息后 24 小时内发送自由文本回复，该时间窗口已关闭。请改用其他渠道（短信或邮件），或等待客户再次来信。',
  },
  noNumber: {
    en: (what: string) => `No ${what} is configured for Twilio, so this reply cannot be sent.`,
    zh: (what: string) =>
      `尚未配置 Twilio 的${what === 'WhatsApp number' ? ' WhatsApp 号码' : '号码'}，无法发送此回复。`,
  },
  badAddress: {
    en: 'The customer has no usable phone number (caller ID withheld or invalid).',
    zh: '客户没有可用的电话号码（来电号码被隐藏或无效）。',
  },
  tooLong: {
    en: (n: number) =>
      `The reply has ${n} characters; Twilio accepts at most 1600. Shorten it or send it by email.`,
    zh: (n: number) => `回复共 ${n} 个字符，Twilio 最多接受 1600 个。请缩短或改用邮件发送。`,
  },
  noOwnerPhone: {
    en: 'OWNER_PHONE_NUMBER is not configured, so the desk cannot ring your phone to call back.',
    zh: '未配置 OWNER_PHONE_NUMBER（店主电话），无法回拨。',
  },
} as const;

export const say = {
  greeting: (l: Lang) => CALLER.greeting[l],
  thanks: (l: Lang) => CALLER.thanks[l],
  noMessage: (l: Lang) => CALLER.noMessage[l],
  connecting: (l: Lang) => OWNER.connecting[l],
};

export const reasons = {
  optedOut: (l: Lang, channel: string) => OWNER.optedOut[l](channel),
  windowClosed: (l: Lang) => OWNER.windowClosed[l],
  noNumber: (l: Lang, what: 'phone number' | 'WhatsApp number') => OWNER.noNumber[l](what),
  badAddress: (l: Lang) => OWNER.badAddress[l],
  tooLong: (l: Lang, n: number) => OWNER.tooLong[l](n),
  noOwnerPhone: (l: Lang) => OWNER.noOwnerPhone[l],
};
