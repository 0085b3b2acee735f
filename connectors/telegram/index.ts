/**
 * Telegram through the Bot API. Webhook mode when a secret is configured (POST
 * /telegram/webhook, registered with setWebhook at PUBLIC_URL on start), long polling
 * otherwise, confirming an update only after it is stored (PLATFORMS.md §7.31).
 * Identity: the private chat id. Reply refs: `telegram:<botId>:<chatId>`.
 */
import { splitFiles, withFileLinks } from '../../src/core/outbound-files.js';
import express, { type Express, type Request, type Response } from 'express';
import type { Channel, Customer } from '../../src/core/model.js';
import type {
  ConnectorHealth,
  Intake,
  OutboundMessage,
  SendCheck,
  SendResult,
} from '../../src/core/ports.js';
import type { ConnectorDeps, ConnectorModule } from '../module.js';
import {
  INLINE_FILE_MAX_BYTES,
  parseUpdate,
  updateSchema,
  type TelegramEvent,
  type Update,
} from './parse.js';
import { ratingKeyboard, ratingThanks } from './rating.js';
import { BotApi, sendText, TELEGRAM_PACING } from './send.js';
import { OWNER_STRINGS } from '../../src/core/owner-strings/index.js';
import type { PartsProgress } from '../send-parts.js';
import { isValidSecretToken, verifySecretHeader } from './verify.js';

export interface TelegramConnectorOptions {
  botToken: string;
  /** Enables webhook mode (1–256 of A–Z a–z 0–9 _ -). */
  webhookSecret?: string;
  /** Bot API base, default https://api.telegram.org (tests: the emulator). */
  apiUrl?: string;
  /** Long-polling wait in seconds (Telegram holds the request open up to this long). */
  pollTimeoutSec?: number;
  /** Pause after a failed poll or a failed store before trying again. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
  /** OWNER_LANGUAGE: the language of the reasons a failed send shows the owner (default en). */
  ownerLanguage?: 'en' | 'zh';
}

export const DEFAULT_TELEGRAM_API_URL = 'https://api.telegram.org';
export const WEBHOOK_PATH = '/telegram/webhook';
const ALLOWED_UPDATES = ['message', 'callback_query'];
/** Recently handled update ids: a redelivered callback must not rate twice. */
const RECENT_UPDATES = 1000;

