/**
 * The attention parts of the customer (root) card: "reply due in 35 min" / "overdue 2 h" /
 * "snoozed until Mon 09:00", and the Snooze menu. Kept apart from card.ts so the card stays small.
 */
import { attentionLabel, shortDuration } from '../core/attention/owner-labels.js';
import { formatOwnerTime } from '../core/attention/owner-time.js';
import { fillOwner, ownerStrings } from '../core/owner-strings/index.js';
import type { CustomerView } from '../core/ports.js';
import type { CardButton, CardField, CardOptions } from './card-model.js';
import { encodeAction } from './card-actions.js';

export const SNOOZE_CHOICES = ['1h', '3h', 'tomorrow', 'nextweek', 'custom'] as const;

export function attentionText(
  lang: 'en' | 'zh',
  key: 'sentAutomatically',
  vars: Record<string, string>,
): string {
  return fillOwner(ownerStrings(lang).card.attention[key], vars);
}

/** The due line of a waiting conversation, relative to `opts.now` (the desk's clock). */
export function dueField(view: CustomerView, opts: CardOptions): CardField | undefined {
  const a = view.attention;
  if (!a?.waitingSince || view.conversation?.status !== 'open') return undefined;
  const lang = opts.language;
  const now = opts.now ?? a.updatedAt;
  const tz = opts.timeZone ?? 'UTC';
  let value: string;
  if (a.snoozedUntil && a.snoozedUntil.getTime() > now.getTime()) {
    value = `💤 ${attentionLabel(lang, 'snoozedUntil', { until: formatOwnerTime(a.snoozedUntil, now, tz, lang) })}`;
  } else if (!a.dueAt) {
    return undefined;
  } else if (a.dueAt.getTime() <= now.getTime()) {
    const ago = shortDuration(now.getTime() - a.dueAt.getTime(), lang);
    value = `🔴 ${attentionLabel(lang, 'overdue', { ago })} (${formatOwnerTime(a.dueAt, now, tz, lang)})`;
  } else {
    const left = shortDuration(a.dueAt.getTime() - now.getTime(), lang);
    value = `⏳ ${attentionLabel(lang, 'dueIn', { left })} (${formatOwnerTime(a.dueAt, now, tz, lang)})`;
  }
  return { label: ownerStrings(lang).card.attention.due, value };
}

/** Snooze choices for a waiting conversation's root card. */
export function snoozeMenu(
  view: CustomerView,
  lang: 'en' | 'zh',
): { label: string; options: CardButton[] } | undefined {
  if (!view.attention?.waitingSince || view.conversation?.status !== 'open') return undefined;
  return {
    label: ownerStrings(lang).card.attention.snooze,
    options: SNOOZE_CHOICES.map((choice) => {
      const ref = { action: 'snooze' as const, id: view.customer.id, arg: choice };
      return { label: ownerStrings(lang).card.attention.choices[choice], actionId: encodeAction(ref), ref };
    }),
  };
}
