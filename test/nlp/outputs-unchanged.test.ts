/**
 * Speed work on the NLP must not change a single answer: every message of the team's test sets
 * is classified (as /query does, and as the email and SMS connectors do) and drafted, and the
 * digest of all of it must equal the one computed from the code before that work (main at
 * 06f8cf8; recomputed on 51ac4d0 for the fourth pass's retrained models, and equal after the speed
 * work merged onto it; recomputed again for the fifth, sixth and seventh passes' retrained models). The worker thread, which batches requests, must answer exactly what the in-process
 * code answers, each caller its own answer.
 *
 * A deliberate change of outputs (a retrained model, a new template) changes the digests too:
 * run with PRINT_DIGESTS=1 to print the new ones, and say in the commit why they changed.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import {
  classificationOutput,
  DRAFT_CHANNEL_FOR,
  replyLanguage,
  type ContactChannel,
} from '../../src/core/model.js';
import type { ClassifyContext } from '../../src/core/ports.js';
import { queryBody, type QueryAnswer } from '../../src/core/query.js';
import { createClassifier, createDrafter } from '../../src/nlp/index.js';
import { startNlpThread } from '../../src/nlp/thread/nlp-thread.js';

const CORPUS = ['en-test.tsv', 'zh-test.tsv', 'zh-hant-test.tsv'] as const;

/** Digests of the sixth pass's models (issue 17: probes 16-18 trained on, full Traditional table, urgency probe weight 6). */
const EXPECTED: Record<(typeof CORPUS)[number], string> = {
  'en-test.tsv': 'ce78e513d56ff0de68433477be761ac2d10bd727d0a333db6fa88150976c8386',
  'zh-test.tsv': '89f1f8bbd6737f8f6e7bf1189183d0c037b15d618bc66e25979d7a1e485bdbbd',
  'zh-hant-test.tsv': '8068a21185a924df573171a1792436c9767cc3a8e7a6fd5f61f6cd90b4aaa03f',
};

const CONTEXTS: ClassifyContext[] = [
  {},
  { channel: 'email' },
  { channel: 'sms', customerLanguage: 'zh' },
  { channel: 'webchat', customerLanguage: 'en' },
];

/** The texts of a team TSV: the last column, `\n` for new lines, `#` starts a comment line. */
function messages(file: string): string[] {
  return readFileSync(new URL(`../../data-sets/team/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => (line.split('\t').pop() ?? '').replace(/\\n/g, '\n').trim());
}

const classifier = createClassifier();
const drafter = createDrafter({});

/** What /query answers, composed in-process as src/core/query.ts does. */
function localAnswer(text: string): QueryAnswer {
  const classification = classifier.classify(text);
  const reply = drafter.draft({
    text,
    classification,
    channel: DRAFT_CHANNEL_FOR[classification.recommendedChannel],
  }).text;
  const message = drafter.channelMessage(classification.recommendedChannel, replyLanguage(classification));
  return { classification, reply, message };
}

describe('NLP outputs are unchanged by speed work', () => {
  for (const file of CORPUS) {
    test(`${file}: classifications and drafts have main's digest`, () => {
      const hash = createHash('sha256');
      for (const text of messages(file)) {
        for (const context of CONTEXTS) {
          const classification = classifier.classify(text, context);
          const channel = context.channel ?? DRAFT_CHANNEL_FOR[classification.recommendedChannel];
          const draft = drafter.draft({ text, classification, channel });
          hash.update(JSON.stringify({ classification, draft }) + '\n');
        }
        hash.update(JSON.stringify(localAnswer(text)) + '\n');
      }
      for (const channel of ['email', 'phone', 'sms', 'social', 'chat'] as ContactChannel[])
        for (const language of ['en', 'zh', 'fr']) hash.update(drafter.channelMessage(channel, language));
      const digest = hash.digest('hex');
      if (process.env.PRINT_DIGESTS) console.log(`'${file}': '${digest}',`);
      assert.equal(digest, EXPECTED[file], `the outputs on ${file} changed`);
    });
  }

  describe('through the worker thread', () => {
    const thread = startNlpThread({});
    after(() => thread.close());

    test('every /query answer, sent all at once, is the in-process answer to the same text', async () => {
      await thread.ready();
      const texts = CORPUS.flatMap(messages);
      const remote = await Promise.all(texts.map((text) => thread.answer(text)));
      assert.equal(remote.length, texts.length);
      texts.forEach((text, i) => assert.deepEqual(remote[i], localAnswer(text), text));
    });

    test("every /query output picked on the worker serialises to the in-process answer's body", async () => {
      await thread.ready();
      const texts = CORPUS.flatMap(messages);
      const remote = await Promise.all(texts.map((text) => thread.answerOutput(text)));
      assert.equal(remote.length, texts.length);
      // As the desk's thread sends it: key order and all, and the body /query always answered.
      texts.forEach((text, i) => {
        const local = localAnswer(text);
        assert.equal(JSON.stringify(remote[i]), queryBody(local), text);
        const { classification, reply, message } = local;
        assert.equal(
          queryBody(local),
          JSON.stringify({ ...classificationOutput(classification), reply, message }),
        );
      });
    });
  });
});
