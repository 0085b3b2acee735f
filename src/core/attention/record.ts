/** What the store keeps per conversation for due times, reminders, snooze and acknowledgements. */
import type { Urgency } from '../model.js';

export interface AttentionRecord {
  conversationId: string;
  customerId: string;
  /** Set while the conversation waits for the owner: the first unanswered customer message. */
  waitingSince?: Date;
  urgency?: Urgency;
  dueAt?: Date;
  snoozedUntil?: Date;
  /** Reminders sent for the current wait. */
  reminders: number;
  remindedAt?: Date;
  /** The owner's last answer, and whether it came by the due time. */
  answeredAt?: Date;
  answeredInDue?: boolean;
  lastAckAt?: Date;
  updatedAt: Date;
}

/** Higher first: a wait keeps the most urgent message's due time. */
export const URGENCY_RANK: Record<Urgency, number> = { high: 0, normal: 1, low: 2 };
