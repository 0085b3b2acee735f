/**
 * A job claimed again while its previous attempt may have reached the platform: that attempt
 * passed its SendRecord check (the send was going out) and neither a send marker nor an outcome
 * was stored after it — the desk died mid-send, or lost the job's lease while the platform was
 * answering. A channel that recognises a repeat of the same send (an idempotency key or nonce the
 * platform honours, a lookup of what was sent) is sent again by itself, as before; on any other
 * channel (Telegram, Messenger, …) a resend could reach the customer twice, so the job becomes
 * `uncertain` and the owner is asked on the card: Send again, or It arrived.
 */
import type { OutboxJob } from './model.js';
import type { FinishPatch } from './outbox-outcome.js';
import type { Connector } from './ports.js';

/** Whether the job's previous attempt may have reached the customer and a resend could repeat it. */
export function needsOwnerAnswer(job: OutboxJob, connector: Connector | undefined, now: Date): boolean {
  if (!job.attemptStartedAt) return false;
  const window = connector?.resendDedupeMs?.(job.channel) ?? 0;
  return now.getTime() - job.attemptStartedAt.getTime() > window;
}

/** The crashed attempt counts; the delivery stays as the card last showed it (it was sending). */
export function uncertainPatch(job: OutboxJob, now: Date): FinishPatch {
  return { status: 'uncertain', attempts: job.attempts + 1, nextAttemptAt: now, delivery: 'sending' };
}
