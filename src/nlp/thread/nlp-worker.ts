/**
 * The NLP worker thread: loads the classifier and drafter once and answers requests in order.
 * Started by nlp-thread.ts; never imported by the desk itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createClassifier, createDrafter } from '../index.js';
import type { NlpReady, NlpRequest, NlpResponse, NlpWorkerData } from './protocol.js';
import { measureMemory, type MemoryStage } from './memory-stage.js';
import { DRAFT_CHANNEL_FOR, replyLanguage } from '../../core/model.js';
import { queryOutput, type QueryAnswer } from '../../core/query.js';

const data = (workerData ?? {}) as NlpWorkerData;
const stages: MemoryStage[] = [];
const measure = (stage: string) => {
  if (data.memoryReport) stages.push(measureMemory('nlp', stage));
};
measure('modules loaded');
const classifier = createClassifier(data.modelPath ? { modelPath: data.modelPath } : {});
measure('classifier (intent + urgency models)');
const drafter = createDrafter(data.knowledgeDir ? { knowledgeDir: data.knowledgeDir } : {});
measure('drafter (templates + knowledge)');

/** As src/core/query.ts composes it from the ports, without three round trips. */
function answerQuery(text: string): QueryAnswer {
  const classification = classifier.classify(text);
  const channel = DRAFT_CHANNEL_FOR[classification.recommendedChannel];
  const reply = drafter.draft({ text, classification, channel }).text;
  const message = drafter.channelMessage(classification.recommendedChannel, replyLanguage(classification));
  return { classification, reply, message };
}

function answer(request: NlpRequest): unknown {
  switch (request.op) {
    case 'classify':
      return classifier.classify(request.text, request.context);
    case 'draft':
      return drafter.draft(request.input);
    case 'channelMessage':
      return drafter.channelMessage(request.channel, request.language);
    case 'query':
      return answerQuery(request.text);
    case 'queryOutput':
      return queryOutput(answerQuery(request.text));
  }
}

function respond(request: NlpRequest): NlpResponse {
  try {
    return { id: request.id, ok: true, value: answer(request) };
  } catch (err) {
    return { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Most answers per message back. Every message wakes the desk's thread, and a worker that posts
 * is often preempted by the thread it woke (a fifth of the worker's profile was postMessage with
 * one answer per message): what queued up is answered together. Answering in chunks of 4 to
 * keep both threads busy measured slower (~2,000 against ~2,700 /query per second); the cap
 * only bounds the wait of the first caller when a long queue (the pipeline) is drained.
 */
const ANSWERS_PER_MESSAGE = 16;

let queue: NlpRequest[] = [];
/** Answers everything queued; what arrives meanwhile waits for the next turn. */
function drain(): void {
  const requests = queue;
  queue = [];
  let out: NlpResponse[] = [];
  for (const request of requests) {
    out.push(respond(request));
    if (out.length >= ANSWERS_PER_MESSAGE) {
      parentPort?.postMessage(out);
      out = [];
    }
  }
  if (out.length) parentPort?.postMessage(out);
}

// Requests come in batches (one message per event-loop turn of the desk); the messages that
// queued up while the worker was busy are drained together and answered together.
parentPort?.on('message', (requests: NlpRequest[]) => {
  if (queue.length === 0) setImmediate(drain);
  for (const r of requests) queue.push(r);
});
/**
 * A fresh thread runs the NLP code cold (interpreted) for its first few hundred messages, ten
 * times slower than warm: warm it before saying ready, so the first customers don't wait.
 */
function warmUp(): void {
  const samples = [
    'Hi, where is my order #A10023? It should have arrived yesterday.',
    'Please call me back at +1 415 555 0199, the app keeps crashing.',
    'I was charged twice for invoice 2291, can you email me a refund?',
    '我的订单什么时候发货？订单号 20231188，麻烦短信通知我。',
    '退款什么时候到账？请给我回电话。',
  ];
  const channels = ['email', 'sms', 'webchat'] as const;
  for (let i = 0; i < 300; i++) {
    const text = samples[i % samples.length] ?? '';
    const channel = channels[i % channels.length] ?? 'email';
    const classification = classifier.classify(text, { channel });
    drafter.draft({ text, classification, channel });
  }
}

warmUp();
measure('warmed up');
const ready: NlpReady = data.memoryReport ? { memory: stages } : {};
parentPort?.postMessage([{ id: 0, ok: true, value: ready }] satisfies NlpResponse[]);
