/**
 * Messenger / Instagram webhook payloads → normalised events. Each `messaging` item is
 * checked on its own, so one odd item (a reaction, a referral) never rejects the batch.
 */
import { z } from 'zod';
import type { Attachment } from '../../src/core/model.js';
import type { InboundMessage } from '../../src/core/ports.js';
import { decodeRating } from './rating.js';

export type MetaChannel = 'messenger' | 'instagram';

export type MetaEvent =
  | { kind: 'message'; message: InboundMessage; accountId: string; senderId: string; at: Date }
  | {
      kind: 'rating';
      /** The tap's own id, so a redelivered tap is not a second rating. */
      mid: string;
      channel: MetaChannel;
      accountId: string;
      senderId: string;
      score: number;
      conversationId?: string;
      at: Date;
    }
  | { kind: 'delivery'; channel: MetaChannel; mids: string[] }
  | {
      kind: 'read';
      channel: MetaChannel;
      accountId: string;
      senderId: string;
      watermark?: number;
      mid?: string;
    }
  | { kind: 'ignored'; reason: string };

const payloadSchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.looseObject({ id: z.string(), messaging: z.array(z.unknown()).optional() })),
});

const attachmentSchema = z.looseObject({
  type: z.string(),
  payload: z.looseObject({ url: z.string().optional() }).nullish(),
});

const messagingSchema = z.looseObject({
  sender: z.looseObject({ id: z.string() }),
  recipient: z.looseObject({ id: z.string() }),
  timestamp: z.number().optional(),
  message: z
    .looseObject({
      mid: z.string(),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      is_unsupported: z.boolean().optional(),
      attachments: z.array(attachmentSchema).optional(),
      quick_reply: z.looseObject({ payload: z.string() }).optional(),
    })
    .optional(),
  postback: z
    .looseObject({ mid: z.string().optional(), title: z.string().optional(), payload: z.string().optional() })
    .optional(),
  delivery: z.looseObject({ mids: z.array(z.string()).optional() }).optional(),
  read: z.looseObject({ watermark: z.number().optional(), mid: z.string().optional() }).optional(),
});

const CHANNEL_OF: Record<string, MetaChannel> = { page: 'messenger', instagram: 'instagram' };

/** Returns undefined when the body is not a Meta messaging payload at all (→ 400). */
export function parseWebhook(body: unknown, now: Date): MetaEvent[] | undefined {
  const parsed = payloadSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const channel = CHANNEL_OF[parsed.data.object];
  if (!channel) return [{ kind: 'ignored', reason: `object ${parsed.data.object}` }];
  const events: MetaEvent[] = [];
  for (const entry of parsed.data.entry) {
    for (const raw of entry.messaging ?? []) events.push(parseMessaging(channel, raw, now));
  }
  return events;
}

function parseMessaging(channel: MetaChannel, raw: unknown, now: Date): MetaEvent {
  const item = messagingSchema.safeParse(raw);
  if (!item.success) return { kind: 'ignored', reason: 'unrecognised messaging item' };
  const { sender, recipient, timestamp, message, postback, delivery, read } = item.data;
  const at = timestamp ? new Date(timestamp) : now;
  // Echoes of our own sends have the page as sender: never treat them as the customer.
  if (message?.is_echo) return { kind: 'ignored', reason: 'echo' };
  const accountId = recipient.id;
  const senderId = sender.id;
  const replyRef = `${channel}:${accountId}:${senderId}`;

  if (message) {
    // Instagram reports an unsent message with the same mid: the stored one stays as it was.
    if (message.is_deleted) return { kind: 'ignored', reason: 'deleted' };
    const rating = decodeRating(message.quick_reply?.payload);
    if (rating) return { kind: 'rating', mid: message.mid, channel, accountId, senderId, ...rating, at };
    const attachments = (message.attachments ?? []).map(toAttachment);
    const meta: Record<string, string> = {};
    if (message.quick_reply) meta.quickReply = message.quick_reply.payload.slice(0, 200);
    if (message.is_unsupported) meta.unsupported = 'a message type Meta does not pass on';
    const inbound: InboundMessage = {
      channel,
      externalId: message.mid,
      from: { address: senderId },
      replyRef,
      text: message.text ?? '',
      attachments,
      meta,
      receivedAt: at,
    };
    return { kind: 'message', message: inbound, accountId, senderId, at };
  }
  if (postback) {
    const mid = postback.mid ?? `postback:${senderId}:${at.getTime()}`;
    const rating = decodeRating(postback.payload);
    if (rating) return { kind: 'rating', mid, channel, accountId, senderId, ...rating, at };
    const inbound: InboundMessage = {
      channel,
      externalId: mid,
      from: { address: senderId },
      replyRef,
      text: postback.title ?? postback.payload ?? '',
      meta: { postback: 'true' },
      receivedAt: at,
    };
    return { kind: 'message', message: inbound, accountId, senderId, at };
  }
  if (delivery) return { kind: 'delivery', channel, mids: delivery.mids ?? [] };
  if (read) {
    // Read receipts come from the customer: sender is the customer, recipient our account.
    return { kind: 'read', channel, accountId, senderId, watermark: read.watermark, mid: read.mid };
  }
  return { kind: 'ignored', reason: 'unsupported messaging item' };
}

const CONTENT_TYPES: Record<string, string> = {
  image: 'image/*',
  video: 'video/*',
  audio: 'audio/*',
  file: 'application/octet-stream',
};

function toAttachment(attachment: z.infer<typeof attachmentSchema>, index: number): Attachment {
  const url = attachment.payload?.url;
  return {
    name: `${attachment.type}-${index + 1}`,
    contentType: CONTENT_TYPES[attachment.type] ?? 'application/octet-stream',
    size: 0,
    ...(url ? { url } : {}),
  };
}
