/**
 * Sends a reply split into parts (see split-text.ts) one part at a time, remembering per outbox
 * job how many went out: a job retried after a failure resumes at the part that failed instead
 * of sending the customer the first parts again. A refusal after some parts says how many went.
 *
 * With the job's SendRecord the progress is also durable: after each part the platform accepted,
 * `{sent, last}` is stored as the job's marker, and right before each part goes out (inside its
 * pacing slot) `mayGo` reads it back, so a job taken over by another worker, or resumed after a
 * crash, skips the parts that already went.
 */
import type { SendRecord, SendResult } from '../src/core/ports.js';
import { fillOwner, ownerStrings, type OwnerLanguage } from '../src/core/owner-strings/index.js';

type Failure = Exclude<SendResult, { kind: 'sent' }>;
/** `skip`: `mayGo` said an earlier attempt already sent this part. */
export type PartResult<Id> = { kind: 'ok'; messageId: Id } | { kind: 'skip' } | Failure;
/** Per outbox job id: parts already sent and the platform's id of the last one. */
export type PartsProgress<Id> = Map<string, { sent: number; lastMessageId?: Id }>;
/** Call right before the platform call; false: the part already went, do not send it. */
export type MayGo = () => Promise<boolean>;

interface Done<Id> {
  sent: number;
  lastMessageId?: Id;
}

function readMarker<Id>(marker: string | undefined): Done<Id> | undefined {
  if (!marker) return undefined;
  try {
    const { sent, last } = JSON.parse(marker) as { sent?: unknown; last?: Id };
    return typeof sent === 'number'
      ? { sent, ...(last !== undefined ? { lastMessageId: last } : {}) }
      : undefined;
  } catch {
    return undefined;
  }
}

export async function sendParts<Id, Part = string>(
  progress: PartsProgress<Id>,
  jobId: string,
  parts: readonly Part[],
  sendPart: (part: Part, index: number, mayGo: MayGo) => Promise<PartResult<Id>>,
  record?: SendRecord,
  /** OWNER_LANGUAGE: the "n of m parts were sent" note is on the owner's card. */
  ownerLanguage?: OwnerLanguage,
): Promise<{ kind: 'sent'; lastMessageId?: Id } | Failure> {
  const t = ownerStrings(ownerLanguage).sendParts;
  let done: Done<Id> = progress.get(jobId) ?? { sent: 0 };
  while (done.sent < parts.length) {
    const i = done.sent;
    const mayGo: MayGo = async () => {
      const stored = readMarker<Id>(await record?.check());
      if (!stored || stored.sent <= i) return true;
      done = stored;
      return false;
    };
    const result = await sendPart(parts[i] as Part, i, mayGo);
    if (result.kind === 'retry') return result;
    if (result.kind === 'rejected') {
      progress.delete(jobId);
      if (i === 0) return result;
      return {
        kind: 'rejected',
        reason: fillOwner(t.partlySent, { reason: result.reason, sent: i, total: parts.length }),
      };
    }
    if (result.kind === 'ok') {
      done = { sent: i + 1, lastMessageId: result.messageId };
      progress.set(jobId, done);
      await record?.accepted(JSON.stringify({ sent: done.sent, last: result.messageId }));
    }
    if (done.sent <= i) return { kind: 'retry', reason: t.notRecorded };
  }
  progress.delete(jobId);
  return done.lastMessageId === undefined
    ? { kind: 'sent' }
    : { kind: 'sent', lastMessageId: done.lastMessageId };
}
