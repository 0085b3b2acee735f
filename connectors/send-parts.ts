/**
 * Sends a reply split into parts (see split-text.ts) one part at a time, remembering per outbox
 * job how many went out: a job retried after a failure resumes at the part that failed instead
 * of sending the customer the first parts again. A refusal after some parts says how many went.
 */
import type { SendResult } from '../src/core/ports.js';

type Failure = Exclude<SendResult, { kind: 'sent' }>;
export type PartResult<Id> = { kind: 'ok'; messageId: Id } | Failure;
/** Per outbox job id: parts already sent and the platform's id of the last one. */
export type PartsProgress<Id> = Map<string, { sent: number; lastMessageId?: Id }>;

export async function sendParts<Id>(
  progress: PartsProgress<Id>,
  jobId: string,
  parts: readonly string[],
  sendPart: (part: string, index: number) => Promise<PartResult<Id>>,
): Promise<{ kind: 'sent'; lastMessageId?: Id } | Failure> {
  const done = progress.get(jobId) ?? { sent: 0 };
  for (let i = done.sent; i < parts.length; i++) {
    const result = await sendPart(parts[i] as string, i);
    if (result.kind === 'retry') return result;
    if (result.kind === 'rejected') {
      progress.delete(jobId);
      if (i === 0) return result;
      return { kind: 'rejected', reason: `${result.reason} (${i} of ${parts.length} parts were sent)` };
    }
    done.sent = i + 1;
    done.lastMessageId = result.messageId;
    progress.set(jobId, done);
  }
  progress.delete(jobId);
  return done.lastMessageId === undefined
    ? { kind: 'sent' }
    : { kind: 'sent', lastMessageId: done.lastMessageId };
}
