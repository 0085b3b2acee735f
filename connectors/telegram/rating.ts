/**
 * Rating buttons: callback_data is 1–64 *bytes* (PLATFORMS.md §7.29), so the conversation id
 * rides along only when it fits; without it the rating goes to the customer's latest conversation.
 */
import {
  decodeRatingPayload,
  encodeRatingPayload,
  RATING_SCORES,
  type RatingTap,
} from '../rating-payload.js';
import { pickLang } from '../lang.js';

export const MAX_CALLBACK_BYTES = 64;
const PREFIX = 'rate';

export function encodeRating(score: number, conversationId: string): string {
  const full = encodeRatingPayload(PREFIX, score, conversationId);
  return Buffer.byteLength(full, 'utf8') <= MAX_CALLBACK_BYTES ? full : `${PREFIX}:${score}`;
}

export const decodeRating = (data: string | undefined): RatingTap | undefined =>
  decodeRatingPayload(PREFIX, data);

export interface InlineKeyboardButton {
  text: string;
  callback_data: string;
}

/** One row of five buttons; the digit reads the same in every language. */
export function ratingKeyboard(conversationId: string): { inline_keyboard: InlineKeyboardButton[][] } {
  return {
    inline_keyboard: [
      RATING_SCORES.map((score) => ({
        text: `${score} ⭐`,
        callback_data: encodeRating(score, conversationId),
      })),
    ],
  };
}

/** The toast shown after a tap, in the customer's language (Telegram's language_code). */
export function ratingThanks(languageCode: string | undefined, recorded: boolean): string {
  const zh = pickLang(languageCode) === 'zh';
  if (!recorded) return zh ? '抱歉，暂时无法记录您的评分。' : 'Sorry, we could not record your rating.';
  return zh ? '谢谢您的评分！' : 'Thanks for your rating!';
}
