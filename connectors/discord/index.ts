/**
 * Discord direct messages as a customer channel: a user who DMs the bot is a customer
 * like any other (identity = their Discord user id), replies go back as DMs, ratings are
 * buttons. The discord.js Client is injected (connectors/discord/client.ts) because the
 * Discord owner console rides on the same gateway session.
 */
import { splitFiles, withFileLinks } from '../../src/core/outbound-files.js';
import { createHash } from 'node:crypto';
import {
  DiscordAPIError,
  RateLimitError,
  type ButtonInteraction,
  type Client,
  type Interaction,
  type Message,
} from 'discord.js';
import type { ConnectorDeps, ConnectorModule } from '../module.js';
import type { Channel } from '../../src/core/model.js';
import { OWNER_STRINGS } from '../../src/core/owner-strings/index.js';
import { fillTemplate } from '../../src/core/template.js';
import type {
  ConnectorHealth,
  Intake,
  OutboundMessage,
  SendCheck,
  SendResult,
} from '../../src/core/ports.js';
import type { DiscordClientHandle } from './client.js';
import { DmCursor, catchUp } from './catch-up.js';
import { parseDmRef, toInbound } from './parse.js';
import { decodeRating, ratingRow, ratingThanks } from './rating.js';
import { DISCORD_MAX_CONTENT, splitMessage } from './split.js';

export { createDiscordClient, type DiscordClientHandle } from './client.js';

export interface DiscordConnectorOptions {
  /** The shared client (see client.ts); the connector acquires and releases it. */
  client: DiscordClientHandle;
  /** After a DM could not be stored, a catch-up reads it again this much later. Default 5 s. */
  retryDelayMs?: number;
  /** OWNER_LANGUAGE: a failed delivery's reason is shown on the owner's card. Default en. */
  ownerLanguage?: 'en' | 'zh';
}

/** Discord's per-channel message bucket is 5 per 5 s; the global cap is 50 requests/s. */
export const DISCORD_DM_PACE = { rule: 'discord:dm', minTimeMs: 1000, overallMinTimeMs: 20 } as const;

/** Codes for which a retry can never succeed. */
const PERMANENT_CODES = new Set([
  10003, // unknown channel
  10013, // unknown user
  50007, // cannot send messages to this user (DMs closed, no shared server, blocked)
  50035, // invalid form body
]);

