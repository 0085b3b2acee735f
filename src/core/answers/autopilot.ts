/**
 * Autopilot, earned: a remembered answer the owner has sent unchanged at least
 * AUTOPILOT_MIN_APPROVALS times, never edited or discarded, qualifies; once the owner sets it on
 * (`/cs autopilot on`), it drafts replies that send themselves after AUTOPILOT_DELAY unless the
 * owner taps Cancel (or Edit, or decides otherwise) first. An
 * automatic send is an ordinary decision by the `auto` actor, so it goes through the outbox and
 * is marked and counted as "sent automatically" like the instant acknowledgements.
 */
import type { Actor, Classification, Draft } from '../model.js';
import { hasBlanks } from '../model.js';
import type { Clock, Logger, Store } from '../ports.js';
import { answerRecord, editedSince, type AnswerRecord } from './outcomes.js';
import type { RememberedAnswer } from './record.js';

export interface AutopilotSettings {
  minApprovals: number;
  delayMs: number;
  /** Below this classification confidence nothing is sent automatically. */
  minConfidence: number;
}

export const AUTOPILOT_ACTOR: Actor = { console: 'auto', userId: 'autopilot', name: 'solodesk autopilot' };

export type AutopilotState = 'on' | 'qualifies' | 'learning' | 'flagged';

/**
 * Flagged once edited or discarded (it loses "on"); else it qualifies after enough unchanged
 * sends, and is on only when the owner also set it so.
 */
export function autopilotState(
  record: AnswerRecord,
  minApprovals: number,
  answer?: Pick<RememberedAnswer, 'autopilot'>,
): AutopilotState {
  if (record.edited > 0 || record.discarded > 0) return 'flagged';
  if (minApprovals <= 0 || record.sent < minApprovals) return 'learning';
  return answer?.autopilot ? 'on' : 'qualifies';
}

/** Why this message must not be answered automatically, or undefined when it may. */
export function autopilotRefusal(
  c: Classification,
  draftText: string,
  minConfidence: number,
): string | undefined {
  if (c.intent === 'complaint') return 'complaint';
  if (c.urgency === 'high') return 'high urgency';
  if (c.sentiment === 'negative') return 'negative sentiment';
  if (c.confidence < minConfidence) return 'low confidence';
  if (hasBlanks(draftText)) return 'blanks';
  return undefined;
}

export interface AutopilotDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** desk.decide as the autopilot: the one way a reply reaches the outbox. */
  send: (draftId: string) => Promise<unknown>;
}

export class Autopilot {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly deps: AutopilotDeps,
    readonly settings: AutopilotSettings,
  ) {}

  /** When the new draft (made from a remembered answer) should send itself, if at all. */
  async sendAt(
    draft: Pick<Draft, 'customerId' | 'text' | 'basis'>,
    c: Classification,
    conversationOpenedAt: Date,
  ): Promise<Date | undefined> {
    if (!draft.basis || this.settings.minApprovals <= 0) return undefined;
    if (autopilotRefusal(c, draft.text, this.settings.minConfidence)) return undefined;
    if (!(await this.isOn(draft.basis.answerId))) return undefined;
    if (await editedSince(this.deps.store, draft.customerId, conversationOpenedAt)) return undefined;
    return new Date(this.deps.clock.now().getTime() + this.settings.delayMs);
  }

  /** Arms the timer of a draft that sends itself at `at`. */
  schedule(draftId: string, at: Date): void {
    if (this.timers.has(draftId)) return;
    const wait = Math.max(0, at.getTime() - this.deps.clock.now().getTime());
    const timer = setTimeout(() => {
      this.timers.delete(draftId);
      void this.fire(draftId).catch((err: unknown) =>
        this.deps.logger.error({ draftId, err: (err as Error).message }, 'autopilot send failed'),
      );
    }, wait);
    timer.unref?.();
    this.timers.set(draftId, timer);
  }

  /**
   * On start: arms again every pending automatic reply, whose timer died with the last process
   * (its time is stored on the draft). One already past due goes at once; fire() still skips a
   * draft cancelled or decided meanwhile. Returns how many were armed.
   */
  async resume(): Promise<number> {
    if (this.settings.minApprovals <= 0) return 0;
    let armed = 0;
    for (const draft of await this.deps.store.listPendingDrafts()) {
      const at = draft.basis?.autoSendAt;
      if (!at || (await this.cancelled(draft.id))) continue;
      this.schedule(draft.id, new Date(at));
      armed += 1;
    }
    return armed;
  }

  /** Cancel: the draft stays for the owner; true when it was still going to send. */
  async cancel(draftId: string): Promise<boolean> {
    const timer = this.timers.get(draftId);
    if (timer) clearTimeout(timer);
    this.timers.delete(draftId);
    return this.deps.store.claimMark(`autopilot-cancel:${draftId}`, this.deps.clock.now());
  }

  async cancelled(draftId: string): Promise<boolean> {
    return (
      (await this.deps.store.countMarks(
        `autopilot-cancel:${draftId}`,
        new Date(0),
        new Date(Date.UTC(9999, 0)),
      )) > 0
    );
  }

  /** Whether this remembered answer sends by itself now (the owner's choice, still qualifying). */
  async isOn(answerId: string): Promise<boolean> {
    const answer = await this.deps.store.getAnswer(answerId);
    if (!answer?.autopilot) return false;
    const record = await answerRecord(this.deps.store, answerId);
    return autopilotState(record, this.settings.minApprovals, answer) === 'on';
  }

  private async fire(draftId: string): Promise<void> {
    const draft = await this.deps.store.getDraft(draftId);
    // Decided meanwhile (Edit, Send, Discard) or cancelled: nothing to do.
    if (!draft || draft.status !== 'pending' || (await this.cancelled(draftId))) return;
    // The owner turned it off (or forgot the answer, or it was flagged) while this one waited:
    // it stays an ordinary draft.
    if (!draft.basis || !(await this.isOn(draft.basis.answerId))) return;
    await this.deps.send(draftId);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
