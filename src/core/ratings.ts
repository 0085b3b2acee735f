/**
 * Customer ratings into the store: from a link or button (`rating`, checked against who tapped)
 * or a bare 1–5 reply to the rating request. A repeat of the same score is the same rating.
 */
import { buildCustomerView, type ConsoleHub } from './console-hub.js';
import { normaliseAddress } from './identify.js';
import type { Channel, Conversation, Rating } from './model.js';
import type { Clock, IdGenerator, RatingInput, RatingResult, Store } from './ports.js';
import { belongsToTapper } from './rating-owner.js';
import { recordRatedReply } from './answers/rated.js';

export interface RatingDeps {
  store: Store;
  consoles: ConsoleHub;
  clock: Clock;
  ids: IdGenerator;
}

/** The conversation a rating input names, or why it can't be rated. */
export async function ratedConversation(
  store: Store,
  input: RatingInput,
): Promise<Conversation | { reason: string }> {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5)
    return { reason: 'a rating is a whole number from 1 to 5' };
  let conversation: Conversation | undefined;
  if (input.conversationId) {
    conversation = await store.getConversation(input.conversationId);
    // Who tapped must be the conversation's customer (email links carry no address: their
    // signed token is the proof).
    const address = input.address ? normaliseAddress(input.channel, input.address) : undefined;
    if (conversation && address && !(await belongsToTapper(store, conversation, input.channel, address)))
      return { reason: 'that conversation belongs to someone else' };
  } else if (input.address) {
    const customer = await store.findCustomerByIdentity(
      input.channel,
      normaliseAddress(input.channel, input.address),
    );
    conversation = customer ? await store.latestConversation(customer.id) : undefined;
  }
  return conversation ?? { reason: 'no conversation to rate' };
}

export async function recordRating(
  deps: RatingDeps,
  conversation: Conversation,
  channel: Channel,
  score: number,
  comment?: string,
): Promise<RatingResult> {
  const { store, ids, clock } = deps;
  // A double tap, a second click on the same link or a resent "5" is the same rating.
  const last = (await store.listRatings(conversation.id)).at(-1);
  if (last && !comment && last.score === score && last.channel === channel)
    return { kind: 'recorded', rating: last, already: true };
  const rating: Rating = {
    id: ids(),
    customerId: conversation.customerId,
    conversationId: conversation.id,
    channel,
    score,
    ...(comment ? { comment: comment.slice(0, 2000) } : {}),
    createdAt: clock.now(),
  };
  await store.insertRating(rating);
  await recordRatedReply(store, rating);
  const view = await buildCustomerView(store, conversation.customerId);
  if (view) await deps.consoles.publish({ type: 'rating', view, rating });
  return { kind: 'recorded', rating };
}
