/**
 * The Store port's methods grouped by kind of record: each group is implemented in one file
 * per store (sqlite/customers.ts and mongo/customers.ts, …), so both stores split alike.
 */
import type { Store } from '../core/ports.js';

export type CustomerMethods = Pick<
  Store,
  | 'findCustomerByIdentity'
  | 'createCustomer'
  | 'getCustomer'
  | 'updateCustomer'
  | 'addIdentity'
  | 'listIdentities'
  | 'mergeCustomers'
>;

export type ConversationMethods = Pick<
  Store,
  | 'latestConversation'
  | 'createConversation'
  | 'getConversation'
  | 'updateConversation'
  | 'countConversations'
>;

export type MessageMethods = Pick<
  Store,
  | 'insertMessage'
  | 'getMessage'
  | 'findMessageByExternalId'
  | 'updateMessage'
  | 'listMessages'
  | 'countMessages'
  | 'listUnpresented'
>;

export type DraftMethods = Pick<
  Store,
  'insertDraft' | 'getDraft' | 'listPendingDrafts' | 'commitDecision' | 'getDecision'
>;

export type RatingMethods = Pick<Store, 'insertRating' | 'lastRating' | 'listRatings'>;

export type ConsoleRefMethods = Pick<Store, 'getRef' | 'setRef' | 'findRefKey' | 'getCursor' | 'setCursor'>;
