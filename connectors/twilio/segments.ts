/**
 * SMS segment counting. Twilio bills and paces long-code sends per segment (1 segment/s per
 * number), so the sender weighs each message by its segment count.
 *
 * GSM-7: 160 septets in one segment, 153 per part once concatenated (the UDH takes 7).
 * Extension-table characters (€ [ ] { } | ~ ^ \ and form feed) take two septets.
 * Anything outside GSM-7 switches the whole message to UCS-2: 70 UTF-16 units, 67 per part
 * (so Chinese and emoji count by UTF-16 code units, an emoji being two).
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

/** Twilio refuses a Body longer than this (error 21617). */
export const MAX_BODY_CHARS = 1600;

export interface SegmentInfo {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

export function segmentInfo(text: string): SegmentInfo {
  let septets = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extension.has(ch)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

export function countSegments(text: string): number {
  return Math.max(1, segmentInfo(text).segments);
}
