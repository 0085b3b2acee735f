/**
 * The Discord owner console: one forum post per customer in DISCORD_FORUM_CHANNEL_ID,
 * cards with Send / Edit / Send via… / Discard, Resolve / Reopen on the customer card,
 * owner free text turned into pending replies, and `/cs stats|help`.
 *
 * The discord.js Client is injected, never created here: the Discord DM connector rides
 * on the same gateway session (one bot token, one session). src/compose builds it with
 * connectors/discord/client.ts and hands the same handle to both.
 */
import type { Client } from 'discord.js';
import type { Command } from '../../../commands/command.js';
import { CHANNELS } from '../../core/model.js';
import type { Clock, Console, DeskApi, DeskEvent, Logger, OwnerPost, Pacer } from '../../core/ports.js';
import type { DeskNotice } from '../../core/desk-notice.js';
import { label, type OwnerLanguage } from '../card.js';
import { deskNoticeText } from '../desk-notice-text.js';
import type { ConsoleModule } from '../module.js';
import { ForumPosts } from './forum.js';
import { createHandlers } from './interactions.js';
import { discordFileFetcher } from './file-share.js';
import { DISCORD_CONSOLE_PACE, DiscordPublisher } from './publisher.js';
import { DiscordRefs } from './refs.js';
import { renderCommandReply } from './render.js';
import { SLASH_NAME } from './slash.js';

export { slashCommand, SLASH_NAME } from './slash.js';

/** The shared client handle (connectors/discord/client.ts has the implementation). */
export interface SharedDiscordClient {
  readonly client: Client;
  acquire(): Promise<Client>;
  release(): Promise<void>;
}

export interface DiscordConsoleOptions {
  client: SharedDiscordClient;
  guildId: string;
  forumChannelId: string;
  /** Discord user ids allowed to act (DISCORD_OWNER_IDS). */
  ownerIds: readonly string[];
  /** Members with this role may act too (DISCORD_OWNER_ROLE_ID). */
  ownerRoleId?: string;
  language: OwnerLanguage;
  timeZone?: string;
  /** The slash command's name; default `cs`. */
  commandName?: string;
}

export interface DiscordConsoleDeps {
  logger: Logger;
  pacer: Pacer;
  clock: Clock;
  commands: readonly Command[];
}

export interface DiscordConsole extends Console {
  /** Waits until every event published so far is on Discord (tests, shutdown). */
  drain(): Promise<void>;
}

export function createDiscordConsole(
  options: DiscordConsoleOptions,
  deps: DiscordConsoleDeps,
): ConsoleModule & { console: DiscordConsole } {
  if (options.ownerIds.length === 0 && !options.ownerRoleId) {
    throw new Error('Discord console: set DISCORD_OWNER_IDS or DISCORD_OWNER_ROLE_ID, or nobody could act');
  }
  const logger = deps.logger.child({ console: 'discord' });
  deps.pacer.define(DISCORD_CONSOLE_PACE);
  let desk: DeskApi | undefined;
  let client: Client | undefined;
  let publisher: DiscordPublisher | undefined;
  let forumPosts: ForumPosts | undefined;
  let handlers: ReturnType<typeof createHandlers> | undefined;

  const console: DiscordConsole = {
    name: 'discord',

    async start(api: DeskApi) {
      desk = api;
      const refs = new DiscordRefs(api.refs);
      client = await options.client.acquire();
      const forum = new ForumPosts(client, options.forumChannelId, options.language, logger);
      await forum.init(CHANNELS);
      forumPosts = forum;
      publisher = new DiscordPublisher(forum, refs, () => desk, deps.pacer, logger, {
        language: options.language,
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        mentionIds: options.ownerIds,
        guildId: options.guildId,
      });
      handlers = createHandlers({
        desk: () => desk,
        refs,
        logger,
        commands: deps.commands,
        ownerIds: new Set(options.ownerIds),
        ...(options.ownerRoleId ? { ownerRoleId: options.ownerRoleId } : {}),
        language: options.language,
        guildId: options.guildId,
        forumId: options.forumChannelId,
        commandName: options.commandName ?? SLASH_NAME,
        files: discordFileFetcher(client.options.rest?.api),
      });
      client.on('interactionCreate', handlers.onInteraction);
      client.on('messageCreate', handlers.onMessage);
      logger.info({ forum: options.forumChannelId }, 'discord console ready');
    },

    async stop() {
      await publisher?.drain();
      if (client && handlers) {
        client.off('interactionCreate', handlers.onInteraction);
        client.off('messageCreate', handlers.onMessage);
      }
      if (client) await options.client.release();
      client = undefined;
      handlers = undefined;
    },

    async publish(event: DeskEvent) {
      if (!publisher) {
        logger.warn({ event: event.type }, 'discord console not started: event not shown');
        return;
      }
      await publisher.publish(event);
    },

    async announce(notice: DeskNotice) {
      if (!forumPosts) {
        logger.warn({ notice: notice.kind }, 'discord console not started: notice not shown');
        return;
      }
      const posts = forumPosts;
      const title = `ℹ️ ${label(options.language, 'notice')}`;
      await deps.pacer.schedule(DISCORD_CONSOLE_PACE.rule, 'desk', () =>
        posts.announce(title, { content: deskNoticeText(notice, options.language) }),
      );
    },

    async drain() {
      await publisher?.drain();
    },

    /** /cs forget: the customer's forum post is deleted with all its messages. */
    async forget(customerId: string) {
      if (!desk || !forumPosts) return;
      const threadId = await new DiscordRefs(desk.refs).post(customerId);
      const thread = threadId ? await forumPosts.thread(threadId) : undefined;
      await thread?.delete();
    },

    /** The daily digest: a forum post of its own. */
    async publishPost(post: OwnerPost) {
      if (!forumPosts) return;
      const posts = forumPosts;
      await deps.pacer.schedule(DISCORD_CONSOLE_PACE.rule, 'desk', () =>
        posts.announce(post.title, renderCommandReply(post)),
      );
    },
  };

  return { console };
}
