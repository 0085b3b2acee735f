/**
 * Discord does not replay DMs sent while the bot was offline: a new gateway session only
 * carries what happens from then on. So the connector remembers, per DM channel, the last
 * message it stored (in the desk's cursor store when there is one) and on every fresh
 * session reads each channel's history after that point. The intake dedupes on the
 * message id, so overlap with live events is harmless.
 */
import type { Client, Message } from 'discord.js';
import type { ConnectorCursors } from '../module.js';
import type { Logger } from '../../src/core/ports.js';

const CURSOR = 'discord:dm-last-seen';
/** Channels remembered; the quietest are forgotten first. */
const MAX_CHANNELS = 500;
const PAGE = 100;

const newer = (a: string, b: string | undefined) => b === undefined || BigInt(a) > BigInt(b);

export class DmCursor {
  private readonly last = new Map<string, string>();
  /**
   * Per channel, the oldest message that could not be stored. The cursor never moves past it:
   * it advances only over consecutive successes, so the next catch-up reads it again.
   */
  private readonly blocked = new Map<string, string>();
  private loaded = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly cursors: ConnectorCursors | undefined) {}

  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const raw = await this.cursors?.get(CURSOR);
    if (!raw) return;
    try {
      for (const [channel, id] of Object.entries(JSON.parse(raw) as Record<string, string>)) {
        if (/^\d+$/.test(channel) && /^\d+$/.test(id)) this.last.set(channel, id);
      }
    } catch {
      // A damaged cursor only costs the catch-up; live messages still flow.
    }
  }

  /** Records that `messageId` in `channelId` could not be stored: the cursor stays before it. */
  failed(channelId: string, messageId: string): void {
    const blocked = this.blocked.get(channelId);
    if (blocked === undefined || BigInt(messageId) < BigInt(blocked)) this.blocked.set(channelId, messageId);
  }

  /** Whether some message of a channel is waiting to be stored again. */
  hasFailures(): boolean {
    return this.blocked.size > 0;
  }

  /**
   * Records that `messageId` in `channelId` is stored; persists in call order. Behind an
   * unstored message it changes nothing; the unstored message itself, once stored, clears the
   * block and becomes the cursor (what follows it is read again and deduped by the intake).
   */
  seen(channelId: string, messageId: string): Promise<void> {
    const blocked = this.blocked.get(channelId);
    if (blocked !== undefined) {
      if (BigInt(messageId) > BigInt(blocked)) return this.writing;
      if (messageId === blocked) this.blocked.delete(channelId);
    }
    if (!newer(messageId, this.last.get(channelId))) return this.writing;
    this.last.set(channelId, messageId);
    if (this.last.size > MAX_CHANNELS) {
      const quietest = this.channels().at(-1);
      if (quietest) this.last.delete(quietest[0]);
    }
    const snapshot = JSON.stringify(Object.fromEntries(this.last));
    this.writing = this.writing.then(() => this.cursors?.set(CURSOR, snapshot)).catch(() => undefined);
    return this.writing;
  }

  /** [channel, last stored message], most recently active first. */
  channels(): [string, string][] {
    const positions = new Map(this.last);
    // A channel whose very first DM failed has no cursor yet: read it from just before that DM.
    for (const [channel, id] of this.blocked) {
      if (!positions.has(channel)) positions.set(channel, String(BigInt(id) - 1n));
    }
    return [...positions].sort((a, b) => (BigInt(b[1]) > BigInt(a[1]) ? 1 : -1));
  }
}

/** Feeds every DM newer than the cursor to `deliver`, oldest first, channel by channel. */
export async function catchUp(
  client: Client,
  cursor: DmCursor,
  deliver: (message: Message) => Promise<void>,
  logger: Logger,
): Promise<number> {
  let delivered = 0;
  for (const [channelId, lastId] of cursor.channels()) {
    try {
      const channel = await client.channels.fetch(channelId);
      if (!channel || !channel.isDMBased() || !channel.isTextBased()) continue;
      let after = lastId;
      for (;;) {
        const page = await channel.messages.fetch({ after, limit: PAGE, cache: false });
        const ordered = [...page.values()].sort((a, b) => (BigInt(a.id) > BigInt(b.id) ? 1 : -1));
        for (const message of ordered) {
          await deliver(message);
          delivered += 1;
        }
        const lastMessage = ordered.at(-1);
        if (!lastMessage || ordered.length < PAGE) break;
        after = lastMessage.id;
      }
    } catch (error) {
      logger.warn({ channelId, err: (error as Error).message }, 'discord dm catch-up failed for a channel');
    }
  }
  return delivered;
}
