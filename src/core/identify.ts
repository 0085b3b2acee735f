/**
 * Who sent an inbound message: one profile per person, and only on proof.
 *
 * Proof is the sender's own identity (the address the platform vouches for) or a platform
 * guarantee (`sameAs`). What is not proof never files a message with another customer:
 * - an address someone typed in (a Claim) — a later message from it finds or creates the
 *   address's real owner, and the owner is offered a merge instead;
 * - quoting one of our Message-IDs (email In-Reply-To) from an address the customer we wrote
 *   to does not have — anyone can copy a header; again, a merge is offered;
 * - a sender that failed authentication (InboundMessage.unverifiedSender) — it gets an
 *   unverified customer of its own, however well the address is known.
 */
import { survivorOf } from './merges.js';
import type { Claim, Customer, Identity } from './model.js';
import type { IdGenerator, InboundMessage, Store } from './ports.js';

/** A merge the owner may want: `fromId` is probably the same person as `intoId`. */
export interface MergeSuggestion {
  intoId: string;
  fromId: string;
  address: Identity;
  why: 'claimed' | 'answered';
}

export interface Identified {
  customer: Customer;
  /** To post in `customer`'s thread once its message is shown. */
  suggestions: MergeSuggestion[];
}

export async function identifySender(
  store: Store,
  ids: IdGenerator,
  inbound: InboundMessage,
  address: string,
  now: Date,
): Promise<Identified> {
  const identity: Identity = {
    channel: inbound.channel,
    address,
    ...(inbound.from.displayName ? { displayName: inbound.from.displayName } : {}),
  };
  if (inbound.unverifiedSender !== undefined) {
    return {
      customer: await unverifiedSender(store, ids, identity, inbound.unverifiedSender, now),
      suggestions: [],
    };
  }
  const known = await store.findCustomerByIdentity(inbound.channel, address);
  if (known) return { customer: await survivorOf(store, known), suggestions: [] };

  for (const same of inbound.sameAs ?? []) {
    const owner = await store.findCustomerByIdentity(
      same.channel,
      normaliseAddress(same.channel, same.address),
    );
    if (owner) {
      const customer = await survivorOf(store, owner);
      await store.addIdentity(customer.id, identity);
      return { customer, suggestions: [] };
    }
  }

  const customer: Customer = {
    id: ids(),
    ...(inbound.from.displayName ? { name: inbound.from.displayName } : {}),
    createdAt: now,
    optedOut: [],
  };
  const created = await store.createCustomer(customer, identity);
  if (created.kind === 'duplicate') {
    const raced = await store.findCustomerByIdentity(inbound.channel, address);
    if (!raced) throw new Error('identity reported duplicate but not found');
    return { customer: await survivorOf(store, raced), suggestions: [] };
  }
  return { customer, suggestions: await suggestionsFor(store, customer, identity, inbound) };
}

/**
 * A new customer may be someone we know under another profile: one that typed this address
 * in earlier, or the one our quoted message was written to.
 */
async function suggestionsFor(
  store: Store,
  customer: Customer,
  identity: Identity,
  inbound: InboundMessage,
): Promise<MergeSuggestion[]> {
  const out: MergeSuggestion[] = [];
  const seen = new Set([customer.id]);
  for (const id of await store.findClaimants(identity.channel, identity.address, 'typed')) {
    const claimant = await store.getCustomer(id);
    const survivor = claimant && (await survivorOf(store, claimant));
    if (!survivor || seen.has(survivor.id)) continue;
    seen.add(survivor.id);
    out.push({ intoId: customer.id, fromId: survivor.id, address: identity, why: 'claimed' });
  }
  const answered = await customerAnswered(store, inbound);
  if (answered && !seen.has(answered.id)) {
    out.push({ intoId: answered.id, fromId: customer.id, address: identity, why: 'answered' });
  }
  return out;
}

/** The customer one of our messages (or an earlier one of theirs) that this one quotes belongs to. */
async function customerAnswered(store: Store, inbound: InboundMessage): Promise<Customer | undefined> {
  for (const ref of inbound.inReplyTo ?? []) {
    const job = await store.findJobByExternalId(inbound.channel, ref);
    const earlier = job ? undefined : await store.findMessageByExternalId(inbound.channel, ref);
    const customerId = job?.customerId ?? earlier?.customerId;
    const customer = customerId ? await store.getCustomer(customerId) : undefined;
    if (customer) return survivorOf(store, customer);
  }
  return undefined;
}

/**
 * Mail whose sender failed authentication: kept with earlier failed mail claiming the same
 * address (one unverified thread, not one per mail), else a new customer known only by the
 * claim.
 */
async function unverifiedSender(
  store: Store,
  ids: IdGenerator,
  identity: Identity,
  reason: string,
  now: Date,
): Promise<Customer> {
  for (const id of await store.findClaimants(identity.channel, identity.address, 'unauthenticated')) {
    const earlier = await store.getCustomer(id);
    if (earlier) return survivorOf(store, earlier);
  }
  const customer: Customer = {
    id: ids(),
    ...(identity.displayName ? { name: identity.displayName } : {}),
    createdAt: now,
    optedOut: [],
  };
  const claim: Claim = { ...identity, kind: 'unauthenticated', reason, claimedAt: now };
  await store.createClaimant(customer, claim);
  return customer;
}

/** Email addresses compare case-insensitively; other ids are kept as the connector gave them. */
export function normaliseAddress(channel: Identity['channel'], address: string): string {
  const trimmed = address.trim();
  return channel === 'email' ? trimmed.toLowerCase() : trimmed;
}
