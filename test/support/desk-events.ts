/** A customer view and an inbound event for console tests that publish events directly. */
import type { Message } from '../../src/core/model.js';
import type { CustomerView, DeskEvent } from '../../src/core/ports.js';

/** An SMS customer `id` named `name`, with one open conversation. */
export function smsCustomerView(id: string, name = 'Bo'): CustomerView {
  const at = new Date();
  return {
    customer: { id, name, createdAt: at, optedOut: [] },
    identities: [{ channel: 'sms', address: '+15550003333' }],
    conversation: {
      id: `conv-${id}`,
      customerId: id,
      channel: 'sms',
      status: 'open',
      openedAt: at,
      lastInboundAt: at,
    },
    counts: { conversations: 1, messagesIn: 1, messagesOut: 0 },
  };
}

/** The `inbound` event of a stored SMS `id` saying `text` in the view's conversation. */
export function inboundSms(view: CustomerView, id: string, text: string): DeskEvent {
  const message: Message = {
    id,
    conversationId: view.conversation!.id,
    customerId: view.customer.id,
    direction: 'in',
    channel: 'sms',
    kind: 'text',
    externalId: `e-${id}`,
    replyRef: 'sms:a:b',
    address: '+15550003333',
    text,
    attachments: [],
    meta: {},
    createdAt: new Date(),
    stage: 'stored',
  };
  return { type: 'inbound', view, message };
}
