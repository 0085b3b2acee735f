/**
 * After Resolve: the rating request, once per conversation, on the channel the customer last
 * wrote on (in their language), unless they opted out there or no connector can send it.
 */
import type { Channel, Message } from '../model.js';
import type { Clock, Connector, IdGenerator, Store } from '../ports.js';
import { ratingRequestText } from '../rating-request.js';
import { newDelivery } from './records.js';

export interface AskRatingDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  connectorFor: (channel: Channel) => Connector | undefined;
  kickOutbox: () => void;
}

/** The conversation's latest message from the customer. */
export async function lastInbound(store: Store, conversationId: string): Promise<Message | undefined> {
  const messages = await store.listMessages(conversationId, 200);
  return messages.filter((m) => m.direction === 'in').at(-1);
}

export async function askForRating(
  deps: AskRatingDeps,
  customerId: string,
  conversationId: string,
): Promise<void> {
  const { store, clock } = deps;
  const conversation = await store.getConversation(conversationId);
  const customer = await store.getCustomer(customerId);
  if (!conversation || !customer || conversation.ratingRequestedAt) return;
  const last = await lastInbound(store, conversationId);
  if (!last || customer.optedOut.includes(last.channel) || !deps.connectorFor(last.channel)) return;
  const language = customer.language ?? last.classification?.language ?? 'en';
  const text = ratingRequestText(last.channel, language);
  const delivery = newDelivery(
    deps,
    { id: conversationId, customerId, conversationId },
    last.channel,
    last.replyRef,
    text,
    'rating_request',
  );
  await store.updateConversation(conversationId, { ratingRequestedAt: clock.now() });
  await store.enqueue(delivery.message, delivery.job);
  deps.kickOutbox();
}
