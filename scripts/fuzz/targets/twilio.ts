/** The Twilio webhooks (SMS/WhatsApp, status, voice): signed form posts. */
import twilio from 'twilio';
import type { Rng } from '../../soak/rng.js';
import { TWILIO } from '../../soak/world.js';
import { mutateForm, randomBytes, randomString } from '../gen.js';
import type { HttpTarget } from '../targets.js';
import { FORM } from './payload.js';

function smsForm(rng: Rng): Record<string, string> {
  return {
    AccountSid: TWILIO.accountSid,
    MessageSid: `SM${randomBytes(rng, 0).toString('hex')}${'f'.repeat(32)}`,
    From: rng.pick(['+15550001111', 'whatsapp:+15550001111']),
    To: rng.pick([TWILIO.number, `whatsapp:${TWILIO.whatsapp}`]),
    Body: randomString(rng, 100),
    NumMedia: rng.pick(['0', '1', '-1', '99', 'x']),
    MediaUrl0: rng.pick(['http://127.0.0.1:1/x', 'file:///etc/passwd', '']),
  };
}

function voiceForm(rng: Rng): Record<string, string> {
  return {
    AccountSid: TWILIO.accountSid,
    CallSid: `CA${'e'.repeat(32)}`,
    From: '+15550001111',
    To: TWILIO.number,
    CallStatus: rng.pick(['ringing', 'completed', 'no-answer', randomString(rng, 10)]),
    RecordingUrl: rng.pick(['https://api.twilio.com/x', randomString(rng, 30)]),
    RecordingSid: `RE${'d'.repeat(32)}`,
    TranscriptionText: randomString(rng, 100),
    Digits: randomString(rng, 4),
  };
}

/** A Twilio form webhook: half unsigned or wrongly signed (reject), half signed but without the ids that make it a message or call. */
function twilioTarget(
  name: string,
  path: string,
  form: (rng: Rng) => Record<string, string>,
  required: string[],
  control?: Record<string, string>,
  controlStores = true,
): HttpTarget {
  return {
    name,
    ...(control
      ? {
          control: (publicUrl: string) => ({
            method: 'POST' as const,
            path,
            headers: {
              'content-type': FORM,
              'x-twilio-signature': twilio.getExpectedTwilioSignature(
                TWILIO.authToken,
                `${publicUrl}${path}`,
                control,
              ),
            },
            body: new URLSearchParams(control).toString(),
            expect: 'no5xx' as const,
            stores: controlStores,
          }),
        }
      : {}),
    make(rng, publicUrl) {
      const params = mutateForm(rng, form(rng));
      const signedOk = rng.chance(0.5);
      if (signedOk)
        for (const key of required) if (rng.chance(0.7) || key === required[0]) delete params[key];
      const signature = signedOk
        ? twilio.getExpectedTwilioSignature(TWILIO.authToken, `${publicUrl}${path}`, params)
        : rng.pick([
            '',
            'x',
            twilio.getExpectedTwilioSignature('wrong-token', `${publicUrl}${path}`, params),
          ]);
      return {
        method: 'POST',
        path,
        headers: { 'content-type': FORM, ...(signature ? { 'x-twilio-signature': signature } : {}) },
        body: new URLSearchParams(params).toString(),
        expect: signedOk ? 'no5xx' : 'reject',
      };
    },
  };
}

/** Every Twilio route, in the order the fuzz pass hits them. */
export function twilioTargets(): HttpTarget[] {
  return [
    twilioTarget('twilio sms/whatsapp', '/twilio/sms', smsForm, ['MessageSid', 'From'], {
      AccountSid: TWILIO.accountSid,
      MessageSid: `SM${'c'.repeat(32)}`,
      From: '+15550009999',
      To: TWILIO.number,
      Body: 'fuzz control: where is my order',
      NumMedia: '0',
    }),
    twilioTarget(
      'twilio status',
      '/twilio/status',
      (rng) => ({ ...smsForm(rng), MessageStatus: randomString(rng, 12) }),
      ['MessageSid'],
    ),
    twilioTarget(
      'twilio voice',
      '/twilio/voice',
      voiceForm,
      ['CallSid', 'From'],
      {
        AccountSid: TWILIO.accountSid,
        CallSid: `CA${'b'.repeat(32)}`,
        From: '+15550009998',
        To: TWILIO.number,
        CallStatus: 'ringing',
        Direction: 'inbound',
      },
      false,
    ),
    twilioTarget('twilio voice/recorded', '/twilio/voice/recorded', voiceForm, ['CallSid']),
    twilioTarget('twilio voice/transcription', '/twilio/voice/transcription', voiceForm, ['CallSid']),
    twilioTarget('twilio voice/status', '/twilio/voice/status', voiceForm, ['CallSid']),
  ];
}
