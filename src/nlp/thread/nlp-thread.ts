/**
 * The classifier and drafter on worker threads.
 *
 * Classifying and drafting cost a few hundred microseconds of CPU per message. On the event
 * loop that time is taken from acknowledging webhooks and writing the store; on a worker it
 * runs on the machine's other core, beside them. The first worker is started with the desk,
 * started again if it dies, and a request that hangs is failed (and its worker replaced) rather
 * than waited for — the pipeline retries what failed.
 *
 * On a quiet machine one worker under load is the bottleneck while the other core idles
 * (bench:footprint's CPU line), so with `maxWorkers` > 1, when requests queue up on every
 * worker another starts, takes requests as the least loaded, and is stopped again after a quiet
 * minute: the idle desk keeps one worker's memory. A request stays on the worker it was posted
 * to; a crash or a timeout fails only that worker's requests. Off by default (NLP_WORKERS_MAX=1):
 * measured on the shared 2-core machine a second worker cost ~60 MiB and was no faster.
 */
import type { Classification, ContactChannel } from '../../core/model.js';
import type { ClassifyContext, DraftInput, DraftOutput, Logger } from '../../core/ports.js';
import type { QueryAnswer, QueryOutput } from '../../core/query.js';
import type { NlpReady, NlpRequest, NlpResponse, NlpWorkerData } from './protocol.js';
import type { MemoryStage } from './memory-stage.js';
import { spawnWorker } from './spawn-worker.js';
import {
  addInFlight,
  DEFAULT_POOL_RULES,
  newSlot,
  pickSlot,
  shouldGrow,
  startWindow,
  type PoolRules,
  type WorkerSlot,
} from './worker-slot.js';

export interface NlpThreadOptions extends NlpWorkerData {
  logger?: Logger;
  /** A request not answered in this time fails and the worker is replaced (default 30 s). */
  timeoutMs?: number;
  /** MEMORY_REPORT: receives the worker's memory at each loading stage, once loaded. */
  onMemory?: (stages: MemoryStage[]) => void;
  /** Most workers under load (default 1: no pool); NLP_WORKERS_MAX. */
  maxWorkers?: number;
  /** The pool's thresholds (tests shorten them); defaults in worker-slot.ts. */
  pool?: Partial<Omit<PoolRules, 'maxWorkers'>>;
}

/** The ports, answered asynchronously (the worker's answer is always a promise). */
export interface NlpThread {
  classifier: { classify(text: string, context?: ClassifyContext): Promise<Classification> };
  drafter: {
    draft(input: DraftInput): Promise<DraftOutput>;
    channelMessage(channel: ContactChannel, language: string): Promise<string>;
  };
  /** POST /query's answer in one round trip. */
  answer(text: string): Promise<QueryAnswer>;
  /**
   * What POST /query shows of the answer (src/core/query.ts queryOutput), picked on the worker
   * so `why` does not cross the threads. The JSON text is made on the desk's thread: the worker
   * is the busier one (bench:footprint's CPU line), and making it there measured dearer for it.
   */
  answerOutput(text: string): Promise<QueryOutput>;
  /** Resolves once the worker has loaded its models (or failed to: requests then fail and retry). */
  ready(): Promise<void>;
  /** Stops the workers; requests still waiting fail. */
  close(): Promise<void>;
  /** How many workers run now (loading ones included). */
  workers(): number;
}

/**
 * Most requests per message to a worker. What one event-loop turn of the desk asks (the
 * /query requests of every socket that was readable) goes in one message per worker: a message
 * per request cost the worker a fifth of its time in postMessage, each one waking the other
 * thread. The worker posts each answer as soon as it is made (see nlp-worker.ts).
 */
const MAX_BATCH = 32;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  /** The worker the request was posted to. */
  slot?: WorkerSlot;
}

