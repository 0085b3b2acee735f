/** What one delivery attempt's result makes of its job: sent, failed, or pending with a backoff. */
import type { OutboxJob } from './model.js';
import type { SendResult, Store } from './ports.js';

export type FinishPatch = Parameters<Store['finishJob']>[2];

export interface OutcomePolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Random in [0, 1). */
  random: () => number;
}

export function outcomeOf(job: OutboxJob, result: SendResult, now: Date, policy: OutcomePolicy): FinishPatch {
  const attempts = job.attempts + 1;
  if (result.kind === 'sent') {
    return {
      status: 'sent',
      attempts,
      nextAttemptAt: now,
      delivery: result.delivery ?? 'sent',
      ...(result.externalId ? { externalId: result.externalId } : {}),
    };
  }
  if (result.kind === 'rejected' || attempts >= policy.maxAttempts) {
    return { status: 'failed', attempts, nextAttemptAt: now, delivery: 'failed', lastError: result.reason };
  }
  const delay = result.retryAfterMs ?? backoff(attempts, policy);
  return {
    status: 'pending',
    attempts,
    nextAttemptAt: new Date(now.getTime() + delay),
    delivery: 'queued',
    lastError: result.reason,
  };
}

function backoff(attempts: number, policy: OutcomePolicy): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  // "Full jitter" keeps many failed jobs from retrying in lockstep.
  return Math.round(exp / 2 + policy.random() * (exp / 2));
}
