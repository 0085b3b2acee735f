/**
 * The MongoDB store's customers and their identities. No transactions: each step is safe
 * to repeat, and a merge marks the merged customer last so that merging again finishes it.
 */
import type { Channel } from '../../core/model.js';
import type { InsertResult } from '../../core/ports.js';
import { isDuplicateKey } from './commit.js';
import { mergeMongoClaims } from './claims.js';
import {
  CUSTOMER_FIELDS,
  customerDoc,
  identityDoc,
  patchUpdate,
  toCustomer,
  toIdentity,
  type Doc,
} from './docs.js';
import { MongoStoreError } from './errors.js';
import { lean } from './lean.js';
import type { Models } from './models.js';
import type { CustomerMethods } from '../record-methods.js';

export function createMongoCustomers(m: Models): CustomerMethods {
  const identityOwner = async (channel: Channel, address: string): Promise<string | undefined> => {
    const doc = await lean<Doc | null>(m.identities.findOne({ channel, address }, { customerId: 1 }));
    return doc?.customerId as string | undefined;
  };

  const methods: CustomerMethods = {
    async findCustomerByIdentity(channel, address) {
      const id = await identityOwner(channel, address);
      return id === undefined ? undefined : methods.getCustomer(id);
    },
    async createCustomer(customer, identity) {
      const owner = await identityOwner(identity.channel, identity.address);
      if (owner !== undefined) return { kind: 'duplicate', existingId: owner };
      // Customer first, then the identity under its unique index. A crash in between leaves
      // a customer nobody can find by identity, with no messages: harmless.
      await m.customers.create(customerDoc(customer));
      try {
        await m.identities.create(identityDoc(customer.id, identity));
        return { kind: 'inserted' };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        await m.customers.deleteOne({ _id: customer.id }).exec();
        const winner = await identityOwner(identity.channel, identity.address);
        if (winner === undefined) throw err;
        return { kind: 'duplicate', existingId: winner };
      }
    },
    async getCustomer(id) {
      const doc = await lean<Doc | null>(m.customers.findById(id));
      return doc ? toCustomer(doc) : undefined;
    },
    async updateCustomer(id, patch) {
      const update = patchUpdate(patch, CUSTOMER_FIELDS);
      if (update) await m.customers.updateOne({ _id: id }, update).exec();
    },
    async addIdentity(customerId, identity): Promise<InsertResult> {
      try {
        await m.identities.create(identityDoc(customerId, identity));
        return { kind: 'inserted' };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const owner = await identityOwner(identity.channel, identity.address);
        if (owner === undefined) throw err;
        return { kind: 'duplicate', existingId: owner };
      }
    },
    async listIdentities(customerId) {
      // ObjectId ids grow with creation: the order the identities were added.
      const docs = await lean<Doc[]>(m.identities.find({ customerId }).sort({ _id: 1 }));
      return docs.map(toIdentity);
    },
    async mergeCustomers(intoId, fromId) {
      if (intoId === fromId) return;
      const [into, from] = await Promise.all([methods.getCustomer(intoId), methods.getCustomer(fromId)]);
      if (!into) throw new MongoStoreError('not_found', `merge target customer ${intoId} does not exist`);
      if (!from) throw new MongoStoreError('not_found', `merged customer ${fromId} does not exist`);
      // Each step is idempotent, and `from` is marked merged last: after a crash, merging
      // again finishes the job.
      for (const model of [m.identities, m.conversations, m.messages, m.drafts, m.ratings, m.jobs]) {
        await model.updateMany({ customerId: fromId }, { $set: { customerId: intoId } }).exec();
      }
      await mergeMongoClaims(m.claims, intoId, fromId);
      // An opt-out on either side still holds; missing facts are filled in.
      const fill: Doc = {};
      if (into.name === undefined && from.name !== undefined) fill.name = from.name;
      if (into.language === undefined && from.language !== undefined) fill.language = from.language;
      await m.customers
        .updateOne(
          { _id: intoId },
          {
            $addToSet: { optedOut: { $each: from.optedOut } },
            ...(Object.keys(fill).length ? { $set: fill } : {}),
          },
        )
        .exec();
      await m.customers
        .updateMany({ $or: [{ _id: fromId }, { mergedInto: fromId }] }, { $set: { mergedInto: intoId } })
        .exec();
    },
  };
  return methods;
}
