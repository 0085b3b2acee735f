/**
 * One NLP worker of the pool and the pool's choices: where a request goes (the least loaded
 * worker) and when the desk is short of workers (requests have queued on every loaded worker
 * for a while). Kept apart from the messaging in nlp-thread.ts so the rules read in one place.
 */
import type { Worker } from 'node:worker_threads';

export interface WorkerSlot {
  worker: Worker;
  /** The first worker: started with the desk, restarted on the next message when it dies. */
  primary: boolean;
  /** Its ready message came (models loaded and warm). */
  loaded: boolean;
  /** Requests posted to it and not answered yet. */
  inFlight: number;
  /** The current measuring window's start (performance.now()), and ∫ inFlight dt since then. */
  windowStart: number;
  queueMs: number;
  /** When inFlight last changed (the integral is counted up to here). */
  countedTo: number;
  /** An extra worker's retirement, armed while it has nothing to do. */
  idleTimer?: NodeJS.Timeout;
}

export interface PoolRules {
  /** Most workers at once (the first included). */
  maxWorkers: number;
  /** A worker with more than this many requests in flight on average over a window is queued... */
  queued: number;
  /** ...a window being this long: when every loaded worker's last window was queued, grow. */
  windowMs: number;
  /** An extra worker with nothing in flight for this long is stopped. */
  retireAfterMs: number;
}

/**
 * A worker costs ~55-63 MiB under load and ~0.5 s of a core to load and warm (bench:footprint
 * on the 2-core machine), so another starts only for a queue that lasts a quarter of a second,
 * not for one burst that the first clears in milliseconds; and it is kept through a quiet
 * minute, since bursts come in runs. "Queued" is the time-weighted mean of requests in flight (Little's law:
 * rate × time in flight): ~0.1 at a steady 200 /query a second, ~1 at 2,000, 10 or more when
 * 16 clients wait on one worker. A mean over time, not a momentary count: requests reach a
 * worker in batches (one message per turn of the desk's event loop), so the count swings
 * between a full batch and nearly 0 even when the worker never rests.
 */
export const DEFAULT_POOL_RULES: Omit<PoolRules, 'maxWorkers'> = {
  queued: 4,
  windowMs: 250,
  retireAfterMs: 60_000,
};

export function newSlot(worker: Worker, primary: boolean, now: number): WorkerSlot {
  return { worker, primary, loaded: false, inFlight: 0, windowStart: now, queueMs: 0, countedTo: now };
}

/** Adds `delta` requests in flight (negative: answered), counting the time at the old figure. */
export function addInFlight(slot: WorkerSlot, delta: number, now: number): void {
  slot.queueMs += slot.inFlight * (now - slot.countedTo);
  slot.countedTo = now;
  slot.inFlight += delta;
}

/**
 * The worker that takes the next request: the loaded one with the fewest in flight, the first
 * worker on a tie (so at light load an extra one gets nothing and retires). While none is
 * loaded (the desk's start, a restart) the primary takes them and answers once loaded.
 */
export function pickSlot(slots: readonly WorkerSlot[]): WorkerSlot | undefined {
  let best: WorkerSlot | undefined;
  for (const slot of slots) {
    if (!slot.loaded) continue;
    if (!best || slot.inFlight < best.inFlight) best = slot;
  }
  return best ?? slots.find((s) => s.primary);
}

/** The pool's measuring window: every worker's queue is judged over the same stretch of time. */
export interface PoolWindow {
  start: number;
}

/**
 * Whether to start another worker now: room for one, none loading, and in the window that just
 * ended every loaded worker was queued. Ends the window when it is due (the next starts `now`).
 */
export function shouldGrow(
  slots: readonly WorkerSlot[],
  rules: PoolRules,
  window: PoolWindow,
  now: number,
): boolean {
  if (now - window.start < rules.windowMs) return false;
  window.start = now;
  let queued = 0;
  for (const slot of slots) {
    addInFlight(slot, 0, now);
    const span = now - slot.windowStart;
    if (slot.loaded && span > 0 && slot.queueMs / span > rules.queued) queued++;
    slot.windowStart = now;
    slot.queueMs = 0;
  }
  if (slots.length >= rules.maxWorkers || slots.some((s) => !s.loaded)) return false;
  return slots.length > 0 && queued === slots.length;
}

/** A worker that just loaded is measured from now (its loading time is not a queue). */
export function startWindow(slot: WorkerSlot, now: number): void {
  addInFlight(slot, 0, now);
  slot.windowStart = now;
  slot.queueMs = 0;
}
