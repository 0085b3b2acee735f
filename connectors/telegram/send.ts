/**
 * The Bot API over fetch, and outbound text: split at 4096, paced per chat (1/s) and overall
 * (30/s) through the shared Pacer, 429 → wait `retry_after` and try the same part again
 * (PLATFORMS.md §4, §7.30). The URL carries the bot token, so it is never logged.
 */
import type { Pacer, PaceRule, SendRecord, SendResult } from '../../src/core/ports.js';
import { sendParts, type MayGo, type PartResult, type PartsProgress } from '../send-parts.js';
import { splitText } from '../split-text.js';
import { fillOwner, type OwnerLanguage, type OwnerStrings } from '../../src/core/owner-strings/index.js';
import type { OutboundFile } from '../../src/core/outbound-files.js';

export const MAX_TEXT = 4096;
export const TELEGRAM_PACE_RULE = 'telegram';
export const TELEGRAM_PACING: readonly PaceRule[] = [
  // 1 message/s in one chat; ~30/s overall, kept at 25/s so network jitter never bunches 30 into a second.
  { rule: TELEGRAM_PACE_RULE, minTimeMs: 1000, overallMinTimeMs: 40 },
];
/** A 429 asking for longer than this goes back to the outbox instead of holding the call. */
const MAX_INLINE_WAIT_MS = 30_000;
const MAX_INLINE_RETRIES = 3;

export interface BotApiReply<T = unknown> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

export class BotApi {
  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  /** Throws only when Telegram could not be reached; API errors come back as `ok: false`. */
  async call<T>(
    method: string,
    params: object | FormData = {},
    signal?: AbortSignal,
  ): Promise<BotApiReply<T>> {
    const form = params instanceof FormData;
    const response = await this.fetchFn(`${this.base}/bot${this.token}/${method}`, {
      method: 'POST',
      // A FormData body sets its own multipart content type (with the boundary).
      ...(form ? {} : { headers: { 'content-type': 'application/json' } }),
      body: form ? params : JSON.stringify(params),
      signal: signal ?? AbortSignal.timeout(form ? 120_000 : 30_000),
    });
    const reply = (await response.json().catch(() => undefined)) as BotApiReply<T> | undefined;
    return reply ?? { ok: false, error_code: response.status, description: `HTTP ${response.status}` };
  }

  /**
   * Downloads a file by its `file_path` (from getFile), never more than `maxBytes`: a file
   * whose size Telegram did not state is read as a stream and dropped as soon as it passes
   * the cap, so an unsized document cannot be pulled into memory whole.
   */
  async download(filePath: string, options: { maxBytes: number; signal?: AbortSignal }): Promise<Buffer> {
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, options.signal ?? AbortSignal.timeout(30_000)]);
    const response = await this.fetchFn(`${this.base}/file/bot${this.token}/${filePath}`, { signal });
    if (!response.ok) throw new Error(`file download failed with HTTP ${response.status}`);
    const tooLarge = () => {
      controller.abort();
      return new FileTooLargeError(options.maxBytes);
    };
    const stated = Number(response.headers.get('content-length') ?? NaN);
    if (stated > options.maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    const reader = response.body?.getReader();
    if (!reader) return Buffer.alloc(0);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(Buffer.from(value));
    }
    return Buffer.concat(chunks, total);
  }
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export interface TextJob {
  jobId: string;
  chatId: string;
  text: string;
  /** The owner's shared files Telegram carries: each one more part, after the text. */
  files?: readonly OutboundFile[];
  /** Attached to the last part (the rating buttons). */
  replyMarkup?: object;
  /** The outbox job's send record: parts already sent are never sent again. */
  record?: SendRecord;
}

export interface SendDeps {
  api: BotApi;
  pacer: Pacer;
  sleep: (ms: number) => Promise<void>;
  /** Parts already delivered per job, so a retried job resumes instead of repeating. */
  progress: PartsProgress<number>;
  /** The failure reasons in the owner's language (they show on the failed delivery card). */
  strings: OwnerStrings['telegramSend'];
  ownerLanguage?: OwnerLanguage;
}

export async function sendText(deps: SendDeps, job: TextJob): Promise<SendResult> {
  const texts = job.text.trim() ? splitText(job.text, MAX_TEXT) : [];
  const parts: (string | OutboundFile)[] = [...texts, ...(job.files ?? [])];
  const result = await sendParts<number, string | OutboundFile>(
    deps.progress,
    job.jobId,
    parts,
    (part, i, mayGo) =>
      typeof part === 'string'
        ? sendPart(deps, job.chatId, mayGo, 'sendMessage', {
            chat_id: job.chatId,
            text: part,
            ...(i === texts.length - 1 && job.replyMarkup ? { reply_markup: job.replyMarkup } : {}),
          })
        : sendPart(
            deps,
            job.chatId,
            mayGo,
            part.fit.kind === 'attach' && part.fit.as === 'image' ? 'sendPhoto' : 'sendDocument',
            fileForm(job.chatId, part),
          ),
    job.record,
    deps.ownerLanguage,
  );
  if (result.kind !== 'sent') return result;
  const last = result.lastMessageId;
  return {
    kind: 'sent',
    ...(last !== undefined ? { externalId: `${job.chatId}:${last}` } : {}),
    delivery: 'sent',
  };
}

/** sendPhoto / sendDocument take the file as multipart/form-data (Bot API "Sending files"). */
function fileForm(chatId: string, file: OutboundFile): FormData {
  const form = new FormData();
  form.set('chat_id', chatId);
  const blob = new Blob([Buffer.from(file.dataBase64, 'base64')], { type: file.contentType });
  form.set(file.fit.kind === 'attach' && file.fit.as === 'image' ? 'photo' : 'document', blob, file.name);
  return form;
}

async function sendPart(
  deps: SendDeps,
  chatId: string,
  mayGo: MayGo,
  method: 'sendMessage' | 'sendPhoto' | 'sendDocument',
  params: object | FormData,
): Promise<PartResult<number>> {
  const t = deps.strings;
  for (let attempt = 0; ; attempt++) {
    let reply: BotApiReply<{ message_id: number }> | undefined;
    try {
      // Checked inside the pacing slot: the moment of the send, not before the wait.
      reply = await deps.pacer.schedule(TELEGRAM_PACE_RULE, chatId, async () =>
        (await mayGo()) ? deps.api.call<{ message_id: number }>(method, params) : undefined,
      );
    } catch (error) {
      return { kind: 'retry', reason: fillOwner(t.unreachable, { error: (error as Error).name }) };
    }
    if (!reply) return { kind: 'skip' };
    if (reply.ok && reply.result) return { kind: 'ok', messageId: reply.result.message_id };
    const code = reply.error_code ?? 0;
    if (code === 429) {
      const waitMs = Math.max(1, reply.parameters?.retry_after ?? 1) * 1000;
      if (waitMs > MAX_INLINE_WAIT_MS || attempt >= MAX_INLINE_RETRIES) {
        return { kind: 'retry', reason: t.flood, retryAfterMs: waitMs };
      }
      // Wait outside the pacer, then queue again: other chats keep moving meanwhile.
      await deps.sleep(waitMs);
      continue;
    }
    if (code >= 500 || code === 0) {
      return { kind: 'retry', reason: code ? fillOwner(t.error, { code }) : t.errorUnknown };
    }
    // 400 chat not found, 403 blocked by the user, 401 bad token: retrying will not help.
    return { kind: 'rejected', reason: fillOwner(t.refused, { detail: reply.description ?? code }) };
  }
}
