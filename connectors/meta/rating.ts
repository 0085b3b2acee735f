/** The rating codec for quick-reply payloads (≤1000 characters on Meta, so the id always fits). */
import { decodeRatingPayload, encodeRatingPayload, type RatingTap } from '../rating-payload.js';

const PREFIX = 'SOLODESK_RATE';

export const encodeRating = (score: number, conversationId: string): string =>
  encodeRatingPayload(PREFIX, score, conversationId);

export const decodeRating = (payload: string | undefined): RatingTap | undefined =>
  decodeRatingPayload(PREFIX, payload);

/** Quick-reply titles (≤20 characters): the digit first, so they read the same in any language. */
export function ratingTitle(score: number): string {
  return `${score} ${'★'.repeat(score)}`;
}
