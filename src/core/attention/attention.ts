/**
 * The desk's attention: which conversations wait for the owner and until when, the instant
 * acknowledgement while the desk is closed, snooze, and the manual away state. It listens to
 * the desk's events like a console does (inbound, decided, customer), so the pipeline and
 * decisions need not know about it; everything it decides is kept in the store.
 */
import { buildCustomerView, type ConsoleHub } from '../console-hub.js';
import type { Channel, Conversation, Customer, Message } from '../model.js';
import type { Clock, Connector, CustomerView, IdGenerator, Logger, SimpleResult, Store } from '../ports.js';
import { sendAck } from './ack-sender.js';
import { ackVerdict } from './ack-rules.js';
import { AWAY_CURSOR, decodeAway, deskState, encodeAway, type AwayState, type DeskState } from './away.js';
import { addBusinessDuration } from './durations.js';
import { attentionLabel } from './owner-labels.js';
import { URGENCY_RANK, type AttentionRecord } from './record.js';
import type { AttentionSettings } from './settings.js';
import { snoozeUntil } from './snooze.js';
import { formatOwnerTime } from './owner-time.js';

export interface AttentionDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Read lazily: the hub is built with the attention console in it. */
  consoles: () => ConsoleHub;
  connectorFor: (channel: Channel) => Connector | undefined;
  kickOutbox: () => void;
}

export class Attention {
  constructor(
    readonly deps: AttentionDeps,
    readonly settings: AttentionSettings,
  ) {}

  // ------------------------------------------------------------------ open, closed, away

  async away(): Promise<AwayState | undefined> {
    const state = decodeAway(await this.deps.store.getCursor(AWAY_CURSOR));
    // An away that has ended is no longer reported (and `/cs back` is then a no-op).
    if (state?.until && state.until.getTime() <= this.deps.clock.now().getTime()) return undefined;
    return state;
  }

  async setAway(until: Date | undefined): Promise<AwayState> {
    const state: AwayState = { since: this.deps.clock.now(), ...(until ? { until } : {}) };
    await this.deps.store.setCursor(AWAY_CURSOR, encodeAway(state));
    return state;
  }

  /** Ends the away state; false when the desk was not away. */
  async back(): Promise<boolean> {
    const was = await this.away();
    await this.deps.store.setCursor(AWAY_CURSOR, encodeAway(undefined));
    return was !== undefined;
  }

  async state(): Promise<DeskState> {
    return deskState(this.settings.hours, await this.away(), this.deps.clock.now());
  }

  // ------------------------------------------------------------------ events

  /** A customer message was shown: the conversation waits (due time), a snooze ends, maybe an ack. */
  async inbound(view: CustomerView, message: Message): Promise<void> {
    if (message.direction !== 'in') return;
    const { store, clock } = this.deps;
    const conversation = await store.getConversation(message.conversationId);
    if (!conversation || conversation.status === 'resolved') return;
    const now = clock.now();
    const record = (await store.getAttention(conversation.id)) ?? blank(conversation, now);
    // A message the owner has answered since (a console retry) changes nothing.
    const answered = record.answeredAt && record.answeredAt.getTime() >= message.createdAt.getTime();
    let woke = false;
    if (!answered) {
      const urgency = message.classification?.urgency ?? 'normal';
      if (!record.waitingSince) {
        record.waitingSince = message.createdAt;
        record.urgency = urgency;
        record.reminders = 0;
        delete record.remindedAt;
        const due = addBusinessDuration(
          this.settings.hours,
          message.createdAt,
          this.settings.replyDue[urgency],
        );
        if (due) record.dueAt = due;
        else delete record.dueAt;
      } else if (URGENCY_RANK[urgency] < URGENCY_RANK[record.urgency ?? 'normal']) {
        // A more urgent follow-up brings the due time forward, never back.
        record.urgency = urgency;
        const due = addBusinessDuration(
          this.settings.hours,
          record.waitingSince,
          this.settings.replyDue[urgency],
        );
        if (due && (!record.dueAt || due.getTime() < record.dueAt.getTime())) record.dueAt = due;
      }
      if (record.snoozedUntil && record.snoozedUntil.getTime() > message.createdAt.getTime()) {
        delete record.snoozedUntil;
        woke = true;
      }
    }
    const ack = await this.ackIfDue(view.customer, conversation, message, record, now);
    if (ack) record.lastAckAt = now;
    record.updatedAt = now;
    await store.putAttention(record);
    if (woke) await this.notice(conversation.customerId, 'woken');
    // The root card shows the new due time.
    await this.refresh(conversation.customerId);
  }

