/**
 * Renders desk events into the support forum: one post per customer (the customer card
 * is its starter message, edited in place), everything else as messages in that post.
 * Work for one customer runs in order, so two events can never open two posts for the
 * same customer; different customers proceed in parallel. Every REST call goes through
 * the shared pacer (Discord allows 5 messages per 5 s per channel) and discord.js honours
 * any 429 it still gets.
 */
import { DiscordAPIError, type ThreadChannel } from 'discord.js';
import type { CustomerView, DeskApi, DeskEvent, Logger, Pacer } from '../../core/ports.js';
import {
  cardsFor,
  customerCard,
  inboundCard,
  type Card,
  type CardContext,
  type OwnerLanguage,
} from '../card.js';
import { answerText } from '../card-answers.js';
import { cardContext } from '../card-context.js';
import type { ForumPosts } from './forum.js';
import { discordLabel } from './labels.js';
import { CREATE_SKEW_MS, cardNonce } from './post-once.js';
import type { DiscordRefs } from './refs.js';
import { KEYED_BODY_CHARS, renderCard, type RenderedMessage } from './render.js';

export const DISCORD_CONSOLE_PACE = {
  rule: 'discord:console',
  minTimeMs: 250,
  overallMinTimeMs: 20,
} as const;

export interface PublisherOptions {
  language: OwnerLanguage;
  timeZone?: string;
  /** Who a reply-due reminder mentions (DISCORD_OWNER_IDS). */
  mentionIds?: readonly string[];
  /** DISCORD_GUILD_ID: message links (https://discord.com/channels/<guild>/<thread>/<message>). */
  guildId?: string;
}

/** discord.js error codes we act on. */
const UNKNOWN_CHANNEL = 10003;
const UNKNOWN_MESSAGE = 10008;
const THREAD_ARCHIVED = 50083;

function codeOf(error: unknown): number | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;
}

