/**
 * WeChat push fields → normalised events. Messages dedupe by MsgId, events by
 * FromUserName + CreateTime, as WeChat recommends for its retries (README "WeChat" notes).
 * Identity: the follower's OpenID. Reply refs: `wechat:<our account id>:<openid>`.
 */
import type { Attachment } from '../../src/core/model.js';
import type { InboundMessage } from '../../src/core/ports.js';

export type WechatEvent =
  | {
      kind: 'message';
      message: InboundMessage;
      openid: string;
      at: Date;
      /** An image to relay: downloaded (capped) into attachment 0 before storing. */
      picUrl?: string;
      /** A voice message to relay through the temporary-media API (capped) into attachment 0. */
      voiceMediaId?: string;
    }
  | { kind: 'subscribe' | 'unsubscribe'; openid: string; account: string; key: string; at: Date }
  | { kind: 'ignored'; reason: string };

export function parseFields(fields: Record<string, string>, now: Date): WechatEvent {
  const openid = fields.FromUserName ?? '';
  const account = fields.ToUserName ?? '';
  const type = fields.MsgType ?? '';
  if (!openid || !type) return { kind: 'ignored', reason: 'no sender or type' };
  const seconds = Number(fields.CreateTime);
  const at = Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : now;
  const eventKey = `${openid}:${fields.CreateTime ?? ''}`;

  if (type === 'event') {
    const event = (fields.Event ?? '').toLowerCase();
    if (event === 'subscribe' || event === 'unsubscribe')
      return { kind: event, openid, account, key: `event:${eventKey}:${event}`, at };
    return { kind: 'ignored', reason: `event ${event.slice(0, 40)}` };
  }

  const base = {
    channel: 'wechat' as const,
    // A message without a MsgId (none is documented) still dedupes by sender + time.
    externalId: fields.MsgId || `msg:${eventKey}`,
    from: { address: openid },
    replyRef: `wechat:${account}:${openid}`,
    receivedAt: at,
  };
  const meta: Record<string, string> = { wechatType: type };
  const message = (text: string, attachments: Attachment[] = []): InboundMessage => ({
    ...base,
    text,
    attachments,
    meta,
  });

  switch (type) {
    case 'text':
      return { kind: 'message', message: message(fields.Content ?? ''), openid, at };
    case 'image': {
      const picUrl = fields.PicUrl;
      const attachment: Attachment = {
        name: 'wechat-image.jpg',
        contentType: 'image/jpeg',
        size: 0,
        ...(picUrl ? { url: picUrl } : {}),
      };
      if (fields.MediaId) meta.mediaId = fields.MediaId.slice(0, 200);
      return {
        kind: 'message',
        message: message('', [attachment]),
        openid,
        at,
        ...(picUrl ? { picUrl } : {}),
      };
    }
    case 'voice': {
      // WeChat's own speech recognition (when the account enabled it) is the message text.
      const recognition = (fields.Recognition ?? '').trim();
      if (recognition) meta.recognition = 'wechat';
      if (fields.MediaId) meta.mediaId = fields.MediaId.slice(0, 200);
      const format = (fields.Format ?? 'amr').toLowerCase().replace(/[^a-z0-9]/g, '') || 'amr';
      const attachment: Attachment = {
        name: `wechat-voice.${format}`,
        contentType: `audio/${format}`,
        size: 0,
      };
      const mediaId = fields.MediaId;
      return {
        kind: 'message',
        message: message(recognition, [attachment]),
        openid,
        at,
        ...(mediaId ? { voiceMediaId: mediaId } : {}),
      };
    }
    case 'location': {
      const lat = fields.Location_X ?? '';
      const lon = fields.Location_Y ?? '';
      meta.location = `${lat},${lon}`;
      const label = (fields.Label ?? '').trim();
      const text = `📍 ${label ? `${label} ` : ''}(${lat}, ${lon})`;
      return { kind: 'message', message: message(text), openid, at };
    }
    case 'link': {
      const text = [fields.Title, fields.Description, fields.Url]
        .map((s) => (s ?? '').trim())
        .filter(Boolean)
        .join('\n');
      return { kind: 'message', message: message(text), openid, at };
    }
    case 'video':
    case 'shortvideo': {
      if (fields.MediaId) meta.mediaId = fields.MediaId.slice(0, 200);
      const attachment: Attachment = { name: 'wechat-video.mp4', contentType: 'video/mp4', size: 0 };
      return { kind: 'message', message: message('', [attachment]), openid, at };
    }
    default:
      return { kind: 'ignored', reason: `message type ${type.slice(0, 40)}` };
  }
}