export function createTelegramConnector(
  options: TelegramConnectorOptions,
  deps: ConnectorDeps,
): ConnectorModule {
  if (options.webhookSecret !== undefined && !isValidSecretToken(options.webhookSecret)) {
    throw new Error('TELEGRAM_WEBHOOK_SECRET must be 1–256 characters of A–Z, a–z, 0–9, _ and -');
  }
  const logger = deps.logger.child({ connector: 'telegram' });
  const botId = options.botToken.split(':')[0] ?? '';
  const api = new BotApi(
    (options.apiUrl ?? DEFAULT_TELEGRAM_API_URL).replace(/\/+$/, ''),
    options.botToken,
    options.fetch,
  );
  const mode: 'webhook' | 'polling' = options.webhookSecret ? 'webhook' : 'polling';
  const cursorName = `telegram:${botId}:offset`;
  const retryDelayMs = options.retryDelayMs ?? 5_000;
  const progress: PartsProgress<number> = new Map();
  const t = OWNER_STRINGS[options.ownerLanguage ?? 'en'].telegramSend;
  const recentUpdates = new Set<number>();
  let intake: Intake | undefined;
  let health: ConnectorHealth = { state: 'starting' };
  let abort: AbortController | undefined;
  let loop: Promise<void> | undefined;
  let webhookRetry: NodeJS.Timeout | undefined;

  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  async function inlineFiles(event: Extract<TelegramEvent, { kind: 'message' }>): Promise<void> {
    for (const file of event.files) {
      const attachment = event.message.attachments?.[file.index];
      if (!attachment || (file.size ?? 0) > INLINE_FILE_MAX_BYTES) continue;
      try {
        const info = await api.call<{ file_path?: string; file_size?: number }>('getFile', {
          file_id: file.fileId,
        });
        if (!info.ok || !info.result?.file_path) continue;
        if ((info.result.file_size ?? 0) > INLINE_FILE_MAX_BYTES) continue;
        // The size may be unstated (file_size is optional): the download itself is capped.
        const bytes = await api.download(info.result.file_path, { maxBytes: INLINE_FILE_MAX_BYTES });
        attachment.dataBase64 = bytes.toString('base64');
        attachment.size = bytes.length;
      } catch (error) {
        // The message is stored without the bytes rather than not at all.
        logger.warn({ err: (error as Error).name }, 'could not download a Telegram file');
      }
    }
  }

  async function handleCallback(
    event: Extract<TelegramEvent, { kind: 'callback' }>,
    target: Intake,
  ): Promise<void> {
    let recorded = false;
    try {
      if (event.rating && event.chatId) {
        const result = await target.rating({
          channel: 'telegram',
          address: event.chatId,
          score: event.rating.score,
          ...(event.rating.conversationId ? { conversationId: event.rating.conversationId } : {}),
        });
        recorded = result.kind === 'recorded';
        logger.info({ result: result.kind }, 'rating received');
      }
    } finally {
      // Always answered, or the customer's app keeps spinning (§7.29).
      const answer = await api
        .call('answerCallbackQuery', {
          callback_query_id: event.callbackId,
          ...(event.rating ? { text: ratingThanks(event.languageCode, recorded) } : {}),
        })
        .catch(() => undefined);
      if (!answer?.ok) logger.warn({ code: answer?.error_code }, 'answerCallbackQuery failed');
    }
    if (recorded && event.chatId && event.messageId !== undefined) {
      // Remove the buttons so the rating cannot be given twice from the same message.
      await api
        .call('editMessageReplyMarkup', {
          chat_id: event.chatId,
          message_id: event.messageId,
          reply_markup: { inline_keyboard: [] },
        })
        .catch(() => undefined);
    }
  }

  /** Stores one update; throws when it could not be stored (the update is then not confirmed). */
  async function processUpdate(update: Update, target: Intake): Promise<void> {
    if (recentUpdates.has(update.update_id)) return;
    const event = parseUpdate(update, botId);
    if (event.kind === 'message') {
      await inlineFiles(event);
      const result = await target.receive(event.message);
      logger.debug({ result: result.kind, attachments: event.files.length }, 'inbound message');
    } else if (event.kind === 'callback') {
      await handleCallback(event, target);
    }
    recentUpdates.add(update.update_id);
    if (recentUpdates.size > RECENT_UPDATES)
      recentUpdates.delete(recentUpdates.values().next().value as number);
  }

  async function pollLoop(signal: AbortSignal, target: Intake): Promise<void> {
    const stored = Number(await deps.cursors?.get(cursorName));
    let offset = Number.isInteger(stored) && stored > 0 ? stored : 0;
    const timeout = options.pollTimeoutSec ?? 25;
    // A webhook left over from an earlier run would make getUpdates fail with 409.
    await api
      .call(
        'deleteWebhook',
        { drop_pending_updates: false },
        AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      )
      .catch(() => undefined);
    while (!signal.aborted) {
      let reply;
      try {
        reply = await api.call<unknown[]>(
          'getUpdates',
          { offset, timeout, allowed_updates: ALLOWED_UPDATES },
          AbortSignal.any([signal, AbortSignal.timeout((timeout + 15) * 1000)]),
        );
      } catch (error) {
        if (signal.aborted) return;
        health = { state: 'down', detail: `getUpdates failed: ${(error as Error).name}` };
        await sleep(retryDelayMs, signal);
        continue;
      }
      if (!reply.ok || !Array.isArray(reply.result)) {
        health = { state: 'down', detail: `getUpdates: ${reply.description ?? reply.error_code}` };
        const wait = reply.parameters?.retry_after ? reply.parameters.retry_after * 1000 : retryDelayMs;
        await sleep(wait, signal);
        continue;
      }
      health = { state: 'up', detail: 'long polling' };
      for (const raw of reply.result) {
        if (signal.aborted) return;
        const update = updateSchema.safeParse(raw);
        const id = (raw as { update_id?: unknown }).update_id;
        try {
          if (update.success) await processUpdate(update.data, target);
        } catch (error) {
          // Not confirmed: the next getUpdates starts at this update again.
          logger.error({ err: (error as Error).message }, 'could not store a Telegram update; will retry');
          await sleep(retryDelayMs, signal);
          break;
        }
        if (typeof id === 'number') {
          offset = id + 1;
          await deps.cursors?.set(cursorName, String(offset)).catch((error: Error) => {
            logger.warn({ err: error.message }, 'could not persist the Telegram offset');
          });
        }
      }
    }
  }

  async function registerWebhook(): Promise<void> {
    const url = `${deps.publicUrl}${WEBHOOK_PATH}`;
    try {
      // Short timeout: the desk's start waits for this, and a retry follows anyway.
      const reply = await api.call(
        'setWebhook',
        {
          url,
          secret_token: options.webhookSecret,
          allowed_updates: ALLOWED_UPDATES,
          drop_pending_updates: false,
        },
        AbortSignal.timeout(5_000),
      );
      health = reply.ok
        ? { state: 'up', detail: 'webhook' }
        : { state: 'down', detail: `setWebhook: ${reply.description ?? reply.error_code}` };
    } catch (error) {
      health = { state: 'down', detail: `setWebhook failed: ${(error as Error).name}` };
    }
    if (health.state !== 'up') {
      logger.warn({ detail: health.detail }, 'Telegram webhook not registered; trying again in a minute');
      webhookRetry = setTimeout(() => void registerWebhook(), 60_000);
      webhookRetry.unref();
    }
  }

  async function onWebhook(req: Request, res: Response): Promise<void> {
    if (
      !options.webhookSecret ||
      !verifySecretHeader(req.get('x-telegram-bot-api-secret-token'), options.webhookSecret)
    ) {
      logger.warn({}, 'rejected a Telegram webhook without the right secret token');
      res.status(401).json({ error: 'Invalid secret token.' });
      return;
    }
    const target = intake;
    if (!target) {
      res.status(503).json({ error: 'Not ready.' });
      return;
    }
    let update: Update;
    try {
      const raw: unknown = Buffer.isBuffer(req.body) ? JSON.parse(req.body.toString('utf8')) : req.body;
      const parsed = updateSchema.safeParse(raw);
      if (!parsed.success) throw new Error('not an update');
      update = parsed.data;
    } catch {
      res.status(400).json({ error: 'Not a Telegram update.' });
      return;
    }
    try {
      await processUpdate(update, target);
    } catch (error) {
      logger.error(
        { err: (error as Error).message },
        'could not store a Telegram update; Telegram will retry',
      );
      res.status(500).json({ error: 'Could not store the update.' });
      return;
    }
    res.status(200).json({ ok: true });
  }

  function chatOf(replyRef: string): string | undefined {
    const [channel, , ...rest] = replyRef.split(':');
    const chatId = rest.join(':');
    return channel === 'telegram' && /^-?\d+$/.test(chatId) ? chatId : undefined;
  }

  return {
    connector: {
      name: 'telegram',
      channels: ['telegram'],
      pacing: TELEGRAM_PACING,

      async start(target: Intake) {
        intake = target;
        if (mode === 'webhook') {
          await registerWebhook();
          return;
        }
        abort = new AbortController();
        loop = pollLoop(abort.signal, target).catch((error: Error) => {
          health = { state: 'down', detail: error.message };
          logger.error({ err: error.message }, 'Telegram polling stopped');
        });
      },

      async stop() {
        clearTimeout(webhookRetry);
        abort?.abort();
        await loop;
        intake = undefined;
        health = { state: 'starting' };
      },

      health: () => health,

      canSend(channel: Channel, replyRef: string, _customer: Customer): SendCheck {
        if (channel !== 'telegram' || !chatOf(replyRef)) return { ok: false, reason: t.noChat };
        return { ok: true };
      },

      async send(message: OutboundMessage): Promise<SendResult> {
        const chatId = chatOf(message.replyRef);
        if (!chatId) return { kind: 'rejected', reason: t.notReference };
        // The owner's shared files: sendPhoto / sendDocument, or (over Telegram's limits) a link.
        const { attach, links } = splitFiles(message.files);
        const text = withFileLinks(message.text, links, message.language);
        if (!text.trim() && attach.length === 0) return { kind: 'rejected', reason: t.empty };
        const result = await sendText(
          {
            api,
            pacer: deps.pacer,
            sleep: (ms) => sleep(ms),
            progress,
            strings: t,
            ownerLanguage: options.ownerLanguage ?? 'en',
          },
          {
            jobId: message.jobId,
            chatId,
            text,
            ...(attach.length ? { files: attach } : {}),
            ...(message.purpose === 'rating_request'
              ? { replyMarkup: ratingKeyboard(message.conversationId) }
              : {}),
            ...(message.record ? { record: message.record } : {}),
          },
        );
        logger.info({ result: result.kind }, 'reply to Telegram');
        return result;
      },
    },

    mount(app: Express) {
      if (mode !== 'webhook') return;
      app.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: '1mb' }), onWebhook);
    },
  };
}
