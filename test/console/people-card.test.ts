/**
 * The root card's merge and split buttons (issue 19), in English and Chinese: Same person as…
 * on every live customer, Split… only with two or more identities, neither on a merged-away one;
 * and every owner-facing string of people-text.ts exists in both languages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CustomerView } from '../../src/core/ports.js';
import { cardsFor, customerCard } from '../../src/console/card.js';
import { peopleText } from '../../src/core/people-text.js';

function view(identities: number, mergedInto?: string): CustomerView {
  return {
    customer: { id: 'cus-1', createdAt: new Date(0), optedOut: [], ...(mergedInto ? { mergedInto } : {}) },
    identities: [
      { channel: 'sms', address: '+15550001111' },
      { channel: 'email', address: 'ann@example.com' },
    ].slice(0, identities) as CustomerView['identities'],
    counts: { conversations: 0, messagesIn: 0, messagesOut: 0 },
  };
}

const people = (v: CustomerView, language: 'en' | 'zh') =>
  customerCard(v, { language })
    .actions.filter((a) => a.ref.action === 'same_person' || a.ref.action === 'split')
    .map((a) => `${a.ref.action}:${a.label}`);

test('Same person as… always, Split… only with two identities, in the owner’s language', () => {
  assert.deepEqual(people(view(1), 'en'), ['same_person:Same person as…']);
  assert.deepEqual(people(view(2), 'en'), ['same_person:Same person as…', 'split:Split…']);
  assert.deepEqual(people(view(2), 'zh'), ['same_person:同一人…', 'split:拆分…']);
  assert.deepEqual(people(view(2, 'cus-0'), 'en'), [], 'a merged-away customer offers neither');
});

test('a merge’s pointer post offers Split… on the survivor; other notices offer nothing', () => {
  const [pointer] = cardsFor(
    { type: 'notice', view: view(0, 'cus-9'), text: 'Merged into Ann', pointerTo: 'cus-9', offerSplit: true },
    { language: 'zh' },
  );
  assert.deepEqual(
    pointer?.actions.map((a) => [a.ref, a.label]),
    [[{ action: 'split', id: 'cus-9' }, '拆分…']],
  );
  const [plain] = cardsFor(
    { type: 'notice', view: view(1), text: 'Hello', pointerTo: 'cus-9' },
    { language: 'en' },
  );
  assert.deepEqual(plain?.actions, []);
});

test('every merge/split string is translated and fills its blanks', () => {
  const keys = [
    'samePersonButton',
    'splitButton',
    'pickerTitle',
    'pickerNone',
    'splitFrom',
    'splitOff',
    'lastIdentity',
    'noSuchIdentity',
  ] as const;
  for (const key of keys) {
    const en = peopleText('en', key, { name: 'Ann', messages: 2, address: '+1555', query: 'x' });
    const zh = peopleText('zh', key, { name: 'Ann', messages: 2, address: '+1555', query: 'x' });
    assert.notEqual(en, zh, key);
    assert.doesNotMatch(en + zh, /\{\w+\}/, `${key}: no blank left`);
    assert.match(zh, /[\u4e00-\u9fff]/, `${key} is Chinese`);
  }
  // Slack's modal title and submit are at most 24 characters.
  for (const lang of ['en', 'zh'] as const)
    for (const key of ['pickerTitle', 'splitTitle', 'mergeSubmit', 'splitSubmit'] as const)
      assert.ok(peopleText(lang, key).length <= 24, `${lang} ${key}`);
});
