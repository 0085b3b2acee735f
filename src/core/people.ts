/**
 * Merge and split from the console (issue 19): the customer picker behind "Same person as…",
 * and Split, which undoes a wrong merge. A split moves one identity, and every message that
 * came through it (or went to it), to a new customer of its own; a conversation goes along
 * only when all of its messages do, so no conversation is invented or cut in two and the
 * figures of past periods (conversations opened, resolved, answered) stay as they were.
 */
import { buildCustomerView, publishPendingDrafts, type ConsoleHub } from './console-hub.js';
import { survivorId, survivorOf } from './merges.js';
import type { Actor, Channel, Customer, Identity } from './model.js';
import type { IdGenerator, Logger, SimpleResult, Store } from './ports.js';
import type { SearchSource } from './search.js';
import { peopleText } from './people-text.js';
import { customerName } from './customer-name.js';

/** What a store reports after moving an identity off a customer. */
export type SplitOutcome =
  | { kind: 'split'; messages: number; conversations: number }
  | { kind: 'not_found' }
  /** The customer's only identity: nothing would be left to split from. */
  | { kind: 'last_identity' };

/** What a merge brought: the merged-away profile's name, language and identities. */
export interface MergeRecord {
  intoId: string;
  fromId: string;
  fromName?: string;
  fromLanguage?: string;
  identities: Pick<Identity, 'channel' | 'address'>[];
  mergedAt: Date;
}

/** Implemented by both stores (test/contracts/people-contract.ts). */
export interface SplitSource {
  /** Keeps what a merge brought, so a later split knows where an identity came from. */
  recordMerge(record: MergeRecord): Promise<void>;
  /** The latest merge into `intoId` that brought `identity`, if any. */
  mergeOrigin(
    intoId: string,
    identity: Pick<Identity, 'channel' | 'address'>,
  ): Promise<MergeRecord | undefined>;
  /**
   * In one step: creates `into`, moves the identity (channel, address) of `customerId` to it,
   * with the messages through that address, the conversations all of whose messages moved,
   * and the drafts, deliveries, ratings and due times that belong to what moved.
   */
  splitIdentity(
    customerId: string,
    identity: Pick<Identity, 'channel' | 'address'>,
    into: Customer,
  ): Promise<SplitOutcome>;
}

/** One row of the customer picker. */
export interface PersonChoice {
  customerId: string;
  /** Name · first address, for a select option. */
  label: string;
}

export interface PeopleDeps {
  store: Store;
  consoles: ConsoleHub;
  ids: IdGenerator;
  clock: { now(): Date };
  logger: Logger;
}

const MAX_CHOICES = 20;

function nameOf(customer: Customer, identities: readonly Identity[]): string {
  return customerName(customer, identities) ?? customer.id;
}

/** Customers matching `text` (name, email, phone, words they wrote), best first, never `excludeId`. */
export async function findPeople(store: Store, text: string, excludeId?: string): Promise<PersonChoice[]> {
  const query = text.trim();
  const search = (store as Store & Partial<SearchSource>).search;
  if (!query || typeof search !== 'function') return [];
  const results = await search.call(store, { text: query, limit: 40 });
  const exclude = excludeId ? await survivorId(store, excludeId) : undefined;
  const ids = [...results.customers.map((c) => c.customerId), ...results.messages.map((m) => m.customerId)];
  const seen = new Set<string>();
  const choices: PersonChoice[] = [];
  for (const id of ids) {
    if (choices.length >= MAX_CHOICES) break;
    const found = await store.getCustomer(id);
    const customer = found && (await survivorOf(store, found));
    if (!customer || customer.id === exclude || seen.has(customer.id)) continue;
    seen.add(customer.id);
    const identities = await store.listIdentities(customer.id);
    const name = nameOf(customer, identities);
    const address = identities.find((i) => i.address !== name)?.address;
    choices.push({ customerId: customer.id, label: address ? `${name} · ${address}` : name });
  }
  return choices;
}