  /** The owner answered (a reply was queued): the wait ends and is scored against its due time. */
  async answered(conversationId: string, at: Date): Promise<void> {
    const { store, clock } = this.deps;
    const record = await store.getAttention(conversationId);
    if (!record?.waitingSince) return;
    record.answeredAt = at;
    record.answeredInDue = !record.dueAt || at.getTime() <= record.dueAt.getTime();
    endWait(record);
    record.updatedAt = clock.now();
    await store.putAttention(record);
    await this.refresh(record.customerId);
  }

  /** A resolved conversation no longer waits (without counting as answered). */
  async resolved(conversationId: string): Promise<void> {
    const record = await this.deps.store.getAttention(conversationId);
    if (!record?.waitingSince) return;
    endWait(record);
    record.updatedAt = this.deps.clock.now();
    await this.deps.store.putAttention(record);
  }

  // ------------------------------------------------------------------ snooze

  async snooze(customerId: string, choice: string, lang: 'en' | 'zh'): Promise<SimpleResult> {
    const { store, clock } = this.deps;
    const conversation = await store.latestConversation(customerId);
    const record = conversation ? await store.getAttention(conversation.id) : undefined;
    if (!conversation || conversation.status === 'resolved' || !record?.waitingSince)
      return {
        kind: 'rejected',
        reason: attentionLabel(lang, 'nobodyWaitingHere'),
      };
    const now = clock.now();
    const until = snoozeUntil(choice, now, this.settings.hours);
    if (!until || until.getTime() <= now.getTime())
      return {
        kind: 'rejected',
        reason:
          lang === 'zh'
            ? '无法识别的时间，例如 2026-12-28 09:00。'
            : 'Not a time I understand, e.g. 2026-12-28 09:00.',
      };
    record.snoozedUntil = until;
    record.updatedAt = now;
    await store.putAttention(record);
    await this.notice(customerId, 'snoozed', {
      until: formatOwnerTime(until, now, this.settings.hours.tz, lang),
    });
    await this.refresh(customerId);
    return { kind: 'ok' };
  }

  // ------------------------------------------------------------------ helpers

  private async ackIfDue(
    customer: Customer,
    conversation: Conversation,
    message: Message,
    record: AttentionRecord,
    now: Date,
  ): Promise<boolean> {
    const state = await this.state();
    const verdict = ackVerdict({
      mode: this.settings.autoAck,
      state,
      message,
      customer,
      now,
      everyMs: this.settings.ackEveryMs,
      ...(record.lastAckAt ? { lastAckAt: record.lastAckAt } : {}),
    });
    if (!verdict.ack) {
      if (this.settings.autoAck !== 'off')
        this.deps.logger.debug(
          { conversationId: conversation.id, reason: verdict.reason },
          'no acknowledgement',
        );
      return false;
    }
    return sendAck(this.deps, this.settings, { customer, conversation, message, state, now });
  }

  async notice(
    customerId: string,
    key: 'woken' | 'snoozed' | 'snoozeEnded',
    vars: Record<string, string> = {},
  ) {
    const view = await buildCustomerView(this.deps.store, customerId);
    if (!view) return;
    const name = view.customer.name ?? view.identities[0]?.displayName ?? view.identities[0]?.address ?? '';
    const text = attentionLabel(this.settings.ownerLanguage, key, { name, ...vars });
    void this.deps.consoles().publish({ type: 'notice', view, text });
  }

  /** Redraws the customer's root card; queued, not awaited (we may be inside a publish). */
  async refresh(customerId: string): Promise<void> {
    const view = await buildCustomerView(this.deps.store, customerId);
    if (view) void this.deps.consoles().publish({ type: 'customer', view });
  }
}

function blank(conversation: Conversation, now: Date): AttentionRecord {
  return {
    conversationId: conversation.id,
    customerId: conversation.customerId,
    reminders: 0,
    updatedAt: now,
  };
}

function endWait(record: AttentionRecord): void {
  delete record.waitingSince;
  delete record.dueAt;
  delete record.snoozedUntil;
  delete record.remindedAt;
  record.reminders = 0;
}
