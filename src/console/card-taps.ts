/**
 * The owner's taps that mean the same in every console: a card button naming one record and the
 * actor, answered ok or rejected. Slack and Discord decode the button (card-actions.ts) and call
 * `simpleTap`; each console only says the answer its own way.
 */
import type { Actor } from '../core/model.js';
import type { DeskApi, SimpleResult } from '../core/ports.js';
import type { ActionRef } from './card-actions.js';

/** Buttons that take the card's id and the actor. */
const SIMPLE_ACTIONS = {
  call_back: 'callBack',
  retry: 'retry',
  resolve: 'resolve',
  reopen: 'reopen',
} as const satisfies Record<string, keyof DeskApi>;

type SimpleTap = keyof typeof SIMPLE_ACTIONS | 'uncertain';

/**
 * Runs a simple tap. `uncertain` is Send again / It arrived on a delivery the desk may have sent
 * before it stopped; an argument we did not write, or a desk without the answer, is rejected
 * with `failed`.
 */
export async function simpleTap(
  desk: DeskApi,
  ref: ActionRef & { action: SimpleTap },
  actor: Actor,
  failed: string,
): Promise<SimpleResult> {
  if (ref.action !== 'uncertain') return desk[SIMPLE_ACTIONS[ref.action]](ref.id, actor);
  const answer = ref.arg === 'resend' || ref.arg === 'arrived' ? ref.arg : undefined;
  if (!answer || !desk.answerUncertain) return { kind: 'rejected', reason: failed };
  return desk.answerUncertain(ref.id, answer, actor);
}
