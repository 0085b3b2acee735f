/**
 * Where a reply can go: the channel and reply address a Send (or Send via) would use, or the
 * owner-language reason it can't go (opted out, no connector, no address, a closed window).
 */
import { reachableIdentities } from '../claims.js';
import { CONTACT_CHANNEL_OF, type Actor, type Channel, type Draft } from '../model.js';
import type { Connector, DecideInput, Store } from '../ports.js';
import { formatReplyRef } from '../reply-ref.js';
import { say } from './say.js';

export interface TargetDeps {
  store: Store;
  connectorFor: (channel: Channel) => Connector | undefined;
}

export type Target = { channel: Channel; replyRef: string } | { reason: string };

/** Checks made on the owner's behalf (which channels to offer) use the desk itself as actor. */
export const SYSTEM: Actor = { console: 'desk', userId: 'desk' };

export async function replyTarget(deps: TargetDeps, draft: Draft, input: DecideInput): Promise<Target> {
  const { store } = deps;
  const channel = input.action === 'send_via' ? input.channel : draft.channel;
  if (!channel) return { reason: say(input.actor, 'chooseChannel') };
  const customer = await store.getCustomer(draft.customerId);
  if (!customer) return { reason: say(input.actor, 'customerGone') };
  if (customer.optedOut.includes(channel)) return { reason: say(input.actor, 'optedOut', { channel }) };
  const connector = deps.connectorFor(channel);
  if (!connector) return { reason: say(input.actor, 'noConnector', { channel }) };

  let replyRef = draft.replyRef;
  if (channel !== draft.channel) {
    const identity = (await reachableIdentities(store, customer.id)).find((i) => i.channel === channel);
    if (!identity) return { reason: say(input.actor, 'noAddress', { channel }) };
    replyRef = formatReplyRef({ channel, ours: '', theirs: identity.address });
  }
  const conversation = await store.getConversation(draft.conversationId);
  const check = connector.canSend?.(channel, replyRef, customer, conversation?.lastInboundAt);
  if (check && !check.ok) return { reason: check.reason };
  return { channel, replyRef };
}

/** The channels a reply to `draftId` could go out on now, the recommended contact family first. */
export async function replyChannels(deps: TargetDeps, draftId: string): Promise<Channel[]> {
  const { store } = deps;
  const draft = await store.getDraft(draftId);
  if (!draft) return [];
  const identities = await reachableIdentities(store, draft.customerId);
  const recommended = draft.inReplyTo
    ? (await store.getMessage(draft.inReplyTo))?.classification?.recommendedChannel
    : undefined;
  // Only channels a reply could go out on now: configured, not opted out, within any window.
  const channels: Channel[] = [];
  for (const channel of new Set([draft.channel, ...identities.map((i) => i.channel)])) {
    const target = await replyTarget(deps, draft, { draftId, actor: SYSTEM, action: 'send_via', channel });
    if (!('reason' in target)) channels.push(channel);
  }
  // The recommended contact family first, then the channel the customer used.
  const rank = (c: Channel) =>
    recommended && CONTACT_CHANNEL_OF[c] === recommended ? 0 : c === draft.channel ? 1 : 2;
  return channels.sort((a, b) => rank(a) - rank(b));
}
