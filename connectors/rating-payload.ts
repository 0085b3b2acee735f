/**
 * The rating a button or quick reply carries back: `<prefix>:<score>:<conversation id>`, so a
 * late tap still rates the conversation that asked. Each connector keeps its own prefix and
 * size limit; the format and its checks are shared.
 */
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;

export interface RatingTap {
  score: number;
  conversationId?: string;
}

export function encodeRatingPayload(prefix: string, score: number, conversationId: string): string {
  return `${prefix}:${score}:${conversationId}`;
}

/** The rating in a payload, or undefined for any other payload (or a score outside 1–5). */
export function decodeRatingPayload(prefix: string, payload: string | undefined): RatingTap | undefined {
  if (!payload?.startsWith(prefix + ':')) return undefined;
  const [, scoreText, conversationId] = payload.split(':');
  const score = Number(scoreText);
  if (!Number.isInteger(score) || score < 1 || score > 5) return undefined;
  return conversationId ? { score, conversationId } : { score };
}
