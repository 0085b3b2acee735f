/**
 * Phone: greeting + voicemail TwiML (§7.19), transcripts, failed and missing transcripts,
 * missed calls, and Call back through the real client to the emulator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialOf } from '../../support/twilio-emulator/index.js';
import {
  OUR_NUMBER,
  OWNER_PHONE,
  PUBLIC_URL,
  startTwilioHarness,
  type TwilioHarness,
} from '../../support/twilio-emulator/harness.js';

const CALLER = '+15557770001';
let n = 0;
const callSid = () => `CA${String(++n).padStart(32, '0')}`;
const call = (sid: string, extra: Record<string, string> = {}) => ({
  CallSid: sid,
  AccountSid: 'AC' + '0'.repeat(32),
  From: CALLER,
  To: OUR_NUMBER,
  CallStatus: 'ringing',
  Direction: 'inbound',
  ...extra,
});
const recordingUrl = (sid: string) =>
  `https://api.twilio.com/2010-04-01/Accounts/AC/Recordings/RE${sid.slice(2)}`;

describe('twilio voice', () => {
  let h: TwilioHarness;
  before(async () => {
    h = await startTwilioHarness({
      callerLanguage: async (phone) => (phone === '+15558880002' ? 'zh' : undefined),
    });
  });
  after(() => h.stop());

  it('greets in the owner language and records a voicemail: transcribe, maxLength ≤120, callbacks on the public URL', async () => {
    const res = await h.post('/twilio/voice', call(callSid()));
    assert.equal(res.status, 200);
    assert.match(res.contentType ?? '', /text\/xml/);
    assert.match(res.body, /<Say language="en-US"[^>]*>Thanks for calling/);
    const record = /<Record ([^>]*)\/>/.exec(res.body)?.[1] ?? '';
    assert.match(record, /transcribe="true"/);
    const maxLength = Number(/maxLength="(\d+)"/.exec(record)?.[1]);
    assert.ok(maxLength > 0 && maxLength <= 120, `maxLength ${maxLength}`);
    assert.match(record, new RegExp(`transcribeCallback="${PUBLIC_URL}/twilio/voice/transcription"`));
    assert.match(record, new RegExp(`recordingStatusCallback="${PUBLIC_URL}/twilio/voice/recording"`));
    assert.match(record, new RegExp(`action="${PUBLIC_URL}/twilio/voice/recorded"`));
  });

  it('a signed call webhook without CallSid/From is a 400; an unsigned one a 400 too, a forged one 403', async () => {
    assert.equal((await h.post('/twilio/voice', { To: OUR_NUMBER })).status, 400);
    assert.equal((await h.post('/twilio/voice', call(callSid()), null)).status, 400);
    assert.equal((await h.post('/twilio/voice/transcription', call(callSid()), 'Zm9yZ2Vk')).status, 403);
  });

  it('greets a caller known to speak Chinese in Chinese', async () => {
    const res = await h.post('/twilio/voice', call(callSid(), { From: '+15558880002' }));
    assert.match(res.body, /<Say language="cmn-CN" voice="Polly.Zhiyu">您好/);
  });

  it('a voicemail is stored at once with the recording link and the caller; its transcript follows', async () => {
    const sid = callSid();
    await h.post('/twilio/voice', call(sid));
    const recorded = await h.post(
      '/twilio/voice/recorded',
      call(sid, {
        RecordingUrl: recordingUrl(sid),
        RecordingSid: 'RE1',
        RecordingDuration: '14',
        CallStatus: 'completed',
      }),
    );
    assert.match(recorded.body, /<Hangup\/>/);
    // Stored before Twilio heard our answer: nothing waits in memory for the transcript.
    const voicemail = h.intake.messages.find((m) => m.externalId === `voicemail:${sid}`);
    assert.equal(voicemail?.channel, 'phone');
    assert.equal(voicemail?.kind, 'voicemail');
    assert.equal(voicemail?.text, '');
    assert.equal(voicemail?.from.address, CALLER);
    assert.equal(voicemail?.replyRef, `phone:${OUR_NUMBER}:${CALLER}`);
    assert.equal(voicemail?.meta?.recordingUrl, recordingUrl(sid));
    assert.equal(voicemail?.meta?.caller, CALLER);
    assert.equal(voicemail?.meta?.transcript, 'pending');
    assert.equal(voicemail?.attachments?.[0]?.url, `${recordingUrl(sid)}.mp3`);

    const res = await h.post(
      '/twilio/voice/transcription',
      call(sid, {
        TranscriptionSid: 'TR1',
        TranscriptionStatus: 'completed',
        TranscriptionText: 'Hi, please call me back about my refund.',
        RecordingUrl: recordingUrl(sid),
        RecordingSid: 'RE1',
      }),
    );
    assert.equal(res.status, 200);
    const m = h.intake.messages.at(-1);
    assert.equal(m?.kind, 'voicemail');
    assert.equal(m?.externalId, `voicemail:${sid}:transcript`);
    assert.equal(m?.text, 'Hi, please call me back about my refund.');
    assert.equal(m?.from.address, CALLER);
    assert.equal(m?.replyRef, `phone:${OUR_NUMBER}:${CALLER}`);
    assert.equal(m?.meta?.transcriptOf, `voicemail:${sid}`);
    assert.equal(h.intake.messages.filter((x) => x.meta?.callSid === sid).length, 2);
  });

  it('TranscriptionStatus=failed still shows the voicemail, without text, marked failed', async () => {
    const sid = callSid();
    await h.post('/twilio/voice', call(sid));
    await h.post(
      '/twilio/voice/transcription',
      call(sid, { TranscriptionStatus: 'failed', RecordingUrl: recordingUrl(sid), RecordingSid: 'RE2' }),
    );
    const m = h.intake.messages.at(-1);
    assert.equal(m?.kind, 'voicemail');
    assert.equal(m?.text, '');
    assert.equal(m?.meta?.transcript, 'failed');
    assert.equal(m?.meta?.recordingUrl, recordingUrl(sid));
  });

  it('a recording too short to transcribe (≤2 s) is shown at once, without waiting for a transcript', async () => {
    const sid = callSid();
    await h.post('/twilio/voice', call(sid));
    await h.post(
      '/twilio/voice/recording',
      call(sid, {
        RecordingStatus: 'completed',
        RecordingUrl: recordingUrl(sid),
        RecordingSid: 'RE3',
        RecordingDuration: '1',
      }),
    );
    const m = h.intake.messages.at(-1);
    assert.equal(m?.externalId, `voicemail:${sid}`);
    assert.equal(m?.meta?.transcript, 'not transcribable');
    // The Record action for the same recording does not add a second message.
    const count = h.intake.messages.length;
    await h.post(
      '/twilio/voice/recorded',
      call(sid, { RecordingUrl: recordingUrl(sid), RecordingDuration: '1' }),
    );
    assert.equal(h.intake.messages.length, count);
  });

  it('a caller who leaves no message is a missed call (silent <Record> → redirect)', async () => {
    const sid = callSid();
    await h.post('/twilio/voice', call(sid));
    const res = await h.post('/twilio/voice/no-message', call(sid, { CallStatus: 'in-progress' }));
    assert.match(res.body, /<Hangup\/>/);
    const m = h.intake.messages.at(-1);
    assert.equal(m?.kind, 'missed_call');
    assert.equal(m?.externalId, `call:${sid}`);
    assert.equal(m?.from.address, CALLER);
  });

  it('a caller who hangs up during the greeting is a missed call (call status callback)', async () => {
    const sid = callSid();
    await h.post('/twilio/voice', call(sid));
    await h.post('/twilio/voice/status', call(sid, { CallStatus: 'completed', CallDuration: '4' }));
    const m = h.intake.messages.at(-1);
    assert.equal(m?.kind, 'missed_call');
    assert.equal(m?.meta?.callSid, sid);
  });

  it('a completed call that left a voicemail is not also a missed call', async () => {
    const sid = callSid();
    await h.post('/twilio/voice', call(sid));
    await h.post(
      '/twilio/voice/recorded',
      call(sid, { RecordingUrl: recordingUrl(sid), RecordingDuration: '30' }),
    );
    const count = h.intake.messages.length;
    await h.post('/twilio/voice/status', call(sid, { CallStatus: 'completed' }));
    assert.equal(h.intake.messages.length, count);
  });

  it('Call back rings the owner from the business number; its TwiML dials the customer with the business caller id', async () => {
    const result = await h.module.callBack('+15557770001');
    assert.equal(result.kind, 'calling');
    const placed = h.emulator.calls.at(-1);
    assert.equal(placed?.to, OWNER_PHONE);
    assert.equal(placed?.from, OUR_NUMBER);
    assert.equal(placed?.statusCallback, `${PUBLIC_URL}/twilio/voice/callback-status`);
    assert.deepEqual(dialOf(placed?.twiml ?? ''), { callerId: OUR_NUMBER, numbers: ['+15557770001'] });
    assert.equal(result.kind === 'calling' && result.callSid, placed?.sid);
    assert.deepEqual(h.emulator.violations, []);
  });

  it('Call back refuses a withheld caller id before calling anyone', async () => {
    const count = h.emulator.calls.length;
    const result = await h.module.callBack('anonymous');
    assert.equal(result.kind, 'rejected');
    assert.equal(h.emulator.calls.length, count);
  });
});

describe('twilio voice: a restart between the recording and its transcript', () => {
  let h: TwilioHarness;
  before(async () => {
    h = await startTwilioHarness();
  });
  after(() => h.stop());

  it('loses nothing: the voicemail was stored at once, the transcript follows it after the restart', async () => {
    const sid = callSid();
    await h.post('/twilio/voice', call(sid));
    await h.post(
      '/twilio/voice/recorded',
      call(sid, { RecordingUrl: recordingUrl(sid), RecordingDuration: '40' }),
    );
    assert.equal(h.intake.messages.length, 1, 'stored when Twilio was answered');
    // The desk restarts: everything it held in memory is gone; the store (the intake) is not.
    await h.module.connector.stop();
    await h.module.connector.start(h.intake);
    await h.post(
      '/twilio/voice/transcription',
      call(sid, {
        TranscriptionStatus: 'completed',
        TranscriptionText: 'my parcel never came',
        RecordingUrl: recordingUrl(sid),
      }),
    );
    assert.deepEqual(
      h.intake.messages.map((m) => [m.externalId, m.text, m.meta?.recordingUrl]),
      [
        [`voicemail:${sid}`, '', recordingUrl(sid)],
        [`voicemail:${sid}:transcript`, 'my parcel never came', recordingUrl(sid)],
      ],
    );
    // Twilio retrying the transcript callback adds nothing.
    await h.post(
      '/twilio/voice/transcription',
      call(sid, { TranscriptionStatus: 'completed', TranscriptionText: 'my parcel never came' }),
    );
    assert.equal(h.intake.messages.length, 2);
  });
});

describe('twilio voice: owner speaks Chinese, no owner phone', () => {
  let h: TwilioHarness;
  before(async () => {
    h = await startTwilioHarness({ ownerLanguage: 'zh', ownerPhoneNumber: undefined });
  });
  after(() => h.stop());

  it('greets in Chinese and explains why Call back cannot ring', async () => {
    const res = await h.post('/twilio/voice', call(callSid()));
    assert.match(res.body, /<Say language="cmn-CN"/);
    const result = await h.module.callBack(CALLER);
    assert.equal(result.kind, 'rejected');
    assert.match(result.kind === 'rejected' ? result.reason : '', /OWNER_PHONE_NUMBER/);
  });
});
