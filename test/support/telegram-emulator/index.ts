/**
 * A local stand-in for the Telegram Bot API (https://api.telegram.org/bot<token>/<method>)
 * and for Telegram's side of webhooks and long polling. It answers like the Bot API
 * ({ok, result} / {ok:false, error_code, description, parameters}), records every call and
 * checks the limits of PLATFORMS.md §4/§7.28–31 on each payload: text 1–4096, callback_data
 * 1–64 bytes, ≤1 message/s per chat and ≤30/s overall (429 with retry_after), secret_token
 * format, every callback query answered, getUpdates offset confirmation.
 * Limit breaches are refused like Telegram would and also listed in `violations`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal, readBody, sendJson, type LocalServer } from '../local-server.js';
import { messageProblem, SECRET_TOKEN, SendPace } from './limits.js';
import { parseMultipart, UPLOAD, uploadProblem, type UploadedFile } from './uploads.js';

export interface TelegramEmulatorOptions {
  token: string;
  /** Per-chat gap below which a send counts as too fast (ms). Timers and loopback jitter need a little slack. */
  perChatMinGapMs?: number;
}

export interface BotMessage {
  chatId: string;
  messageId: number;
  text: string;
  replyMarkup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
  at: number;
}

type Reply =
  { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: object };
type Update = Record<string, unknown> & { update_id: number };

export class TelegramEmulator {
  readonly calls: { method: string; params: Record<string, unknown> }[] = [];
  readonly sent: BotMessage[] = [];
  /** Files sent with sendPhoto / sendDocument (each also in `sent`). */
  readonly uploads: UploadedFile[] = [];
  readonly violations: string[] = [];
  /** Every getUpdates offset asked for, in order. */
  readonly offsets: number[] = [];
  /** Webhook deliveries and the HTTP status the desk answered. */
  readonly webhookDeliveries: { updateId: number; status: number }[] = [];
  readonly answered = new Map<string, { text?: string }>();
  readonly editedMarkup: { chatId: string; messageId: number }[] = [];
  webhook: { url: string; secret?: string } | undefined;
  /** A slow platform: sendMessage records at once but answers this many ms later. */
  responseDelayMs = 0;
  private readonly queue: Update[] = [];
  private readonly callbacks = new Set<string>();
  private readonly chats = new Set<string>();
  private readonly files = new Map<string, { path: string; bytes: Buffer }>();
  private readonly forced: { method: string; reply: Reply }[] = [];
  private waiters: (() => void)[] = [];
  private local: LocalServer | undefined;
  private nextUpdateId = 500_000_001;
  private nextMessageId = 1;

  /** Telegram's flood limits on sends; the gap leaves slack for timer and loopback jitter. */
  private readonly pace: SendPace;

  constructor(readonly options: TelegramEmulatorOptions) {
    this.pace = new SendPace(options.perChatMinGapMs ?? 800);
  }

  get apiUrl(): string {
    return this.local?.url ?? '';
  }

  get botId(): string {
    return this.options.token.split(':')[0] ?? '';
  }

