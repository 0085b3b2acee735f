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

let queue: NlpRequest[] = [];
/**
 * Answers everything queued, each answer posted as soon as it is made; what arrives meanwhile
 * waits for the next turn. Posting answers in chunks (16, to spare the desk's thread wake-ups)
 * left the desk's thread and the callers idle while the worker finished the whole chunk: with
 * 16 /query clients, chunks of 16 / 8 / 4 / 2 / 1 measured 4,541-4,610 / 5,729-5,923 /
 * 5,740-6,221 / 5,375-6,602 / 5,918-6,292 requests/s (bench runs of 6 s, two rounds each, CPU
 * per request the same within noise), once the NLP work per message had halved (issue 21).
 */
function drain(): void {
  const requests = queue;
  queue = [];
  for (const request of requests) parentPort?.postMessage([respond(request)]);
}

// Requests come in batches (one message per event-loop turn of the desk); the messages that
// queued up while the worker was busy are drained together on its next turn.
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
