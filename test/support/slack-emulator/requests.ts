/**
 * What Slack itself sends to our /slack/events: signed exactly like Slack signs
 * (v0=hex HMAC-SHA256 over `v0:{ts}:{rawBody}`), with the exact content types Slack uses.
 */
import { createHmac } from 'node:crypto';

export const FORM = 'application/x-www-form-urlencoded';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  contentType?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Sign this body but send another (a tampered request). */
  sendBody?: string;
  headers?: Record<string, string>;
}

export async function postSigned(
  url: string,
  secret: string,
  body: string,
  options: SignedPostOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
      ...options.headers,
    },
    body: options.sendBody ?? body,
  });
}

/** An interaction (block_actions, view_submission) is a form with one JSON `payload` field. */
export function interactionForm(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function commandForm(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

let eventCounter = 0;

export function eventEnvelope(event: Record<string, unknown>, eventId?: string): Record<string, unknown> {
  eventCounter += 1;
  return {
    token: 'verification-token-unused',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: eventId ?? `Ev${Date.now()}${eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true }],
  };
}

/** A block_actions payload for a button click by `user` on a message in `channel`. */
export function buttonClick(opts: {
  user: string;
  actionId: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  triggerId: string;
  responseUrl: string;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: 'T0TEAM', domain: 'emulated' },
    user: {
      id: opts.user,
      username: opts.user.toLowerCase(),
      name: opts.user.toLowerCase(),
      team_id: 'T0TEAM',
    },
    api_app_id: 'A0APP',
    token: 'unused',
    container: { type: 'message', message_ts: opts.messageTs, channel_id: opts.channel, is_ephemeral: false },
    trigger_id: opts.triggerId,
    channel: { id: opts.channel, name: 'support' },
    message: {
      type: 'message',
      ts: opts.messageTs,
      ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
      text: '',
    },
    response_url: opts.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: opts.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Send' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

type SlackUser = { id: string; username: string; name: string; team_id: string };
const userOf = (id: string): SlackUser => ({
  id,
  username: id.toLowerCase(),
  name: id.toLowerCase(),
  team_id: 'T0TEAM',
});

/**
 * What Slack sends to the options load URL while `user` types `value` into an external_select
 * of an open modal (a block_suggestion), and what it sends when the modal is submitted.
 */
export function blockSuggestion(opts: {
  user: string;
  actionId: string;
  blockId: string;
  value: string;
  view: { callback_id: string; private_metadata: string };
}): Record<string, unknown> {
  return {
    type: 'block_suggestion',
    user: userOf(opts.user),
    container: { type: 'view', view_id: 'V1' },
    api_app_id: 'A0APP',
    token: 'unused',
    action_id: opts.actionId,
    block_id: opts.blockId,
    value: opts.value,
    team: { id: 'T0TEAM', domain: 'emulated' },
    view: { id: 'V1', type: 'modal', ...opts.view, state: { values: {} }, hash: 'h' },
  };
}

export function viewSubmission(opts: {
  user: string;
  /** The user's name as Slack sends it (cards show it as the actor); by default the id in lower case. */
  name?: string;
  triggerId: string;
  view: { callback_id: string; private_metadata: string };
  values: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: 'T0TEAM' },
    user: opts.name
      ? { id: opts.user, username: opts.name, name: opts.name, team_id: 'T0TEAM' }
      : userOf(opts.user),
    api_app_id: 'A0APP',
    token: 'unused',
    trigger_id: opts.triggerId,
    view: { id: 'V1', type: 'modal', ...opts.view, state: { values: opts.values }, hash: 'h' },
  };
}
