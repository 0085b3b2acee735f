/**
 * At trace level the Twilio connector logs no message bodies, transcripts, customer or owner
 * numbers, or the auth token — across SMS in, a reply out, STOP, a voicemail and Call back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { captureLog } from '../../support/log-capture.js';
import { outboundJob } from '../../support/outbound-job.js';
import {
  AUTH_TOKEN,
  OUR_NUMBER,
  OWNER_PHONE,
  startTwilioHarness,
  type TwilioHarness,
} from '../../support/twilio-emulator/harness.js';

const CUSTOMER = '+15554443322';
const SECRET_BODY = 'my card ends 4242 and my address is 1 Elm St';
const TRANSCRIPT = 'please call me about invoice 777 at home';

describe('twilio logs', () => {
  let h: TwilioHarness;
  const { logger, lines } = captureLog('trace');
  before(async () => {
    h = await startTwilioHarness({}, {}, logger);
  });
  after(() => h.stop());

  it('carry sids and outcomes, never bodies, numbers or the token', async () => {
    await h.post('/twilio/sms', {
      MessageSid: 'SM' + '1'.repeat(32),
      From: CUSTOMER,
      To: OUR_NUMBER,
      Body: SECRET_BODY,
    });
    await h.module.connector.send(outboundJob('sms', `sms:${OUR_NUMBER}:${CUSTOMER}`, SECRET_BODY));
    await h.post('/twilio/sms', {
      MessageSid: 'SM' + '2'.repeat(32),
      From: CUSTOMER,
      To: OUR_NUMBER,
      Body: 'STOP',
    });
    const call = { CallSid: 'CA' + '3'.repeat(32), From: CUSTOMER, To: OUR_NUMBER, Direction: 'inbound' };
    await h.post('/twilio/voice', call);
    await h.post('/twilio/voice/transcription', {
      ...call,
      TranscriptionStatus: 'completed',
      TranscriptionText: TRANSCRIPT,
      RecordingUrl: 'https://api.twilio.com/rec/RE1',
    });
    await h.module.callBack(CUSTOMER);
    await h.post(
      '/twilio/sms',
      { MessageSid: 'SM' + '4'.repeat(32), From: CUSTOMER, To: OUR_NUMBER, Body: SECRET_BODY },
      'd3Jvbmc=',
    );

    const all = lines.join('');
    assert.ok(lines.length >= 5, `expected some logs, got ${lines.length}`);
    assert.match(all, /twilio message stored/);
    for (const secret of [CUSTOMER, OWNER_PHONE, SECRET_BODY, TRANSCRIPT, AUTH_TOKEN, '4242']) {
      assert.equal(all.includes(secret), false, `logs contain ${secret}`);
    }
  });
});
