/**
 * Sends an instant acknowledgement the way the owner sends a reply: a draft decided by the
 * `auto` actor, its job in the outbox (so it is retried, paced and shown with its delivery),
 * counted in the figures as "sent automatically". The idempotency mark
 * `ack:<conversation>:<window>` is claimed first, so a webhook retry, a console retry, a
 * restart or a second process never sends a second one.
 */
import { buildCustomerView } from '../console-hub.js';
import type { Actor, Conversation, Customer, Draft, Message } from '../model.js';
import { newDecision, newDelivery } from '../decisions/records.js';
import type { DeskState } from './away.js';
import { ackLanguage, ackText } from './ack-text.js';
import type { AttentionDeps } from './attention.js';
import type { AttentionSettings } from './settings.js';

export const AUTO_ACTOR: Actor = { console: 'auto', userId: 'auto', name: 'solodesk' };

export interface AckCase {
  customer: Customer;
  conversation: Conversation;
  message: Message;
  state: DeskState;
  now: Date;
}

export async function sendAck(
  deps: AttentionDeps,
  settings: AttentionSettings,
  c: AckCase,
): Promise<boolean> {
  const { store, logger } = deps;
  const { customer, conversation, message, now } = c;
  const connector = deps.connectorFor(message.channel);
  if (!connector) return false;
  const check = connector.canSend?.(message.channel, message.replyRef, customer, message.createdAt);
  if (check && !check.ok) return false;
  const window = Math.floor(
    Math.max(0, message.createdAt.getTime() - conversation.openedAt.getTime()) / settings.ackEveryMs,
  );
  if (!(await store.claimMark(`ack:${conversation.id}:${window}`, now))) return false;

  const detected = message.classification?.language;
  const language = ackLanguage(detected && detected !== 'und' ? detected : customer.language);
  const text = ackText(c.state, now, settings.hours.tz, language, settings.ackTexts);
  const draft: Draft = {
    id: `${message.id}-ack`,
    customerId: customer.id,
    conversationId: conversation.id,
    inReplyTo: message.id,
    text,
    language,
    channel: message.channel,
    replyRef: message.replyRef,
    origin: 'auto',
    status: 'pending',
    createdAt: now,
  };
  // Everything the acknowledgement writes carries the moment of its case.
  const records = { ids: deps.ids, clock: { now: () => now } };
  const decision = newDecision(records, draft, AUTO_ACTOR, 'send', message.channel);
  // Not `reply`: an acknowledgement is no first response, so T is not flattered by it.
  const { message: out, job } = newDelivery(records, draft, message.channel, message.replyRef, text, 'ack', {
    linkDraft: true,
    keyPrefix: 'solodesk-ack-',
    address: message.address,
  });
  await store.insertDraft(draft);
  if (!(await store.commitDecision(decision, 'sent', { message: out, job }))) return false;
  logger.info(
    { conversationId: conversation.id, channel: message.channel, language },
    'acknowledgement queued',
  );
  deps.kickOutbox();
  const view = await buildCustomerView(store, customer.id);
  const sent = await store.getDraft(draft.id);
  if (view && sent) void deps.consoles().publish({ type: 'decided', view, draft: sent, decision, job });
  return true;
}
