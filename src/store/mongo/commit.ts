/**
 * Multi-record writes without transactions. Multi-document transactions need a replica
 * set; an owner's single self-hosted `mongod` is often a standalone, so correctness here
 * rests on single-document atomicity:
 *
 * 1. **Gate**: one conditional write decides who wins — `findOneAndUpdate` on the draft
 *    while its status is still 'pending' (decisions), or the insert of the job under its
 *    unique idempotency key (enqueue). That write also records the *intent*: the whole
 *    decision/message/job to be written, on the winning document itself.
 * 2. **Apply**: the other records are written as upserts keyed by their ids
 *    (`$setOnInsert`), so writing them twice is the same as once.
 * 3. **Clear** the intent.
 *
 * A crash between 1 and 3 leaves the intent in place; `recoverIntents` (run by `migrate()`
 * at start and by every outbox claim for intents older than a minute) replays step 2 and 3,
 * so the decision's reply is still queued exactly once. A failure of step 2 that is not a
 * crash (a unique key taken meanwhile) is undone: our fresh records are deleted and the
 * draft goes back to 'pending', as the SQLite transaction would roll back.
 */
import type { Decision, Message, OutboxJob } from '../../core/model.js';
import type { InsertResult } from '../../core/ports.js';
import { decisionDoc, jobDoc, messageDoc, type Doc } from './docs.js';
import type { Models } from './models.js';

/** An intent older than this is presumed abandoned by a crashed process and is replayed. */
export const INTENT_STALE_MS = 60_000;

export interface DecisionIntent {
  decision: Doc;
  message?: Doc;
  job?: Doc;
}

/** Inserts `doc` unless a document with its `_id` exists (idempotent). */
async function upsertById(model: Models['messages'], doc: Doc): Promise<void> {
  const { _id, ...rest } = doc;
  await model.updateOne({ _id }, { $setOnInsert: rest }, { upsert: true });
}

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number } | undefined)?.code === 11000;
}

/** Throws the way a unique-index violation would, before anything is written. */
function duplicateError(what: string): Error {
  return Object.assign(new Error(`E11000 duplicate key: ${what}`), { code: 11000 });
}

export async function commitDecision(
  models: Models,
  decision: Decision,
  draftStatus: 'sent' | 'discarded',
  delivery?: { message: Message; job: OutboxJob },
): Promise<boolean> {
  const intent = await gateDecision(models, decision, draftStatus, delivery);
  if (!intent) return false;
  await finishDecision(models, intent);
  return true;
}

/** Steps 2 and 3 for a won gate; a unique key taken meanwhile undoes the decision. */
export async function finishDecision(models: Models, intent: DecisionIntent): Promise<void> {
  try {
    await applyDecision(models, intent);
  } catch (err) {
    if (isDuplicateKey(err)) await undoDecision(models, intent.decision.draftId, intent);
    // Anything else (connection lost) keeps the intent for recovery: the gate was won.
    throw err;
  }
}

/**
 * Step 1 alone: wins the draft and records the intent, or returns undefined when the draft
 * is not pending. Exported so tests can stop here, as a crash would.
 */
export async function gateDecision(
  models: Models,
  decision: Decision,
  draftStatus: 'sent' | 'discarded',
  delivery?: { message: Message; job: OutboxJob },
): Promise<DecisionIntent | undefined> {
  const intent: DecisionIntent = { decision: decisionDoc(decision) };
  if (delivery) {
    intent.message = messageDoc(delivery.message);
    intent.job = jobDoc(delivery.job);
    // Keys already taken by other records fail the decision before the gate changes anything.
    const clash = await models.jobs
      .exists({ idempotencyKey: delivery.job.idempotencyKey, _id: { $ne: delivery.job.id } })
      .exec();
    if (clash) throw duplicateError(`outbox idempotencyKey ${delivery.job.idempotencyKey}`);
    if (delivery.message.externalId !== '') {
      const taken = await models.messages
        .exists({
          channel: delivery.message.channel,
          externalId: delivery.message.externalId,
          _id: { $ne: delivery.message.id },
        })
        .exec();
      if (taken) throw duplicateError(`message ${delivery.message.channel}/${delivery.message.externalId}`);
    }
  }

  // The gate: exactly one decision moves the draft out of 'pending'.
  const won = await models.drafts
    .findOneAndUpdate(
      { _id: decision.draftId, status: 'pending' },
      {
        $set: {
          status: draftStatus,
          decisionId: decision.id,
          // Copied for the figures' drafts_decided index.
          decidedAt: decision.decidedAt,
          decisionKind: decision.kind,
          decisionAuto: decision.actor.console === 'auto',
          commit: intent,
          commitAt: new Date(),
        },
      },
      { projection: { _id: 1 } },
    )
    .lean()
    .exec();
  return won ? intent : undefined;
}

