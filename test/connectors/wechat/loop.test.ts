/**
 * Full loops through the whole desk (createDesk with the WeChat connector built from config,
 * SQLite store, pipeline, decisions, outbox) against the WeChat emulator on both sides:
 * URL verification; a signed text push answered `success` within 5 s and in the console; a
 * retried push stored once; unsigned or wrongly signed pushes refused with 403 and nothing
 * stored; Send → exactly one customer-service message to the right OpenID, one token fetch
 * for many sends, a refresh after an expired token; beyond 48 h the reply is refused with the
 * reason before anything is sent; a resolved conversation's rating comes back as a number.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeskEvent } from '../../../src/core/ports.js';
import { startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { fakeClock } from '../../support/fake-intake.js';
import { WechatEmulator } from '../../support/wechat-emulator/index.js';

export const WECHAT = {
  appId: 'wx0123456789abcdef',
  appSecret: 'wechat-app-secret-0123',
  token: 'desktoken42',
};
const OWNER = { console: 'recording', userId: 'owner-1' };
const HOUR = 3_600_000;
type Inbound = Extract<DeskEvent, { type: 'inbound' }>;

describe('WeChat Official Account through the whole desk (plaintext mode)', () => {
  let t: TestDesk;
  let emulator: WechatEmulator;
  const clock = fakeClock(Date.now());
  const url = () => `${t.desk.url}/wechat`;
  const inboundFor = (msgId: string) =>
    t.console.waitFor((e) => e.type === 'inbound' && e.message.externalId === msgId) as Promise<Inbound>;

  before(async () => {
    emulator = new WechatEmulator({ ...WECHAT, now: clock.now });
    await emulator.start();
    t = await startTestDesk({
      env: {
        WECHAT_APP_ID: WECHAT.appId,
        WECHAT_APP_SECRET: WECHAT.appSecret,
        WECHAT_TOKEN: WECHAT.token,
        WECHAT_API_URL: emulator.apiUrl,
      },
      overrides: { clock },
    });
  });
  after(async () => {
    await t.stop();
    await emulator.stop();
  });

  it('answers the URL verification with echostr, and 403 to a wrong signature', async () => {
    assert.equal((await emulator.verifyUrl(url())).status, 200);
    assert.equal((await emulator.verifyUrl(url(), { token: 'not-our-token' })).status, 403);
    assert.deepEqual(emulator.violations, []);
  });

  it('a signed text push gets success within 5 s and lands in the console; a retry is stored once', async () => {
    const { fields, msgId } = emulator.userMessage('oOPENID_loop1', 'text', {
      Content: '我的订单 1234 到哪了？',
    });
    const first = await emulator.push(url(), fields);
    assert.equal(first.status, 200);
    assert.equal(first.body, 'success');
    assert.ok(first.ms < 5_000);
    const event = await inboundFor(msgId);
    assert.equal(event.message.channel, 'wechat');
    assert.equal(event.message.address, 'oOPENID_loop1');
    assert.equal(event.message.text, '我的订单 1234 到哪了？');
    assert.ok(event.draft, 'a draft is offered');

    // WeChat retries the same push (same MsgId): success again, one stored message, one card.
    const retry = await emulator.push(url(), fields);
    assert.equal(retry.body, 'success');
    await t.desk.drain();
    assert.equal(
      t.console.events.filter((e) => e.type === 'inbound' && e.message.externalId === msgId).length,
      1,
    );
    assert.ok(await t.desk.store.findMessageByExternalId('wechat', msgId));
    assert.deepEqual(emulator.violations, []);
  });

  it('an unsigned or wrongly signed push gets 403 and stores nothing', async () => {
    const before = t.console.events.length;
    const unsigned = emulator.userMessage('oOPENID_forged', 'text', { Content: 'hello' });
    assert.equal((await emulator.push(url(), unsigned.fields, { unsigned: true })).status, 403);
    const forged = emulator.userMessage('oOPENID_forged', 'text', { Content: 'hello' });
    assert.equal((await emulator.push(url(), forged.fields, { signWith: 'guessedtoken' })).status, 403);
    await t.desk.drain();
    assert.equal(t.console.events.length, before);
    assert.equal(await t.desk.store.findMessageByExternalId('wechat', unsigned.msgId), undefined);
    assert.equal(await t.desk.store.findMessageByExternalId('wechat', forged.msgId), undefined);
  });

  it('Send delivers exactly one customer-service message to the right OpenID; one token for many; refreshed after expiry', async () => {
    const fetchesBefore = emulator.tokenFetches;
    const { fields, msgId } = emulator.userMessage('oOPENID_send', 'text', {
      Content: 'Can I return these shoes?',
    });
    await emulator.push(url(), fields);
    const event = await inboundFor(msgId);
    assert.ok(event.draft);
    const decided = await t.console.desk().decide({ draftId: event.draft.id, actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'queued');
    await t.desk.drain();
    const sent = emulator.sent.filter((s) => s.openid === 'oOPENID_send');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.msgtype, 'text');
    assert.equal(sent[0]?.text, event.draft.text);

    // Two more replies: the cached token serves them all.
    for (const text of ['One more thing: returns are free.', 'And we ship today.']) {
      const note = await t.console.desk().note(event.view.customer.id, text, OWNER);
      assert.ok(note);
      assert.equal(
        (await t.console.desk().decide({ draftId: note.id, actor: OWNER, action: 'send' })).kind,
        'queued',
      );
      await t.desk.drain();
    }
    assert.equal(emulator.sent.filter((s) => s.openid === 'oOPENID_send').length, 3);
    assert.equal(
      emulator.tokenFetches - fetchesBefore,
      fetchesBefore === 0 ? 1 : 0,
      'one token fetch for all sends',
    );
    const fetchesAfterThree = emulator.tokenFetches;

    // WeChat expires the token early: 42001, a new token, the same message once.
    emulator.expireTokens();
    const note = await t.console
      .desk()
      .note(event.view.customer.id, 'Your parcel left the warehouse.', OWNER);
    assert.ok(note);
    assert.equal(
      (await t.console.desk().decide({ draftId: note.id, actor: OWNER, action: 'send' })).kind,
      'queued',
    );
    await t.desk.drain();
    assert.equal(emulator.tokenFetches, fetchesAfterThree + 1);
    assert.equal(emulator.refused.filter((r) => r.errcode === 42001).length, 1);
    assert.equal(emulator.sent.filter((s) => s.text === 'Your parcel left the warehouse.').length, 1);
    const job = await t.desk.store.getJob((decided.kind === 'queued' && decided.job.id) || '');
    assert.equal(job?.status, 'sent');
    assert.deepEqual(emulator.violations, []);
  });

  it('beyond 48 h the reply is refused with the reason before anything is sent', async () => {
    const { fields, msgId } = emulator.userMessage('oOPENID_late', 'text', { Content: 'Is it in stock?' });
    await emulator.push(url(), fields);
    const event = await inboundFor(msgId);
    assert.ok(event.draft);
    clock.advance(49 * HOUR);
    const callsBefore = emulator.sent.length + emulator.refused.length;
    const refused = await t.console.desk().decide({ draftId: event.draft.id, actor: OWNER, action: 'send' });
    assert.equal(refused.kind, 'rejected');
    const reason = refused.kind === 'rejected' ? refused.reason : '';
    assert.match(reason, /48 hours/);
    assert.match(reason, /another channel/);
    await t.desk.drain();
    assert.equal(emulator.sent.length + emulator.refused.length, callsBefore, 'nothing was sent');

    // Another channel is offered and works: the same customer's SMS number.
    await t.desk.store.addIdentity(event.view.customer.id, { channel: 'sms', address: '+15550002222' });
    const via = await t.console
      .desk()
      .decide({ draftId: event.draft.id, actor: OWNER, action: 'send_via', channel: 'sms' });
    assert.equal(via.kind, 'queued');
    await t.desk.drain();
    assert.equal(t.connector.sent.filter((m) => m.replyRef.endsWith('+15550002222')).length, 1);
    assert.equal(emulator.sent.length + emulator.refused.length, callsBefore, 'still nothing on WeChat');
    assert.deepEqual(emulator.violations, []);
  });

  it('resolve asks for a rating by number; the reply "5" lands as a rating', async () => {
    const { fields, msgId } = emulator.userMessage('oOPENID_rate', 'text', {
      Content: 'Thanks, all good now',
    });
    await emulator.push(url(), fields);
    const event = await inboundFor(msgId);
    assert.equal((await t.console.desk().resolve(event.view.customer.id, OWNER)).kind, 'ok');
    await t.desk.drain();
    const request = emulator.sent.find((s) => s.openid === 'oOPENID_rate');
    assert.match(request?.text ?? '', /1 .*5|1（.*5/);
    const five = emulator.userMessage('oOPENID_rate', 'text', { Content: '5' });
    assert.equal((await emulator.push(url(), five.fields)).body, 'success');
    const rating = (await t.console.waitFor(
      (e) => e.type === 'rating' && e.view.customer.id === event.view.customer.id,
    )) as Extract<DeskEvent, { type: 'rating' }>;
    assert.equal(rating.rating.score, 5);
    assert.equal(rating.rating.channel, 'wechat');
    assert.deepEqual(emulator.violations, []);
  });
});

describe('WeChat through the whole desk in safe mode', () => {
  let t: TestDesk;
  let emulator: WechatEmulator;
  const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

  before(async () => {
    emulator = new WechatEmulator({ ...WECHAT, encodingAesKey: key });
    await emulator.start();
    t = await startTestDesk({
      env: {
        WECHAT_APP_ID: WECHAT.appId,
        WECHAT_APP_SECRET: WECHAT.appSecret,
        WECHAT_TOKEN: WECHAT.token,
        WECHAT_ENCODING_AES_KEY: key,
        WECHAT_API_URL: emulator.apiUrl,
      },
    });
  });
  after(async () => {
    await t.stop();
    await emulator.stop();
  });

  it('an encrypted push is decrypted, stored and answered; Send replies once', async () => {
    const { fields, msgId } = emulator.userMessage('oOPENID_safe', 'text', { Content: '安全模式下的消息' });
    const answer = await emulator.push(`${t.desk.url}/wechat`, fields);
    assert.equal(answer.body, 'success');
    const event = (await t.console.waitFor(
      (e) => e.type === 'inbound' && e.message.externalId === msgId,
    )) as Inbound;
    assert.equal(event.message.text, '安全模式下的消息');
    assert.ok(event.draft);
    assert.equal(
      (await t.console.desk().decide({ draftId: event.draft.id, actor: OWNER, action: 'send' })).kind,
      'queued',
    );
    await t.desk.drain();
    assert.deepEqual(
      emulator.sent.map((s) => s.openid),
      ['oOPENID_safe'],
    );
    assert.deepEqual(emulator.violations, []);
  });
});
