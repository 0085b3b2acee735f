/**
 * Delivery states only move forward: queued < sending < sent < delivered < read.
 * Platforms send status callbacks out of order (Twilio may report `delivered`
 * before our send call returns `sent`), so every store applies this rule.
 */
import type { DeliveryState } from '../core/model.js';

const RANK: Readonly<Record<Exclude<DeliveryState, 'failed'>, number>> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  read: 4,
};

/** Whether a job or message at `current` may move to `next`. */
export function deliveryAdvances(current: DeliveryState | undefined, next: DeliveryState): boolean {
  if (current === undefined) return true;
  if (current === next) return false;
  if (next === 'failed') return current === 'queued' || current === 'sending' || current === 'sent';
  // A failure report followed by proof of arrival: the later proof wins.
  if (current === 'failed') return next === 'delivered' || next === 'read';
  return RANK[next] > RANK[current];
}

/** The state to keep when `next` is reported on top of `current`. */
export function mergeDelivery(current: DeliveryState | undefined, next: DeliveryState): DeliveryState {
  return deliveryAdvances(current, next) ? next : (current ?? next);
}
