/**
 * The one loop that runs the attention timers, from the store alone: reminders for overdue
 * conversations, the end of a snooze, and the daily digest. No schedule lives only in memory:
 * each tick reads what is due now, and every action first claims an idempotency mark
 * (`remind:<conversation>:<wait>:<n>`, `digest:<date>`), so a restart or a second process
 * never doubles one — and a timer that passed while the desk was down fires once on return.
 * A crash between the claim and the post loses that one post rather than repeating it.
 */
import { buildCustomerView } from '../console-hub.js';
import type { Console } from '../ports.js';
import type { Attention } from './attention.js';
import { buildDigest } from './digest.js';
import { attentionLabel, shortDuration } from './owner-labels.js';
import { formatOwnerTime } from './owner-time.js';
import type { AttentionRecord } from './record.js';
import { localDate, localParts } from './zoned.js';

export const DEFAULT_TICK_MS = 30_000;
/** How close to its due time a waiting conversation's card is redrawn once ("due in 25 min"). */
export const DUE_SOON_MS = 30 * 60_000;

export class AttentionScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly attention: Attention,
    /** Consoles that can take a post tied to no customer (the digest). */
    private readonly announcers: () => Console[],
    private readonly tickMs = DEFAULT_TICK_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over everything due now; overlapping calls share the pass in flight. */
  tick(): Promise<void> {
    if (!this.running) {
      this.running = this.pass()
        .catch((err: unknown) =>
          this.attention.deps.logger.error({ err: (err as Error).message }, 'attention timers failed'),
        )
        .finally(() => {
          this.running = undefined;
        });
    }
    return this.running;
  }

  private async pass(): Promise<void> {
    const { store, clock } = this.attention.deps;
    const now = clock.now();
    const state = await this.attention.state();
    for (const record of await store.listWaiting(1000)) {
      const conversation = await store.getConversation(record.conversationId);
      if (!conversation || conversation.status === 'resolved') {
        await this.attention.resolved(record.conversationId);
        continue;
      }
      if (record.snoozedUntil) {
        if (record.snoozedUntil.getTime() > now.getTime()) continue;
        delete record.snoozedUntil;
        record.updatedAt = now;
        await store.putAttention(record);
        await this.attention.notice(conversation.customerId, 'snoozeEnded');
        await this.attention.refresh(conversation.customerId);
      }
      if (!record.dueAt) continue;
      if (record.dueAt.getTime() > now.getTime()) {
        // "reply due in 25 min" is worth one redraw before it turns overdue; not every tick.
        const soon = record.dueAt.getTime() - now.getTime() <= DUE_SOON_MS;
        const wait = record.waitingSince?.getTime() ?? 0;
        if (soon && (await store.claimMark(`duesoon:${record.conversationId}:${wait}`, now)))
          await this.attention.refresh(conversation.customerId);
        continue;
      }
      await this.overdue(record, conversation.customerId, state.kind === 'open');
    }
    await this.digest();
  }

  private async overdue(record: AttentionRecord, customerId: string, open: boolean): Promise<void> {
    const { store, clock } = this.attention.deps;
    const { remindAgainMs, ownerLanguage: lang, hours } = this.attention.settings;
    const now = clock.now();
    const wait = record.waitingSince?.getTime() ?? 0;
    // The card turns to "overdue" once, whether or not a reminder may go out now.
    if (await store.claimMark(`overdue:${record.conversationId}:${wait}`, now))
      await this.attention.refresh(customerId);
    if (!open && record.urgency !== 'high') return;
    if (record.remindedAt && now.getTime() - record.remindedAt.getTime() < remindAgainMs) return;
    const n = record.reminders + 1;
    if (!(await store.claimMark(`remind:${record.conversationId}:${wait}:${n}`, now))) return;
    record.reminders = n;
    record.remindedAt = now;
    record.updatedAt = now;
    await store.putAttention(record);
    const view = await buildCustomerView(store, customerId);
    if (!view || !record.dueAt) return;
    const name = view.customer.name ?? view.identities[0]?.displayName ?? view.identities[0]?.address ?? '';
    const ago = shortDuration(now.getTime() - record.dueAt.getTime(), lang);
    const text =
      n === 1
        ? attentionLabel(lang, 'reminder', {
            name,
            ago,
            due: formatOwnerTime(record.dueAt, now, hours.tz, lang),
          })
        : attentionLabel(lang, 'reminderAgain', { name, ago });
    this.attention.deps.logger.info({ conversationId: record.conversationId, n }, 'reply-due reminder');
    await this.attention.deps.consoles().publish({ type: 'notice', view, text, mention: true });
    await this.attention.deps.consoles().publish({ type: 'customer', view });
  }

  private async digest(): Promise<void> {
    const { digestAt, hours } = this.attention.settings;
    if (digestAt === undefined) return;
    const { store, clock, logger } = this.attention.deps;
    const now = clock.now();
    if (localParts(now, hours.tz).minutes < digestAt) return;
    const consoles = this.announcers();
    if (consoles.length === 0) return;
    const date = localDate(now, hours.tz);
    if (!(await store.claimMark(`digest:${date}`, now))) return;
    const post = await buildDigest(this.attention, date);
    for (const c of consoles) {
      await c
        .publishPost?.(post)
        .catch((err: unknown) =>
          logger.error({ console: c.name, err: (err as Error).message }, 'digest post failed'),
        );
    }
    logger.info({ date }, 'daily digest posted');
  }
}
