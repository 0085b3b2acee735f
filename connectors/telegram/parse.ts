/**
 * Bot API updates → normalised events. Only private chats are customers: a bot added to a
 * group must not turn every group message into a support ticket.
 */
import { z } from 'zod';
import type { Attachment } from '../../src/core/model.js';
import type { InboundMessage } from '../../src/core/ports.js';
import { decodeRating } from './rating.js';

/** A file the connector may download and inline (photos, documents). */
export interface TelegramFile {
  fileId: string;
  size?: number;
  index: number;
}

export type TelegramEvent =
  | { kind: 'message'; message: InboundMessage; chatId: string; files: TelegramFile[] }
  | {
      kind: 'callback';
      callbackId: string;
      chatId?: string;
      messageId?: number;
      fromId: string;
      languageCode?: string;
      rating?: { score: number; conversationId?: string };
    }
  | { kind: 'ignored'; reason: string };

const userSchema = z.looseObject({
  id: z.number(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const photoSizeSchema = z.looseObject({ file_id: z.string(), file_size: z.number().optional() });

const messageSchema = z.looseObject({
  message_id: z.number(),
  date: z.number(),
  chat: z.looseObject({ id: z.number(), type: z.string() }),
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(photoSizeSchema).optional(),
  document: z
    .looseObject({
      file_id: z.string(),
      file_name: z.string().optional(),
      mime_type: z.string().optional(),
      file_size: z.number().optional(),
    })
    .optional(),
});

export const updateSchema = z.looseObject({
  update_id: z.number(),
  message: messageSchema.optional(),
  callback_query: z
    .looseObject({
      id: z.string(),
      from: userSchema,
      data: z.string().optional(),
      message: z.looseObject({ message_id: z.number(), chat: z.looseObject({ id: z.number() }) }).optional(),
    })
    .optional(),
});

export type Update = z.infer<typeof updateSchema>;

/** Largest photo we inline as bytes; bigger ones keep only their file id. */
export const INLINE_FILE_MAX_BYTES = 1_500_000;

export function parseUpdate(update: Update, botId: string): TelegramEvent {
  if (update.callback_query) {
    const query = update.callback_query;
    const rating = decodeRating(query.data);
    return {
      kind: 'callback',
      callbackId: query.id,
      fromId: String(query.from.id),
      ...(query.message
        ? { chatId: String(query.message.chat.id), messageId: query.message.message_id }
        : {}),
      ...(query.from.language_code ? { languageCode: query.from.language_code } : {}),
      ...(rating ? { rating } : {}),
    };
  }
  const message = update.message;
  if (!message) return { kind: 'ignored', reason: 'update type' };
  if (message.chat.type !== 'private') return { kind: 'ignored', reason: 'not a private chat' };
  if (message.from?.is_bot) return { kind: 'ignored', reason: 'from a bot' };
  const text = message.text ?? message.caption ?? '';
  // /start is what Telegram sends when someone opens the bot: not a question yet.
  if (/^\/start(\s|$)/.test(text) && !message.photo && !message.document)
    return { kind: 'ignored', reason: '/start' };

  const chatId = String(message.chat.id);
  const attachments: Attachment[] = [];
  const files: TelegramFile[] = [];
  if (message.photo?.length) {
    // Sizes come smallest first; keep the largest one that is small enough to inline.
    const fitting = message.photo.filter((p) => (p.file_size ?? 0) <= INLINE_FILE_MAX_BYTES);
    const best = fitting.at(-1) ?? message.photo[0];
    if (best) {
      attachments.push({
        name: `photo-${message.message_id}.jpg`,
        contentType: 'image/jpeg',
        size: best.file_size ?? 0,
      });
      files.push({ fileId: best.file_id, ...(best.file_size ? { size: best.file_size } : {}), index: 0 });
    }
  }
  if (message.document) {
    const doc = message.document;
    attachments.push({
      name: doc.file_name ?? `file-${message.message_id}`,
      contentType: doc.mime_type ?? 'application/octet-stream',
      size: doc.file_size ?? 0,
    });
    files.push({
      fileId: doc.file_id,
      ...(doc.file_size ? { size: doc.file_size } : {}),
      index: attachments.length - 1,
    });
  }
  if (!text && attachments.length === 0) return { kind: 'ignored', reason: 'unsupported message type' };

  const from = message.from;
  const displayName = [from?.first_name, from?.last_name].filter(Boolean).join(' ');
  const meta: Record<string, string> = {};
  if (from?.username) meta.username = `@${from.username}`;
  if (from?.language_code) meta.languageCode = from.language_code;
  const inbound: InboundMessage = {
    channel: 'telegram',
    // message_id is unique within a chat; a redelivered update carries the same pair.
    externalId: `${chatId}:${message.message_id}`,
    from: { address: chatId, ...(displayName ? { displayName } : {}) },
    replyRef: `telegram:${botId}:${chatId}`,
    text,
    attachments,
    meta,
    receivedAt: new Date(message.date * 1000),
  };
  return { kind: 'message', message: inbound, chatId, files };
}
