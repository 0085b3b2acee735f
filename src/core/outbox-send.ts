/** One delivery attempt: the job's connector, customer and draft, handed to connector.send. */
import { templateOfMeta } from './message-templates.js';
import type { Channel, OutboxJob } from './model.js';
import type { Connector, SendRecord, SendResult, Store } from './ports.js';
import { ownerStrings } from './owner-strings/index.js';
import { fillTemplate } from './template.js';
import { DEFAULT_FILE_TTL_MS, loadOutboundFiles, type FileLinker } from './outbound-files.js';

export interface SendJobDeps {
  store: Store;
  connectorFor: (channel: Channel) => Connector | undefined;
  /** OWNER_LANGUAGE: the refusals below are shown on the owner's card. */
  ownerLanguage?: string;
  /** Signs the download links of a reply's files; without it files go only as attachments. */
  fileLink?: FileLinker;
  fileTtlMs?: number;
}

/** No desk route to sign for (tests without one): a link nobody can open, so no channel relies on it. */
const NO_LINK: FileLinker = () => '';

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
  // The links expire with the files: FILE_LINK_TTL after the Send (the job's creation).
  const shared = outbound?.attachments.length
    ? await loadOutboundFiles(
        store,
        job.channel,
        outbound.attachments,
        deps.fileLink ?? NO_LINK,
        new Date(job.createdAt.getTime() + (deps.fileTtlMs ?? DEFAULT_FILE_TTL_MS)),
      )
    : undefined;
  if (shared?.missing.length)
    return {
      kind: 'rejected',
      reason: fillTemplate(t.files.fileGone, { names: shared.missing.join(', ') }),
    };
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
      ...(shared?.files.length ? { files: shared.files } : {}),
    });
  } catch (err) {
    // An exception is an infrastructure failure: worth another try.
    return { kind: 'retry', reason: (err as Error).message || 'send failed' };
  }
}
