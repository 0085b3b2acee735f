/**
 * Claims in the MongoDB store: unproven addresses of a customer (model.ts `Claim`), in a
 * collection of their own so no lookup by identity can ever find one.
 */
import { Schema, type Model } from 'mongoose';
import type { Channel, Claim, Customer } from '../../core/model.js';
import type { InsertResult } from '../../core/ports.js';
import { customerDoc, type Doc } from './docs.js';

type ClaimModel = Model<Record<string, unknown>>;

/** ObjectId ids: equal claim times keep the order the claims were made in. */
export function claimSchema(): Schema {
  const s = new Schema(
    {
      customerId: { type: String, required: true },
      channel: { type: String, required: true },
      address: { type: String, required: true },
      kind: { type: String, required: true },
      reason: String,
      displayName: String,
      claimedAt: { type: Date, required: true },
    },
    { versionKey: false, minimize: false, strict: true, autoIndex: false, autoCreate: false },
  );
  s.index({ customerId: 1, channel: 1, address: 1 }, { unique: true, name: 'claim_unique' });
  s.index({ channel: 1, address: 1, kind: 1, claimedAt: 1 }, { name: 'claims_by_address' });
  return s;
}

function claimDoc(customerId: string, c: Claim): Doc {
  return {
    customerId,
    channel: c.channel,
    address: c.address,
    kind: c.kind,
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
    ...(c.displayName !== undefined ? { displayName: c.displayName } : {}),
    claimedAt: c.claimedAt,
  };
}

export function toClaim(d: Doc): Claim {
  return {
    channel: d.channel as Channel,
    address: d.address as string,
    ...(d.displayName != null ? { displayName: d.displayName as string } : {}),
    kind: d.kind as Claim['kind'],
    ...(d.reason != null ? { reason: d.reason as string } : {}),
    claimedAt: new Date(d.claimedAt as Date),
  };
}

export function createMongoClaims(
  claims: ClaimModel,
  customers: ClaimModel,
  isDuplicateKey: (err: unknown) => boolean,
) {
  return {
    async createClaimant(customer: Customer, claim: Claim): Promise<void> {
      // Customer first: a crash in between leaves a customer with no messages, harmless.
      await customers.create(customerDoc(customer));
      await claims.create(claimDoc(customer.id, claim));
    },
    async addClaim(customerId: string, claim: Claim): Promise<InsertResult> {
      try {
        await claims.create(claimDoc(customerId, claim));
        return { kind: 'inserted' };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        return { kind: 'duplicate', existingId: customerId };
      }
    },
    async listClaims(customerId: string): Promise<Claim[]> {
      const docs = await claims.find({ customerId }).sort({ claimedAt: 1, _id: 1 }).lean<Doc[]>().exec();
      return docs.map(toClaim);
    },
    async findClaimants(channel: Channel, address: string, kind?: Claim['kind']): Promise<string[]> {
      const docs = await claims
        .find({ channel, address, ...(kind ? { kind } : {}) }, { customerId: 1 })
        .sort({ claimedAt: 1, _id: 1 })
        .lean<Doc[]>()
        .exec();
      return [...new Set(docs.map((d) => d.customerId as string))];
    },
  };
}

/**
 * `fromId`'s claims become `intoId`'s, one per address. Idempotent, so a merge repeated after
 * a crash finishes the job.
 */
export async function mergeMongoClaims(claims: ClaimModel, intoId: string, fromId: string): Promise<void> {
  const docs = await claims.find({ customerId: fromId }).sort({ _id: 1 }).lean<Doc[]>().exec();
  for (const d of docs) {
    const rest: Doc = { ...d, customerId: intoId };
    delete rest._id;
    await claims
      .updateOne(
        { customerId: intoId, channel: d.channel, address: d.address },
        { $setOnInsert: rest },
        { upsert: true },
      )
      .exec();
  }
  await claims.deleteMany({ customerId: fromId }).exec();
}
