/**
 * The support forum: one post per customer. Its starter message is the customer card;
 * forum tags show the status and the customer's channels (≤5 tags per post, §7.35).
 * Missing tags are created once at start when the bot may manage the channel; without
 * that permission the posts use whichever of our tags the forum already has.
 */
import {
  ChannelFlags,
  ChannelType,
  DiscordAPIError,
  SnowflakeUtil,
  type Client,
  type ForumChannel,
  type GuildForumTagData,
  type ThreadChannel,
} from 'discord.js';
import type { Channel } from '../../core/model.js';
import type { CustomerView, Logger } from '../../core/ports.js';
import { channelName, customerName, cutText, type OwnerLanguage } from '../card.js';
import { discordLabel } from './labels.js';
import type { RenderedMessage } from './render.js';

/** Discord allows 20 tags per forum and 5 per post. */
const MAX_FORUM_TAGS = 20;
const MAX_POST_TAGS = 5;
/** A week: posts of quiet customers drop out of the active list but reopen on the next message. */
const AUTO_ARCHIVE_MINUTES = 10080;

export class ForumPosts {
  private forum: ForumChannel | undefined;
  private readonly tagIds = new Map<string, string>();

  constructor(
    private readonly client: Client,
    private readonly forumId: string,
    private readonly lang: OwnerLanguage,
    private readonly logger: Logger,
  ) {}

  async init(channels: readonly Channel[]): Promise<void> {
    const channel = await this.client.channels.fetch(this.forumId);
    if (!channel || channel.type !== ChannelType.GuildForum) {
      throw new Error('DISCORD_FORUM_CHANNEL_ID is not a forum channel the bot can see');
    }
    this.forum = channel;
    const wanted = [discordLabel(this.lang, 'tagOpen'), discordLabel(this.lang, 'tagResolved')].concat(
      channels.map((c) => channelName(this.lang, c)),
    );
    const existing = channel.availableTags;
    const have = new Set(existing.map((t) => t.name.toLowerCase()));
    const missing = wanted
      .filter((name) => !have.has(name.toLowerCase()))
      .slice(0, Math.max(0, MAX_FORUM_TAGS - existing.length));
    if (missing.length > 0) {
      const tags: GuildForumTagData[] = [
        ...existing.map((t) => ({ id: t.id, name: t.name, moderated: t.moderated, emoji: t.emoji })),
        ...missing.map((name) => ({ name: cutText(name, 20).text })),
      ];
      try {
        await channel.setAvailableTags(tags);
      } catch (error) {
        this.logger.warn(
          { err: (error as Error).message },
          'discord forum tags could not be created (Manage Channels?)',
        );
      }
    }
    for (const t of this.forum.availableTags) this.tagIds.set(t.name.toLowerCase(), t.id);
  }

  /** Status first, then the customer's channels; never more than five. */
  tagsFor(view: CustomerView): string[] {
    const status = view.conversation?.status === 'resolved' ? 'tagResolved' : 'tagOpen';
    const names = [discordLabel(this.lang, status)];
    for (const identity of view.identities) names.push(channelName(this.lang, identity.channel));
    const ids = names.map((n) => this.tagIds.get(n.toLowerCase())).filter((id): id is string => Boolean(id));
    return [...new Set(ids)].slice(0, MAX_POST_TAGS);
  }

  threadName(view: CustomerView): string {
    const first = view.identities[0];
    const name = customerName(view, this.lang).replace(/\s+/g, ' ').trim() || view.customer.id;
    return cutText(first ? `${name} · ${channelName(this.lang, first.channel)}` : name, 100).text;
  }

  async create(view: CustomerView, first: RenderedMessage): Promise<ThreadChannel> {
    if (!this.forum) throw new Error('discord forum not initialised');
    return this.forum.threads.create({
      name: this.threadName(view),
      autoArchiveDuration: AUTO_ARCHIVE_MINUTES,
      appliedTags: this.tagsFor(view),
      message: {
        content: first.content,
        components: first.components,
        files: first.files,
        allowedMentions: first.allowedMentions,
      },
    });
  }

  /**
   * A post this forum got for the customer since `sinceMs` that no customer is mapped to
   * yet: what an unfinished earlier creation made (the desk died before storing its id).
   * Active posts only: a post made minutes ago has not been archived.
   */
  async findCreated(
    view: CustomerView,
    sinceMs: number,
    mapped: (threadId: string) => Promise<boolean>,
  ): Promise<ThreadChannel | undefined> {
    if (!this.forum) throw new Error('discord forum not initialised');
    const { threads } = await this.forum.threads.fetchActive(false);
    const name = this.threadName(view);
    const candidates = [...threads.values()]
      .filter((t) => t.parentId === this.forumId && t.name === name && t.ownerId === this.client.user?.id)
      .filter((t) => Number(SnowflakeUtil.timestampFrom(t.id)) >= sinceMs)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    for (const thread of candidates) if (!(await mapped(thread.id))) return thread;
    return undefined;
  }

  /**
   * A post of its own with no customer — a desk notice or the daily digest (a forum has no
   * place outside posts). A forum that requires a tag gets the status tag "open": it wants reading.
   */
  async announce(
    title: string,
    message: {
      content: string;
      embeds?: { title?: string; fields: { name: string; value: string; inline: boolean }[] }[];
    },
  ): Promise<ThreadChannel> {
    if (!this.forum) throw new Error('discord forum not initialised');
    const open = this.tagIds.get(discordLabel(this.lang, 'tagOpen').toLowerCase());
    const needsTag = this.forum.flags.has(ChannelFlags.RequireTag);
    return this.forum.threads.create({
      name: cutText(title, 100).text,
      autoArchiveDuration: AUTO_ARCHIVE_MINUTES,
      ...(needsTag && open ? { appliedTags: [open] } : {}),
      message: {
        content: cutText(message.content, 2000).text,
        ...(message.embeds ? { embeds: message.embeds } : {}),
        allowedMentions: { parse: [] },
      },
    });
  }

  /** The post, or undefined when it was deleted. */
  async thread(threadId: string): Promise<ThreadChannel | undefined> {
    try {
      const channel = await this.client.channels.fetch(threadId);
      return channel?.isThread() ? channel : undefined;
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.code === 10003 || error.status === 404))
        return undefined;
      throw error;
    }
  }

  /** Keeps tags and the title in step with the customer card, touching only what changed. */
  async refresh(thread: ThreadChannel, view: CustomerView): Promise<void> {
    const tags = this.tagsFor(view);
    const current = [...thread.appliedTags].sort().join(',');
    if (tags.length > 0 && current !== [...tags].sort().join(',')) await thread.setAppliedTags(tags);
    // Renames are limited to two per ten minutes a thread: only when the name really changes,
    // and never holding up the cards (a rate-limited rename just waits for the next change).
    const name = this.threadName(view);
    if (thread.name !== name) {
      void thread
        .setName(name)
        .catch((error: unknown) =>
          this.logger.warn(
            { threadId: thread.id, err: (error as Error).message },
            'discord post rename failed',
          ),
        );
    }
  }
}
