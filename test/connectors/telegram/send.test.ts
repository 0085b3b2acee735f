import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OutboundMessage } from '../../../src/core/ports.js';
import { encodeRating } from '../../../connectors/telegram/rating.js';
import { outboundJob } from '../../support/outbound-job.js';
import { SECRET, startTelegramHarness, TOKEN, type TelegramHarness } from './harness.js';

const outbound = (chatId: number, text: string, extra: Partial<OutboundMessage> = {}) =>
  outboundJob('telegram', `telegram:${TOKEN.split(':')[0]}:${chatId}`, text, extra);

describe('Telegram sending', () => {
  let h: TelegramHarness;
  before(async () => {
    h = await startTelegramHarness({ webhookSecret: SECRET });
  });
  after(() => h.close());

  test('§7.30 text over 4096 is split, in order, paced at 1/s per chat (the emulator saw no flood)', async () => {
    await h.emulator.userMessage(301, 'tell me everything');
    const long = Array.from(
      { length: 200 },
      (_, i) => `Line ${i}: here is one more detail about your order.`,
    ).join('\n');
    assert.ok(long.length > 8192);
    const result = await h.module.connector.send(outbound(301, long));
    assert.equal(result.kind, 'sent');
    const parts = h.emulator.sent.filter((m) => m.chatId === '301');
    assert.equal(parts.length, 3);
    assert.ok(parts.every((p) => p.text.length <= 4096));
    assert.equal(parts.map((p) => p.text).join('\n'), long);
    assert.equal(result.kind === 'sent' && result.externalId, `301:${parts.at(-1)?.messageId}`);
    assert.deepEqual(h.emulator.violations, []);
  });

  test('§7.30 a 429 is waited out (retry_after) and the message goes out exactly once', async () => {
    await h.emulator.userMessage(302, 'hi');
    h.emulator.failNext('sendMessage', 1, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    const result = await h.module.connector.send(outbound(302, 'Your parcel is on its way.'));
    assert.equal(result.kind, 'sent');
    assert.equal(h.emulator.sent.filter((m) => m.chatId === '302').length, 1);
    assert.equal(
      h.emulator.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === '302').length,
      2,
    );
  });

  test('a long flood wait goes back to the outbox; blocked and unknown chats are rejected', async () => {
    for (const chat of [303, 313, 323]) await h.emulator.userMessage(chat, 'hi');
    h.emulator.failNext('sendMessage', 1, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 120',
      parameters: { retry_after: 120 },
    });
    assert.deepEqual(await h.module.connector.send(outbound(303, 'x')), {
      kind: 'retry',
      reason: 'Telegram flood control',
      retryAfterMs: 120_000,
    });
    h.emulator.failNext('sendMessage', 1, {
      ok: false,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    const blocked = await h.module.connector.send(outbound(313, 'y'));
    assert.equal(blocked.kind, 'rejected');
    assert.match(blocked.kind === 'rejected' ? blocked.reason : '', /blocked/);
    assert.equal((await h.module.connector.send(outbound(999, 'z'))).kind, 'rejected');
    h.emulator.failNext('sendMessage', 1, { ok: false, error_code: 502, description: 'Bad Gateway' });
    assert.equal((await h.module.connector.send(outbound(323, 'w'))).kind, 'retry');
  });

  test('§7.30 40 replies to 40 chats at once stay under 30/s overall: all delivered, no flood', async () => {
    const chats = Array.from({ length: 40 }, (_, i) => 5000 + i);
    for (const chat of chats) await h.emulator.userMessage(chat, 'hi');
    const results = await Promise.all(
      chats.map((chat) => h.module.connector.send(outbound(chat, `Hello ${chat}`))),
    );
    assert.ok(results.every((r) => r.kind === 'sent'));
    assert.equal(
      h.emulator.sent.filter((m) => Number(m.chatId) >= 5000 && Number(m.chatId) < 5040).length,
      40,
    );
    assert.deepEqual(h.emulator.violations, []);
  });

  test('the emulator refuses a second message to one chat within a second, and oversize payloads', async () => {
    await h.emulator.userMessage(304, 'hi');
    const post = (params: object) =>
      fetch(`${h.emulator.apiUrl}/bot${TOKEN}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: 304, ...params }),
      });
    const violationsBefore = h.emulator.violations.length;
    assert.equal((await post({ text: 'one' })).status, 200);
    const second = await post({ text: 'two' });
    assert.equal(second.status, 429);
    assert.equal(
      ((await second.json()) as { parameters: { retry_after: number } }).parameters.retry_after,
      1,
    );
    assert.equal((await post({ text: 'x'.repeat(4097) })).status, 400);
    const data65 = 'r'.repeat(65);
    assert.equal(
      (await post({ text: 'a', reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: data65 }]] } }))
        .status,
      400,
    );
    assert.equal(h.emulator.violations.length - violationsBefore, 3);
    h.emulator.violations.splice(violationsBefore);
  });

  test('§7.29 callback data is measured in bytes: a long conversation id is left out rather than overflow', () => {
    assert.equal(encodeRating(5, 'conv-1'), 'rate:5:conv-1');
    const long = '会话'.repeat(20); // 120 bytes in UTF-8, 40 UTF-16 units
    assert.equal(encodeRating(3, long), 'rate:3');
    assert.ok(Buffer.byteLength(encodeRating(3, long), 'utf8') <= 64);
  });
});