export function createDiscordConnector(
  options: DiscordConnectorOptions,
  deps: ConnectorDeps,
): ConnectorModule {
  const logger = deps.logger.child({ connector: 'discord' });
  const lang = options.ownerLanguage ?? 'en';
  const t = OWNER_STRINGS[lang].discordDm;
  let intake: Intake | undefined;
  let client: Client | undefined;
  let state: ConnectorHealth['state'] = 'starting';
  let detail: string | undefined;

  const cursor = new DmCursor(deps.cursors);

  async function deliver(message: Message): Promise<void> {
    if (!intake) return;
    const inbound = toInbound(message, client?.user?.id);
    if (!inbound) return;
    try {
      const result = await intake.receive(inbound);
      // Handled (stored, a duplicate, or deliberately not taken in): the cursor may move on.
      await cursor.seen(message.channelId, message.id);
      logger.debug({ messageId: message.id, result: result.kind }, 'discord dm received');
    } catch (error) {
      // Not stored: the cursor stays before it (also when later DMs are stored), and a
      // catch-up soon reads it again.
      cursor.failed(message.channelId, message.id);
      logger.error({ messageId: message.id, err: errorInfo(error) }, 'discord dm could not be stored');
      scheduleRetry();
    }
  }

  const onMessage = (message: Message): void => {
    void deliver(message);
  };

  // One catch-up at a time; a request during a run schedules one more run.
  let catching: Promise<void> | undefined;
  let again = false;
  function runCatchUp(): void {
    if (catching) {
      again = true;
      return;
    }
    catching = (async () => {
      do {
        again = false;
        if (!client) return;
        const n = await catchUp(client, cursor, deliver, logger);
        if (n > 0) logger.info({ messages: n }, 'discord dms sent while offline caught up');
      } while (again);
    })()
      .catch((error: unknown) => logger.warn({ err: errorInfo(error) }, 'discord dm catch-up failed'))
      .finally(() => {
        catching = undefined;
      });
  }
  // A DM that could not be stored is read again by a catch-up a little later.
  let retryTimer: NodeJS.Timeout | undefined;
  function scheduleRetry(): void {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (client && cursor.hasFailures()) runCatchUp();
    }, options.retryDelayMs ?? 5_000);
    retryTimer.unref();
  }
  // A fresh session (not a resume) after a lost connection also missed events.
  const onShardReady = (): void => runCatchUp();

  const onInteraction = (interaction: Interaction): void => {
    if (interaction.inGuild() || !interaction.isButton()) return; // guild interactions: the console's
    const click = decodeRating(interaction.customId);
    if (!click) return;
    void handleRating(interaction, click).catch((error) =>
      logger.warn({ interactionId: interaction.id, err: errorInfo(error) }, 'discord rating failed'),
    );
  };

  async function handleRating(
    interaction: ButtonInteraction,
    click: NonNullable<ReturnType<typeof decodeRating>>,
  ) {
    // Acknowledge first: the 3-second deadline must not depend on the store.
    await interaction.deferUpdate();
    const result = await intake!.rating({
      channel: 'discord',
      address: interaction.user.id,
      ...(click.conversationId ? { conversationId: click.conversationId } : {}),
      score: click.score,
    });
    const thanks = ratingThanks(click.language, result.kind === 'recorded');
    const original = interaction.message.content;
    const content = `${original}\n\n${'★'.repeat(click.score)} ${thanks}`.slice(-DISCORD_MAX_CONTENT);
    await interaction.editReply({ content, components: [] });
  }

  const connector = {
    name: 'discord',
    channels: ['discord'] as const satisfies readonly Channel[],
    pacing: [DISCORD_DM_PACE],
    /** Discord returns the earlier message for a repeated nonce only "in the past few minutes". */
    resendDedupeMs: () => DISCORD_NONCE_WINDOW_MS,

    async start(target: Intake) {
      intake = target;
      state = 'starting';
      try {
        client = await options.client.acquire();
      } catch (error) {
        state = 'down';
        detail = 'gateway login failed';
        throw error;
      }
      await cursor.load();
      client.on('messageCreate', onMessage);
      client.on('interactionCreate', onInteraction);
      client.on('shardReady', onShardReady);
      runCatchUp();
      state = 'up';
      detail = undefined;
      logger.info({ bot: client.user?.id }, 'discord dm connector ready');
    },

    async stop() {
      if (!client) return;
      client.off('messageCreate', onMessage);
      client.off('interactionCreate', onInteraction);
      client.off('shardReady', onShardReady);
      clearTimeout(retryTimer);
      retryTimer = undefined;
      await catching;
      client = undefined;
      state = 'down';
      await options.client.release();
    },

    canSend(channel: Channel, replyRef: string): SendCheck {
      if (channel !== 'discord' || !parseDmRef(replyRef)) return { ok: false, reason: t.notDm };
      return { ok: true };
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      const userId = parseDmRef(message.replyRef);
      if (!userId) return { kind: 'rejected', reason: t.notDm };
      if (!client) return { kind: 'retry', reason: t.notStarted };
      const ready = client;
      // The owner's shared files: uploaded with the last part (multipart), or over Discord's
      // upload limit the signed link in the text.
      const { attach, links } = splitFiles(message.files);
      const text = withFileLinks(message.text, links, message.language);
      const parts = text.trim() ? splitMessage(text) : attach.length ? [''] : [];
      if (parts.length === 0) return { kind: 'rejected', reason: 'empty message' };
      const files = attach.map((f) => ({ attachment: Buffer.from(f.dataBase64, 'base64'), name: f.name }));
      const rating =
        message.purpose === 'rating_request' ? [ratingRow(message.language, message.conversationId)] : [];
      try {
        return await deps.pacer.schedule(
          DISCORD_DM_PACE.rule,
          userId,
          async (): Promise<SendResult> => {
            const dm = await ready.users.createDM(userId);
            let lastId = '';
            for (const [i, content] of parts.entries()) {
              const last = i === parts.length - 1;
              const sent = await dm.send({
                ...(content ? { content } : {}),
                components: last ? rating : [],
                ...(last && files.length ? { files } : {}),
                // Discord returns the earlier message for a repeated nonce instead of
                // posting again: an outbox retry after a crash cannot double-send.
                nonce: nonceFor(message.idempotencyKey, i),
                enforceNonce: true,
                allowedMentions: { parse: [] },
              });
              lastId = sent.id;
            }
            return { kind: 'sent', externalId: lastId, delivery: 'sent' };
          },
          parts.length,
        );
      } catch (error) {
        return classify(error, lang);
      }
    },

    health(): ConnectorHealth {
      return detail ? { state, detail } : { state };
    },
  };

  return { connector };
}

/**
 * How long a resend's nonce surely still finds the earlier message: Discord checks an enforced
 * nonce "for uniqueness in the past few minutes" (discord-api-docs, Create Message), so two.
 */
export const DISCORD_NONCE_WINDOW_MS = 2 * 60_000;

/** ≤25 characters, as Discord requires of a nonce. */
export function nonceFor(idempotencyKey: string, part: number): string {
  return createHash('sha256').update(`${idempotencyKey}:${part}`).digest('base64url').slice(0, 25);
}

function classify(error: unknown, lang: 'en' | 'zh'): SendResult {
  const t = OWNER_STRINGS[lang].discordDm;
  if (error instanceof RateLimitError)
    return { kind: 'retry', reason: t.rateLimited, retryAfterMs: error.retryAfter };
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : 0;
    const status = error.status;
    if (PERMANENT_CODES.has(code) || status === 403) {
      // English passes Discord's own words on (as it always did); Chinese explains the code.
      const known = t.codes[`c${code}` as keyof typeof t.codes] ?? t.codes.other;
      const detail = lang === 'en' && error.message ? error.message : known;
      return { kind: 'rejected', reason: fillTemplate(t.refused, { status, code, detail }) };
    }
    return { kind: 'retry', reason: fillTemplate(t.failed, { status, code }) };
  }
  const message = lang === 'en' && error instanceof Error ? error.message : '';
  return { kind: 'retry', reason: message || t.unavailable };
}

function errorInfo(error: unknown): { message: string; code?: unknown } {
  if (error instanceof DiscordAPIError) return { message: error.message, code: error.code };
  return { message: error instanceof Error ? error.message : String(error) };
}
