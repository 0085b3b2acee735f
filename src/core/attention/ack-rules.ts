/**
 * Whether a customer message may get an instant acknowledgement. Machine mail (auto-replies,
 * bounces, lists) never reaches the core from the email connector; the checks here are the
 * second line, so an acknowledgement can never start a loop whatever a connector lets through.
 */
import type { Channel, Customer, Message } from '../model.js';
import type { DeskState } from './away.js';
import type { AutoAckMode } from './settings.js';

/** Channels with a platform reply window: free text only within 24 h of the customer's message. */
export const WINDOWED: ReadonlySet<Channel> = new Set(['whatsapp', 'messenger', 'instagram']);
export const REPLY_WINDOW_MS = 24 * 3_600_000;

/** Keywords carriers treat as opt-out (and their Chinese forms); such a text is never answered. */
const OPT_OUT_WORDS = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'REVOKE',
  'START',
  'UNSTOP',
  'HELP',
  'INFO',
  '退订',
  'TD',
  '取消订阅',
]);
const AUTO_SUBJECT =
  /^(automatic reply|auto[- ]?reply|auto[- ]?response|autoreply|out of (the )?office|undeliver|delivery status notification|mail delivery failed|returned mail|自动回复|自動回覆|自动答复|退信)/i;
/** Header-derived flags a connector may pass in `meta` (RFC 3834, list mail). */
const MACHINE_META = ['auto-submitted', 'precedence', 'list-id', 'x-autoreply', 'x-autorespond'];

export type AckVerdict = { ack: true } | { ack: false; reason: string };

export interface AckInput {
  mode: AutoAckMode;
  state: DeskState;
  message: Pick<Message, 'channel' | 'kind' | 'text' | 'subject' | 'meta' | 'createdAt' | 'direction'>;
  customer: Pick<Customer, 'optedOut'>;
  now: Date;
  /** When this conversation was last acknowledged. */
  lastAckAt?: Date;
  everyMs: number;
}

export function ackVerdict(input: AckInput): AckVerdict {
  const { mode, state, message, now } = input;
  if (mode === 'off') return { ack: false, reason: 'off' };
  if (mode === 'outside-hours' && state.kind === 'open') return { ack: false, reason: 'open' };
  if (message.direction !== 'in') return { ack: false, reason: 'not inbound' };
  if (message.kind !== 'text' || message.channel === 'phone') return { ack: false, reason: 'not a text' };
  if (input.customer.optedOut.includes(message.channel)) return { ack: false, reason: 'opted out' };
  if (
    OPT_OUT_WORDS.has(
      message.text
        .trim()
        .toUpperCase()
        .replace(/[.!。！]+$/, ''),
    )
  )
    return { ack: false, reason: 'keyword' };
  if (message.subject && AUTO_SUBJECT.test(message.subject.trim()))
    return { ack: false, reason: 'machine mail' };
  const meta = Object.keys(message.meta).map((k) => k.toLowerCase());
  if (MACHINE_META.some((k) => meta.includes(k))) return { ack: false, reason: 'machine mail' };
  if (WINDOWED.has(message.channel) && now.getTime() - message.createdAt.getTime() >= REPLY_WINDOW_MS)
    return { ack: false, reason: 'window closed' };
  if (input.lastAckAt && now.getTime() - input.lastAckAt.getTime() < input.everyMs)
    return { ack: false, reason: 'recently acknowledged' };
  return { ack: true };
}