export class DiscordPublisher {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly forum: ForumPosts,
    private readonly refs: DiscordRefs,
    private readonly desk: () => DeskApi | undefined,
    private readonly pacer: Pacer,
    private readonly logger: Logger,
    private readonly options: PublisherOptions,
  ) {}

  publish(event: DeskEvent): Promise<void> {
    const key = event.view.customer.id;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(
      () => this.render(event),
      () => this.render(event),
    );
    const settled = next.catch(() => undefined);
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }

  async drain(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }

  private paced<T>(threadId: string, task: () => Promise<T>): Promise<T> {
    return this.pacer.schedule(DISCORD_CONSOLE_PACE.rule, threadId, task);
  }

  private context(event: DeskEvent): Promise<CardContext> {
    const { language, timeZone } = this.options;
    return cardContext(this.desk(), event, {
      language,
      maxBodyChars: KEYED_BODY_CHARS,
      ...(timeZone ? { timeZone } : {}),
    });
  }

  private async render(event: DeskEvent): Promise<void> {
    const ctx = await this.context(event);
    for (const built of cardsFor(event, ctx)) {
      // An inbound message is shown whole (split or attached), not cut like cards edited in place.
      const card =
        built.kind === 'inbound' && event.type === 'inbound'
          ? inboundCard(event.view, event.message, { ...ctx, maxBodyChars: 100_000 })
          : built;
      if (card.refs.basisCustomerId) await this.linkBasis(card);
      if (card.kind === 'customer') await this.upsertPost(event.view, card);
      else await this.upsertCard(event.view, card);
    }
  }

  /**
   * A draft from a remembered answer links where the owner first gave it: that reply's card
   * when it is known, else the customer's post (as Slack links the thread).
   */
  private async linkBasis(card: Card): Promise<void> {
    const guild = this.options.guildId;
    if (!guild) return;
    const original = card.refs.basisDraftId
      ? await this.refs.card(`draft:${card.refs.basisDraftId}`)
      : undefined;
    const threadId = original?.threadId ?? (await this.refs.post(card.refs.basisCustomerId ?? ''));
    if (!threadId) return;
    const path = original ? `${original.threadId}/${original.messageId}` : threadId;
    card.link = {
      label: answerText(this.options.language, 'thread'),
      url: `https://discord.com/channels/${guild}/${path}`,
    };
  }

  /** Creates the customer's post, or redraws its starter message, tags and title. */
  private async upsertPost(view: CustomerView, card: Card): Promise<ThreadChannel> {
    const [first] = renderCard(card, this.options.language) as [RenderedMessage];
    const threadId = await this.refs.post(view.customer.id);
    const thread = threadId ? await this.forum.thread(threadId) : undefined;
    if (thread) {
      try {
        await this.edit(thread, thread.id, first);
      } catch (error) {
        // The starter message was deleted by hand: the post still works, only the card is gone.
        if (codeOf(error) !== UNKNOWN_MESSAGE) throw error;
        this.logger.warn({ customerId: view.customer.id }, 'discord customer card missing from its post');
      }
      await this.paced(thread.id, () => this.forum.refresh(thread, view));
      return thread;
    }
    const adopted = threadId ? undefined : await this.findUnfinished(view);
    if (adopted) {
      // The post an unfinished attempt made: map it, then draw the card as for any known post.
      await this.refs.setPost(view.customer.id, adopted.id);
      return this.upsertPost(view, card);
    }
    await this.refs.setPosting(view.customer.id, new Date());
    const created = await this.paced('forum', () => this.forum.create(view, first));
    await this.refs.setPost(view.customer.id, created.id);
    if (threadId) {
      // The old post was deleted: say so in the new one, so the history gap is explained.
      await this.paced(created.id, () =>
        created.send({ content: `-# ${discordLabel(this.options.language, 'threadMoved')}` }),
      );
      this.logger.info({ customerId: view.customer.id }, 'discord post recreated');
    }
    return created;
  }

  /** Only after a creation that was marked but never stored: one read of the active posts. */
  private async findUnfinished(view: CustomerView): Promise<ThreadChannel | undefined> {
    const since = await this.refs.posting(view.customer.id);
    if (since === undefined) return undefined;
    const found = await this.paced('forum', () =>
      this.forum.findCreated(view, since - CREATE_SKEW_MS, async (id) =>
        Boolean(await this.refs.customerOfThread(id)),
      ),
    );
    if (found)
      this.logger.info({ customerId: view.customer.id }, 'discord post already created: adopting it');
    return found;
  }

  private customerCard(view: CustomerView): Card {
    const desk = this.desk();
    return customerCard(view, {
      language: this.options.language,
      ...(this.options.timeZone ? { timeZone: this.options.timeZone } : {}),
      ...(desk ? { canCallBack: desk.canCallBack(view) } : {}),
    });
  }

  private async ensurePost(view: CustomerView): Promise<ThreadChannel> {
    const threadId = await this.refs.post(view.customer.id);
    const thread = threadId ? await this.forum.thread(threadId) : undefined;
    return thread ?? this.upsertPost(view, this.customerCard(view));
  }

  private async upsertCard(view: CustomerView, card: Card): Promise<void> {
    const parts = renderCard(card, this.options.language);
    const mentions = card.mention
      ? (this.options.mentionIds ?? []).filter((id) => /^\d{5,25}$/.test(id))
      : [];
    if (mentions.length > 0 && parts[0])
      parts[0] = {
        ...parts[0],
        content: `${mentions.map((id) => `<@${id}>`).join(' ')} ${parts[0].content}`,
      };
    const existing = card.key ? await this.refs.card(card.key) : undefined;
    // An inbound message never changes and its ref is stored after its last part: shown whole.
    if (existing && parts.length > 1 && card.kind === 'inbound') return;
    if (existing && parts.length === 1) {
      const thread = await this.forum.thread(existing.threadId);
      if (thread) {
        try {
          await this.edit(thread, existing.messageId, parts[0] as RenderedMessage);
          return;
        } catch (error) {
          if (codeOf(error) !== UNKNOWN_MESSAGE) throw error;
          // Someone deleted the card: post it again below.
        }
      }
    }
    let thread = await this.ensurePost(view);
    let lastId = '';
    // Same card, part and thread → same nonce: a retry after a crash gets the first message back.
    const nonce = (i: number, threadId: string) =>
      card.key ? cardNonce(card.key, i, threadId, existing?.messageId) : undefined;
    for (const [i, part] of parts.entries()) {
      try {
        lastId = await this.post(thread, part, nonce(i, thread.id));
      } catch (error) {
        if (codeOf(error) !== UNKNOWN_CHANNEL) throw error;
        thread = await this.upsertPost(view, this.customerCard(view));
        lastId = await this.post(thread, part, nonce(i, thread.id));
      }
    }
    if (card.key) await this.refs.setCard(card.key, { threadId: thread.id, messageId: lastId });
  }

  private async post(thread: ThreadChannel, part: RenderedMessage, nonce?: string): Promise<string> {
    const sent = await this.paced(thread.id, () =>
      thread.send({
        content: part.content,
        components: part.components,
        files: part.files,
        allowedMentions: part.allowedMentions,
        ...(nonce ? { nonce, enforceNonce: true } : {}),
      }),
    );
    return sent.id;
  }

  private async edit(thread: ThreadChannel, messageId: string, part: RenderedMessage): Promise<void> {
    const payload = {
      content: part.content,
      components: part.components,
      allowedMentions: part.allowedMentions,
    };
    try {
      await this.paced(thread.id, () => thread.messages.edit(messageId, payload));
    } catch (error) {
      if (codeOf(error) !== THREAD_ARCHIVED) throw error;
      // A quiet post auto-archives after a week; editing needs it open again.
      await this.paced(thread.id, () => thread.setArchived(false));
      await this.paced(thread.id, () => thread.messages.edit(messageId, payload));
    }
  }
}