  async start(): Promise<void> {
    this.local = await listenLocal((req, res) => void this.route(req, res));
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters) wake();
    await this.local?.close();
  }

  /** The next `count` calls of `method` get this reply (e.g. a 429 with retry_after). */
  failNext(method: string, count: number, reply: Reply): void {
    for (let i = 0; i < count; i++) this.forced.push({ method, reply });
  }

  /** Callback queries the bot never answered (§7.29). */
  unansweredCallbacks(): string[] {
    return [...this.callbacks].filter((id) => !this.answered.has(id));
  }

  /** Updates still waiting for getUpdates (not yet confirmed by an offset). */
  pending(): number[] {
    return this.queue.map((u) => u.update_id);
  }

  // ------------------------------------------------------------ the user's side

  /** A chat the bot may write to, as if the user had started it earlier. */
  openChat(chatId: number): void {
    this.chats.add(String(chatId));
  }

  userMessage(chatId: number, text: string, from: Record<string, unknown> = {}): Promise<Update> {
    return this.push({ message: this.messageBody(chatId, from, { text }) });
  }

  userPhoto(chatId: number, caption?: string, bytes = randomBytes(2048)): Promise<Update> {
    const small = this.addFile(randomBytes(256));
    const large = this.addFile(bytes);
    return this.push({
      message: this.messageBody(
        chatId,
        {},
        {
          photo: [
            { file_id: small.id, file_unique_id: `u${small.id}`, width: 90, height: 90, file_size: 256 },
            {
              file_id: large.id,
              file_unique_id: `u${large.id}`,
              width: 1280,
              height: 960,
              file_size: bytes.length,
            },
          ],
          ...(caption ? { caption } : {}),
        },
      ),
    });
  }

  /** The customer taps an inline button of one of the bot's messages. */
  tap(message: BotMessage, buttonIndex: number, languageCode = 'en'): Promise<Update> {
    const button = message.replyMarkup?.inline_keyboard?.flat()[buttonIndex];
    if (!button?.callback_data) throw new Error('no such button');
    const id = randomBytes(8).toString('hex');
    this.callbacks.add(id);
    return this.push({
      callback_query: {
        id,
        from: {
          id: Number(message.chatId),
          is_bot: false,
          first_name: 'Customer',
          language_code: languageCode,
        },
        chat_instance: '42',
        data: button.callback_data,
        message: {
          message_id: message.messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(message.chatId), type: 'private' },
        },
      },
    });
  }

  /**
   * A private-chat message update built but not delivered: the caller delivers it (and delivers
   * it again, as Telegram retries a webhook) with deliverWebhook.
   */
  userUpdate(chatId: number, text: string, from: Record<string, unknown> = {}): Update {
    return { update_id: this.nextUpdateId++, message: this.messageBody(chatId, from, { text }) };
  }

  /** Queues an update for getUpdates, or POSTs it to the webhook when one is set. */
  async push(body: Record<string, unknown>): Promise<Update> {
    const update: Update = { update_id: this.nextUpdateId++, ...body };
    if (this.webhook) {
      const status = await this.deliverWebhook(update, this.webhook.secret);
      this.webhookDeliveries.push({ updateId: update.update_id, status });
    } else {
      this.queue.push(update);
      for (const wake of this.waiters.splice(0)) wake();
    }
    return update;
  }

  /** POSTs an update to the registered webhook with the given secret header (undefined = none). */
  async deliverWebhook(update: Update, secret: string | undefined): Promise<number> {
    if (!this.webhook) throw new Error('no webhook set');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
    const response = await fetch(this.webhook.url, { method: 'POST', headers, body: JSON.stringify(update) });
    await response.text();
    return response.status;
  }

  private messageBody(chatId: number, from: Record<string, unknown>, content: Record<string, unknown>) {
    this.chats.add(String(chatId));
    return {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Customer' },
      from: { id: chatId, is_bot: false, first_name: 'Customer', language_code: 'en', ...from },
      ...content,
    };
  }

  private addFile(bytes: Buffer): { id: string } {
    const id = `F${randomBytes(6).toString('hex')}`;
    this.files.set(id, { path: `photos/${id}.jpg`, bytes });
    return { id };
  }

  // ------------------------------------------------------------ the Bot API

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      const found = [...this.files.values()].find((f) => f.path === file[2]);
      if (file[1] !== this.options.token || !found) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(found.bytes);
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const raw = await readBody(req);
    let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await parseMultipart(type, raw);
      params = { ...params, ...form.fields, ...(form.file ? { [UPLOAD]: form.file } : {}) };
    } else if (raw.length > 0) {
      try {
        params = { ...params, ...(JSON.parse(raw.toString('utf8')) as object) };
      } catch {
        return this.reply(res, { ok: false, error_code: 400, description: "Bad Request: can't parse JSON" });
      }
    }
    if (!match) return this.reply(res, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== this.options.token)
      return this.reply(res, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2] as string;
    this.calls.push({ method, params });
    const forcedIndex = this.forced.findIndex((f) => f.method === method);
    if (forcedIndex >= 0) {
      const [forced] = this.forced.splice(forcedIndex, 1);
      return this.reply(res, (forced as { reply: Reply }).reply);
    }
    const reply = await this.handle(method, params);
    if (method === 'sendMessage' && this.responseDelayMs > 0)
      await new Promise((r) => setTimeout(r, this.responseDelayMs));
    this.reply(res, reply);
  }

  private reply(res: ServerResponse, reply: Reply): void {
    sendJson(res, reply.ok ? 200 : reply.error_code, reply);
  }

  private bad(description: string, violation = true): Reply {
    if (violation) this.violations.push(description);
    return { ok: false, error_code: 400, description: `Bad Request: ${description}` };
  }

  private async handle(method: string, p: Record<string, unknown>): Promise<Reply> {
    switch (method) {
      case 'getMe':
        return {
          ok: true,
          result: { id: Number(this.botId), is_bot: true, first_name: 'Desk', username: 'desk_bot' },
        };
      case 'setWebhook': {
        const secret = p.secret_token as string | undefined;
        if (secret !== undefined && !SECRET_TOKEN.test(secret))
          return this.bad('secret token contains unallowed characters');
        if (typeof p.url !== 'string' || !/^https?:\/\//.test(p.url))
          return this.bad('bad webhook: invalid URL');
        // Real Telegram wants HTTPS on 443/80/88/8443; the emulator allows loopback http for tests.
        this.webhook = { url: p.url, ...(secret ? { secret } : {}) };
        return { ok: true, result: true };
      }
      case 'deleteWebhook':
        this.webhook = undefined;
        return { ok: true, result: true };
      case 'getUpdates':
        return this.getUpdates(p);
      case 'sendMessage':
        return this.sendMessage(p);
      case 'sendPhoto':
      case 'sendDocument':
        return this.sendFile(method, p);
      case 'answerCallbackQuery': {
        const id = String(p.callback_query_id ?? '');
        if (!this.callbacks.has(id))
          return this.bad('query is too old and response timeout expired or query ID is invalid', false);
        if (typeof p.text === 'string' && p.text.length > 200)
          return this.bad('answerCallbackQuery text is longer than 200');
        this.answered.set(id, typeof p.text === 'string' ? { text: p.text } : {});
        return { ok: true, result: true };
      }
      case 'editMessageReplyMarkup': {
        const message = this.sent.find(
          (m) => m.chatId === String(p.chat_id) && m.messageId === Number(p.message_id),
        );
        if (!message) return this.bad('message to edit not found', false);
        this.editedMarkup.push({ chatId: message.chatId, messageId: message.messageId });
        return { ok: true, result: true };
      }
      case 'getFile': {
        const found = this.files.get(String(p.file_id));
        if (!found) return this.bad('invalid file_id', false);
        return {
          ok: true,
          result: { file_id: p.file_id, file_size: found.bytes.length, file_path: found.path },
        };
      }
      default:
        return { ok: false, error_code: 404, description: 'Not Found: method not found' };
    }
  }

  private async getUpdates(p: Record<string, unknown>): Promise<Reply> {
    if (this.webhook) {
      return {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      };
    }
    const offset = Number(p.offset ?? 0);
    this.offsets.push(offset);
    // An offset confirms every update below it: those are gone for good (§4).
    if (offset > 0)
      while (this.queue.length > 0 && (this.queue[0] as Update).update_id < offset) this.queue.shift();
    const timeout = Math.min(Number(p.timeout ?? 0), 50);
    if (this.queue.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeout * 1000);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    const limit = Math.min(Math.max(Number(p.limit ?? 100), 1), 100);
    return { ok: true, result: this.queue.slice(0, limit) };
  }

  /** sendPhoto / sendDocument (multipart): the limits of uploads.ts, then as a message. */
  private sendFile(method: 'sendPhoto' | 'sendDocument', p: Record<string, unknown>): Reply {
    const file = p[UPLOAD] as Parameters<typeof uploadProblem>[1];
    const problem = uploadProblem(method, file);
    if (problem) return this.bad(problem);
    const caption = typeof p.caption === 'string' ? p.caption : '';
    const reply = this.sendMessage({ ...p, text: caption || `[${method}]` });
    if (reply.ok && file) {
      this.uploads.push({
        chatId: String(p.chat_id ?? ''),
        method,
        name: file.name,
        contentType: file.type,
        bytes: file.bytes,
      });
    }
    return reply;
  }

  private sendMessage(p: Record<string, unknown>): Reply {
    const chatId = String(p.chat_id ?? '');
    // Anything but a string is refused as empty text, as Telegram does.
    const text = typeof p.text === 'string' ? p.text : '';
    const markup = p.reply_markup as BotMessage['replyMarkup'];
    const problem = messageProblem(text, markup);
    if (problem) return this.bad(problem);
    if (!this.chats.has(chatId)) return this.bad('chat not found', false);
    const flood = this.pace.take(chatId);
    if (flood) {
      this.violations.push(flood);
      return {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      };
    }
    const message: BotMessage = {
      chatId,
      messageId: this.nextMessageId++,
      text,
      ...(markup ? { replyMarkup: markup } : {}),
      at: Date.now(),
    };
    this.sent.push(message);
    return {
      ok: true,
      result: {
        message_id: message.messageId,
        date: Math.floor(message.at / 1000),
        chat: { id: Number(chatId), type: 'private' },
        text,
      },
    };
  }
}
