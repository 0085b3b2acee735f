/**
 * Posting a keyed card exactly once, across a crash. chat.postMessage has no idempotency
 * key, so a desk killed after Slack accepted a post but before it stored the post's ts
 * would post the card again when the message is re-presented. Every keyed post therefore
 * carries message metadata naming its card, and records `posting:<key>` (the attempt's
 * time) before it is sent. Only when a card has such a mark but no stored ts — an attempt
 * that never finished — is the thread (or, for a root, the channel) read back since that
 * time for a message carrying the card's key, and that message is adopted instead of
 * posting again. The normal path costs one store write and no extra Slack call.
 */
import type { webApi } from '@slack/bolt';
import type { Clock, Logger } from '../../core/ports.js';
import type { MessageRef, SlackPoster } from './poster.js';
import type { SlackRefs } from './refs.js';

export const CARD_EVENT_TYPE = 'solodesk_card';

/** Slack and our clock may disagree a little: look back this much before the attempt. */
const SKEW_SECONDS = 300;
/** A retry reads at most this many pages of 200 messages (recent ones: `oldest` bounds it). */
const MAX_PAGES = 5;

type PostArgs = webApi.ChatPostMessageArguments;

export function cardMetadata(key: string) {
  return { event_type: CARD_EVENT_TYPE, event_payload: { card: key } };
}

interface ListedMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export class CardPoster {
  constructor(
    private readonly poster: SlackPoster,
    private readonly refs: SlackRefs,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Posts the card, or adopts the post an unfinished earlier attempt made (`adopted`). */
  async post(key: string | undefined, args: PostArgs): Promise<{ ref: MessageRef; adopted: boolean }> {
    if (!key) return { ref: await this.poster.post(args), adopted: false };
    const since = await this.refs.posting(key);
    if (since !== undefined) {
      const found = await this.find(key, args.channel, args.thread_ts, since);
      if (found) {
        this.logger.info({ card: key.split(':')[0] }, 'slack card already posted: adopting it');
        return { ref: found, adopted: true };
      }
    }
    await this.refs.setPosting(key, this.clock.now());
    const ref = await this.poster.post({ ...args, metadata: cardMetadata(key) } as PostArgs);
    return { ref, adopted: false };
  }

  private async find(
    key: string,
    channel: string,
    threadTs: string | undefined,
    since: number,
  ): Promise<MessageRef | undefined> {
    const oldest = String(Math.max(0, since - SKEW_SECONDS));
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const base = { channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
      const res = threadTs
        ? await this.poster.replies({ ...base, ts: threadTs })
        : await this.poster.history(base);
      const messages = (res.messages ?? []) as ListedMessage[];
      const hit = messages.find(
        (m) => m.metadata?.event_type === CARD_EVENT_TYPE && m.metadata.event_payload?.['card'] === key,
      );
      if (hit?.ts) return { channel, ts: hit.ts };
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }
}
