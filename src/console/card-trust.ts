/**
 * What the owner must know before trusting an email card: where Send really goes (a Reply-To
 * other than the From) and whether the sender passed authentication; and which of a customer's
 * addresses are only claimed. Owner language; pure.
 */
import type { Claim, Identity, Message } from '../core/model.js';
import { UNVERIFIED_SENDER_META } from '../core/model.js';
import { CHANNEL_ICONS, channelName, label, type OwnerLanguage } from './card-labels.js';

/** Message.meta keys this module renders itself (not as raw meta fields). */
export const TRUST_META_KEYS: ReadonlySet<string> = new Set(['replyTo', UNVERIFIED_SENDER_META]);

/** The Reply-To the email connector recorded when it differs from the From address. */
export function replyToOf(message: Message): string | undefined {
  return message.channel === 'email' ? message.meta.replyTo : undefined;
}

/** Warnings for an inbound message: a spoofed sender, a reply going elsewhere. */
export function trustNotes(message: Message, lang: OwnerLanguage): string[] {
  const notes: string[] = [];
  const reason = message.meta[UNVERIFIED_SENDER_META];
  if (reason !== undefined) notes.push(label(lang, 'unverifiedSender', { reason, address: message.address }));
  const replyTo = replyToOf(message);
  if (replyTo) notes.push(label(lang, 'replyGoesTo', { address: replyTo, from: message.address }));
  return notes;
}

/** One "Reach" line for an address the customer only claims. */
export function claimLine(claim: Claim | Identity, lang: OwnerLanguage): string {
  const c = claim as Partial<Claim>;
  const why =
    c.kind === 'unauthenticated'
      ? label(lang, 'unverifiedAuth', { reason: c.reason ?? '?' })
      : label(lang, 'unverifiedTyped');
  return `${CHANNEL_ICONS[claim.channel]} ${channelName(lang, claim.channel)}: ${claim.address} ⚠️ (${why})`;
}
