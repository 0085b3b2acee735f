import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeIntake } from '../../support/fake-intake.js';
import { startTelegramHarness, TOKEN, waitUntil } from './harness.js';

const cursorName = `telegram:${TOKEN.split(':')[0]}:offset`;

test('§7.31 long polling confirms an update only after it is stored, and a restart does not re-process', async () => {
  const h = await startTelegramHarness();
  try {
    // Polling first clears a leftover webhook (getUpdates would get 409 otherwise).
    await waitUntil(() => h.emulator.calls.some((c) => c.method === 'deleteWebhook'));
    assert.equal(
      h.emulator.calls.find((c) => c.method !== 'deleteWebhook' && c.method !== 'getUpdates'),
      undefined,
    );
    h.intake.failWhen = (m) => m.text === 'second';
    const first = await h.emulator.userMessage(101, 'first');
    const second = await h.emulator.userMessage(102, 'second');
    const third = await h.emulator.userMessage(103, 'third');

    // The first is stored and confirmed; the second fails, so the offset stays at it.
    await waitUntil(() => h.intake.calls.filter((m) => m.text === 'second').length >= 2);
    assert.deepEqual(
      h.intake.messages.map((m) => m.text),
      ['first'],
    );
    assert.equal(h.cursors.values.get(cursorName), String(first.update_id + 1));
    assert.ok(h.emulator.offsets.includes(second.update_id), 're-asks from the failed update');
    assert.ok(!h.emulator.offsets.some((o) => o > second.update_id), 'never skips past the failed update');
    assert.deepEqual(h.emulator.pending(), [second.update_id, third.update_id]);

    // "Restart": stop this instance, start another with the same cursor store and a healthy store.
    await h.module.connector.stop();
    const healthy = fakeIntake();
    const again = await h.restart(healthy);
    await waitUntil(() => healthy.messages.length === 2);
    assert.deepEqual(
      healthy.messages.map((m) => m.text),
      ['second', 'third'],
      'the confirmed first update is not delivered again',
    );
    await waitUntil(() => h.cursors.values.get(cursorName) === String(third.update_id + 1));
    await waitUntil(() => h.emulator.offsets.at(-1) === third.update_id + 1);
    assert.deepEqual(h.emulator.pending(), []);
    assert.equal(again.connector.health().state, 'up');
  } finally {
    await h.close();
  }
});

test('polling answers callback queries too, and skips updates that are not customer messages', async () => {
  const h = await startTelegramHarness();
  try {
    const group = await h.emulator.push({
      message: {
        message_id: 1,
        date: 1,
        chat: { id: -100200, type: 'supergroup' },
        from: { id: 5, is_bot: false, first_name: 'x' },
        text: 'group chatter',
      },
    });
    await h.emulator.userMessage(201, '/start');
    const real = await h.emulator.userMessage(201, 'I need help');
    await waitUntil(() => h.intake.messages.length === 1);
    assert.equal(h.intake.messages[0]?.text, 'I need help');
    await waitUntil(() => h.cursors.values.get(cursorName) === String(real.update_id + 1));
    assert.ok(group.update_id < real.update_id);
    const fake = {
      chatId: '201',
      messageId: 77,
      text: 'x',
      at: 0,
      replyMarkup: { inline_keyboard: [[{ text: '5', callback_data: 'rate:5' }]] },
    };
    await h.emulator.tap(fake, 0);
    await waitUntil(() => h.emulator.unansweredCallbacks().length === 0 && h.intake.ratings.length === 1);
    assert.deepEqual(h.intake.ratings[0], { channel: 'telegram', address: '201', score: 5 });
  } finally {
    await h.close();
  }
});