/**
 * Called by desk.merge before the store merges: reads what `fromId` brings, and returns the
 * step that records it once the merge is done (nothing where the store keeps no records).
 */
export async function prepareMergeRecord(
  store: Store,
  intoId: string,
  from: Customer,
  now: Date,
): Promise<() => Promise<void>> {
  const log = store as Store & Partial<SplitSource>;
  if (typeof log.recordMerge !== 'function') return async () => undefined;
  const identities = (await store.listIdentities(from.id)).map((i) => ({
    channel: i.channel,
    address: i.address,
  }));
  const record: MergeRecord = {
    intoId,
    fromId: from.id,
    ...(from.name ? { fromName: from.name } : {}),
    ...(from.language ? { fromLanguage: from.language } : {}),
    identities,
    mergedAt: now,
  };
  return () => log.recordMerge!.call(store, record);
}

/** Moves `identity` off `anyCustomerId` (or its survivor) to a new customer with its own thread. */
export async function splitIdentity(
  deps: PeopleDeps,
  anyCustomerId: string,
  identity: { channel: Channel; address: string },
  actor: Actor,
): Promise<SimpleResult & { customerId?: string }> {
  const { store, consoles } = deps;
  const say = (key: Parameters<typeof peopleText>[1], vars?: Record<string, string | number>) =>
    peopleText(actor.language ?? 'en', key, vars);
  const split = (store as Store & Partial<SplitSource>).splitIdentity;
  if (typeof split !== 'function') return { kind: 'rejected', reason: say('splitUnsupported') };
  const customerId = await survivorId(store, anyCustomerId);
  const customer = await store.getCustomer(customerId);
  if (!customer) return { kind: 'rejected', reason: say('noSuchCustomer') };
  const identities = await store.listIdentities(customerId);
  const moving = identities.find((i) => i.channel === identity.channel && i.address === identity.address);
  if (!moving) return { kind: 'rejected', reason: say('noSuchIdentity') };
  // Where the merge records say it came from, it gets that profile's name and language back.
  const origin = await (store as Store & Partial<SplitSource>).mergeOrigin?.call(store, customerId, moving);
  const name = origin?.fromName ?? moving.displayName;
  const language = origin?.fromLanguage ?? customer.language;
  const into: Customer = {
    id: deps.ids(),
    ...(name ? { name } : {}),
    ...(language ? { language } : {}),
    createdAt: deps.clock.now(),
    // A STOP on this identity's channel was said through it (or applies to the number).
    optedOut: customer.optedOut.filter((c) => c === moving.channel),
  };
  const outcome = await split.call(store, customerId, moving, into);
  if (outcome.kind === 'not_found') return { kind: 'rejected', reason: say('noSuchIdentity') };
  if (outcome.kind === 'last_identity') return { kind: 'rejected', reason: say('lastIdentity') };
  deps.logger.info(
    { customerId, newCustomerId: into.id, messages: outcome.messages, actor: actor.userId },
    'identity split off',
  );
  const [newView, oldView] = await Promise.all([
    buildCustomerView(store, into.id),
    buildCustomerView(store, customerId),
  ]);
  if (oldView) await consoles.publish({ type: 'customer', view: oldView });
  if (newView) {
    // The customer card first: it becomes the new thread's root.
    await consoles.publish({ type: 'customer', view: newView });
    await consoles.publish({
      type: 'notice',
      view: newView,
      text: say('splitFrom', { name: nameOf(customer, identities), messages: outcome.messages }),
      pointerTo: customerId,
    });
    await publishPendingDrafts(store, consoles, newView);
  }
  if (oldView)
    await consoles.publish({
      type: 'notice',
      view: oldView,
      text: say('splitOff', { address: moving.address, messages: outcome.messages }),
      pointerTo: into.id,
    });
  return { kind: 'ok', customerId: into.id };
}
