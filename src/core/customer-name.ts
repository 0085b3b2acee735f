/**
 * How the desk names a customer to the owner wherever a list shows them (the waiting list, the
 * replies that need the owner, people search): the name the owner gave, else a name a platform
 * sent, else the first address. Undefined when there is none of these; each list says what it
 * shows then.
 */
import type { Customer, Identity } from './model.js';

export function customerName(
  customer: Pick<Customer, 'name'> | undefined,
  identities: readonly Identity[],
): string | undefined {
  return customer?.name ?? identities.find((i) => i.displayName)?.displayName ?? identities[0]?.address;
}
