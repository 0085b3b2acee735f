/**
 * The classifier and drafter on a worker thread.
 *
 * Classifying and drafting cost a few hundred microseconds of CPU per message. On the event
 * loop that time is taken from acknowledging webhooks and writing the store; on a worker it
 * runs on the machine's other core, beside them. The worker is started with the desk, started
 * again if it dies, and a request that hangs is failed (and the worker replaced) rather than
 * waited for — the pipeline retries what failed.
 */
import { Worker } from 'node:worker_threads';
import type { Classification, ContactChannel } from '../../core/model.js';
import type { ClassifyContext, DraftInput, DraftOutput, Logger } from '../../core/ports.js';
import type { QueryAnswer, QueryOutput } from '../../core/query.js';
import type { NlpReady, NlpRequest, NlpResponse, NlpWorkerData } from './protocol.js';
import type { MemoryStage } from './memory-stage.js';

export interface NlpThreadOptions extends NlpWorkerData {
  logger?: Logger;
  /** A request not answered in this time fails and the worker is replaced (default 30 s). */
  timeoutMs?: number;
  /** MEMORY_REPORT: receives the worker's memory at each loading stage, once loaded. */
  onMemory?: (stages: MemoryStage[]) => void;
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
  /** Stops the worker; requests still waiting fail. */
  close(): Promise<void>;
}

/**
 * Most requests per message to the worker. What one event-loop turn of the desk asks (the
 * /query requests of every socket that was readable) goes in one message: a message per request
 * cost the worker a fifth of its time in postMessage, each one waking the other thread. The
 * worker answers what queued up in one message too (see nlp-worker.ts).
 */
const MAX_BATCH = 32;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  /** The worker the request was posted to. */
  worker?: Worker;
}

/** Under tsx the worker's entry is TypeScript too and needs tsx's loader registered first. */
function spawnWorker(data: NlpWorkerData): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const entry = new URL(`./nlp-worker.${typescript ? 'ts' : 'js'}`, import.meta.url);
  if (!typescript) return new Worker(entry, { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

export function startNlpThread(options: NlpThreadOptions = {}): NlpThread {
  const { logger, timeoutMs = 30_000 } = options;
  const data: NlpWorkerData = {
    ...(options.knowledgeDir ? { knowledgeDir: options.knowledgeDir } : {}),
    ...(options.modelPath ? { modelPath: options.modelPath } : {}),
    ...(options.onMemory ? { memoryReport: true } : {}),
  };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | undefined;
  let closed = false;
  let markReady: () => void = () => {};
  const loaded = new Promise<void>((resolve) => (markReady = resolve));

  /** Fails the requests posted to `of` (all of them when not given). */
  const failAll = (err: Error, of?: Worker): void => {
    for (const [id, p] of pending) {
      if (of && p.worker !== of) continue;
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(err);
    }
  };

  const start = (): Worker => {
    // Loading, the worker keeps the process alive (someone may await ready()); idle, it must
    // not — requests ref it while they wait.
    const w = spawnWorker(data);
    w.on('message', (responses: NlpResponse[]) => {
      for (const response of responses) {
        if (response.id === 0) {
          const memory = response.ok ? (response.value as NlpReady).memory : undefined;
          if (memory) options.onMemory?.(memory);
          markReady();
          if (pending.size === 0) w.unref();
          continue;
        }
        const p = pending.get(response.id);
        if (!p) continue;
        pending.delete(response.id);
        clearTimeout(p.timer);
        if (response.ok) p.resolve(response.value);
        else p.reject(new Error(`NLP failed: ${response.error}`));
      }
      if (pending.size === 0) w.unref();
    });
    w.on('error', (err) => {
      logger?.error({ err: err.message }, 'the NLP worker failed; starting a new one on the next message');
    });
    w.on('exit', (code) => {
      markReady();
      if (worker === w) worker = undefined;
      const reason = closed ? 'the NLP thread was closed' : `the NLP worker stopped (exit code ${code})`;
      failAll(new Error(reason), w);
    });
    return w;
  };

  let outgoing: NlpRequest[] = [];
  /** Posts this turn's requests as one message (a no-op when MAX_BATCH already sent them). */
  const send = (): void => {
    if (outgoing.length === 0) return;
    const batch = outgoing;
    outgoing = [];
    if (closed) return;
    const w = (worker ??= start());
    for (const r of batch) {
      const p = pending.get(r.id);
      if (p) p.worker = w;
    }
    w.ref();
    w.postMessage(batch);
  };

  const request = <T>(make: (id: number) => NlpRequest): Promise<T> => {
    if (closed) return Promise.reject(new Error('the NLP thread was closed'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        logger?.error({ timeoutMs }, 'the NLP worker did not answer in time; replacing it');
        pending.delete(id);
        reject(new Error(`the NLP worker did not answer within ${timeoutMs} ms`));
        const stuck = worker;
        worker = undefined;
        void stuck?.terminate();
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

  worker = start(); // load the models now, not on the first message

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
    async close() {
      closed = true;
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
      failAll(new Error('the NLP thread was closed'));
    },
  };
}
