/**
 * Instant acknowledgements at the real Twilio edge (signed webhooks into createDesk, replies to
 * the emulator): a text at 23:00 on Friday gets one acknowledgement naming Monday 09:00, in the
 * customer's language; Twilio's retry of the same webhook, STOP and CANCEL get none.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTwilioConnector } from '../../../connectors/twilio/index.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import { startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { testDeps } from '../../support/fake-intake.js';
import { TwilioEmulator } from '../../support/twilio-emulator/index.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  OUR_NUMBER,
  PUBLIC_URL,
  twilioOptions,
} from '../../support/twilio-emulator/harness.js';
import { FRIDAY_23, LONDON, settle, TestClock } from '../../core/attention/support.js';

let seq = 0;
const messageSid = () => `SM${String(++seq).padStart(32, 'a')}`;

describe('instant acknowledgement through the Twilio connector', () => {
  let t: TestDesk;
  let emulator: TwilioEmulator;
  const clock = new TestClock(new Date(FRIDAY_23));
  const hook = (params: Record<string, string>) =>
    emulator.webhook(`${t.desk.url}/twilio/sms`, params, { signedUrl: `${PUBLIC_URL}/twilio/sms` });
  const to = (number: string) => emulator.messages.filter((m) => m.to === number);

  before(async () => {
    emulator = new TwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, now: () => clock.now() });
    const apiBaseUrl = await emulator.start();
    const pacer = createBottleneckPacer();
    const twilio = createTwilioConnector(
      twilioOptions(apiBaseUrl),
      testDeps({ pacer, clock, publicUrl: PUBLIC_URL }),
    );
    t = await startTestDesk({
      env: { ...LONDON, AUTO_ACK: 'outside-hours' },
      overrides: { connectors: [twilio], pacer, clock },
    });
    emulator.forward(PUBLIC_URL, t.desk.url);
  });
  after(async () => {
    await t.stop();
    await emulator.stop();
  });

  it('acknowledges once, in English, and not a retried webhook', async () => {
    const params = {
      MessageSid: messageSid(),
      From: '+447700900401',
      To: OUR_NUMBER,
      Body: 'Where is my order?',
      NumMedia: '0',
    };
    assert.equal((await hook(params)).status, 200);
    await settle(t.desk);
    assert.equal((await hook(params)).status, 200);
    await settle(t.desk);
    const acks = to('+447700900401');
    assert.equal(acks.length, 1);
    assert.equal(acks[0]!.from, OUR_NUMBER);
    assert.equal(
      acks[0]!.body,
      "Thanks for your message. We're closed now and will reply from 09:00 Monday (London time).",
    );
  });

  it('acknowledges a Chinese text in Chinese', async () => {
    await hook({
      MessageSid: messageSid(),
      From: '+447700900402',
      To: OUR_NUMBER,
      Body: '请问我的订单到哪里了？',
      NumMedia: '0',
    });
    await settle(t.desk);
    assert.deepEqual(
      to('+447700900402').map((m) => m.body),
      ['感谢您的留言。我们现在不在线，将于周一 09:00（伦敦时间）回复您。'],
    );
  });

  it('never answers STOP or CANCEL', async () => {
    await hook({
      MessageSid: messageSid(),
      From: '+447700900403',
      To: OUR_NUMBER,
      Body: 'STOP',
      NumMedia: '0',
    });
    await hook({
      MessageSid: messageSid(),
      From: '+447700900404',
      To: OUR_NUMBER,
      Body: 'CANCEL',
      NumMedia: '0',
    });
    await settle(t.desk);
    assert.equal(to('+447700900403').length, 0);
    assert.equal(to('+447700900404').length, 0);
    assert.deepEqual(emulator.violations, []);
  });
});
