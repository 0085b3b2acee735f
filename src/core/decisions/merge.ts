/**
 * Merging two customers the owner says are one person: identities, conversations and history
 * move to `into`; the old thread gets a pointer (with Split offered) and the survivor's card is
 * redrawn with both sets of identities.
 */
import { buildCustomerView, publishPendingDrafts, type ConsoleHub } from '../console-hub.js';
import { prepareMergeRecord } from '../people.js';
import type { Actor } from '../model.js';
import type { Clock, Logger, SimpleResult, Store } from '../ports.js';
import { say } from './say.js';

export interface MergeDeps {
  store: Store;
  consoles: ConsoleHub;
  clock: Clock;
  logger: Logger;
}

export async function publishCustomer(store: Store, consoles: ConsoleHub, customerId: string): Promise<void> {
  const view = await buildCustomerView(store, customerId);
  if (view) await consoles.publish({ type: 'customer', view });
}

export async function mergeCustomers(
  deps: MergeDeps,
  intoCustomerId: string,
  fromCustomerId: string,
  actor: Actor,
): Promise<SimpleResult> {
  const { store, clock } = deps;
  if (intoCustomerId === fromCustomerId) return { kind: 'rejected', reason: say(actor, 'sameCustomer') };
  const [into, from] = await Promise.all([
    store.getCustomer(intoCustomerId),
    store.getCustomer(fromCustomerId),
  ]);
  if (!into || !from) return { kind: 'rejected', reason: say(actor, 'noCustomer') };
  if (into.mergedInto || from.mergedInto) return { kind: 'rejected', reason: say(actor, 'alreadyMerged') };
  const fromView = await buildCustomerView(store, fromCustomerId);
  // One person has one open conversation: the older of two open ones ends with the merge,
  // and the newer carries on (it is the one new messages continue).
  const [intoOpen, fromOpen] = [await store.latestConversation(intoCustomerId), fromView?.conversation];
  if (intoOpen?.status === 'open' && fromOpen?.status === 'open') {
    const older = intoOpen.openedAt <= fromOpen.openedAt ? intoOpen : fromOpen;
    await store.updateConversation(older.id, { status: 'resolved', resolvedAt: clock.now() });
  }
  const recordMerge = await prepareMergeRecord(store, intoCustomerId, from, clock.now());
  await store.mergeCustomers(intoCustomerId, fromCustomerId);
  await recordMerge();
  if (!into.name && from.name) await store.updateCustomer(intoCustomerId, { name: from.name });
  deps.logger.info({ intoCustomerId, fromCustomerId, actor: actor.userId }, 'customers merged');
  // The old thread gets a pointer; the surviving card shows both sets of identities.
  const intoView = await buildCustomerView(store, intoCustomerId);
  if (fromView && intoView) {
    const first = intoView.identities[0];
    const name = intoView.customer.name ?? first?.displayName ?? first?.address ?? intoCustomerId;
    await deps.consoles.publish({
      type: 'notice',
      view: fromView,
      text: say(actor, 'mergedInto', { name }),
      pointerTo: intoCustomerId,
      offerSplit: true,
    });
  }
  await publishCustomer(store, deps.consoles, intoCustomerId);
  if (intoView) await publishPendingDrafts(store, deps.consoles, intoView);
  return { kind: 'ok' };
}
