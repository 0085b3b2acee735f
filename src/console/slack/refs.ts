/**
 * What the Slack console remembers, kept in the desk's store through `desk.refs` so it
 * survives restarts (console name `slack`):
 *
 *   root:<customerId>         → <channel>:<ts>  the customer's thread root (customer card)
 *   thread:<channel>:<ts>     → <customerId>    every root ever made, so old threads keep working
 *   card:<card key>           → <channel>:<ts>  a thread post updated in place (draft:…, job:…)
 *   decision:<draftId>        → JSON Decision   to redraw a decided card when delivery changes
 *   active:<customerId>       → ISO time        last inbound post, for the "old thread" rule
 *   note:<channel>:<ts>       → <draftId>       an owner note already turned into a pending reply
 *   posting:<card key>        → epoch seconds   a keyed post was about to be made (see card-post.ts)
 */
import type { ConsoleRefs } from '../../core/ports.js';
import type { MessageRef } from './poster.js';

export const CONSOLE_NAME = 'slack';

function parseRef(value: string | undefined): MessageRef | undefined {
  if (!value) return undefined;
  const i = value.indexOf(':');
  if (i <= 0) return undefined;
  return { channel: value.slice(0, i), ts: value.slice(i + 1) };
}

const formatRef = (ref: MessageRef) => `${ref.channel}:${ref.ts}`;

export class SlackRefs {
  constructor(private readonly refs: ConsoleRefs) {}

  private get(key: string) {
    return this.refs.get(CONSOLE_NAME, key);
  }

  private set(key: string, value: string) {
    return this.refs.set(CONSOLE_NAME, key, value);
  }

  async root(customerId: string): Promise<MessageRef | undefined> {
    return parseRef(await this.get(`root:${customerId}`));
  }

  async setRoot(customerId: string, ref: MessageRef): Promise<void> {
    await this.set(`thread:${formatRef(ref)}`, customerId);
    await this.set(`root:${customerId}`, formatRef(ref));
  }

  customerOfThread(channel: string, threadTs: string): Promise<string | undefined> {
    return this.get(`thread:${channel}:${threadTs}`);
  }

  async card(key: string): Promise<MessageRef | undefined> {
    return parseRef(await this.get(`card:${key}`));
  }

  setCard(key: string, ref: MessageRef): Promise<void> {
    return this.set(`card:${key}`, formatRef(ref));
  }

  /** When a post of this card was last attempted (epoch seconds), so a retry can look for it. */
  async posting(key: string): Promise<number | undefined> {
    const raw = await this.get(`posting:${key}`);
    const seconds = raw ? Number(raw) : NaN;
    return Number.isFinite(seconds) ? seconds : undefined;
  }

  setPosting(key: string, at: Date): Promise<void> {
    return this.set(`posting:${key}`, String(Math.floor(at.getTime() / 1000)));
  }

  async lastActive(customerId: string): Promise<Date | undefined> {
    const raw = await this.get(`active:${customerId}`);
    const date = raw ? new Date(raw) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
  }

  setActive(customerId: string, at: Date): Promise<void> {
    return this.set(`active:${customerId}`, at.toISOString());
  }

  noteDraft(channel: string, ts: string): Promise<string | undefined> {
    return this.get(`note:${channel}:${ts}`);
  }

  setNoteDraft(channel: string, ts: string, draftId: string): Promise<void> {
    return this.set(`note:${channel}:${ts}`, draftId);
  }
}