export function startNlpThread(options: NlpThreadOptions = {}): NlpThread {
  const { logger, timeoutMs = 30_000 } = options;
  const rules: PoolRules = { ...DEFAULT_POOL_RULES, ...options.pool, maxWorkers: options.maxWorkers ?? 1 };
  const data: NlpWorkerData = {
    ...(options.knowledgeDir ? { knowledgeDir: options.knowledgeDir } : {}),
    ...(options.modelPath ? { modelPath: options.modelPath } : {}),
  };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  /** The live workers, the primary (when alive) first. */
  let slots: WorkerSlot[] = [];
  const poolWindow = { start: performance.now() };
  let closed = false;
  let markReady: () => void = () => {};
  const loaded = new Promise<void>((resolve) => (markReady = resolve));

  /** Fails the requests posted to `of` (all of them when not given). */
  const failAll = (err: Error, of?: WorkerSlot): void => {
    for (const [id, p] of pending) {
      if (of && p.slot !== of) continue;
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(err);
    }
  };

  /** Takes the slot out of the pool (no request goes to it any more). */
  const remove = (slot: WorkerSlot): void => {
    clearTimeout(slot.idleTimer);
    slots = slots.filter((s) => s !== slot);
  };

  /** An extra worker with nothing to do is stopped after `retireAfterMs`. */
  const armRetire = (slot: WorkerSlot): void => {
    if (slot.primary || slot.inFlight > 0 || !slot.loaded) return;
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (slot.inFlight > 0 || !slots.includes(slot)) return;
      logger?.info({ workers: slots.length - 1 }, 'NLP worker idle: stopping it');
      remove(slot);
      void slot.worker.terminate();
    }, rules.retireAfterMs);
    slot.idleTimer.unref();
  };

  const start = (primary: boolean): WorkerSlot => {
    // A loading primary keeps the process alive (someone may await ready()); an idle worker,
    // or an extra one loading, must not — requests ref their worker while they wait.
    const w = spawnWorker(primary && options.onMemory ? { ...data, memoryReport: true } : data);
    const slot = newSlot(w, primary, performance.now());
    if (!primary) w.unref();
    w.on('message', (responses: NlpResponse[]) => {
      const now = performance.now();
      for (const response of responses) {
        if (response.id === 0) {
          const memory = response.ok ? (response.value as NlpReady).memory : undefined;
          if (memory) options.onMemory?.(memory);
          slot.loaded = true;
          startWindow(slot, now);
          if (primary) markReady();
          armRetire(slot);
          continue;
        }
        const p = pending.get(response.id);
        if (!p) continue;
        pending.delete(response.id);
        clearTimeout(p.timer);
        addInFlight(slot, -1, now);
        if (response.ok) p.resolve(response.value);
        else p.reject(new Error(`NLP failed: ${response.error}`));
      }
      if (slot.inFlight === 0 && slot.loaded) {
        w.unref();
        armRetire(slot);
      }
    });
    w.on('error', (err) => {
      logger?.error({ err: err.message }, 'the NLP worker failed; starting a new one on the next message');
    });
    w.on('exit', (code) => {
      markReady();
      remove(slot);
      const reason = closed ? 'the NLP thread was closed' : `the NLP worker stopped (exit code ${code})`;
      failAll(new Error(reason), slot);
    });
    if (primary) slots.unshift(slot);
    else slots.push(slot);
    return slot;
  };

  /** The primary, restarted if it died: a loaded extra takes its place rather than a new start. */
  const primary = (): WorkerSlot => {
    const alive = slots.find((s) => s.primary);
    if (alive) return alive;
    const extra = slots.find((s) => s.loaded);
    if (!extra) return start(true);
    clearTimeout(extra.idleTimer);
    extra.primary = true;
    slots = [extra, ...slots.filter((s) => s !== extra)];
    return extra;
  };

  let outgoing: NlpRequest[] = [];
  /**
   * Posts this turn's requests, each to the least loaded worker, one message per worker (a
   * no-op when MAX_BATCH sent them). Split, not the whole batch to one worker: when callers
   * wait on each other's answers (clients answered in one turn ask again in one turn) every
   * turn's batch found the first worker idle, and the second never got any.
   */
  const send = (): void => {
    if (outgoing.length === 0) return;
    const batch = outgoing;
    outgoing = [];
    if (closed) return;
    primary();
    const now = performance.now();
    const messages = new Map<WorkerSlot, NlpRequest[]>();
    for (const r of batch) {
      const p = pending.get(r.id);
      if (!p) continue; // timed out before it was posted
      const slot = pickSlot(slots)!;
      p.slot = slot;
      addInFlight(slot, 1, now);
      const message = messages.get(slot);
      if (message) message.push(r);
      else messages.set(slot, [r]);
    }
    for (const [slot, requests] of messages) {
      clearTimeout(slot.idleTimer);
      slot.worker.ref();
      slot.worker.postMessage(requests);
    }
    if (shouldGrow(slots, rules, poolWindow, now)) {
      logger?.info({ workers: slots.length + 1 }, 'NLP requests are queuing: starting another worker');
      start(false);
    }
  };

  const request = <T>(make: (id: number) => NlpRequest): Promise<T> => {
    if (closed) return Promise.reject(new Error('the NLP thread was closed'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        logger?.error({ timeoutMs }, 'the NLP worker did not answer in time; replacing it');
        const stuck = pending.get(id)?.slot;
        pending.delete(id);
        reject(new Error(`the NLP worker did not answer within ${timeoutMs} ms`));
        if (stuck) {
          remove(stuck);
          void stuck.worker.terminate();
        }
      }, timeoutMs);
      timer.unref();
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      outgoing.push(make(id));
      // After this turn's I/O callbacks, not after this one's microtasks: the other sockets'
      // requests of the same turn join the message.
      if (outgoing.length === 1) setImmediate(send);
      else if (outgoing.length >= MAX_BATCH) send();
    });
  };

  start(true); // load the models now, not on the first message

  return {
    classifier: {
      classify: (text: string, context: ClassifyContext = {}) =>
        request<Classification>((id) => ({ id, op: 'classify', text, context })),
    },
    drafter: {
      draft: (input: DraftInput) => request<DraftOutput>((id) => ({ id, op: 'draft', input })),
      channelMessage: (channel: ContactChannel, language: string) =>
        request<string>((id) => ({ id, op: 'channelMessage', channel, language })),
    },
    answer: (text: string) => request<QueryAnswer>((id) => ({ id, op: 'query', text })),
    answerOutput: (text: string) => request<QueryOutput>((id) => ({ id, op: 'queryOutput', text })),
    ready: () => loaded,
    workers: () => slots.length,
    async close() {
      closed = true;
      const stopping = slots;
      slots = [];
      for (const slot of stopping) clearTimeout(slot.idleTimer);
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
      failAll(new Error('the NLP thread was closed'));
    },
  };
}
