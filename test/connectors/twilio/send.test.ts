/**
 * Outbound through the real twilio client to the local emulator (§7.18, 7.20, 7.21): the
 * right numbers, 1 segment/s per number, the 1600 limit, opt-outs and the WhatsApp window.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTwilioConnector } from '../../../connectors/twilio/index.js';
import { countSegments, segmentInfo } from '../../../connectors/twilio/segments.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import type { Pacer } from '../../../src/core/ports.js';
import { testDeps } from '../../support/fake-intake.js';
import { segmentsOf } from '../../support/twilio-emulator/limits.js';
import { outboundJob, testCustomer } from '../../support/outbound-job.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  OUR_NUMBER,
  OUR_WHATSAPP,
  PUBLIC_URL,
  startTwilioHarness,
  type TwilioHarness,
} from '../../support/twilio-emulator/harness.js';

const CUSTOMER = '+15551230009';

describe('segment counting (GSM-7 160/153, UCS-2 70/67)', () => {
  const cases: [string, number][] = [
    ['a'.repeat(160), 1],
    ['a'.repeat(161), 2],
    ['a'.repeat(306), 2],
    ['a'.repeat(307), 3],
    ['a'.repeat(320), 3],
    ['{'.repeat(80), 1], // extension characters take two septets
    ['{'.repeat(81), 2],
    ['好'.repeat(70), 1],
    ['好'.repeat(71), 2],
    ['好'.repeat(134), 2],
    ['好'.repeat(135), 3],
    ['a'.repeat(68) + '😀', 1], // 70 UTF-16 units
    ['a'.repeat(69) + '😀', 2],
  ];
  for (const [text, expected] of cases) {
    it(`${text.length} × ${JSON.stringify(text[0])} → ${expected}`, () => {
      assert.equal(countSegments(text), expected);
      assert.equal(segmentsOf(text).segments, expected, 'the emulator agrees');
    });
  }
  it('Chinese is UCS-2, plain English GSM-7', () => {
    assert.equal(segmentInfo('您好').encoding, 'UCS-2');
    assert.equal(segmentInfo('Hello, your order shipped!').encoding, 'GSM-7');
  });
});

describe('twilio send', () => {
  let h: TwilioHarness;
  before(async () => {
    h = await startTwilioHarness();
  });
  after(() => h.stop());

  it('sends an SMS reply from our number to the customer; the MessageSid is the externalId', async () => {
    const result = await h.module.connector.send(
      outboundJob('sms', `sms:${OUR_NUMBER}:${CUSTOMER}`, 'Your order shipped today.'),
    );
    assert.equal(result.kind, 'sent');
    const m = h.emulator.messages.at(-1);
    assert.equal(m?.to, CUSTOMER);
    assert.equal(m?.from, OUR_NUMBER);
    assert.equal(m?.body, 'Your order shipped today.');
    assert.equal(result.kind === 'sent' && result.externalId, m?.sid);
    assert.equal(result.kind === 'sent' && result.delivery, 'queued');
    assert.equal(m?.statusCallback, `${PUBLIC_URL}/twilio/status?channel=sms`);
    assert.deepEqual(h.emulator.violations, []);
  });

  it('a phone reply goes out as an SMS; send-via with no number of ours uses the configured one', async () => {
    await h.module.connector.send(
      outboundJob('phone', `phone:${OUR_NUMBER}:${CUSTOMER}`, 'Returning your call: we refunded you.'),
    );
    assert.equal(h.emulator.messages.at(-1)?.statusCallback, `${PUBLIC_URL}/twilio/status?channel=phone`);
    assert.equal(h.emulator.messages.at(-1)?.to, CUSTOMER);
    await h.module.connector.send(outboundJob('sms', `sms::${CUSTOMER}`, 'Sent via SMS.'));
    assert.equal(h.emulator.messages.at(-1)?.from, OUR_NUMBER);
  });

  it('paces 1 segment/s per number: a 320-char GSM body (3 segments) holds the number for 3 s', async () => {
    const first = outboundJob('sms', `sms:${OUR_NUMBER}:${CUSTOMER}`, 'x'.repeat(320));
    const second = outboundJob('sms', `sms:${OUR_NUMBER}:+15551230010`, 'short');
    const before = h.emulator.messages.length;
    const results = await Promise.all([h.module.connector.send(first), h.module.connector.send(second)]);
    assert.deepEqual(
      results.map((r) => r.kind),
      ['sent', 'sent'],
    );
    const [a, b] = h.emulator.messages.slice(before);
    assert.equal(a?.segments, 3);
    // The emulator refuses (20429) any send before the previous one's segments have drained.
    assert.deepEqual(h.emulator.violations, []);
    assert.ok(b && a && b.receivedAt - a.receivedAt >= 3000 - 150);
  });

  it('refuses a body over 1600 characters before calling Twilio', async () => {
    const count = h.emulator.messages.length;
    const result = await h.module.connector.send(
      outboundJob('sms', `sms:${OUR_NUMBER}:${CUSTOMER}`, 'y'.repeat(1601)),
    );
    assert.equal(result.kind, 'rejected');
    assert.match(result.kind === 'rejected' ? result.reason : '', /1600/);
    assert.equal(h.emulator.messages.length, count);
  });

  it('the same idempotency key is sent once', async () => {
    const message = outboundJob('sms', `sms:${OUR_NUMBER}:${CUSTOMER}`, 'Only once.');
    const count = h.emulator.messages.length;
    const a = await h.module.connector.send(message);
    const b = await h.module.connector.send(message);
    assert.equal(h.emulator.messages.length, count + 1);
    assert.deepEqual(a, { ...b, delivery: 'queued' });
  });

  it('Twilio took the send but its answer was lost: the retry finds it and does not text again', async () => {
    const who = '+15551230111';
    const ref = `sms:${OUR_NUMBER}:${who}`;
    // The job's durable marker, as the outbox keeps it across attempts (and restarts).
    let marker: string | undefined;
    const record = {
      check: () => Promise.resolve(marker),
      accepted: (m: string) => Promise.resolve(void (marker = m)),
    };
    const job = outboundJob('sms', ref, 'Your refund is on its way.', { record });
    h.emulator.dropResponses = 1;
    const first = await h.module.connector.send(job);
    assert.equal(first.kind, 'retry', 'no answer from Twilio: the outbox will try again');
    assert.equal(h.emulator.messages.filter((m) => m.to === who).length, 1, 'but Twilio has it');
    await new Promise((r) => setTimeout(r, 1100)); // the number's pacing slot

    // A fresh connector state (as after a restart): only the stored marker remembers.
    const again = await h.module.connector.send({ ...job, jobId: job.jobId });
    assert.equal(again.kind, 'sent');
    const sent = h.emulator.messages.filter((m) => m.to === who);
    assert.equal(sent.length, 1, 'the customer got one text');
    assert.equal(again.kind === 'sent' ? again.externalId : '', sent[0]?.sid);
    assert.equal(marker, sent[0]?.sid, 'the marker now holds the SID');

    // A different reply to the same person (its own job) is still sent.
    const other = await h.module.connector.send(
      outboundJob('sms', ref, 'Anything else?', {
        record: {
          check: () => Promise.resolve(undefined),
          accepted: () => Promise.resolve(),
        },
      }),
    );
    assert.equal(other.kind, 'sent');
    assert.equal(h.emulator.messages.filter((m) => m.to === who).length, 2);
  });

  it('never sends to an opted-out customer and says why', async () => {
    const count = h.emulator.messages.length;
    const optedOut = testCustomer({ optedOut: ['sms'] });
    const check = h.module.connector.canSend?.('sms', `sms:${OUR_NUMBER}:${CUSTOMER}`, optedOut);
    assert.equal(check?.ok, false);
    assert.match(check && !check.ok ? check.reason : '', /STOP/);
    // A phone reply is an SMS too.
    assert.equal(
      h.module.connector.canSend?.('phone', `phone:${OUR_NUMBER}:${CUSTOMER}`, optedOut)?.ok,
      false,
    );
    const result = await h.module.connector.send(
      outboundJob('sms', `sms:${OUR_NUMBER}:${CUSTOMER}`, 'hi', { customer: optedOut }),
    );
    assert.equal(result.kind, 'rejected');
    assert.equal(h.emulator.messages.length, count);
  });

  it('a STOP seen by the webhook blocks at once, even before the customer record catches up; START lifts it', async () => {
    const who = '+15551230077';
    await h.post('/twilio/sms', {
      MessageSid: 'SM' + 'c'.repeat(32),
      From: who,
      To: OUR_NUMBER,
      Body: 'STOP',
    });
    assert.equal(h.module.connector.canSend?.('sms', `sms:${OUR_NUMBER}:${who}`, testCustomer())?.ok, false);
    await h.post('/twilio/sms', {
      MessageSid: 'SM' + 'd'.repeat(32),
      From: who,
      To: OUR_NUMBER,
      Body: 'START',
    });
    assert.equal(h.module.connector.canSend?.('sms', `sms:${OUR_NUMBER}:${who}`, testCustomer())?.ok, true);
  });

  it("Twilio's own 21610 (unsubscribed recipient) is a rejection with the reason, not a retry", async () => {
    const who = '+15551230078';
    h.emulator.noteInbound(who, 'STOP');
    const result = await h.module.connector.send(outboundJob('sms', `sms:${OUR_NUMBER}:${who}`, 'hello'));
    assert.equal(result.kind, 'rejected');
    assert.match(result.kind === 'rejected' ? result.reason : '', /STOP/);
    assert.equal(h.emulator.violations.at(-1)?.code, 21610);
    h.emulator.violations.length = 0;
  });

  it('WhatsApp inside the 24-hour window: whatsapp: on both numbers', async () => {
    await h.post('/twilio/sms', {
      MessageSid: 'SM' + 'e'.repeat(32),
      From: `whatsapp:${CUSTOMER}`,
      To: `whatsapp:${OUR_WHATSAPP}`,
      Body: 'hi',
    });
    const ref = `whatsapp:${OUR_WHATSAPP}:${CUSTOMER}`;
    assert.deepEqual(h.module.connector.canSend?.('whatsapp', ref, testCustomer()), { ok: true });
    const result = await h.module.connector.send(outboundJob('whatsapp', ref, 'Hello on WhatsApp'));
    assert.equal(result.kind, 'sent');
    assert.equal(h.emulator.messages.at(-1)?.to, `whatsapp:${CUSTOMER}`);
    assert.equal(h.emulator.messages.at(-1)?.from, `whatsapp:${OUR_WHATSAPP}`);
  });

  it('WhatsApp outside the window: blocked before sending, with a reason that offers another channel', async () => {
    h.clock.advance(25 * 3_600_000);
    const ref = `whatsapp:${OUR_WHATSAPP}:${CUSTOMER}`;
    const count = h.emulator.messages.length;
    const check = h.module.connector.canSend?.(
      'whatsapp',
      ref,
      testCustomer(),
      new Date(h.clock.now().getTime() - 3_600_000),
    );
    assert.equal(check?.ok, false, 'the WhatsApp-specific date beats a newer inbound on another channel');
    assert.match(check && !check.ok ? check.reason : '', /24 hours.*another channel/);
    const result = await h.module.connector.send(outboundJob('whatsapp', ref, 'Too late'));
    assert.equal(result.kind, 'rejected');
    assert.equal(h.emulator.messages.length, count);
    assert.deepEqual(h.emulator.violations, []);
  });
});

describe('twilio send: a fresh process that never saw the customer write', () => {
  let h: TwilioHarness;
  before(async () => {
    h = await startTwilioHarness();
  });
  after(() => h.stop());

  it('canSend falls back to the conversation date; Twilio’s 63016 becomes the same rejection', async () => {
    const ref = `whatsapp:${OUR_WHATSAPP}:${CUSTOMER}`;
    assert.equal(h.module.connector.canSend?.('whatsapp', ref, testCustomer())?.ok, false, 'no date: closed');
    const recent = new Date(h.clock.now().getTime() - 3_600_000);
    assert.equal(h.module.connector.canSend?.('whatsapp', ref, testCustomer(), recent)?.ok, true);
    const result = await h.module.connector.send(outboundJob('whatsapp', ref, 'free text'));
    assert.equal(result.kind, 'rejected');
    assert.match(result.kind === 'rejected' ? result.reason : '', /24 hours/);
    assert.equal(h.emulator.violations.at(-1)?.code, 63016);
  });
});

describe('twilio client configuration', () => {
  const deps = (pacer: Pacer) => testDeps({ pacer, clock: { now: () => new Date() }, publicUrl: PUBLIC_URL });

  it('refuses an account SID that is not AC + 32 hex digits', () => {
    const pacer = createBottleneckPacer();
    assert.throws(
      () =>
        createTwilioConnector(
          { accountSid: 'AC123', authToken: AUTH_TOKEN, phoneNumber: OUR_NUMBER, ownerLanguage: 'en' },
          deps(pacer),
        ),
      /TWILIO_ACCOUNT_SID/,
    );
  });

  it('a Twilio that cannot be reached is a retry, not a rejection', async () => {
    const pacer = createBottleneckPacer();
    const module = createTwilioConnector(
      {
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        phoneNumber: OUR_NUMBER,
        ownerLanguage: 'en',
        apiBaseUrl: 'http://127.0.0.1:9',
      },
      deps(pacer),
    );
    const result = await module.connector.send(outboundJob('sms', `sms:${OUR_NUMBER}:${CUSTOMER}`, 'hello'));
    assert.equal(result.kind, 'retry');
    await pacer.stop();
  });
});
