/** Queues approved replies the way the owner does (a message in, its draft sent), for outbox tests. */
import type { Desk } from '../../src/app.js';
import type { InboundMessage, Store } from '../../src/core/ports.js';

const TELEGRAM_BOT_ID = '7000000042';
let n = 0;

/** A customer message on SMS (to `ourNumber`), Telegram (chat id) or email, as its connector stores it. */
export function inbound(
  channel: 'sms' | 'telegram' | 'email',
  who: string,
  ourNumber: string,
): InboundMessage {
  n += 1;
  const replyRef =
    channel === 'sms'
      ? `sms:${ourNumber}:${who}`
      : channel === 'telegram'
        ? `telegram:${TELEGRAM_BOT_ID}:${who}`
        : `email:support@shop.example:${who}`;
  return { channel, externalId: `in-${Date.now()}-${n}`, from: { address: who }, replyRef, text: 'hello' };
}

/** Stores an inbound message and sends its draft with `text`; returns the queued job's id. */
export async function approveReply(desk: Desk, message: InboundMessage, text: string): Promise<string> {
  const received = await desk.intake.receive(message);
  if (received.kind !== 'stored') throw new Error(`not stored: ${received.kind}`);
  await desk.intake.drain();
  const draft = (await desk.api.pendingDrafts()).find((d) => d.customerId === received.customerId);
  if (!draft) throw new Error('no draft');
  const decided = await desk.api.decide({
    draftId: draft.id,
    actor: { console: 'test', userId: 'U-owner' },
    action: 'edit_send',
    text,
  });
  if (decided.kind !== 'queued') throw new Error(`not queued: ${decided.kind}`);
  return decided.job.id;
}

/** Whether every job is finished (sent or failed). */
export async function settledIn(store: Store, jobIds: string[]): Promise<boolean> {
  const jobs = await Promise.all(jobIds.map((id) => store.getJob(id)));
  return jobs.every((j) => j?.status === 'sent' || j?.status === 'failed');
}
