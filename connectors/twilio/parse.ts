/**
 * Twilio webhook parameters → the desk's shapes. Twilio says its parameters "vary and can
 * change without notice", so we read what we need and ignore the rest.
 */
import type { Attachment, Channel, DeliveryState } from '../../src/core/model.js';
import type { InboundMessage } from '../../src/core/ports.js';
import { formatReplyRef, parseReplyRef } from '../../src/core/reply-ref.js';

export type Params = Record<string, string | string[]>;

export function param(params: Params, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

const WHATSAPP_PREFIX = 'whatsapp:';
const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** `whatsapp:+1555…` → { whatsapp: true, number: '+1555…' }. */
export function splitAddress(value: string): { whatsapp: boolean; number: string } {
  const trimmed = value.trim();
  return trimmed.toLowerCase().startsWith(WHATSAPP_PREFIX)
    ? { whatsapp: true, number: trimmed.slice(WHATSAPP_PREFIX.length) }
    : { whatsapp: false, number: trimmed };
}

export function toTwilioAddress(channel: Channel, number: string): string {
  return channel === 'whatsapp' ? `${WHATSAPP_PREFIX}${number}` : number;
}

// Twilio's default opt-out keywords, plus the Chinese ones customers in China use.
// Words that mean only the keyword: acted on, not shown to the owner as a message.
const STOP_ONLY = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'OPTOUT', 'REVOKE', '退订', 'TD', '取消订阅']);
// Twilio opts out on these too, but a customer may mean "cancel my order": acted on and shown.
const STOP_ALSO = new Set(['CANCEL', 'END', 'QUIT']);
const START_ONLY = new Set(['START', 'UNSTOP']);
// "Yes" answers a question far more often than it re-subscribes: only Twilio's own
// OptOutType=START (Advanced Opt-Out) makes it an opt-in, and it is still shown.
const HELP_WORDS = new Set(['HELP', 'INFO', '帮助']);

export type Keyword = 'stop' | 'start' | 'help';

/**
 * A keyword only when it is the whole message (as Twilio matches them), any case, or when
 * Twilio's OptOutType says so. `show`: whether the owner should also see it as a message.
 */
export function keywordOf(
  body: string,
  optOutType?: string,
): { keyword: Keyword; show: boolean } | undefined {
  const type = optOutType?.toUpperCase();
  const word = body
    .trim()
    .replace(/[.!。！\s]+$/u, '')
    .toUpperCase();
  if (type === 'STOP' || STOP_ONLY.has(word) || STOP_ALSO.has(word))
    return { keyword: 'stop', show: !STOP_ONLY.has(word) };
  if (type === 'START' || START_ONLY.has(word)) return { keyword: 'start', show: !START_ONLY.has(word) };
  if (type === 'HELP' || HELP_WORDS.has(word)) return { keyword: 'help', show: true };
  return undefined;
}

export type ParsedMessage =
  | { kind: 'message'; inbound: InboundMessage }
  /** STOP/START and the like; `inbound` when the owner should see the words too. */
  | {
      kind: 'opt';
      channel: 'sms' | 'whatsapp';
      address: string;
      optedOut: boolean;
      /** The keyword message's MessageSid: a redelivery carries the same one. */
      externalId: string;
      inbound?: InboundMessage;
    }
  | { kind: 'invalid'; reason: string };

