/**
 * The rating codec for quick-reply payloads (≤1000 characters on Meta). The payload carries
 * the conversation so a late tap still rates the conversation that asked.
 */
const PREFIX = 'SOLODESK_RATE';

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;

export function encodeRating(score: number, conversationId: string): string {
  return `${PREFIX}:${score}:${conversationId}`;
}

export function decodeRating(
  payload: string | undefined,
): { score: number; conversationId?: string } | undefined {
  if (!payload?.startsWith(PREFIX + ':')) return undefined;
  const [, scoreText, conversationId] = payload.split(':');
  const score = Number(scoreText);
  if (!Number.isInteger(score) || score < 1 || score > 5) return undefined;
  return conversationId ? { score, conversationId } : { score };
}

/** Quick-reply titles (≤20 characters): the digit first, so they read the same in any language. */
export function ratingTitle(score: number): string {
  return `${score} ${'★'.repeat(score)}`;
}
