/**
 * Ratings after replies, by where the reply came from (issue 18, "learning from outcomes"):
 * each sent decision notes its conversation's latest reply source (template, remembered answer,
 * automatic, owner note; and which answer); a rating then claims a mark under that source and
 * answer, so /cs stats can average ratings per source and per remembered answer in any period.
 * Marks and refs exist in both stores, so nothing new is stored per store.
 */
import type { Decision, Draft, Rating } from '../model.js';
import type { Store } from '../ports.js';

export const REPLY_SOURCES = ['template', 'answer', 'auto', 'note'] as const;
export type ReplySource = (typeof REPLY_SOURCES)[number];

/** The key space of the store's refs these notes live in (a neutral one, not a console's). */
const REFS = 'answers';
const lastReplyKey = (conversationId: string) => `last-reply:${conversationId}`;

export function replySource(draft: Draft, decision: Decision): ReplySource {
  if (decision.actor.console === 'auto') return 'auto';
  if (draft.basis) return 'answer';
  return draft.origin === 'owner_note' ? 'note' : 'template';
}

/** After a reply is committed: the source a later rating of this conversation is counted under. */
export async function noteReplySource(
  store: Pick<Store, 'setRef'>,
  draft: Draft,
  decision: Decision,
): Promise<void> {
  if (decision.kind === 'discard') return;
  const answerId = draft.basis?.answerId ?? '';
  await store.setRef(REFS, lastReplyKey(draft.conversationId), `${replySource(draft, decision)}:${answerId}`);
}

/** After a rating is stored: counted under the conversation's latest reply source, once. */
export async function recordRatedReply(
  store: Pick<Store, 'getRef' | 'claimMark'>,
  rating: Rating,
): Promise<void> {
  const note = await store.getRef(REFS, lastReplyKey(rating.conversationId));
  if (!note) return;
  const [source, answerId] = note.split(':');
  if (!(REPLY_SOURCES as readonly string[]).includes(source ?? '')) return;
  await store.claimMark(`rated:${source}:${rating.score}:${rating.id}`, rating.createdAt);
  if (answerId)
    await store.claimMark(`rated-answer:${answerId}:${rating.score}:${rating.id}`, rating.createdAt);
}

export interface RatedFigures {
  /** How many ratings, and their mean (undefined when none). */
  count: number;
  mean?: number;
}

async function rated(store: Pick<Store, 'countMarks'>, prefix: string, from: Date, to: Date) {
  let count = 0;
  let sum = 0;
  for (let score = 1; score <= 5; score++) {
    const n = await store.countMarks(`${prefix}${score}:`, from, to);
    count += n;
    sum += n * score;
  }
  return count ? { count, mean: sum / count } : { count };
}

export async function ratedBySource(
  store: Pick<Store, 'countMarks'>,
  from: Date,
  to: Date,
): Promise<Record<ReplySource, RatedFigures>> {
  const out = {} as Record<ReplySource, RatedFigures>;
  for (const source of REPLY_SOURCES) out[source] = await rated(store, `rated:${source}:`, from, to);
  return out;
}

/** Ratings after each remembered answer's replies (sent by the owner or automatically). */
export async function ratedByAnswer(
  store: Pick<Store, 'countMarks'>,
  answerIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, RatedFigures>> {
  const out = new Map<string, RatedFigures>();
  for (const id of answerIds) out.set(id, await rated(store, `rated-answer:${id}:`, from, to));
  return out;
}
