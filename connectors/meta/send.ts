/**
 * The Send API (Messenger and Instagram) and the messaging windows it enforces:
 * a normal reply within 24 h of the customer's last message, a HUMAN_AGENT-tagged one
 * up to 7 days, nothing after that (PLATFORMS.md §3, §7.25, §7.27).
 */
import type { OutboundFile } from '../../src/core/outbound-files.js';
import type { OutboundMessage } from '../../src/core/ports.js';
import type { PartResult } from '../send-parts.js';
import { RATING_SCORES } from '../rating-payload.js';
import { encodeRating, ratingTitle } from './rating.js';
import { fillOwner, OWNER_STRINGS, type OwnerStrings } from '../../src/core/owner-strings/index.js';

/** The failure reasons in the owner's language (they show on the failed delivery card). */
export type MetaReasons = OwnerStrings['metaSend'];

const HOUR_MS = 3_600_000;
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;
export const MAX_TEXT = 2000;

export type WindowDecision =
  { kind: 'response' } | { kind: 'human_agent' } | { kind: 'closed'; reason: string };

/**
 * Which kind of send the window allows. Unknown last message: try a normal reply and let the
 * platform's answer decide. A rating request is automated, so it never uses HUMAN_AGENT.
 */
export function windowFor(
  lastInboundAt: Date | undefined,
  now: Date,
  purpose: OutboundMessage['purpose'] = 'reply',
  t: MetaReasons = OWNER_STRINGS.en.metaSend,
): WindowDecision {
  if (!lastInboundAt) return { kind: 'response' };
  const age = now.getTime() - lastInboundAt.getTime();
  if (age <= STANDARD_WINDOW_MS) return { kind: 'response' };
  if (purpose === 'rating_request') {
    return { kind: 'closed', reason: t.automatedWindow };
  }
  if (age <= HUMAN_AGENT_WINDOW_MS) return { kind: 'human_agent' };
  const days = Math.floor(age / (24 * HOUR_MS));
  return { kind: 'closed', reason: fillOwner(t.humanAgentWindow, { days }) };
}

export interface QuickReply {
  content_type: 'text';
  title: string;
  payload: string;
}

export function ratingQuickReplies(conversationId: string): QuickReply[] {
  return RATING_SCORES.map((score) => ({
    content_type: 'text',
    title: ratingTitle(score),
    payload: encodeRating(score, conversationId),
  }));
}

export interface GraphAttachment {
  type: 'image' | 'audio' | 'video' | 'file';
  payload: { url: string; is_reusable: false };
}

export interface GraphMessage {
  accountId: string;
  recipientId: string;
  window: 'response' | 'human_agent';
  /** Either text or one attachment: the Send API takes one per message. */
  text?: string;
  attachment?: GraphAttachment;
  quickReplies?: QuickReply[];
}

/** An owner file as a Send API attachment by URL: Meta fetches it from the desk's signed link. */
export function attachmentOf(file: OutboundFile): GraphAttachment {
  const type = file.contentType.toLowerCase();
  const kind = type.startsWith('image/')
    ? 'image'
    : type.startsWith('audio/')
      ? 'audio'
      : type.startsWith('video/')
        ? 'video'
        : 'file';
  return { type: kind, payload: { url: file.url, is_reusable: false } };
}

export type GraphResult = PartResult<string>;

/** Graph error codes that mean "slow down" (application, user, page and custom rate limits). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

export async function postMessage(
  fetchFn: typeof fetch,
  graphUrl: string,
  pageToken: string,
  message: GraphMessage,
  t: MetaReasons = OWNER_STRINGS.en.metaSend,
): Promise<GraphResult> {
  const body: Record<string, unknown> = {
    recipient: { id: message.recipientId },
    messaging_type: message.window === 'response' ? 'RESPONSE' : 'MESSAGE_TAG',
    message: {
      ...(message.attachment ? { attachment: message.attachment } : { text: message.text ?? '' }),
      ...(message.quickReplies ? { quick_replies: message.quickReplies } : {}),
    },
  };
  if (message.window === 'human_agent') body.tag = 'HUMAN_AGENT';
  let response: Response;
  try {
    response = await fetchFn(`${graphUrl}/${encodeURIComponent(message.accountId)}/messages`, {
      method: 'POST',
      // The token goes in a header, not the query string, so it never lands in access logs.
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pageToken}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    return { kind: 'retry', reason: fillOwner(t.unreachable, { error: (error as Error).name }) };
  }
  const json = (await response.json().catch(() => ({}))) as {
    message_id?: string;
    error?: { code?: number; error_subcode?: number; message?: string };
  };
  if (response.ok && json.message_id) return { kind: 'ok', messageId: json.message_id };
  return classifyError(response.status, json.error, t);
}

function classifyError(
  status: number,
  error: { code?: number; error_subcode?: number; message?: string } | undefined,
  t: MetaReasons,
): GraphResult {
  const code = error?.code;
  const detail = fillOwner(t.graphError, {
    code: `${code ?? status}${error?.error_subcode ? `/${error.error_subcode}` : ''}`,
  });
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    return { kind: 'retry', reason: fillOwner(t.rateLimited, { detail }), retryAfterMs: 60_000 };
  }
  if (status >= 500 || (!error && !(status >= 400 && status < 500))) {
    return { kind: 'retry', reason: fillOwner(t.platformError, { detail }) };
  }
  if (code === 10 && error?.error_subcode === 2018278) {
    return { kind: 'rejected', reason: t.outsideWindow };
  }
  if (code === 551 || error?.error_subcode === 2018001 || error?.error_subcode === 1545041) {
    return { kind: 'rejected', reason: t.unavailable };
  }
  if (code === 190) return { kind: 'rejected', reason: t.tokenRefused };
  if (code === 200 || code === 10) return { kind: 'rejected', reason: fillOwner(t.permission, { detail }) };
  // Graph's own message names the bad parameter; it never contains our token.
  const message = error?.message?.slice(0, 200);
  return {
    kind: 'rejected',
    reason: message ? fillOwner(t.refused, { detail, message }) : fillOwner(t.refusedPlain, { detail }),
  };
}

/**
 * The customer's name for the owner's card (Messenger User Profile API / Instagram user
 * profile). Best effort with a short timeout: a message is never held back for a name.
 */
export async function fetchProfileName(
  fetchFn: typeof fetch,
  graphUrl: string,
  pageToken: string,
  channel: 'messenger' | 'instagram',
  userId: string,
): Promise<string | undefined> {
  const fields = channel === 'messenger' ? 'first_name,last_name' : 'name,username';
  try {
    const response = await fetchFn(`${graphUrl}/${encodeURIComponent(userId)}?fields=${fields}`, {
      headers: { authorization: `Bearer ${pageToken}` },
      signal: AbortSignal.timeout(3_000),
    });
    if (!response.ok) return undefined;
    const profile = (await response.json()) as Record<string, unknown>;
    const str = (key: string) => (typeof profile[key] === 'string' ? (profile[key] as string) : '');
    const name =
      channel === 'messenger'
        ? [str('first_name'), str('last_name')].filter(Boolean).join(' ')
        : str('name') || (str('username') ? `@${str('username')}` : '');
    return name || undefined;
  } catch {
    return undefined;
  }
}
