/**
 * Claims: addresses a customer says are theirs without proof (model.ts `Claim`). A typed-in
 * address lets the owner answer that customer there, and when the address turns out to be
 * another customer's, the owner is offered the merge in one tap — never made for them.
 */
import { buildCustomerView, publishPendingDrafts, type ConsoleHub } from './console-hub.js';
import { normaliseAddress, type MergeSuggestion } from './identify.js';
import { survivorOf } from './merges.js';
import type { Identity } from './model.js';
import type { Store } from './ports.js';

/** `customerId` typed `identity` in (a chat visitor's "leave your email"). */
export async function claimAddress(
  store: Store,
  consoles: ConsoleHub,
  customerId: string,
  identity: Identity,
  now: Date,
): Promise<void> {
  const address = normaliseAddress(identity.channel, identity.address);
  const holder = await store.findCustomerByIdentity(identity.channel, address);
  const owner = holder && (await survivorOf(store, holder));
  if (owner?.id === customerId) return; // already theirs, proven
  const result = await store.addClaim(customerId, {
    channel: identity.channel,
    address,
    ...(identity.displayName ? { displayName: identity.displayName } : {}),
    kind: 'typed',
    claimedAt: now,
  });
  if (result.kind !== 'inserted') return;
  const view = await buildCustomerView(store, customerId);
  if (view) {
    await consoles.publish({ type: 'customer', view });
    await publishPendingDrafts(store, consoles, view);
  }
  if (owner) {
    await publishSuggestion(store, consoles, customerId, {
      intoId: owner.id,
      fromId: customerId,
      address: { channel: identity.channel, address },
      why: 'claimed',
    });
  }
}

/** Posts a merge suggestion in `threadCustomerId`'s thread, unless the two are one already. */
export async function publishSuggestion(
  store: Store,
  consoles: ConsoleHub,
  threadCustomerId: string,
  suggestion: MergeSuggestion,
): Promise<void> {
  if (suggestion.intoId === suggestion.fromId) return;
  const [view, into, from] = await Promise.all([
    buildCustomerView(store, threadCustomerId),
    buildCustomerView(store, suggestion.intoId),
    buildCustomerView(store, suggestion.fromId),
  ]);
  if (!view || !into || !from || into.customer.mergedInto || from.customer.mergedInto) return;
  await consoles.publish({
    type: 'merge_suggestion',
    view,
    into,
    from,
    address: suggestion.address,
    why: suggestion.why,
  });
}

/**
 * Where a reply to this customer may go: their proven identities first, then addresses they
 * typed in themselves (answering them there reaches whoever they said they are). An address
 * only claimed by an unauthenticated mail's From is no way to reach its sender.
 */
export async function reachableIdentities(store: Store, customerId: string): Promise<Identity[]> {
  const [identities, claims] = await Promise.all([
    store.listIdentities(customerId),
    store.listClaims(customerId),
  ]);
  const typed = claims
    .filter((c) => c.kind === 'typed')
    .filter((c) => !identities.some((i) => i.channel === c.channel && i.address === c.address))
    .map((c) => ({
      channel: c.channel,
      address: c.address,
      ...(c.displayName ? { displayName: c.displayName } : {}),
    }));
  return [...identities, ...typed];
}
