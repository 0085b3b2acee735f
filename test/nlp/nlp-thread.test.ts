import { strict as assert } from 'node:assert';
import { after, describe, test } from 'node:test';
import { useNlpThread } from '../../src/compose/nlp.js';
import { createClassifier, createDrafter } from '../../src/nlp/index.js';
import { startNlpThread } from '../../src/nlp/thread/nlp-thread.js';

const TEXTS = [
  'Hi, where is my order #A10023? It was supposed to arrive yesterday. Please email me.',
  'The app crashes every time I open settings, call me back at +1 415 555 0199',
  '我要退货，尺码不合适，请给我回电话。',
  '发票还没有收到，麻烦发邮件给我。',
];

describe('NLP on a worker thread', () => {
  const thread = startNlpThread({});
  after(() => thread.close());

  test('answers exactly what the in-process classifier and drafter answer', async () => {
    const classifier = createClassifier();
    const drafter = createDrafter({});
    await thread.ready();
    // Many at once, as the pipeline sends them: answers must come back to the right caller.
    const remote = await Promise.all(
      TEXTS.flatMap((text) =>
        (['email', 'sms'] as const).map(async (channel) => {
          const classification = await thread.classifier.classify(text, { channel });
          const draft = await thread.drafter.draft({ text, classification, channel });
          return { classification, draft };
        }),
      ),
    );
    const local = TEXTS.flatMap((text) =>
      (['email', 'sms'] as const).map((channel) => {
        const classification = classifier.classify(text, { channel });
        return { classification, draft: drafter.draft({ text, classification, channel }) };
      }),
    );
    assert.deepEqual(remote, local);
    assert.equal(remote[4]?.classification.language, 'zh');
    assert.equal(await thread.drafter.channelMessage('email', 'zh'), drafter.channelMessage('email', 'zh'));
  });

  test('a worker that cannot load its model fails the requests instead of hanging them', async () => {
    const broken = startNlpThread({ modelPath: '/nonexistent/intent-model.json' });
    await broken.ready(); // resolves: the desk starts, and the pipeline retries the messages later
    await assert.rejects(broken.classifier.classify('where is my order'), /NLP worker stopped/);
    // The next request starts a new worker (which fails the same way here).
    await assert.rejects(broken.classifier.classify('where is my order'), /NLP worker stopped/);
    await broken.close();
  });

  test('after close, requests fail at once', async () => {
    const closing = startNlpThread({});
    await closing.close();
    await assert.rejects(closing.classifier.classify('hello'), /closed/);
  });

  test('runs on a thread by default only where there is a second core', () => {
    assert.equal(useNlpThread('auto', 1), false);
    assert.equal(useNlpThread('auto', 2), true);
    assert.equal(useNlpThread('off', 8), false);
    assert.equal(useNlpThread('on', 1), true);
  });
});
