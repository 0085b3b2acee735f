/**
 * Twilio webhooks: signatures (§7.15–17) computed with the twilio library's own algorithm,
 * over the public URL behind a proxy with a path prefix; inbound SMS/MMS/WhatsApp, opt-out
 * keywords and status callbacks reaching the intake.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import twilio from 'twilio';
import {
  AUTH_TOKEN,
  OUR_NUMBER,
  OUR_WHATSAPP,
  PUBLIC_URL,
  startTwilioHarness,
  type TwilioHarness,
} from '../../support/twilio-emulator/harness.js';

const CUSTOMER = '+15551230001';
let sid = 0;
const sms = (body: string, extra: Record<string, string> = {}) => ({
  MessageSid: `SM${String(++sid).padStart(32, '0')}`,
  AccountSid: 'AC' + '0'.repeat(32),
  From: CUSTOMER,
  To: OUR_NUMBER,
  Body: body,
  NumMedia: '0',
  NumSegments: '1',
  ...extra,
});

describe('twilio webhooks: signatures', () => {
  let h: TwilioHarness;
  before(async () => {
    h = await startTwilioHarness();
  });
  after(() => h.stop());

  it('accepts a valid signature over the proxied public URL and answers TwiML', async () => {
    const res = await h.post('/twilio/sms', sms('Where is my order #1234?'));
    assert.equal(res.status, 200);
    assert.match(res.contentType ?? '', /text\/xml/);
    assert.match(res.body, /<Response\/>|<Response><\/Response>/);
    assert.equal(h.intake.messages.at(-1)?.text, 'Where is my order #1234?');
  });

  it('answers 400 without X-Twilio-Signature and stores nothing', async () => {
    const before = h.intake.messages.length;
    const res = await h.post('/twilio/sms', sms('no signature'), null);
    assert.equal(res.status, 400);
    assert.equal(h.intake.messages.length, before);
  });

  it('answers 403 for a wrong signature, a tampered param, or the local (unproxied) URL', async () => {
    const before = h.intake.messages.length;
    const params = sms('hello');
    assert.equal((await h.post('/twilio/sms', params, 'bm90IGEgc2lnbmF0dXJl')).status, 403);
    const wrongToken = twilio.getExpectedTwilioSignature('other-token', `${PUBLIC_URL}/twilio/sms`, params);
    assert.equal((await h.post('/twilio/sms', params, wrongToken)).status, 403);
    const signed = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
    assert.equal((await h.post('/twilio/sms', { ...params, Body: 'hellO' }, signed)).status, 403);
    // Signed for the address the proxy forwards to, not the URL Twilio was given.
    const local = await h.emulator.webhook(`${h.localUrl}/twilio/sms`, params);
    assert.equal(local.status, 403);
    assert.equal(h.intake.messages.length, before);
  });

  it('validates unknown extra params too (they are part of the signature)', async () => {
    const res = await h.post(
      '/twilio/sms',
      sms('with extras', { SomethingNew: 'x', FromCity: 'SEATTLE', ToZip: '98101' }),
    );
    assert.equal(res.status, 200);
    assert.equal(h.intake.messages.at(-1)?.text, 'with extras');
  });

  it('checks JSON-body webhooks with ?bodySHA256 through validateRequestWithBody; one changed byte fails', async () => {
    const messageSid = 'SM' + 'a'.repeat(32);
    const body = JSON.stringify({ MessageSid: messageSid, MessageStatus: 'delivered', To: CUSTOMER });
    const ok = await h.emulator.jsonWebhook(
      `${h.localUrl}/twilio/status?channel=sms`,
      `${PUBLIC_URL}/twilio/status?channel=sms`,
      body,
    );
    assert.equal(ok.status, 200);
    assert.deepEqual(h.intake.deliveries.at(-1), {
      channel: 'sms',
      externalId: messageSid,
      state: 'delivered',
    });
    const count = h.intake.deliveries.length;
    const bad = await h.emulator.jsonWebhook(
      `${h.localUrl}/twilio/status?channel=sms`,
      `${PUBLIC_URL}/twilio/status?channel=sms`,
      body,
      {
        tamper: (b) => b.replace('delivered', 'delivereD'),
      },
    );
    assert.equal(bad.status, 403);
    assert.equal(h.intake.deliveries.length, count);
  });

  it('rejects a signed but malformed message webhook with 400', async () => {
    const res = await h.post('/twilio/sms', { Body: 'no sid, no from' });
    assert.equal(res.status, 400);
  });
});

describe('twilio webhooks: messages', () => {
  let h: TwilioHarness;
  before(async () => {
    h = await startTwilioHarness();
  });
  after(() => h.stop());

  it('normalises an SMS: E.164 address, replyRef sms:<ours>:<customer>, MessageSid as externalId', async () => {
    const params = sms('你好，我的订单还没到');
    await h.post('/twilio/sms', params);
    const m = h.intake.messages.at(-1);
    assert.equal(m?.channel, 'sms');
    assert.equal(m?.externalId, params.MessageSid);
    assert.equal(m?.from.address, CUSTOMER);
    assert.equal(m?.replyRef, `sms:${OUR_NUMBER}:${CUSTOMER}`);
  });

  it('links the number to its other channels once: an SMS sender can be called, a WhatsApp user texted', async () => {
    h.intake.identities.length = 0;
    const who = '+15551239999';
    await h.post('/twilio/sms', sms('first', { From: who }));
    await h.post('/twilio/sms', sms('second', { From: who }));
    assert.deepEqual(h.intake.identities, [
      { channel: 'sms', address: who, identity: { channel: 'phone', address: who } },
    ]);
    await h.post('/twilio/sms', sms('hi', { From: `whatsapp:${who}`, To: `whatsapp:${OUR_WHATSAPP}` }));
    assert.deepEqual(h.intake.identities.slice(1), [
      { channel: 'whatsapp', address: who, identity: { channel: 'sms', address: who } },
      { channel: 'whatsapp', address: who, identity: { channel: 'phone', address: who } },
    ]);
  });

  it('a redelivered webhook is a duplicate (same MessageSid), not a second message', async () => {
    const params = sms('twice');
    await h.post('/twilio/sms', params);
    const count = h.intake.messages.length;
    assert.equal((await h.post('/twilio/sms', params)).status, 200);
    assert.equal(h.intake.messages.length, count);
  });

  it('relays every MMS MediaUrl0..N-1 as an attachment', async () => {
    const media: Record<string, string> = { NumMedia: '3' };
    const types = ['image/jpeg', 'image/png', 'application/pdf'];
    types.forEach((t, i) => {
      media[`MediaUrl${i}`] = `https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM1/Media/ME${i}`;
      media[`MediaContentType${i}`] = t;
    });
    await h.post('/twilio/sms', sms('photos of the damage', media));
    const m = h.intake.messages.at(-1);
    assert.equal(m?.attachments?.length, 3);
    assert.deepEqual(
      m?.attachments?.map((a) => [a.contentType, a.url, a.name]),
      types.map((t, i) => [t, media[`MediaUrl${i}`], `media-${i + 1}${['.jpg', '.png', '.pdf'][i]}`]),
    );
  });

  it('WhatsApp: strips whatsapp: prefixes, keeps the profile name, replyRef whatsapp:<ours>:<customer>', async () => {
    await h.post(
      '/twilio/sms',
      sms('hi on whatsapp', {
        From: `whatsapp:${CUSTOMER}`,
        To: `whatsapp:${OUR_WHATSAPP}`,
        ProfileName: 'Mei',
        WaId: '15551230001',
      }),
    );
    const m = h.intake.messages.at(-1);
    assert.equal(m?.channel, 'whatsapp');
    assert.equal(m?.from.address, CUSTOMER);
    assert.equal(m?.from.displayName, 'Mei');
    assert.equal(m?.replyRef, `whatsapp:${OUR_WHATSAPP}:${CUSTOMER}`);
  });

  it('STOP / UNSUBSCRIBE / 退订 opt out (SMS covers phone replies too), START opts back in; none becomes a message', async () => {
    const count = h.intake.messages.length;
    for (const word of ['STOP', 'unsubscribe', '退订']) {
      h.intake.optOuts.length = 0;
      assert.equal((await h.post('/twilio/sms', sms(word))).status, 200);
      assert.deepEqual(h.intake.optOuts, [
        { channel: 'sms', address: CUSTOMER, optedOut: true },
        { channel: 'phone', address: CUSTOMER, optedOut: true },
      ]);
    }
    h.intake.optOuts.length = 0;
    await h.post('/twilio/sms', sms('Start'));
    assert.deepEqual(h.intake.optOuts[0], { channel: 'sms', address: CUSTOMER, optedOut: false });
    h.intake.optOuts.length = 0;
    await h.post(
      '/twilio/sms',
      sms('stop', { From: `whatsapp:${CUSTOMER}`, To: `whatsapp:${OUR_WHATSAPP}` }),
    );
    assert.deepEqual(h.intake.optOuts, [{ channel: 'whatsapp', address: CUSTOMER, optedOut: true }]);
    assert.equal(h.intake.messages.length, count);
  });

  it('"stop sending me the wrong size" is a message, not an opt-out; HELP reaches the owner tagged', async () => {
    h.intake.optOuts.length = 0;
    await h.post('/twilio/sms', sms('stop sending me the wrong size'));
    assert.equal(h.intake.optOuts.length, 0);
    await h.post('/twilio/sms', sms('HELP'));
    assert.equal(h.intake.messages.at(-1)?.meta?.keyword, 'help');
  });

  it('CANCEL opts out and is also shown (it may mean an order); a bare YES is an answer, not an opt-in', async () => {
    h.intake.optOuts.length = 0;
    const cancel = sms('Cancel');
    await h.post('/twilio/sms', cancel);
    assert.equal(h.intake.messages.at(-1)?.externalId, cancel.MessageSid);
    assert.equal(h.intake.messages.at(-1)?.meta?.keyword, 'stop');
    assert.deepEqual(h.intake.optOuts[0], { channel: 'sms', address: CUSTOMER, optedOut: true });
    h.intake.optOuts.length = 0;
    await h.post('/twilio/sms', sms('yes'));
    assert.equal(h.intake.messages.at(-1)?.text, 'yes');
    assert.equal(h.intake.optOuts.length, 0);
    // With Advanced Opt-Out Twilio marks a re-subscription itself.
    await h.post('/twilio/sms', sms('Yes', { OptOutType: 'START' }));
    assert.deepEqual(h.intake.optOuts[0], { channel: 'sms', address: CUSTOMER, optedOut: false });
    assert.equal(h.intake.messages.at(-1)?.text, 'Yes');
  });

  it('a message the store could not keep is not acknowledged (500); the redelivery is stored once', async () => {
    const params = sms('stored on the second try');
    h.intake.failWhen = () => true;
    assert.equal((await h.post('/twilio/sms', params)).status, 500);
    h.intake.failWhen = undefined;
    assert.equal(
      h.intake.messages.some((m) => m.externalId === params.MessageSid),
      false,
    );
    assert.equal((await h.post('/twilio/sms', params)).status, 200);
    assert.equal(h.intake.messages.filter((m) => m.externalId === params.MessageSid).length, 1);
  });

  it('status callbacks become delivery updates for the job channel carried in the signed URL', async () => {
    const messageSid = 'SM' + 'b'.repeat(32);
    const status = (s: string, channel: string, extra: Record<string, string> = {}) =>
      h.emulator.webhook(
        `${h.localUrl}/twilio/status?channel=${channel}`,
        { MessageSid: messageSid, MessageStatus: s, From: OUR_NUMBER, To: CUSTOMER, ...extra },
        { signedUrl: `${PUBLIC_URL}/twilio/status?channel=${channel}` },
      );
    h.intake.deliveries.length = 0;
    assert.equal((await status('delivered', 'phone')).status, 200);
    assert.equal((await status('sent', 'phone')).status, 200);
    await status('undelivered', 'sms', { ErrorCode: '30003' });
    assert.deepEqual(h.intake.deliveries, [
      { channel: 'phone', externalId: messageSid, state: 'delivered' },
      { channel: 'phone', externalId: messageSid, state: 'sent' },
      { channel: 'sms', externalId: messageSid, state: 'failed', error: 'Twilio error 30003' },
    ]);
    // The query is signed: changing the channel breaks the signature.
    const forged = await h.emulator.webhook(
      `${h.localUrl}/twilio/status?channel=email`,
      { MessageSid: messageSid, MessageStatus: 'failed' },
      { signedUrl: `${PUBLIC_URL}/twilio/status?channel=sms` },
    );
    assert.equal(forged.status, 403);
  });
});
