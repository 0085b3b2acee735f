/**
 * The outbox on MongoDB. Every state change is one conditional single-document write, so
 * concurrent workers and platform callbacks never need a transaction:
 * - a claim is a `findOneAndUpdate` on "due pending, or sending with an expired lease",
 *   repeated up to `limit` times (each document can be won by one worker only);
 * - finishing and renewing (the heartbeat) are conditional on the lease owner;
 * - delivery moves only forward: the filter lists the states `deliveryAdvances` allows
 *   to move to the new one (src/store/delivery-order.ts, shared with SQLite).
 * The outbound message's `delivery` mirrors the job's after each change.
 */
import type { DeliveryState, OutboxJob, UncertainAnswer } from '../../core/model.js';
import type { Store } from '../../core/ports.js';
import { deliveryAdvances } from '../delivery-order.js';
import { toJob, type Doc } from './docs.js';
import type { Models } from './models.js';

const STATES: readonly DeliveryState[] = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed'];

/** The states a job may be in for `next` to replace it (`null` matches a missing field). */
export function statesBefore(next: DeliveryState): (DeliveryState | null)[] {
  return [null, ...STATES.filter((s) => deliveryAdvances(s, next))];
}

type FinishPatch = Parameters<Store['finishJob']>[2];

export function createOutbox(models: Models) {
  const mirror = async (messageId: unknown, delivery: DeliveryState): Promise<void> => {
    await models.messages.updateOne({ _id: messageId }, { $set: { delivery } }).exec();
  };
  /** Sets `fields` on a job this owner still holds (its lease not taken over). */
  const extendLease = async (
    id: string,
    owner: string,
    fields: Record<string, Date>,
  ): Promise<OutboxJob | undefined> => {
    const doc = await models.jobs
      .findOneAndUpdate(
        { _id: id, status: 'sending', leaseOwner: owner },
        { $set: fields },
        { returnDocument: 'after' },
      )
      .lean<Doc>()
      .exec();
    return doc ? toJob(doc) : undefined;
  };

  return {
    async claimJobs(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxJob[]> {
      const claimed: OutboxJob[] = [];
      const until = new Date(now.getTime() + leaseMs);
      for (let i = 0; i < limit; i += 1) {
        // Two index ranges (jobs_due, jobs_leases); the sort takes the oldest due job first.
        const doc = await models.jobs
          .findOneAndUpdate(
            {
              $or: [
                { status: 'pending', nextAttemptAt: { $lte: now } },
                // A job this owner holds is never taken back: its send may still be in flight.
                { status: 'sending', leaseUntil: { $lt: now }, leaseOwner: { $ne: owner } },
              ],
            },
            { $set: { status: 'sending', leaseOwner: owner, leaseUntil: until, updatedAt: now } },
            { sort: { nextAttemptAt: 1, createdAt: 1 }, returnDocument: 'after' },
          )
          .lean<Doc>()
          .exec();
        if (!doc) break;
        claimed.push(toJob(doc));
      }
      return claimed;
    },

    renewJobLease(id: string, owner: string, now: Date, leaseMs: number): Promise<OutboxJob | undefined> {
      return extendLease(id, owner, { leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now });
    },

    /** The lease renewed and the attempt stamped together, right before the platform call. */
    startJobAttempt(id: string, owner: string, now: Date, leaseMs: number): Promise<OutboxJob | undefined> {
      return extendLease(id, owner, {
        leaseUntil: new Date(now.getTime() + leaseMs),
        attemptStartedAt: now,
        updatedAt: now,
      });
    },

    async markJobSent(id: string, marker: string): Promise<void> {
      await models.jobs
        .updateOne(
          { _id: id, status: 'sending' },
          { $set: { sentMarker: marker, updatedAt: new Date() }, $unset: { attemptStartedAt: '' } },
        )
        .exec();
    },

    async finishJob(id: string, owner: string, patch: FinishPatch): Promise<boolean> {
      const leased = { _id: id, status: 'sending', leaseOwner: owner };
      const $set: Doc = {
        status: patch.status,
        attempts: patch.attempts,
        nextAttemptAt: patch.nextAttemptAt,
        updatedAt: new Date(),
      };
      if (patch.lastError !== undefined) $set.lastError = patch.lastError;
      if (patch.externalId !== undefined) $set.externalId = patch.externalId;
      // An uncertain job keeps when its unfinished attempt began; any other outcome ends it.
      const $unset: Record<string, ''> = { leaseOwner: '', leaseUntil: '' };
      if (patch.status !== 'uncertain') $unset.attemptStartedAt = '';
      // A callback may already have reported delivered/read: a finish never lowers that.
      const keep = (['delivered', 'read'] as const).filter((s) => !deliveryAdvances(s, patch.delivery));
      const lowered = await models.jobs
        .findOneAndUpdate(
          { ...leased, delivery: { $nin: keep } },
          { $set: { ...$set, delivery: patch.delivery }, $unset },
          { returnDocument: 'after' },
        )
        .lean<Doc>()
        .exec();
      const doc =
        lowered ??
        (keep.length > 0
          ? await models.jobs
              .findOneAndUpdate(
                { ...leased, delivery: { $in: keep } },
                { $set, $unset },
                { returnDocument: 'after' },
              )
              .lean<Doc>()
              .exec()
          : null);
      if (!doc) return false;
      await mirror(doc.messageId, doc.delivery as DeliveryState);
      return true;
    },

    async setJobDelivery(id: string, delivery: DeliveryState, error?: string): Promise<void> {
      const found = await models.jobs.findById(id).lean<Doc>().exec();
      const current = found && toJob(found);
      if (!current || !statesBefore(delivery).includes(current.delivery)) return;
      // The platform's word settles the job too: a sent job it reports failed becomes failed
      // (so the owner's Retry can requeue it), and proof of arrival un-fails a failed one.
      const status =
        delivery === 'failed' && current.status === 'sent'
          ? 'failed'
          : (delivery === 'delivered' || delivery === 'read') && current.status === 'failed'
            ? 'sent'
            : current.status;
      // Compare-and-set on what was read, so a concurrent update is never overwritten.
      const doc = await models.jobs
        .findOneAndUpdate(
          { _id: id, delivery: current.delivery, status: current.status },
          {
            $set: {
              delivery,
              status,
              updatedAt: new Date(),
              ...(error !== undefined ? { lastError: error } : {}),
            },
          },
          { returnDocument: 'after' },
        )
        .lean<Doc>()
        .exec();
      if (doc) await mirror(doc.messageId, delivery);
    },

    async requeueJob(id: string, now: Date): Promise<boolean> {
      const found = await models.jobs.findById(id).lean<Doc>().exec();
      const current = found && toJob(found);
      if (!current || current.status !== 'failed') return false;
      // The owner's Retry starts the backoff over. When the platform had accepted the job and
      // then reported it failed, the retry is a new delivery: it gets a new idempotency key, or
      // the connector (rightly) answers with the first, failed send.
      let key = current.idempotencyKey;
      if (current.externalId) {
        const m = /^(.*)#retry(\d+)$/.exec(key);
        key = m ? `${m[1]}#retry${Number(m[2]) + 1}` : `${key}#retry1`;
      }
      const doc = await models.jobs
        .findOneAndUpdate(
          { _id: id, status: 'failed', idempotencyKey: current.idempotencyKey },
          {
            $set: {
              status: 'pending',
              attempts: 0,
              nextAttemptAt: now,
              delivery: 'queued',
              idempotencyKey: key,
              updatedAt: now,
            },
            $unset: { leaseOwner: '', leaseUntil: '', sentMarker: '', attemptStartedAt: '' },
          },
          { returnDocument: 'after' },
        )
        .lean<Doc>()
        .exec();
      if (!doc) return false;
      await mirror(doc.messageId, 'queued');
      return true;
    },

    async answerUncertainJob(id: string, answer: UncertainAnswer, now: Date): Promise<OutboxJob | undefined> {
      // Compare-and-set on the status: a second tap (or another console's) finds nothing.
      const update =
        answer === 'resend'
          ? {
              // Due now, no attempt in flight; the attempts so far stay counted.
              $set: { status: 'pending', nextAttemptAt: now, delivery: 'queued', updatedAt: now },
              $unset: { attemptStartedAt: '', leaseOwner: '', leaseUntil: '' },
            }
          : { $set: { status: 'sent', delivery: 'sent', updatedAt: now } };
      const doc = await models.jobs
        .findOneAndUpdate({ _id: id, status: 'uncertain' }, update, { returnDocument: 'after' })
        .lean<Doc>()
        .exec();
      if (!doc) return undefined;
      await mirror(doc.messageId, doc.delivery as DeliveryState);
      return toJob(doc);
    },
  };
}