/** An inbound SMS, MMS or WhatsApp message webhook. */
export function parseMessageWebhook(params: Params): ParsedMessage {
  const sid = param(params, 'MessageSid') ?? param(params, 'SmsMessageSid') ?? param(params, 'SmsSid');
  const fromRaw = param(params, 'From');
  const toRaw = param(params, 'To');
  if (!sid || !fromRaw || !toRaw) return { kind: 'invalid', reason: 'MessageSid, From and To are required' };
  const from = splitAddress(fromRaw);
  const to = splitAddress(toRaw);
  const channel: 'sms' | 'whatsapp' = from.whatsapp ? 'whatsapp' : 'sms';
  const body = param(params, 'Body') ?? '';

  const found = keywordOf(body, param(params, 'OptOutType'));
  const opt =
    found && found.keyword !== 'help'
      ? {
          kind: 'opt' as const,
          channel,
          address: from.number,
          optedOut: found.keyword === 'stop',
          externalId: sid,
        }
      : undefined;
  if (opt && !found?.show) return opt;

  const attachments: Attachment[] = [];
  const numMedia = Math.min(Number.parseInt(param(params, 'NumMedia') ?? '0', 10) || 0, 50);
  for (let i = 0; i < numMedia; i++) {
    const url = param(params, `MediaUrl${i}`);
    if (!url) continue;
    const contentType = param(params, `MediaContentType${i}`) ?? 'application/octet-stream';
    attachments.push({ name: `media-${i + 1}${extensionOf(contentType)}`, contentType, size: 0, url });
  }

  const meta: Record<string, string> = { twilioSid: sid, to: to.number };
  if (numMedia) meta.numMedia = String(numMedia);
  const segments = param(params, 'NumSegments');
  if (segments) meta.segments = segments;
  const country = param(params, 'FromCountry');
  if (country) meta.fromCountry = country;
  if (found) meta.keyword = found.keyword;
  const buttonPayload = param(params, 'ButtonPayload');
  if (buttonPayload) meta.buttonPayload = buttonPayload.slice(0, 256);

  const profileName = param(params, 'ProfileName');
  const inbound: InboundMessage = {
    channel,
    externalId: sid,
    from: { address: from.number, ...(profileName ? { displayName: profileName } : {}) },
    replyRef: formatReplyRef({ channel, ours: to.number, theirs: from.number }),
    kind: 'text',
    text: body,
    attachments,
    meta,
    sameAs: sameNumber(channel, from.number),
  };
  return opt ? { ...opt, inbound } : { kind: 'message', inbound };
}

/**
 * One number is one person across SMS, calls and WhatsApp (a WhatsApp account is bound to its
 * number), so a message on one finds the customer already known on another.
 */
export function sameNumber(channel: Channel, number: string): { channel: Channel; address: string }[] {
  if (!isE164(number)) return [];
  return (['sms', 'phone', 'whatsapp'] as const)
    .filter((other) => other !== channel)
    .map((other) => ({ channel: other, address: number }));
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'video/mp4': '.mp4',
  'audio/mpeg': '.mp3',
  'audio/ogg': '.ogg',
  'application/pdf': '.pdf',
  'text/vcard': '.vcf',
};

function extensionOf(contentType: string): string {
  return EXTENSIONS[contentType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? '';
}

/** Twilio MessageStatus → our delivery state; undefined for states we don't track. */
export function deliveryStateOf(status: string | undefined): DeliveryState | undefined {
  switch (status?.toLowerCase()) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
      return 'queued';
    case 'sending':
      return 'sending';
    case 'sent':
    case 'partially_delivered':
      return 'sent';
    case 'delivered':
      return 'delivered';
    case 'read':
      return 'read';
    case 'undelivered':
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return undefined;
  }
}

export interface Target {
  channel: Channel;
  /** Our sending number, E.164, or '' for the configured default. */
  ours: string;
  /** The customer's number, E.164. */
  theirs: string;
}

/**
 * A reply reference (`sms:<ours>:<customer>`, `whatsapp:…`, `phone:…`, ours possibly empty)
 * or a bare customer number → where to send. A `whatsapp:` prefix on either side is dropped.
 */
export function parseTarget(channel: Channel, replyRef: string): Target {
  const ref = parseReplyRef(replyRef);
  if (ref) {
    return {
      channel: ref.channel,
      ours: splitAddress(ref.ours).number,
      theirs: splitAddress(ref.theirs).number,
    };
  }
  return { channel, ours: '', theirs: splitAddress(replyRef).number };
}

/** A webhook Twilio sent without what it needs: answered 400 by the route, not 500. */
export function badInput(message: string): Error {
  return Object.assign(new Error(message), { code: 'BAD_INPUT' });
}
