/**
 * Posting a card once across a crash (issue 15). Discord's message create takes a `nonce`
 * with `enforce_nonce: true`: the same nonce from the same author within a few minutes
 * returns the message already made instead of a second one. The nonce is derived from
 * what the post is (card key, part, thread), so a desk killed after Discord accepted a
 * post but before it stored the post's id gets the same message back when the pipeline
 * re-presents it. The id of a post the desk knew but found deleted goes into the nonce too,
 * so a deliberate re-post is never answered with the deleted message.
 */
import { createHash } from 'node:crypto';

/** Discord: a nonce is at most 25 characters. */
const NONCE_CHARS = 25;

export function cardNonce(key: string, part: number, threadId: string, replacing = ''): string {
  return createHash('sha256')
    .update(`${key}\u0000${part}\u0000${threadId}\u0000${replacing}`)
    .digest('base64url')
    .slice(0, NONCE_CHARS);
}

/**
 * A forum post (thread) has no nonce. A post being created is marked first
 * (`posting:<customerId>` in the refs), so only a retry of an unfinished creation looks
 * for the post it may have made. Discord's and our clocks may differ a little.
 */
export const CREATE_SKEW_MS = 5 * 60_000;
