/** Discord DM → the desk's InboundMessage, at the edge: the core never sees discord.js types. */
import { MessageType, type Message } from 'discord.js';
import type { InboundMessage } from '../../src/core/ports.js';

/** A reply target that carries its origin: `discord:dm:<user id>`. */
export function dmRef(userId: string): string {
  return `discord:dm:${userId}`;
}

export function parseDmRef(ref: string): string | undefined {
  return /^discord:dm:(\d{5,25})$/.exec(ref)?.[1];
}

/** Returns the message for the desk, or undefined for what is not a customer's DM. */
export function toInbound(message: Message, botUserId: string | undefined): InboundMessage | undefined {
  if (message.guildId !== null) return undefined; // guild traffic belongs to the console
  if (message.author.bot || message.author.system || message.author.id === botUserId) return undefined;
  if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return undefined;
  const attachments = [...message.attachments.values()].map((a) => ({
    name: a.name,
    contentType: a.contentType ?? 'application/octet-stream',
    size: a.size,
    url: a.url,
  }));
  if (!message.content.trim() && attachments.length === 0) return undefined;
  return {
    channel: 'discord',
    externalId: message.id,
    from: {
      address: message.author.id,
      displayName: message.author.globalName ?? message.author.username,
    },
    replyRef: dmRef(message.author.id),
    kind: 'text',
    text: message.content,
    attachments,
    meta: { username: message.author.username },
    receivedAt: message.createdAt,
  };
}
