/**
 * One job, one SMS, even when Twilio's answer is lost. Twilio has no idempotency key for
 * Messages: if it accepts a send and the response never reaches us (a timeout, a cut
 * connection, the desk killed in between), a retry would text the customer twice. So before
 * each send the job records that an attempt is starting (`attempt:<time>` as its marker), and a
 * later attempt that finds that marker instead of a message SID first asks Twilio for the
 * recent messages from our number to the customer: one with the same body created since the
 * attempt started is the earlier send, adopted instead of sending again.
 *
 * Only a retried job pays for the lookup; the normal path makes no extra call.
 */
import type { TwilioClient } from './client.js';

const PREFIX = 'attempt:';
/** Twilio's dates have whole seconds, and its clock and ours differ a little. */
const CLOCK_SLACK_MS = 5_000;
/** Enough for the messages a paced number can send a person between an attempt and its retry. */
const LOOKUP_PAGE = 20;

export const attemptMarker = (at: Date): string => `${PREFIX}${at.toISOString()}`;

/** When the unfinished attempt began, if `marker` is one (else it is an earlier send's SID). */
export function attemptStartedAt(marker: string): Date | undefined {
  if (!marker.startsWith(PREFIX)) return undefined;
  const at = new Date(marker.slice(PREFIX.length));
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export interface EarlierSendQuery {
  from: string;
  to: string;
  /** The text sent; undefined for a template, matched by any message since the attempt. */
  body: string | undefined;
  since: Date;
}

/** The SID of the message an unfinished attempt already got Twilio to take, if any. */
export async function findEarlierSend(
  client: TwilioClient,
  q: EarlierSendQuery,
): Promise<string | undefined> {
  const recent = await client.messages.list({ from: q.from, to: q.to, limit: LOOKUP_PAGE });
  const after = q.since.getTime() - CLOCK_SLACK_MS;
  const match = recent.find(
    (m) =>
      m.dateCreated instanceof Date &&
      m.dateCreated.getTime() >= after &&
      (q.body === undefined || m.body === q.body),
  );
  return match?.sid;
}
