/**
 * The worker hop batches: the /query requests the desk reads in one event-loop turn (one per
 * readable socket) reach the worker in one message, not one message each (on main this test
 * saw 20 messages of one request; under the bench's 16 clients, every request went alone).
 */
import { strict as assert } from 'node:assert';
import { after, describe, mock, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { startNlpThread } from '../../src/nlp/thread/nlp-thread.js';

const TEXTS = [
  'Hi, where is my order #A10023? It was supposed to arrive yesterday.',
  'Can you call me back at +1 415 555 0199? It is urgent.',
  '我要退货，尺码不合适。',
  '发票还没有收到，麻烦发邮件给我。',
];

describe('NLP worker hop', () => {
  const thread = startNlpThread({});
  after(() => thread.close());

  test('requests asked in one turn, from separate callbacks, go to the worker in one message', async () => {
    await thread.ready();
    const posted = mock.method(Worker.prototype, 'postMessage');
    try {
      // As the HTTP server asks them: each from its own I/O callback of the same turn, not
      // from one synchronous loop.
      const answers = await new Promise<Promise<unknown>[]>((resolve) => {
        const asked: Promise<unknown>[] = [];
        for (let i = 0; i < 20; i++)
          setImmediate(() => {
            asked.push(thread.answer(TEXTS[i % TEXTS.length]!));
            if (asked.length === 20) resolve(asked);
          });
      }).then((asked) => Promise.all(asked));
      assert.equal(answers.length, 20);
      const requests = posted.mock.calls.map((c) => (c.arguments[0] as unknown[]).length);
      assert.deepEqual(requests, [20], `messages to the worker: ${JSON.stringify(requests)}`);
    } finally {
      posted.mock.restore();
    }
  });
});
