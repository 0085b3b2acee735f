/**
 * Full loops through the whole desk (createDesk builds the Telegram connector from config;
 * SQLite store, pipeline, decisions, outbox) against the Telegram emulator:
 * webhook mode — message in → console draft → Send → exactly one reply to that chat;
 * a redelivery stored once; a wrong secret changes nothing; resolve → rating buttons → a tap
 * is a rating and is answered. Polling mode — the offset lands in the store's cursors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeskEvent } from '../../../src/core/ports.js';
import { startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { freePort } from '../../support/local-server.js';
import { TelegramEmulator } from '../../support/telegram-emulator/index.js';
import { SECRET, TOKEN, waitUntil } from './harness.js';

const OWNER = { console: 'recording', userId: 'owner-1' };
type Inbound = Extract<DeskEvent, { type: 'inbound' }>;

describe('Telegram (webhook mode) through the whole desk', () => {
  let t: TestDesk;
  let emulator: TelegramEmulator;
  const inboundFrom = (chatId: string) =>
    t.console.waitFor((e) => e.type === 'inbound' && e.message.address === chatId) as Promise<Inbound>;

  before(async () => {
    emulator = new TelegramEmulator({ token: TOKEN });
    await emulator.start();
    // setWebhook needs the public URL before the desk listens, so pick the port first.
    const port = await freePort();
    t = await startTestDesk({
      env: {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_URL: emulator.apiUrl,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
      overrides: { port },
    });
  });
  after(async () => {
    await t.stop();
    await emulator.stop();
  });

  it('registers its webhook, and message in → draft → Send → exactly one reply to that chat', async () => {
    assert.deepEqual(emulator.webhook, { url: `${t.desk.url}/telegram/webhook`, secret: SECRET });
    const update = await emulator.userMessage(777001, 'Where is my order 1234?');
    assert.equal(emulator.webhookDeliveries.at(-1)?.status, 200);
    const event = await inboundFrom('777001');
    assert.equal(event.message.channel, 'telegram');
    assert.ok(event.draft);

    // Telegram delivers the same update again: one stored message, one card.
    assert.equal(await emulator.deliverWebhook(update, SECRET), 200);
    await t.desk.drain();
    assert.equal(
      t.console.events.filter((e) => e.type === 'inbound' && e.message.address === '777001').length,
      1,
    );

    const decided = await t.console.desk().decide({ draftId: event.draft.id, actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'queued');
    await t.desk.drain();
    const sent = emulator.sent.filter((m) => m.chatId === '777001');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.text, event.draft.text);
    const job = await t.desk.store.getJob(decided.kind === 'queued' ? decided.job.id : '');
    assert.equal(job?.status, 'sent');
    assert.equal(job?.externalId, `777001:${sent[0]?.messageId}`);
    assert.deepEqual(emulator.violations, []);
  });

  it('a wrong secret token changes nothing', async () => {
    const eventsBefore = t.console.events.length;
    const forged = {
      update_id: 1,
      message: { message_id: 1, date: 1, chat: { id: 666, type: 'private' }, text: 'hi' },
    };
    assert.equal(await emulator.deliverWebhook(forged, 'not-the-secret'), 401);
    assert.equal(await emulator.deliverWebhook(forged, undefined), 401);
    await t.desk.drain();
    assert.equal(t.console.events.length, eventsBefore);
    assert.equal(await t.desk.store.findMessageByExternalId('telegram', '666:1'), undefined);
  });

  it('resolve → rating buttons; the tap is recorded, answered, and the buttons removed', async () => {
    await emulator.userMessage(777002, 'All sorted, thank you');
    const event = await inboundFrom('777002');
    assert.equal((await t.console.desk().resolve(event.view.customer.id, OWNER)).kind, 'ok');
    await t.desk.drain();
    const request = emulator.sent.find((m) => m.chatId === '777002');
    assert.ok(request?.replyMarkup);
    assert.equal(request.replyMarkup.inline_keyboard?.flat().length, 5);
    await emulator.tap(request, 4);
    const rating = (await t.console.waitFor(
      (e) => e.type === 'rating' && e.view.customer.id === event.view.customer.id,
    )) as Extract<DeskEvent, { type: 'rating' }>;
    assert.equal(rating.rating.score, 5);
    assert.deepEqual(emulator.unansweredCallbacks(), []);
    assert.equal(emulator.editedMarkup.at(-1)?.messageId, request.messageId);
    assert.deepEqual(emulator.violations, []);
  });
});

describe('Telegram (long polling) through the whole desk', () => {
  it('stores the message, then keeps the confirmed offset in the store', async () => {
    const emulator = new TelegramEmulator({ token: TOKEN });
    await emulator.start();
    const t = await startTestDesk({ env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: emulator.apiUrl } });
    try {
      const update = await emulator.userMessage(888001, 'Do you ship to Canada?');
      const event = (await t.console.waitFor(
        (e) => e.type === 'inbound' && e.message.address === '888001',
      )) as Inbound;
      assert.equal(event.message.text, 'Do you ship to Canada?');
      const cursor = `telegram:${TOKEN.split(':')[0]}:offset`;
      await waitUntil(() => emulator.offsets.at(-1) === update.update_id + 1);
      assert.equal(await t.desk.store.getCursor(cursor), String(update.update_id + 1));
    } finally {
      await t.stop();
      await emulator.stop();
    }
  });
});
