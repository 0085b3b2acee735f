import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTelegramConnector } from '../../../connectors/telegram/index.js';
import { testDeps } from '../../support/fake-intake.js';
import { outboundJob, testCustomer } from '../../support/outbound-job.js';
import { TelegramEmulator } from '../../support/telegram-emulator/index.js';
import { SECRET, startTelegramHarness, TOKEN, type TelegramHarness } from './harness.js';

const customer = testCustomer();

describe('Telegram webhook mode', () => {
  let h: TelegramHarness;
  before(async () => {
    h = await startTelegramHarness({ webhookSecret: SECRET });
  });
  after(() => h.close());

  test('start registers the webhook at PUBLIC_URL with the secret token', () => {
    const call = h.emulator.calls.find((c) => c.method === 'setWebhook');
    assert.ok(call);
    assert.equal(call.params.url, h.webhookUrl);
    assert.equal(call.params.secret_token, SECRET);
    assert.deepEqual(h.emulator.webhook, { url: h.webhookUrl, secret: SECRET });
    assert.equal(h.module.connector.health().state, 'up');
  });

  test('§7.28 an update with the right secret is stored; a wrong or missing one gets 401 and changes nothing', async () => {
    const update = await h.emulator.userMessage(4242, 'Where is my order 1234?', {
      first_name: 'Li',
      last_name: 'Wei',
    });
    assert.equal(h.emulator.webhookDeliveries.at(-1)?.status, 200);
    const stored = h.intake.messages.at(-1);
    assert.ok(stored);
    assert.equal(stored.text, 'Where is my order 1234?');
    assert.equal(stored.from.address, '4242');
    assert.equal(stored.from.displayName, 'Li Wei');
    assert.equal(stored.replyRef, `telegram:${TOKEN.split(':')[0]}:4242`);

    const before = h.intake.calls.length;
    const forged = { ...update, update_id: update.update_id + 1000 };
    assert.equal(await h.emulator.deliverWebhook(forged, 'wrong_secret'), 401);
    assert.equal(await h.emulator.deliverWebhook(forged, undefined), 401);
    assert.equal(await h.emulator.deliverWebhook(forged, SECRET + 'x'), 401);
    assert.equal(h.intake.calls.length, before);
  });

  test('a redelivered update is stored once', async () => {
    const update = await h.emulator.userMessage(4343, 'hello');
    assert.equal(await h.emulator.deliverWebhook(update, SECRET), 200);
    assert.equal(h.intake.messages.filter((m) => m.from.address === '4343').length, 1);
  });

  test('a malformed body with the right secret gets 400', async () => {
    const res = await fetch(h.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: '{"nope":',
    });
    assert.equal(res.status, 400);
  });

  test('photos come in with their bytes and caption', async () => {
    const bytes = Buffer.from('fake-jpeg-bytes-'.repeat(40));
    await h.emulator.userPhoto(4444, 'the box arrived broken', bytes);
    const stored = h.intake.messages.at(-1);
    assert.equal(stored?.text, 'the box arrived broken');
    assert.equal(stored?.attachments?.length, 1);
    assert.equal(stored?.attachments?.[0]?.contentType, 'image/jpeg');
    assert.equal(stored?.attachments?.[0]?.dataBase64, bytes.toString('base64'));
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(TOKEN), 'no token-bearing file URL is stored');
  });

  test('§7.29 a rating request shows 1–5 buttons (≤64 bytes); a tap is recorded and answered', async () => {
    await h.emulator.userMessage(4545, 'thanks!');
    const result = await h.module.connector.send(
      outboundJob(
        'telegram',
        `telegram:${TOKEN.split(':')[0]}:4545`,
        'How did we do? Tap a rating from 1 (poor) to 5 (excellent).',
        { purpose: 'rating_request', conversationId: '0f8e2c1a-7d7b-4a51-9b9e-2f7c7d1b9a11' },
      ),
    );
    assert.equal(result.kind, 'sent');
    const message = h.emulator.sent.at(-1);
    const buttons = message?.replyMarkup?.inline_keyboard?.flat() ?? [];
    assert.equal(buttons.length, 5);
    assert.ok(buttons.every((b) => Buffer.byteLength(b.callback_data ?? '', 'utf8') <= 64));
    assert.ok(message);

    await h.emulator.tap(message, 3, 'zh-hans');
    assert.deepEqual(h.intake.ratings.at(-1), {
      channel: 'telegram',
      address: '4545',
      score: 4,
      conversationId: '0f8e2c1a-7d7b-4a51-9b9e-2f7c7d1b9a11',
    });
    assert.deepEqual(h.emulator.unansweredCallbacks(), []);
    assert.equal([...h.emulator.answered.values()].at(-1)?.text, '谢谢您的评分！');
    assert.deepEqual(h.emulator.editedMarkup.at(-1), { chatId: '4545', messageId: message.messageId });
    assert.deepEqual(h.emulator.violations, []);
  });

  test('a callback the desk does not know is still answered', async () => {
    await h.emulator.userMessage(4646, 'hi');
    const fake = {
      chatId: '4646',
      messageId: 99,
      text: 'x',
      at: 0,
      replyMarkup: { inline_keyboard: [[{ text: 'x', callback_data: 'something-else' }]] },
    };
    await h.emulator.tap(fake, 0);
    assert.deepEqual(h.emulator.unansweredCallbacks(), []);
    assert.equal(h.intake.ratings.filter((r) => r.address === '4646').length, 0);
  });

  test('canSend needs a Telegram chat id', () => {
    assert.deepEqual(h.module.connector.canSend?.('telegram', 'telegram::4242', customer), { ok: true });
    assert.equal(h.module.connector.canSend?.('telegram', 'telegram::not-a-chat', customer)?.ok, false);
  });

  test('§7.28 a configured secret outside ^[A-Za-z0-9_-]{1,256}$ is refused at build time', () => {
    assert.throws(
      () => createTelegramConnector({ botToken: TOKEN, webhookSecret: 'has spaces!' }, testDeps()),
      /1–256/,
    );
    assert.throws(() =>
      createTelegramConnector({ botToken: TOKEN, webhookSecret: 'a'.repeat(257) }, testDeps()),
    );
  });
});

test('a refused setWebhook leaves the connector down with a reason (and it tries again later)', async () => {
  const emulator = new TelegramEmulator({ token: TOKEN });
  await emulator.start();
  emulator.failNext('setWebhook', 1, {
    ok: false,
    error_code: 400,
    description: 'Bad Request: bad webhook: HTTPS url must be provided for webhook',
  });
  const h = await startTelegramHarness({ webhookSecret: SECRET }, emulator);
  try {
    const health = h.module.connector.health();
    assert.equal(health.state, 'down');
    assert.match(health.detail ?? '', /HTTPS url/);
    assert.equal(emulator.webhook, undefined);
  } finally {
    await h.close();
  }
});
