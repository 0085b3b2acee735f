/**
 * Reply references carry their origin: `<channel>:<our address>:<their address>`.
 * "Answer on the original channel" is then one lookup. Our address may be empty when the
 * connector should use its default (a reply sent via a channel the customer never wrote on).
 */
import { CHANNELS, type Channel } from './model.js';

export interface ReplyRef {
  channel: Channel;
  ours: string;
  theirs: string;
}

export function formatReplyRef(ref: ReplyRef): string {
  return `${ref.channel}:${ref.ours}:${ref.theirs}`;
}

/** Splits at the first two colons only: addresses such as `whatsapp:+1…` keep theirs. */
export function parseReplyRef(value: string): ReplyRef | undefined {
  const first = value.indexOf(':');
  const second = first < 0 ? -1 : value.indexOf(':', first + 1);
  if (second < 0) return undefined;
  const channel = value.slice(0, first);
  if (!(CHANNELS as readonly string[]).includes(channel)) return undefined;
  return {
    channel: channel as Channel,
    ours: value.slice(first + 1, second),
    theirs: value.slice(second + 1),
  };
}
