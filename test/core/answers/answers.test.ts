/**
 * Remembered answers in the core: blanks are suggested from the question's entities and the
 * customer's name and re-filled from a new message's; a match needs the same language and a
 * similar question (not just the intent).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillBlanks, suggestBlanks } from '../../../src/core/answers/blanks.js';
import { matchAnswer } from '../../../src/core/answers/match.js';
import type { RememberedAnswer } from '../../../src/core/answers/record.js';
import type { Entities, Intent } from '../../../src/core/model.js';

const entities = (over: Partial<Entities> = {}): Entities => ({
  orderNumbers: [],
  emails: [],
  phones: [],
  money: [],
  dates: [],
  ...over,
});

const at = new Date(Date.UTC(2026, 11, 3));
const answer = (id: string, language: string, intent: Intent, question: string): RememberedAnswer => ({
  id,
  language,
  intent,
  questions: [question],
  text: `answer ${id}`,
  draftId: `d-${id}`,
  customerId: 'c1',
  answeredAt: at,
  createdAt: at,
  updatedAt: at,
});

describe('remembered answers: blanks', () => {
  it('suggests the name, order numbers and dates as blanks, and fills them again', () => {
    const sent = 'Hi Maria! Order #4417 left on 3 Dec; Maria, it arrives in 5 to 8 days.';
    const general = suggestBlanks(
      sent,
      entities({ orderNumbers: ['#4417'], dates: ['3 Dec'] }),
      'Maria Lopez',
      'en',
    );
    assert.equal(
      general,
      'Hi [[name]]! Order [[order]] left on [[date]]; [[name]], it arrives in 5 to 8 days.',
    );
    const filled = fillBlanks(
      general,
      entities({ orderNumbers: ['#9001'], dates: ['5 Jan'] }),
      'Tom Reed',
      'en',
    );
    assert.equal(filled, 'Hi Tom! Order #9001 left on 5 Jan; Tom, it arrives in 5 to 8 days.');
  });

  it('leaves a blank it cannot fill, and does not blank a name inside another word', () => {
    assert.equal(
      fillBlanks('Hi [[name]], order [[order]].', entities(), '+15550001111', 'en'),
      'Hi [[name]], order [[order]].',
    );
    assert.equal(suggestBlanks('Annual sale, Ann!', entities(), 'Ann', 'en'), 'Annual sale, [[name]]!');
    assert.equal(suggestBlanks('王芳您好，已发货。', entities(), '王芳', 'zh'), '[[name]]您好，已发货。');
  });
});

describe('remembered answers: matching', () => {
  const pool = [
    answer('ca', 'en', 'shipping', 'Do you ship to Canada?'),
    answer('ret', 'en', 'refund_return', 'How do I return an item?'),
    answer('zh', 'zh', 'shipping', '你们寄加拿大吗？'),
  ];

  it('finds a paraphrase in the same language, through concepts (delivery ≈ ship, Toronto → Canada)', () => {
    const m = matchAnswer(pool, {
      text: 'how long does delivery to Toronto take?',
      language: 'en',
      intent: 'shipping',
    });
    assert.equal(m?.answer.id, 'ca');
    assert.ok(m.score > 0.4 && m.score <= 1);
  });

  it('never offers an answer in another language', () => {
    const m = matchAnswer(pool.slice(0, 2), {
      text: '寄到加拿大要多久？',
      language: 'zh',
      intent: 'shipping',
    });
    assert.equal(m, undefined);
    assert.equal(
      matchAnswer(pool, { text: '寄加拿大吗', language: 'zh', intent: 'shipping' })?.answer.id,
      'zh',
    );
  });

  it('the same intent alone is not enough: an unrelated shipping question gets nothing', () => {
    assert.equal(
      matchAnswer(pool, {
        text: 'Where is my parcel? Tracking shows nothing',
        language: 'en',
        intent: 'shipping',
      })?.answer.id,
      undefined,
    );
  });
});
