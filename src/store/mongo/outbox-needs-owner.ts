/**
 * The outbox jobs that need the owner on MongoDB (see Store.listJobsNeedingOwner): the failed
 * and uncertain jobs (a range of the jobs_due index, which leads with status), oldest change
 * first; each failed reply is then checked for a newer reply in its conversation
 * (jobs_by_conversation) and a later reply to its customer that was sent (jobs_by_customer).
 * Few jobs ever fail, so the per-job checks stay cheap.
 */
import type { OutboxJob } from '../../core/model.js';
import { toJob, type Doc } from './docs.js';
import type { Models } from './models.js';

export async function listJobsNeedingOwner(models: Models, limit: number): Promise<OutboxJob[]> {
  if (limit <= 0) return [];
  const found: OutboxJob[] = [];
  const cursor = models.jobs
    .find({ status: { $in: ['failed', 'uncertain'] } })
    .sort({ updatedAt: 1, _id: 1 })
    .lean<Doc[]>()
    .cursor();
  try {
    for await (const doc of cursor) {
      const job = toJob(doc as Doc);
      if (job.status === 'uncertain' || (job.purpose === 'reply' && !(await superseded(models, job))))
        found.push(job);
      if (found.length >= limit) break;
    }
  } finally {
    await cursor.close();
  }
  return found;
}

/** A newer reply in the conversation, or a later reply to the customer that was sent. */
async function superseded(models: Models, job: OutboxJob): Promise<boolean> {
  const newer = await models.jobs
    .exists({ conversationId: job.conversationId, purpose: 'reply', createdAt: { $gt: job.createdAt } })
    .exec();
  if (newer) return true;
  const delivered = await models.jobs
    .exists({
      customerId: job.customerId,
      purpose: 'reply',
      status: 'sent',
      createdAt: { $gt: job.createdAt },
    })
    .exec();
  return delivered !== null;
}
