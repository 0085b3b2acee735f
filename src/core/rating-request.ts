/**
 * The feedback loop's question, in the customer's language. Connectors with richer
 * affordances (chat stars, Telegram buttons, email one-click links) render the rating
 * request their own way and use this text as the caption.
 */
import type { Channel } from './model.js';

const TEXT = {
  en: {
    reply: 'Thanks for contacting us! How did we do? Reply with a number from 1 (poor) to 5 (excellent).',
    tap: 'Thanks for contacting us! How did we do? Tap a rating from 1 (poor) to 5 (excellent).',
  },
  zh: {
    reply: '感谢您的联系！请为本次服务打分：回复 1（很差）到 5（非常好）之间的数字。',
    tap: '感谢您的联系！请为本次服务打分：点选 1（很差）到 5（非常好）。',
  },
} as const;

/** Channels whose connector shows buttons or stars rather than asking for a typed number. */
const TAPPABLE: ReadonlySet<Channel> = new Set([
  'webchat',
  'telegram',
  'messenger',
  'instagram',
  'discord',
  'email',
]);

export function ratingRequestText(channel: Channel, language: string): string {
  const texts = language === 'zh' ? TEXT.zh : TEXT.en;
  return TAPPABLE.has(channel) ? texts.tap : texts.reply;
}
