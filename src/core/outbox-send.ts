/** One delivery attempt: the job's connector, customer and draft, handed to connector.send. */
import { templateOfMeta } from './message-templates.js';
import type { Channel, OutboxJob } from './model.js';
import type { Connector, SendRecord, SendResult, Store } from './ports.js';
import { ownerStrings } from './owner-strings/index.js';
import { fillTemplate } from './template.js';

export interface SendJobDeps {
  store: Store;
  connectorFor: (channel: Channel) => Connector | undefined;
  /** OWNER_LANGUAGE: the refusals below are shown on the owner's card. */
  ownerLanguage?: string;
}

export async function sendJob(deps: SendJobDeps, job: OutboxJob, record: SendRecord): Promise<SendResult> {
  const { store } = deps;
  const t = ownerStrings(deps.ownerLanguage);
  // English keeps the channel's code (as it always said); Chinese names it.
  const channel = deps.ownerLanguage === 'zh' ? t.card.channels[job.channel] : job.channel;
  const connector = deps.connectorFor(job.channel);
  if (!connector) return { kind: 'retry', reason: fillTemplate(t.outbox.noConnector, { channel }) };
  const customer = await store.getCustomer(job.customerId);
  if (!customer) return { kind: 'rejected', reason: t.outbox.customerGone };
  if (customer.optedOut.includes(job.channel)) {
    return { kind: 'rejected', reason: fillTemplate(t.outbox.optedOut, { channel }) };
  }
  const draft = job.draftId ? await store.getDraft(job.draftId) : undefined;
  const inReplyTo = draft?.inReplyTo ? await store.getMessage(draft.inReplyTo) : undefined;
  // A template reply keeps its content id and variables on its outbound message.
  const outbound = job.purpose === 'reply' ? await store.getMessage(job.messageId) : undefined;
  const template = outbound ? templateOfMeta(outbound.meta) : undefined;
  try {
    return await connector.send({
      jobId: job.id,
      idempotencyKey: job.idempotencyKey,
      channel: job.channel,
      replyRef: job.replyRef,
      text: job.text,
      purpose: job.purpose,
      customer,
      conversationId: job.conversationId,
      ...(inReplyTo ? { inReplyTo } : {}),
      language: draft?.language && draft.language !== 'und' ? draft.language : (customer.language ?? 'en'),
      record,
      ...(template ? { template } : {}),
    });
  } catch (err) {
    // An exception is an infrastructure failure: worth another try.
    return { kind: 'retry', reason: (err as Error).message || 'send failed' };
  }
}
