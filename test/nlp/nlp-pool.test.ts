/**
 * The NLP worker pool (issue 21): a second worker starts while requests queue up, is stopped
 * after a quiet spell, and each worker's crash, timeout and shutdown behave as with one worker.
 * Thresholds are shortened here; no test asserts a timing (polls have generous deadlines).
 */
import { strict as assert } from 'node:assert';
import { describe, mock, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../../src/config.js';
import { createClassifier } from '../../src/nlp/index.js';
import { startNlpThread, type NlpThread } from '../../src/nlp/thread/nlp-thread.js';
import type { NlpRequest } from '../../src/nlp/thread/protocol.js';

const TEXTS = [
  'Hi, where is my order #A10023? It was supposed to arrive yesterday.',
  'Can you call me back at +1 415 555 0199? It is urgent.',
  '我要退货，尺码不合适。',
  '发票还没有收到，麻烦发邮件给我。',
];
/** As long as the classifier reads (4,000 characters): a batch of 16 keeps a worker busy a while. */
const LONG = 'my parcel never arrived, please refund me. '.repeat(100);
const longBatch = (tag: string) => Array.from({ length: 16 }, (_, i) => `${tag} ${i} ${LONG}`);

const until = async (what: string, done: () => boolean, deadlineMs = 60_000): Promise<void> => {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > deadlineMs) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * Which worker each posted request went to (by its text), and the workers that got any.
 * `onPost` runs right after a message is posted, before the worker can have answered it.
 */
function watchPosts() {
  const original = Worker.prototype.postMessage;
  const watch = {
    onPost: undefined as ((worker: Worker, requests: NlpRequest[]) => void) | undefined,
  };
  const posted = mock.method(Worker.prototype, 'postMessage', function (this: Worker, message: unknown) {
    original.call(this, message);
    if (Array.isArray(message)) watch.onPost?.(this, message as NlpRequest[]);
  });
  const textOf = (r: NlpRequest) => ('text' in r ? r.text : undefined);
  // The NLP hop's messages only (arrays of requests), not those of other workers (tsx's loader).
  const calls = () => posted.mock.calls.filter((c) => Array.isArray(c.arguments[0]));
  return Object.assign(watch, {
    workers: () => new Set(calls().map((c) => c.this as Worker)),
    last: () => calls().at(-1)?.this as Worker | undefined,
    workerOf: (text: string) =>
      calls().find((c) => (c.arguments[0] as NlpRequest[]).some((r) => textOf(r) === text))?.this as
        Worker | undefined,
    restore: () => posted.mock.restore(),
  });
}

/** 16 callers asking in a loop (as 16 keep-alive /query clients do) until `stop()` says so. */
async function load(thread: NlpThread, stop: () => boolean, deadlineMs = 60_000): Promise<void> {
  const start = Date.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (!stop() && Date.now() - start < deadlineMs)
        await thread.answerOutput(`${TEXTS[n % TEXTS.length]} ${n++}`);
    }),
  );
}

const FAST = { windowMs: 30, queued: 1, retireAfterMs: 300 };

