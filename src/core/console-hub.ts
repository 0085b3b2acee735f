/**
 * Fans desk events out to every owner console. A console that fails is logged and does not
 * stop the others. Consoles render by card key and update in place, so publishing the same
 * event again (the pipeline retries inbound messages a console missed) never duplicates a post.
 */
import type { Console, CustomerView, DeskEvent, Logger, Store } from './ports.js';

export class ConsoleHub {
  constructor(
    private readonly consoles: readonly Console[],
    private readonly logger: Logger,
  ) {}

  get names(): string[] {
    return this.consoles.map((c) => c.name);
  }

  /** True when every console took the event; false when one failed (and was logged). */
  async publish(event: DeskEvent): Promise<boolean> {
    const results = await Promise.allSettled(this.consoles.map((c) => c.publish(event)));
    results.forEach((result, i) => {
      if (result.status === 'rejected') {
        const err = result.reason as { message?: string; code?: string };
        this.logger.error(
          { console: this.consoles[i]?.name, event: event.type, err: err?.message, code: err?.code },
          'console publish failed',
        );
      }
    });
    return results.every((r) => r.status === 'fulfilled');
  }
}

/** Everything a console shows on a customer card, read from the store. */
export async function buildCustomerView(store: Store, customerId: string): Promise<CustomerView | undefined> {
  const customer = await store.getCustomer(customerId);
  if (!customer) return undefined;
  const [identities, conversation, conversations, messages, lastRating] = await Promise.all([
    store.listIdentities(customerId),
    store.latestConversation(customerId),
    store.countConversations(customerId),
    store.countMessages(customerId),
    store.lastRating(customerId),
  ]);
  return {
    customer,
    identities,
    ...(conversation ? { conversation } : {}),
    counts: { conversations, messagesIn: messages.in, messagesOut: messages.out },
    ...(lastRating ? { lastRating } : {}),
  };
}
