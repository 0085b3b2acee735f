/**
 * The codec for card button ids: an action on one record (draft, job, customer, message) plus
 * an optional argument, encoded to fit Discord's custom_id and Slack's action_id. Decoding
 * never throws: anything we did not produce is undefined.
 */
import { CHANNELS } from '../core/model.js';

export const CARD_ACTIONS = [
  'send',
  'edit',
  'send_via',
  'discard',
  'retry',
  'resolve',
  'reopen',
  'show_message',
  'show_draft',
  'call_back',
  'merge',
  'snooze',
  'remember',
  'cancel_auto',
  'note',
  'tags',
  'send_template',
  'same_person',
  'split',
  'uncertain',
] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

/** What a button means: an action on one record (draft, job, customer, message), plus an optional argument. */
export interface ActionRef {
  action: CardAction;
  id: string;
  /**
   * `send_via`: the channel; `merge`: the customer to merge into the one in `id`;
   * `uncertain`: the owner's answer, `resend` or `arrived`.
   */
  arg?: string;
}

/** Fits Discord's custom_id (100) and Slack's action_id (255). */
export const MAX_ACTION_ID = 100;
const PREFIX = 'sd1';
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/; // 64 + the longest action and argument stays ≤ 100
const ARG_PATTERN = /^[a-z0-9_]{1,16}$/;

/** A merge names a second customer: its argument is an id. */
function argPattern(action: CardAction): RegExp {
  return action === 'merge' ? ID_PATTERN : ARG_PATTERN;
}

export function encodeAction(ref: ActionRef): string {
  if (!CARD_ACTIONS.includes(ref.action)) throw new Error(`unknown card action: ${String(ref.action)}`);
  if (!ID_PATTERN.test(ref.id))
    throw new Error('card action id must be 1–64 characters of A–Z a–z 0–9 _ . -');
  if (ref.arg !== undefined && !argPattern(ref.action).test(ref.arg))
    throw new Error('card action argument is malformed');
  const encoded = [PREFIX, ref.action, ref.id, ...(ref.arg === undefined ? [] : [ref.arg])].join(':');
  if (encoded.length > MAX_ACTION_ID) throw new Error('encoded card action is too long');
  return encoded;
}

/** The ref encoded in `value`, or undefined for anything we did not produce (never throws). */
export function decodeAction(value: unknown): ActionRef | undefined {
  if (typeof value !== 'string' || value.length > MAX_ACTION_ID) return undefined;
  const parts = value.split(':');
  if (parts.length < 3 || parts.length > 4 || parts[0] !== PREFIX) return undefined;
  const [, action, id, arg] = parts as [string, string, string, string | undefined];
  if (!(CARD_ACTIONS as readonly string[]).includes(action) || !ID_PATTERN.test(id)) return undefined;
  if (arg !== undefined && !argPattern(action as CardAction).test(arg)) return undefined;
  if (action === 'merge' && arg === undefined) return undefined;
  if (action === 'uncertain' && arg !== 'resend' && arg !== 'arrived') return undefined;
  if (action === 'send_via' && (arg === undefined || !(CHANNELS as readonly string[]).includes(arg)))
    return undefined;
  return arg === undefined ? { action: action as CardAction, id } : { action: action as CardAction, id, arg };
}
