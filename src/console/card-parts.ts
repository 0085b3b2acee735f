/** Small pieces every card builder uses: buttons, cut bodies, times, names. */
import type { Decision, Identity } from '../core/model.js';
import type { CustomerView } from '../core/ports.js';
import { encodeAction, type ActionRef } from './card-actions.js';
import { CHANNEL_ICONS, channelName, label, type OwnerLanguage } from './card-labels.js';
import { DEFAULT_MAX_BODY, type CardBody, type CardButton, type CardOptions } from './card-model.js';

export function button(
  lang: OwnerLanguage,
  key: Parameters<typeof label>[1],
  ref: ActionRef,
  style?: CardButton['style'],
): CardButton {
  const b: CardButton = { label: label(lang, key), actionId: encodeAction(ref), ref };
  if (style) b.style = style;
  return b;
}

/** Cuts text to `max` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), truncated: true };
}

export function formatWhen(date: Date, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timeZone}`;
}

export function customerName(view: CustomerView, lang: OwnerLanguage): string {
  // A customer known only by claims (a sender that failed authentication) is named by them.
  const known = view.identities.length ? view.identities : (view.claims ?? []);
  const withName = known.find((i) => i.displayName);
  const first = known[0];
  // An anonymous chat visitor gets a short, stable handle instead of a long signed id.
  const visitor =
    first?.channel === 'webchat'
      ? `${label(lang, 'visitor')} ${first.address.slice(3, 7).toUpperCase()}`
      : undefined;
  return (
    view.customer.name ?? withName?.displayName ?? visitor ?? first?.address ?? label(lang, 'unknownCustomer')
  );
}

export function identityLine(identity: Identity, lang: OwnerLanguage): string {
  const name =
    identity.displayName && identity.displayName !== identity.address ? ` (${identity.displayName})` : '';
  return `${CHANNEL_ICONS[identity.channel]} ${channelName(lang, identity.channel)}: ${identity.address}${name}`;
}

export function body(text: string, opts: CardOptions, showFull?: CardButton, fuller = false): CardBody {
  const cut = cutText(text, opts.maxBodyChars ?? DEFAULT_MAX_BODY);
  const result: CardBody = { text: cut.text, truncated: cut.truncated, length: text.length };
  if (showFull && (cut.truncated || fuller)) result.showFull = showFull;
  return result;
}

export function actorName(decision: Decision): string {
  return decision.actor.name ?? decision.actor.userId;
}
