/**
 * Fans desk events out to every owner console. A console that fails is logged and does not
 * stop the others. Consoles render by card key and update in place, so publishing the same
 * event again (the pipeline retries inbound messages a console missed) never duplicates a post.
 */
import { notesSourceOf } from './customer-notes.js';
import { KeyedQueue } from './keyed-queue.js';
import type { DeskNotice } from './desk-notice.js';
import type { Console, CustomerView, DeskEvent, Logger, Store } from './ports.js';

export class ConsoleHub {
  /** Events reach consoles in the order they were published, per customer. */
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly consoles: readonly Console[],
    private readonly logger: Logger,
  ) {}

  get names(): string[] {
    return this.consoles.map((c) => c.name);
  }

  /**
   * Queues the event behind the customer's earlier ones. Resolves true when every console
   * took it, false when one failed (and was logged). Callers that must not wait on a slow
   * console may leave the promise; the order is fixed at the call.
   */
  publish(event: DeskEvent): Promise<boolean> {
    return this.queue.run(event.view.customer.id, () => this.deliver(event));
  }

  /**
   * Like publish, to the consoles not in `skip` (they already showed it), calling `taken`
   * as soon as each console took the event — not when the slowest one did — so a console's
   * progress can be recorded even if the desk dies while another is still drawing its
   * backlog. Resolves with the consoles that took it (and whose `taken` succeeded).
   */
  publishEach(
    event: DeskEvent,
    skip: ReadonlySet<string>,
    taken: (consoleName: string) => Promise<void>,
  ): Promise<string[]> {
    return this.queue.run(event.view.customer.id, async () => {
      const targets = this.consoles.filter((c) => !skip.has(c.name));
      const results = await Promise.allSettled(
        targets.map(async (c) => {
          await c.publish(event);
          await taken(c.name);
        }),
      );
      this.logFailures(results, targets, event);
      return targets.filter((_, i) => results[i]?.status === 'fulfilled').map((c) => c.name);
    });
  }

  /**
   * A notice about the desk itself (not one customer) to every console that can show one.
   * Never throws: a console that fails is logged like a failed publish. The log line is the
   * fallback when no console can show it.
   */
  announce(notice: DeskNotice): Promise<boolean> {
    return this.queue.run('desk', async () => {
      const able = this.consoles.filter((c) => c.announce);
      const results = await Promise.allSettled(able.map((c) => c.announce!(notice)));
      results.forEach((result, i) => {
        if (result.status === 'rejected') {
          const err = result.reason as { message?: string; code?: string };
          this.logger.error(
            { console: able[i]?.name, notice: notice.kind, err: err?.message, code: err?.code },
            'console announce failed',
          );
        }
      });
      if (able.length === 0) this.logger.warn({ notice: notice.kind }, 'desk notice: no console can show it');
      return able.length > 0 && results.every((r) => r.status === 'fulfilled');
    });
  }

  /** Waits until every queued event has been handed to the consoles. */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async deliver(event: DeskEvent): Promise<boolean> {
    const results = await Promise.allSettled(this.consoles.map((c) => c.publish(event)));
    this.logFailures(results, this.consoles, event);
    return results.every((r) => r.status === 'fulfilled');
  }

  private logFailures(
    results: PromiseSettledResult<unknown>[],
    consoles: readonly Console[],
    event: DeskEvent,
  ): void {
    results.forEach((result, i) => {
      if (result.status === 'rejected') {
        const err = result.reason as { message?: string; code?: string };
        this.logger.error(
          { console: consoles[i]?.name, event: event.type, err: err?.message, code: err?.code },
          'console publish failed',
        );
      }
    });
  }
}

/**
 * Redraws a customer's pending draft cards (keyed, so consoles update them in place) after
 * the ways to reach them changed: a new identity, an opt-out, a merge. Their "Send via"
 * choices are recomputed by the consoles.
 */
export async function publishPendingDrafts(
  store: Store,
  consoles: ConsoleHub,
  view: CustomerView,
): Promise<void> {
  const drafts = (await store.listPendingDrafts(1000)).filter((d) => d.customerId === view.customer.id);
  for (const draft of drafts) await consoles.publish({ type: 'draft', view, draft });
}

/** Tells the consoles where a delivery stands, with the decision it carries out. */
export async function publishDelivery(store: Store, consoles: ConsoleHub, jobId: string): Promise<void> {
  const job = await store.getJob(jobId);
  const view = job ? await buildCustomerView(store, job.customerId) : undefined;
  if (!job || !view) return;
  const draft = job.draftId ? await store.getDraft(job.draftId) : undefined;
  const decision = draft?.decisionId ? await store.getDecision(draft.decisionId) : undefined;
  await consoles.publish({
    type: 'delivery',
    view,
    job,
    ...(draft && decision ? { decided: { draft, decision } } : {}),
  });
}

/** Everything a console shows on a customer card, read from the store. */
export async function buildCustomerView(store: Store, customerId: string): Promise<CustomerView | undefined> {
  const customer = await store.getCustomer(customerId);
  if (!customer) return undefined;
  const [identities, conversation, conversations, messages, lastRating, allClaims] = await Promise.all([
    store.listIdentities(customerId),
    store.latestConversation(customerId),
    store.countConversations(customerId),
    store.countMessages(customerId),
    store.lastRating(customerId),
    store.listClaims(customerId),
  ]);
  // A claim the customer has since proven (merged with the address's owner) is just an identity.
  const claims = allClaims.filter(
    (c) => !identities.some((i) => i.channel === c.channel && i.address === c.address),
  );
  const attention = conversation ? await store.getAttention(conversation.id) : undefined;
  const notes = await notesSourceOf(store)?.customerNotes(customerId);
  return {
    ...(notes && (notes.note || notes.tags.length > 0) ? { notes } : {}),
    customer,
    identities,
    ...(claims.length ? { claims } : {}),
    ...(conversation ? { conversation } : {}),
    ...(attention?.waitingSince ? { attention } : {}),
    counts: { conversations, messagesIn: messages.in, messagesOut: messages.out },
    ...(lastRating ? { lastRating } : {}),
  };
}
