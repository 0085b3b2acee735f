/**
 * CSAT in Discord DMs: a row of five buttons under the rating request. The button's
 * custom_id (≤100 characters, §7.34) carries the score, the customer's language for the
 * thank-you, and the conversation when it fits.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';

const PREFIX = 'sd-rate';

export interface RatingClick {
  score: number;
  language: 'en' | 'zh';
  conversationId?: string;
}

export function encodeRating(score: number, language: string, conversationId: string): string {
  const lang = language === 'zh' ? 'zh' : 'en';
  const full = `${PREFIX}:${lang}:${score}:${conversationId}`;
  return full.length <= 100 ? full : `${PREFIX}:${lang}:${score}:`;
}

export function decodeRating(customId: string): RatingClick | undefined {
  const m = /^sd-rate:(en|zh):([1-5]):(.*)$/.exec(customId);
  if (!m) return undefined;
  return {
    language: m[1] as 'en' | 'zh',
    score: Number(m[2]),
    ...(m[3] ? { conversationId: m[3] } : {}),
  };
}

export function ratingRow(language: string, conversationId: string): ActionRowBuilder<ButtonBuilder> {
  const row = new ActionRowBuilder<ButtonBuilder>();
  for (let score = 1; score <= 5; score += 1) {
    row.addComponents(
      new ButtonBuilder()
        .setCustomId(encodeRating(score, language, conversationId))
        .setLabel(`${score} ★`)
        .setStyle(score >= 4 ? ButtonStyle.Success : ButtonStyle.Secondary),
    );
  }
  return row;
}

export function ratingThanks(language: 'en' | 'zh', recorded: boolean): string {
  if (language === 'zh') return recorded ? '感谢您的评分！' : '感谢！这次对话的评分已记录过了。';
  return recorded
    ? 'Thank you for your rating!'
    : 'Thank you! A rating for this conversation was already recorded.';
}
