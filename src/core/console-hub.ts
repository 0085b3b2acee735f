/**
 * Fans desk events out to every owner console. A console that fails is logged and does not
 * stop the others: the store already holds the truth, and consoles can be re-rendered from it.
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

  async publish(event: DeskEvent): Promise<void> {
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
