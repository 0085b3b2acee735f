/**
 * The owner's answer to an uncertain delivery (outbox-uncertain.ts): the desk stopped while
 * sending on a channel that cannot recognise a repeat, so only the owner can say whether the
 * customer got it. Send again queues the same job once more (its attempts keep counting);
 * It arrived marks it sent and counts as the conversation's first response, at the attempt's
 * time. The store's answer is a compare-and-set: a second tap, from any console, changes nothing.
 */
import { publishDelivery, type ConsoleHub } from '../console-hub.js';
import type { Actor, UncertainAnswer } from '../model.js';
import type { Clock, Logger, SimpleResult, Store } from '../ports.js';
import { say } from './say.js';

export interface UncertainDeps {
  store: Store;
  consoles: ConsoleHub;
  clock: Clock;
  logger: Logger;
  kickOutbox: () => void;
}

export async function answerUncertain(
  deps: UncertainDeps,
  jobId: string,
  answer: UncertainAnswer,
  actor: Actor,
): Promise<SimpleResult> {
  const { store, clock } = deps;
  const job = await store.getJob(jobId);
  if (!job) return { kind: 'rejected', reason: say(actor, 'noDelivery') };
  // The buttons exist only while it is uncertain: any other state is an earlier answer's.
  if (job.status !== 'uncertain') return { kind: 'rejected', reason: say(actor, 'alreadyAnswered') };
  const now = clock.now();
  const answered = await store.answerUncertainJob(jobId, answer, now);
  if (!answered) return { kind: 'rejected', reason: say(actor, 'alreadyAnswered') };
  deps.logger.info({ jobId, answer, actor: actor.userId }, 'uncertain delivery answered by owner');
  if (answer === 'arrived' && job.purpose === 'reply') {
    const conversation = await store.getConversation(job.conversationId);
    if (conversation && !conversation.firstResponseAt)
      await store.updateConversation(conversation.id, { firstResponseAt: job.attemptStartedAt ?? now });
  }
  await publishDelivery(store, deps.consoles, jobId);
  if (answer === 'resend') deps.kickOutbox();
  return { kind: 'ok' };
}
