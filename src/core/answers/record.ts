/**
 * A remembered answer: a reply the owner edited or wrote, trimmed to what is general
 * (names, order numbers and dates as `[[blanks]]`), kept per language with the question(s)
 * it answered, so later drafts for similar questions start from the owner's own words.
 */
import type { Intent } from '../model.js';

export interface RememberedAnswer {
  id: string;
  /** `en` or `zh`: a remembered answer only ever drafts for a question in its own language. */
  language: string;
  intent: Intent;
  /** The customer questions it answered (the first is the one it was remembered from). */
  questions: string[];
  /** The reply, possibly with `[[blanks]]` re-filled from each new message. */
  text: string;
  /** The draft it was remembered from and that thread's customer (the card links there). */
  draftId: string;
  customerId: string;
  /** When the original reply was sent ("from your answer of 3 Dec"). */
  answeredAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /**
   * The owner set it to send by itself (`/cs autopilot on`); it does only while it still
   * qualifies (src/core/answers/autopilot.ts). Absent: off. A put without it turns it off.
   */
  autopilot?: boolean;
}

/** What a draft was made from, when it was a remembered answer (shown on its card). */
export interface DraftBasis {
  answerId: string;
  answeredAt: Date;
  /** The customer whose thread holds the original answer. */
  customerId: string;
  /** The draft the answer was remembered from (consoles link its card where they can). */
  draftId?: string;
  /** Match quality 0..1. */
  score: number;
  /** Autopilot: when it sends itself unless the owner cancels or decides first. */
  autoSendAt?: Date;
}

/** What Remember's modal opens with, or why the reply can't be remembered. */
export type RememberPrefill =
  { kind: 'ok'; draftId: string; text: string; language: string } | { kind: 'rejected'; reason: string };
