/**
 * The attention figures for `/cs stats` and the digest: acknowledgements sent in a period,
 * the share of conversations answered within their due time, and how many are overdue now.
 */
import type { Attention } from './attention.js';

export interface AttentionFigures {
  acksSent: number;
  answered: number;
  answeredInDue: number;
  /** 0–100, when anything was answered in the period. */
  inDueShare?: number;
  /** Waiting now, past the due time and not snoozed. */
  overdueNow: number;
}

export async function attentionFigures(
  attention: Attention,
  from: Date,
  to: Date,
): Promise<AttentionFigures> {
  const { store, clock } = attention.deps;
  const now = clock.now().getTime();
  const [acksSent, answered, waiting] = await Promise.all([
    store.countMarks('ack:', from, to),
    store.listAnswered(from, to),
    store.listWaiting(10_000),
  ]);
  const answeredInDue = answered.filter((a) => a.answeredInDue).length;
  const overdueNow = waiting.filter(
    (w) =>
      w.dueAt !== undefined &&
      w.dueAt.getTime() <= now &&
      !(w.snoozedUntil !== undefined && w.snoozedUntil.getTime() > now),
  ).length;
  return {
    acksSent,
    answered: answered.length,
    answeredInDue,
    ...(answered.length > 0 ? { inDueShare: Math.round((answeredInDue / answered.length) * 100) } : {}),
    overdueNow,
  };
}