describe('NLP worker pool', () => {
  test('a second worker starts under a burst, takes requests, and is stopped when idle', async () => {
    const thread = startNlpThread({ maxWorkers: 2, pool: FAST });
    await thread.ready();
    const posts = watchPosts();
    try {
      await load(thread, () => posts.workers().size >= 2);
      const [first] = posts.workers();
      assert.equal(posts.workers().size, 2, 'a second worker took requests');
      assert.equal(thread.workers(), 2);
      // Idle: the extra worker is stopped, the first stays and answers.
      await until('the extra worker stopped', () => thread.workers() === 1);
      const classifier = createClassifier();
      const answered = await thread.classifier.classify('where is my refund?');
      assert.deepEqual(answered, classifier.classify('where is my refund?'));
      assert.equal(posts.last(), first, 'the first worker answers after the extra one stopped');
    } finally {
      posts.restore();
      await thread.close();
    }
  });

  test('no second worker for requests that do not queue up, nor beyond NLP_WORKERS_MAX', async () => {
    const thread = startNlpThread({ maxWorkers: 2, pool: FAST });
    const single = startNlpThread({ maxWorkers: 1, pool: FAST });
    try {
      await Promise.all([thread.ready(), single.ready()]);
      // One at a time: never more than one in flight, however long it goes on.
      for (let i = 0; i < 200; i++) await thread.answerOutput(`${TEXTS[i % TEXTS.length]} ${i}`);
      assert.equal(thread.workers(), 1);
      await load(single, () => false, 1_000);
      assert.equal(single.workers(), 1);
    } finally {
      await Promise.all([thread.close(), single.close()]);
    }
  });

  test("a crash of either worker fails only that worker's requests, as with one worker", async () => {
    const thread = startNlpThread({ maxWorkers: 2, pool: { ...FAST, retireAfterMs: 60_000 } });
    await thread.ready();
    const posts = watchPosts();
    try {
      // The second worker crashes, then (with a new second worker) the first.
      for (const [round, crashing] of [
        [0, 1],
        [1, 0],
      ] as const) {
        // Two loaded workers: each has taken requests.
        await load(thread, () => thread.workers() === 2 && posts.workers().size >= 2 + round);
        assert.equal(thread.workers(), 2);
        // One turn's requests, split between the two; the crash comes as the second worker's
        // share is posted, while both are in flight.
        const texts = longBatch(`round ${round}`);
        const workers: Worker[] = [];
        posts.onPost = (worker, requests) => {
          if (!requests.some((r) => 'text' in r && texts.includes(r.text))) return;
          workers.push(worker);
          if (workers.length === 2) void workers[crashing]!.terminate(); // as a crash: exit code 1
        };
        const results = await Promise.all(
          texts.map((t) =>
            thread.classifier.classify(t).then(
              () => 'ok',
              (e: Error) => e.message,
            ),
          ),
        );
        posts.onPost = undefined;
        assert.equal(workers.length, 2, 'the requests went to both workers');
        const victim = workers[crashing];
        texts.forEach((t, i) => {
          if (posts.workerOf(t) === victim) assert.match(results[i]!, /NLP worker stopped \(exit code 1\)/);
          else assert.equal(results[i], 'ok', 'requests on the other worker are answered');
        });
        // The next request is answered (by the survivor, which stands in for the first worker
        // when that was the one lost).
        assert.ok(await thread.classifier.classify('where is my order?'));
        assert.equal(posts.last(), workers[1 - crashing]);
      }
    } finally {
      posts.restore();
      await thread.close();
    }
  });

  test('shutdown ends both workers and fails what they had', async () => {
    const thread = startNlpThread({ maxWorkers: 2, pool: { ...FAST, retireAfterMs: 60_000 } });
    await thread.ready();
    const posts = watchPosts();
    try {
      await load(thread, () => posts.workers().size >= 2);
      const workers = [...posts.workers()];
      const exits = workers.map((w) => new Promise((r) => w.once('exit', r)));
      const texts = longBatch('shutdown');
      let closing: Promise<void> | undefined;
      const posted: Worker[] = [];
      posts.onPost = (worker, requests) => {
        if (requests.some((r) => 'text' in r && texts.includes(r.text)) && posted.push(worker) === 2)
          closing = thread.close();
      };
      const inFlight = texts.map((t) => thread.classifier.classify(t));
      for (const settled of await Promise.allSettled(inFlight)) {
        assert.equal(settled.status, 'rejected');
        assert.match(String((settled as PromiseRejectedResult).reason), /closed/);
      }
      await closing;
      await Promise.all(exits);
      assert.equal(new Set(posted).size, 2, 'requests on each worker');
      assert.equal(thread.workers(), 0);
      await assert.rejects(thread.classifier.classify('hello'), /closed/);
    } finally {
      posts.restore();
    }
  });

  test('NLP_WORKERS_MAX: 1 unless set; a bad value names the variable', () => {
    const env = { DATA_DIR: '/tmp/solodesk-pool-test' };
    const noFile = { dotEnvPath: '/nonexistent/.env' };
    assert.equal(loadConfig(env, noFile).NLP_WORKERS_MAX, 1);
    assert.equal(loadConfig({ ...env, NLP_WORKERS_MAX: '' }, noFile).NLP_WORKERS_MAX, 1);
    assert.equal(loadConfig({ ...env, NLP_WORKERS_MAX: '2' }, noFile).NLP_WORKERS_MAX, 2);
    for (const bad of ['0', 'two', '1.5', '9'])
      assert.throws(
        () => loadConfig({ ...env, NLP_WORKERS_MAX: bad }, noFile),
        /NLP_WORKERS_MAX: expected a whole number/,
      );
  });
});
