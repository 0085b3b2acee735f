/**
 * A merged customer lives on in its survivor: old threads, old buttons and old identities keep
 * working by following `mergedInto` to the profile that holds the history now.
 */
import type { Customer } from './model.js';
import type { Store } from './ports.js';

const MAX_HOPS = 10;

export async function survivorOf(store: Store, customer: Customer): Promise<Customer> {
  let current = customer;
  for (let hops = 0; current.mergedInto && hops < MAX_HOPS; hops++) {
    const next = await store.getCustomer(current.mergedInto);
    if (!next) break;
    current = next;
  }
  return current;
}

/** The id to act on for `customerId`: itself, or the customer it was merged into. */
export async function survivorId(store: Store, customerId: string): Promise<string> {
  const customer = await store.getCustomer(customerId);
  return customer ? (await survivorOf(store, customer)).id : customerId;
}
