/**
 * The draft for a classified inbound message: the owner's own remembered answer first, the
 * drafter (templates, knowledge base) after; a remembered answer on autopilot also gets its
 * automatic send time, stored on the draft before its timer is armed.
 */
import type { Classification, Customer, Draft, Message } from './model.js';
import type { Clock, Drafter, Store } from './ports.js';
import { draftFromAnswers } from './answers/draft-from.js';
import type { Autopilot } from './answers/autopilot.js';

export interface MakeDraftDeps {
  store: Store;
  drafter: Drafter;
  clock: Clock;
  autopilot?: Autopilot;
  /** Match quality (0..1) a remembered answer needs to become the draft. */
  answerThreshold?: number;
}

export async function makeDraft(
  deps: MakeDraftDeps,
  id: string,
  message: Message,
  customer: Customer,
  classification: Classification,
): Promise<Draft> {
  const { store, drafter, clock } = deps;
  const remembered = await draftFromAnswers(store, message, customer, classification, deps.answerThreshold);
  const drafted =
    remembered ??
    (await drafter.draft({
      text: message.text,
      classification,
      channel: message.channel,
      ...(customer.name ? { customerName: customer.name } : {}),
      ...(message.subject ? { subject: message.subject } : {}),
    }));
  const draft: Draft = {
    id,
    customerId: customer.id,
    conversationId: message.conversationId,
    inReplyTo: message.id,
    text: drafted.text,
    language: drafted.language,
    channel: message.channel,
    replyRef: message.replyRef,
    origin: 'auto',
    status: 'pending',
    createdAt: clock.now(),
    ...(remembered ? { basis: remembered.basis } : {}),
  };
  const conversation = remembered && (await store.getConversation(message.conversationId));
  const sendAt = conversation && (await deps.autopilot?.sendAt(draft, classification, conversation.openedAt));
  if (sendAt && draft.basis) draft.basis = { ...draft.basis, autoSendAt: sendAt };
  await store.insertDraft(draft);
  if (sendAt) deps.autopilot?.schedule(draft.id, sendAt);
  return draft;
}
