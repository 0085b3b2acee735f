/**
 * What the Discord console remembers, kept in the desk's store through `desk.refs` so it
 * survives restarts (console name `discord`):
 *
 *   post:<customerId>        → <threadId>       the customer's forum post (its starter message is the card)
 *   thread:<threadId>        → <customerId>     every post ever made, so old posts keep working
 *   card:<card key>          → <threadId>:<id>  a card updated in place (draft:…, job:…)
 *   decision:<draftId>       → JSON Decision    to redraw a decided card when delivery changes
 *   note:<messageId>         → <draftId>        owner text already turned into a pending reply
 *   posting:<customerId>     → epoch ms         a post was about to be created (see post-once.ts)
 */
import type { ConsoleRefs } from '../../core/ports.js';

export const CONSOLE_NAME = 'discord';

export interface PostedRef {
  threadId: string;
  messageId: string;
}

export class DiscordRefs {
  constructor(private readonly refs: ConsoleRefs) {}

  private get(key: string) {
    return this.refs.get(CONSOLE_NAME, key);
  }

  private set(key: string, value: string) {
    return this.refs.set(CONSOLE_NAME, key, value);
  }

  post(customerId: string): Promise<string | undefined> {
    return this.get(`post:${customerId}`);
  }

  async setPost(customerId: string, threadId: string): Promise<void> {
    await this.set(`thread:${threadId}`, customerId);
    await this.set(`post:${customerId}`, threadId);
  }

  customerOfThread(threadId: string): Promise<string | undefined> {
    return this.get(`thread:${threadId}`);
  }

  async card(key: string): Promise<PostedRef | undefined> {
    const raw = await this.get(`card:${key}`);
    const m = raw ? /^(\d+):(\d+)$/.exec(raw) : null;
    return m ? { threadId: m[1] as string, messageId: m[2] as string } : undefined;
  }

  setCard(key: string, ref: PostedRef): Promise<void> {
    return this.set(`card:${key}`, `${ref.threadId}:${ref.messageId}`);
  }

  /** When a post for the customer was last being created, so a retry can look for it. */
  async posting(customerId: string): Promise<number | undefined> {
    const raw = await this.get(`posting:${customerId}`);
    const ms = raw ? Number(raw) : NaN;
    return Number.isFinite(ms) ? ms : undefined;
  }

  setPosting(customerId: string, at: Date): Promise<void> {
    return this.set(`posting:${customerId}`, String(at.getTime()));
  }

  noteDraft(messageId: string): Promise<string | undefined> {
    return this.get(`note:${messageId}`);
  }

  setNoteDraft(messageId: string, draftId: string): Promise<void> {
    return this.set(`note:${messageId}`, draftId);
  }
}
