/** What the attention features are configured with (built by config.ts from the environment). */
import type { BusinessHours } from './hours.js';
import type { ReplyDue } from './durations.js';

export const AUTO_ACK_MODES = ['off', 'outside-hours', 'always'] as const;
export type AutoAckMode = (typeof AUTO_ACK_MODES)[number];

export interface AttentionSettings {
  hours: BusinessHours;
  autoAck: AutoAckMode;
  /** At most one acknowledgement per conversation within this long. */
  ackEveryMs: number;
  /** Owner-written acknowledgement texts by language; `{when}` and `{zone}` are filled in. */
  ackTexts: Partial<Record<'en' | 'zh', string>>;
  replyDue: ReplyDue;
  remindAgainMs: number;
  /** Minutes after local midnight; undefined = no digest. */
  digestAt?: number;
  /** The owner's language, for reminders, notices and the digest. */
  ownerLanguage: 'en' | 'zh';
}
