/**
 * Whether a channel can carry a file the owner shared, by its type and size. Where it can't,
 * the reply carries a signed download link instead (and the card says why). One table, read
 * by the card (before and after Send) and by each connector (at the send), so both agree.
 *
 * Sources (PLATFORMS.md lists none of these; looked up, [R] = from the platforms' docs as
 * recalled, check before relying on a number near a limit):
 * - MMS (Twilio): 5 MB per message; JPEG/PNG/GIF formatted for the handset, a few other
 *   types passed through [R twilio.com/docs/messaging/guides/accepted-mime-types].
 * - WhatsApp (Twilio): images JPEG/PNG ≤5 MB; audio, video and documents ≤16 MB [R same page].
 * - Email: providers refuse messages over 20–25 MB; base64 grows a file by 4/3, so 15 MiB.
 * - Telegram: sendPhoto ≤10 MB (JPEG/PNG/WebP), sendDocument ≤50 MB [R core.telegram.org/bots/api].
 * - Messenger: 25 MB per attachment; Instagram: images ≤8 MB, audio/video ≤25 MB, no documents
 *   [R developers.facebook.com messenger-platform send-api / instagram messaging].
 * - Discord: 10 MiB per upload without a server boost (lowered from 25 MiB in 2024) [R].
 * - Website chat and WeChat: always a link (the chat has no file transport; WeChat's
 *   temporary media needs the official account's upload, and its customers open links fine).
 */
import type { Channel } from './model.js';

const MB = 1024 * 1024;

export type FileFit =
  | { kind: 'attach'; as: 'image' | 'file' }
  | { kind: 'link'; reason: 'too_large' | 'type' | 'channel' | 'count' };

export interface FileShape {
  contentType: string;
  size: number;
}

interface Rule {
  /** Types carried, as a test on the MIME type; checked in order, the first match wins. */
  types: { match: (type: string) => boolean; maxBytes: number; as: 'image' | 'file' }[];
}

const IMAGE = (...subtypes: string[]) => {
  const set = new Set(subtypes.map((s) => `image/${s}`));
  return (type: string) => set.has(type);
};
const ANY = () => true;
const PREFIX =
  (...prefixes: string[]) =>
  (type: string) =>
    prefixes.some((p) => type.startsWith(p));

const MMS_OTHER = new Set(['application/pdf', 'text/vcard', 'text/x-vcard', 'text/calendar', 'text/plain']);

const RULES: Partial<Record<Channel, Rule>> = {
  email: { types: [{ match: ANY, maxBytes: 15 * MB, as: 'file' }] },
  sms: {
    types: [
      { match: IMAGE('jpeg', 'png', 'gif'), maxBytes: 5 * MB, as: 'image' },
      { match: PREFIX('audio/', 'video/'), maxBytes: 5 * MB, as: 'file' },
      { match: (t) => MMS_OTHER.has(t), maxBytes: 5 * MB, as: 'file' },
    ],
  },
  whatsapp: {
    types: [
      { match: IMAGE('jpeg', 'png'), maxBytes: 5 * MB, as: 'image' },
      { match: PREFIX('audio/', 'video/mp4', 'video/3gpp'), maxBytes: 16 * MB, as: 'file' },
      { match: PREFIX('application/', 'text/plain'), maxBytes: 16 * MB, as: 'file' },
    ],
  },
  telegram: {
    types: [
      { match: IMAGE('jpeg', 'png', 'webp'), maxBytes: 10 * MB, as: 'image' },
      { match: ANY, maxBytes: 50 * MB, as: 'file' },
    ],
  },
  messenger: {
    types: [
      { match: PREFIX('image/'), maxBytes: 25 * MB, as: 'image' },
      { match: ANY, maxBytes: 25 * MB, as: 'file' },
    ],
  },
  instagram: {
    types: [
      { match: IMAGE('jpeg', 'png'), maxBytes: 8 * MB, as: 'image' },
      { match: PREFIX('audio/', 'video/'), maxBytes: 25 * MB, as: 'file' },
    ],
  },
  discord: { types: [{ match: ANY, maxBytes: 10 * MB, as: 'file' }] },
};

/** Whether `channel` carries the file itself, or a download link has to go instead (and why). */
export function fileFit(channel: Channel, file: FileShape): FileFit {
  const rule = RULES[channel];
  if (!rule) return { kind: 'link', reason: 'channel' };
  const type = file.contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  const match = rule.types.find((t) => t.match(type));
  if (!match) return { kind: 'link', reason: 'type' };
  if (file.size > match.maxBytes) return { kind: 'link', reason: 'too_large' };
  return { kind: 'attach', as: match.as };
}

/** The most one message may carry in total (MMS counts all its media together). */
export function totalLimit(channel: Channel): number | undefined {
  // Discord's upload limit is per message (all its files), like MMS's.
  return channel === 'sms' ? 5 * MB : channel === 'discord' ? 10 * MB : undefined;
}

/** Files one message may carry: MMS 10 media, WhatsApp (Twilio) 1, Discord 10 [R]. */
const MAX_COUNT: Partial<Record<Channel, number>> = { sms: 10, whatsapp: 1, discord: 10 };

/**
 * Splits the files into those the channel carries and those that go as links, keeping a
 * per-message total (MMS: 5 MB for all media together) in order of sharing.
 */
export function planFiles<T extends FileShape>(
  channel: Channel,
  files: readonly T[],
): { file: T; fit: FileFit }[] {
  const total = totalLimit(channel) ?? Infinity;
  const most = MAX_COUNT[channel] ?? Infinity;
  let used = 0;
  let count = 0;
  return files.map((file) => {
    const fit = fileFit(channel, file);
    if (fit.kind !== 'attach') return { file, fit };
    if (used + file.size > total) return { file, fit: { kind: 'link', reason: 'too_large' } };
    if (count + 1 > most) return { file, fit: { kind: 'link', reason: 'count' } };
    used += file.size;
    count += 1;
    return { file, fit };
  });
}
