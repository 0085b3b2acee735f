/** The waiting list (`/cs due`, the digest): unsnoozed waiting conversations, soonest due first. */
import { INTENT_NAMES } from '../intent-names.js';
import type { Channel } from '../model.js';
import type { Attention } from './attention.js';
import { attentionLabel, shortDuration } from './owner-labels.js';
import { customerName } from '../customer-name.js';

export interface WaitingRow {
  customerId: string;
  conversationId: string;
  name: string;
  channel: Channel;
  intent?: string;
  /** "3 h": how long the customer has waited. */
  waiting: string;
  /** "reply due in 35 min" / "overdue 2 h". */
  due: string;
  dueAt?: Date;
  overdue: boolean;
}

export async function waitingRows(attention: Attention, limit = 200): Promise<WaitingRow[]> {
  const { store, clock } = attention.deps;
  const lang = attention.settings.ownerLanguage;
  const now = clock.now();
  const rows: WaitingRow[] = [];
  for (const record of await store.listWaiting(limit)) {
    if (!record.waitingSince) continue;
    if (record.snoozedUntil && record.snoozedUntil.getTime() > now.getTime()) continue;
    const conversation = await store.getConversation(record.conversationId);
    if (!conversation || conversation.status === 'resolved') continue;
    const customer = await store.getCustomer(conversation.customerId);
    const identities = await store.listIdentities(conversation.customerId);
    const last = (await store.listMessages(conversation.id, 200)).filter((m) => m.direction === 'in').at(-1);
    const overdue = record.dueAt !== undefined && record.dueAt.getTime() <= now.getTime();
    const due = !record.dueAt
      ? '—'
      : overdue
        ? attentionLabel(lang, 'overdue', {
            ago: shortDuration(now.getTime() - record.dueAt.getTime(), lang),
          })
        : attentionLabel(lang, 'dueIn', {
            left: shortDuration(record.dueAt.getTime() - now.getTime(), lang),
          });
    const intent = last?.classification?.intent;
    rows.push({
      customerId: conversation.customerId,
      conversationId: conversation.id,
      name: customerName(customer, identities) ?? '?',
      channel: last?.channel ?? conversation.channel,
      ...(intent ? { intent: INTENT_NAMES[lang][intent] } : {}),
      waiting: shortDuration(now.getTime() - record.waitingSince.getTime(), lang),
      due,
      ...(record.dueAt ? { dueAt: record.dueAt } : {}),
      overdue,
    });
  }
  return rows;
}
