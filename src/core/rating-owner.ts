/**
 * A rating button carries its conversation id, and anyone can send any payload (a forged
 * Telegram callback, a Messenger quick-reply payload, a Discord custom_id): so a tap rates
 * a conversation only when the person tapping is that conversation's customer. Merged
 * customers count as one: both sides are followed to the customer they were merged into.
 */
import { survivorId } from './merges.js';
import type { Channel, Conversation } from './model.js';
import type { Store } from './ports.js';

export async function belongsToTapper(
  store: Store,
  conversation: Conversation,
  channel: Channel,
  normalisedAddress: string,
): Promise<boolean> {
  const tapper = await store.findCustomerByIdentity(channel, normalisedAddress);
  if (!tapper) return false;
  const [a, b] = await Promise.all([
    survivorId(store, tapper.id),
    survivorId(store, conversation.customerId),
  ]);
  return a === b;
}
