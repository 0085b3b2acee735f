/**
 * Renders desk events into the support channel: one root message per customer (the
 * customer card, updated in place) and everything else as posts in that root's thread.
 * Work for one customer runs in order; different customers proceed in parallel.
 *
 * Visibility (decided here, see README "### Slack"): an inbound post is broadcast to the
 * channel (reply_broadcast) when its urgency is high, or when the customer's thread had
 * no inbound message for `broadcastAfterMs` (default 24 h), so a new message in an old
 * thread is not buried. Everything else stays in the thread.
 */
import { answerText } from '../card-answers.js';
import { KeyedQueue } from '../../core/keyed-queue.js';
import type { Clock, CustomerView, DeskApi, DeskEvent, Logger } from '../../core/ports.js';
import { cardsFor, customerCard, type Card, type CardContext, type OwnerLanguage } from '../card.js';
import { cardContext } from '../card-context.js';
import { renderCard } from './blocks.js';
import { CardPoster } from './card-post.js';
import type { MessageRef, SlackPoster } from './poster.js';
import type { SlackRefs } from './refs.js';
import { slackLabel } from './slack-labels.js';
import { withMention } from './mention.js';

export interface PublisherOptions {
  channelId: string;
  language: OwnerLanguage;
  timeZone?: string;
  broadcastAfterMs: number;
  /** Attachments carried inline up to this size are uploaded into the thread; larger ones are listed. */
  maxUploadBytes: number;
  /** Who a reply-due reminder mentions (SLACK_OWNER_IDS). */
  mentionIds?: readonly string[];
}

export class SlackPublisher {
  private readonly queue = new KeyedQueue();
  private readonly cards: CardPoster;

  constructor(
    private readonly poster: SlackPoster,
    private readonly refs: SlackRefs,
    private readonly desk: () => DeskApi | undefined,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: PublisherOptions,
  ) {
    this.cards = new CardPoster(poster, refs, clock, logger);
  }

  publish(event: DeskEvent): Promise<void> {
    return this.queue.run(event.view.customer.id, () => this.render(event));
  }

  /** Waits for everything queued so far. */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private context(event: DeskEvent): Promise<CardContext> {
    const { language, timeZone } = this.options;
    return cardContext(this.desk(), event, { language, ...(timeZone ? { timeZone } : {}) });
  }

  private async render(original: DeskEvent): Promise<void> {
    const event = await this.withPointerLink(original);
    const cards = cardsFor(event, await this.context(event));
    for (const card of cards) {
      if (card.refs.basisCustomerId) await this.linkBasis(card);
      if (card.kind === 'customer') await this.upsertRoot(event.view, card);
      else await this.upsertPost(event, card);
    }
  }

  /** A draft from a remembered answer links the thread where the owner first gave it. */
  private async linkBasis(card: Card): Promise<void> {
    const root = await this.refs.root(card.refs.basisCustomerId ?? '');
    const url = root ? await this.poster.permalink(root) : undefined;
    if (url) card.link = { label: answerText(this.options.language, 'thread'), url };
  }

  /** A notice that points at another customer (a merge) links that customer's thread. */
  private async withPointerLink(event: DeskEvent): Promise<DeskEvent> {
    if (event.type !== 'notice' || !event.pointerTo) return event;
    const root = await this.refs.root(event.pointerTo);
    const link = root ? await this.poster.permalink(root) : undefined;
    return link ? { ...event, text: `${event.text}\n${link}` } : event;
  }

  /** The customer card is the thread root. A changed support channel gets a new root and a pointer. */
  private async upsertRoot(view: CustomerView, card: Card): Promise<MessageRef> {
    const { channelId, language } = this.options;
    const rendered = renderCard(card, language);
    const existing = await this.refs.root(view.customer.id);
    const moved = existing !== undefined && existing.channel !== channelId;
    if (existing && !moved && (await this.tryUpdate(existing, rendered))) return existing;
    // A new customer, a root deleted in Slack, or a changed support channel: a fresh root.
    const { ref: root, adopted } = await this.cards.post(card.key, {
      channel: channelId,
      ...rendered,
      unfurl_links: false,
      unfurl_media: false,
    });
    // An adopted root was drawn by the unfinished attempt: bring it up to date.
    if (adopted) await this.tryUpdate(root, rendered);
    await this.refs.setRoot(view.customer.id, root);
    if (moved) {
      // Never a broken thread: the old thread says where the customer went, and stays mapped.
      const link = await this.poster.permalink(root);
      const text = link
        ? slackLabel(language, 'threadMoved', { link })
        : slackLabel(language, 'threadMovedShort', { channel: channelId });
      await this.poster.post({ channel: existing.channel, thread_ts: existing.ts, text });
      this.logger.info(
        { customerId: view.customer.id, from: existing.channel, to: channelId },
        'slack thread moved',
      );
    }
    return root;
  }

  private async ensureRoot(view: CustomerView): Promise<{ root: MessageRef; created: boolean }> {
    const existing = await this.refs.root(view.customer.id);
    if (existing && existing.channel === this.options.channelId) return { root: existing, created: false };
    const root = await this.upsertRoot(view, customerCard(view, { language: this.options.language }));
    return { root, created: true };
  }

  private async upsertPost(event: DeskEvent, card: Card): Promise<void> {
    const { language } = this.options;
    const uploadable =
      card.kind === 'inbound'
        ? card.attachments.filter((a) => a.dataBase64 && a.size <= this.options.maxUploadBytes)
        : [];
    const rendered = withMention(
      renderCard(card, language, new Set(uploadable.map((a) => a.name))),
      card.mention ? (this.options.mentionIds ?? []) : [],
    );
    const existing = card.key ? await this.refs.card(card.key) : undefined;
    if (existing && (await this.tryUpdate(existing, rendered))) return;
    const { root, created } = await this.ensureRoot(event.view);
    const broadcast =
      card.kind === 'inbound' && (card.highlight || (!created && (await this.isStale(event.view))));
    const { ref: posted, adopted } = await this.cards.post(card.key, {
      channel: root.channel,
      thread_ts: root.ts,
      ...rendered,
      reply_broadcast: broadcast,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (adopted) await this.tryUpdate(posted, rendered);
    if (card.key) await this.refs.setCard(card.key, posted);
    if (card.kind === 'inbound') {
      await this.refs.setActive(event.view.customer.id, this.clock.now());
      for (const attachment of uploadable) {
        try {
          await this.poster.upload({
            channel: root.channel,
            threadTs: root.ts,
            filename: attachment.name,
            data: Buffer.from(attachment.dataBase64 ?? '', 'base64'),
          });
        } catch (err) {
          this.logger.warn(
            { customerId: card.customerId, err: (err as Error).message },
            'slack attachment upload failed',
          );
        }
      }
    }
  }

  /** Updates in place; false when Slack no longer has the message (deleted), so the caller posts anew. */
  private async tryUpdate(ref: MessageRef, rendered: ReturnType<typeof renderCard>): Promise<boolean> {
    try {
      await this.poster.update({ channel: ref.channel, ts: ref.ts, ...rendered });
      return true;
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code === 'message_not_found' || code === 'cant_update_message') {
        this.logger.warn({ code }, 'slack message to update is gone: posting a new one');
        return false;
      }
      throw err;
    }
  }

  private async isStale(view: CustomerView): Promise<boolean> {
    const last = await this.refs.lastActive(view.customer.id);
    if (!last) return false;
    return this.clock.now().getTime() - last.getTime() >= this.options.broadcastAfterMs;
  }
}