async function applyDecision(models: Models, intent: DecisionIntent): Promise<void> {
  await upsertById(models.decisions, intent.decision);
  if (intent.message) await upsertById(models.messages, intent.message);
  if (intent.job) await upsertById(models.jobs, intent.job);
  await models.drafts
    .updateOne(
      { _id: intent.decision.draftId, decisionId: intent.decision._id },
      { $unset: { commit: '', commitAt: '' } },
    )
    .exec();
}

async function undoDecision(models: Models, draftId: unknown, intent: DecisionIntent): Promise<void> {
  if (intent.job) await models.jobs.deleteOne({ _id: intent.job._id }).exec();
  if (intent.message) await models.messages.deleteOne({ _id: intent.message._id }).exec();
  await models.decisions.deleteOne({ _id: intent.decision._id }).exec();
  await models.drafts
    .updateOne(
      { _id: draftId, decisionId: intent.decision._id },
      {
        $set: { status: 'pending' },
        $unset: {
          decisionId: '',
          decidedAt: '',
          decisionKind: '',
          decisionAuto: '',
          commit: '',
          commitAt: '',
        },
      },
    )
    .exec();
}

/**
 * Queues a job with its message. The job's unique idempotency key is the gate; the job
 * carries its message until the message is written (so a crash in between is replayed).
 */
export async function enqueue(models: Models, message: Message, job: OutboxJob): Promise<InsertResult> {
  const existing = await models.jobs
    .findOne({ idempotencyKey: job.idempotencyKey }, { _id: 1 })
    .lean<{ _id: string }>()
    .exec();
  if (existing) return { kind: 'duplicate', existingId: existing._id };
  const msg = messageDoc(message);
  try {
    await models.jobs.create({ ...jobDoc(job), pendingMessage: msg, pendingAt: new Date() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const winner = await models.jobs
      .findOne({ idempotencyKey: job.idempotencyKey }, { _id: 1 })
      .lean<{ _id: string }>()
      .exec();
    if (winner) return { kind: 'duplicate', existingId: winner._id };
    throw err;
  }
  await applyEnqueue(models, job.id, msg);
  return { kind: 'inserted' };
}

async function applyEnqueue(models: Models, jobId: unknown, message: Doc): Promise<void> {
  await upsertById(models.messages, message);
  await models.jobs.updateOne({ _id: jobId }, { $unset: { pendingMessage: '', pendingAt: '' } }).exec();
}

/** Replays the intents left by a crash (see the file comment); returns how many. */
export async function recoverIntents(models: Models, olderThan: Date): Promise<number> {
  let n = 0;
  const drafts = await models.drafts
    .find({ commitAt: { $lt: olderThan } }, { commit: 1 })
    .lean<{ _id: string; commit?: DecisionIntent }[]>()
    .exec();
  for (const d of drafts) {
    if (!d.commit) continue;
    await applyDecision(models, d.commit);
    n += 1;
  }
  const jobs = await models.jobs
    .find({ pendingAt: { $lt: olderThan } }, { pendingMessage: 1 })
    .lean<{ _id: string; pendingMessage?: Doc }[]>()
    .exec();
  for (const j of jobs) {
    if (!j.pendingMessage) continue;
    await applyEnqueue(models, j._id, j.pendingMessage);
    n += 1;
  }
  return n;
}
