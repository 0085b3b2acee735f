/**
 * The HTTP routes the fuzz pass hits, each with a generator of inputs that are invalid by
 * construction (so nothing may be stored for them) and what the route must answer:
 *   - `reject`: a 4xx (unsigned, wrongly signed, unknown token, malformed body);
 *   - `no5xx`: validly signed but malformed — a 4xx, or a 2xx that only acknowledges (platforms
 *     retry anything else forever), never a 5xx.
 */
import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { metaJson, metaSignature } from '../../test/support/meta-emulator/index.js';
import {
  buttonClick,
  eventEnvelope,
  interactionForm,
  slackSignature,
} from '../../test/support/slack-emulator/requests.js';
import { createRng, type Rng } from '../soak/rng.js';
import { META, SLACK, TELEGRAM, TWILIO } from '../soak/world.js';
import { junkBody, mutate, mutateForm, randomBytes, randomJson, randomString } from './gen.js';

export interface FuzzInput {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  expect: 'reject' | 'no5xx';
}

export interface HttpTarget {
  name: string;
  make(rng: Rng, publicUrl: string): FuzzInput;
  /**
   * One valid input, sent first: it must be answered 2xx (and, for a message route, stored),
   * which proves the signing above is right and the fuzz reaches the parser.
   */
  control?(publicUrl: string): FuzzInput & { stores: boolean };
}

type Json = Record<string, unknown>;
const FORM = 'application/x-www-form-urlencoded';

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

function metaPayload(rng: Rng): Json {
  return {
    object: 'page',
    entry: [
      {
        id: META.pageId,
        time: Date.now(),
        messaging: [
          {
            sender: { id: '7100000000009999' },
            recipient: { id: META.pageId },
            timestamp: Date.now(),
            message: { mid: `m_fuzz_${rng.int(0, 1e9)}`, text: randomString(rng, 80) },
          },
        ],
      },
    ],
  };
}

function telegramUpdate(rng: Rng): Json {
  return {
    update_id: rng.int(1, 2 ** 31),
    message: {
      message_id: rng.int(1, 1e6),
      date: Math.floor(Date.now() / 1000),
      chat: { id: 990000001, type: 'private', first_name: 'Fuzz' },
      from: { id: 990000001, is_bot: false, first_name: 'Fuzz', language_code: 'en' },
      text: randomString(rng, 80),
    },
  };
}

/** Removes the parts that make a payload a customer's message (so storing it would be wrong). */
function strip(payload: Json | null, paths: string[][], rng: Rng): Json | null {
  const path = rng.pick(paths);
  let node: unknown = payload;
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
  if (node && typeof node === 'object') delete (node as Record<string, unknown>)[path.at(-1) as string];
  return payload;
}

export function httpTargets(): HttpTarget[] {
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
    {
      name: 'meta webhook',
      control() {
        const payload = metaPayload(createRng('meta-control'));
        const messaging = ((payload.entry as Json[])[0] as Json).messaging as Json[];
        mutateIn(messaging[0] as Json, ['message', 'text'], 'fuzz control: where is my order');
        const raw = metaJson(payload);
        return {
          method: 'POST',
          path: '/meta/webhook',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': metaSignature(raw, META.appSecret),
          },
          body: raw,
          expect: 'no5xx',
          stores: true,
        };
      },
      make(rng) {
        const signedOk = rng.chance(0.6);
        const shaped = rng.chance(0.7);
        const payload = shaped ? (mutate(rng, metaPayload(rng) as never) as Json | null) : randomJson(rng);
        const entry = payload && typeof payload === 'object' ? (payload as Json).entry : undefined;
        const first = Array.isArray(entry) ? (entry[0] as Json | undefined) : undefined;
        const messaging = first && typeof first === 'object' ? first.messaging : undefined;
        const m = Array.isArray(messaging) ? (messaging[0] as Json | undefined) : undefined;
        if (m && typeof m === 'object') {
          delete m.sender;
          if (m.message && typeof m.message === 'object') delete (m.message as Json).mid;
        }
        const raw = rng.chance(0.2) ? junkBody(rng, metaJson(payload)) : metaJson(payload);
        const signature = signedOk
          ? metaSignature(raw, META.appSecret)
          : rng.pick(['', 'sha256=00', metaSignature(raw, 'wrong')]);
        return {
          method: 'POST',
          path: '/meta/webhook',
          headers: {
            'content-type': 'application/json',
            ...(signature ? { 'x-hub-signature-256': signature } : {}),
          },
          body: raw,
          expect: signedOk ? 'no5xx' : 'reject',
        };
      },
    },
    {
      name: 'telegram webhook',
      control() {
        return {
          method: 'POST',
          path: '/telegram/webhook',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM.secret },
          body: JSON.stringify(
            mutateIn(
              telegramUpdate(createRng('telegram-control')),
              ['message', 'text'],
              'fuzz control: where is my order',
            ),
          ),
          expect: 'no5xx',
          stores: true,
        };
      },
      make(rng) {
        const secretOk = rng.chance(0.6);
        const update = rng.chance(0.8)
          ? strip(
              mutate(rng, telegramUpdate(rng) as never) as Json,
              [['message', 'chat'], ['message'], ['update_id']],
              rng,
            )
          : randomJson(rng);
        const raw = rng.chance(0.2) ? junkBody(rng, JSON.stringify(update)) : JSON.stringify(update);
        const secret = secretOk ? TELEGRAM.secret : rng.pick(['', 'wrong', TELEGRAM.secret + 'x']);
        return {
          method: 'POST',
          path: '/telegram/webhook',
          headers: {
            'content-type': 'application/json',
            ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
          },
          body: raw,
          expect: secretOk ? 'no5xx' : 'reject',
        };
      },
    },
    {
      name: 'slack events/interactivity',
      control() {
        const body = JSON.stringify({ type: 'url_verification', challenge: 'fuzz-control', token: 'x' });
        const ts = Math.floor(Date.now() / 1000);
        return {
          method: 'POST',
          path: '/slack/events',
          headers: {
            'content-type': 'application/json',
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': slackSignature(SLACK.signingSecret, ts, body),
          },
          body,
          expect: 'no5xx',
          stores: false,
        };
      },
      make(rng) {
        const signedOk = rng.chance(0.6);
        let body: string;
        let type = 'application/json';
        const r = rng.next();
        if (r < 0.4) {
          // A tap on a button for a draft that does not exist, or a mangled action id.
          const payload = mutate(
            rng,
            buttonClick({
              user: rng.pick([SLACK.owner, 'U0STRANGER']),
              actionId: rng.pick([
                `sd1:send:${randomString(rng, 20)}`,
                'sd1:send:00000000-fuzz',
                randomString(rng, 40),
              ]),
              channel: SLACK.channel,
              messageTs: '1.000001',
              triggerId: 't',
              responseUrl: 'http://127.0.0.1:1/response',
            }) as never,
          );
          body = interactionForm(payload as Json);
          type = FORM;
        } else if (r < 0.7) {
          body = JSON.stringify(
            mutate(
              rng,
              eventEnvelope({
                type: 'message',
                text: randomString(rng),
                channel: SLACK.channel,
                user: 'U0STRANGER',
                ts: '1.1',
              }) as never,
            ),
          );
        } else {
          body = String(junkBody(rng, JSON.stringify(randomJson(rng))));
          if (rng.chance(0.5)) type = FORM;
        }
        const ts = Math.floor(Date.now() / 1000);
        const signature = signedOk
          ? slackSignature(SLACK.signingSecret, ts, body)
          : rng.pick(['', 'v0=00', slackSignature('wrong', ts, body)]);
        return {
          method: 'POST',
          path: '/slack/events',
          headers: {
            'content-type': type,
            'x-slack-request-timestamp': String(signedOk ? ts : rng.pick([ts, ts - 3600, 0])),
            ...(signature ? { 'x-slack-signature': signature } : {}),
          },
          body,
          expect: signedOk ? 'no5xx' : 'reject',
        };
      },
    },
    {
      name: 'csat',
      make(rng) {
        const token = rng.chance(0.5)
          ? encodeURIComponent(randomString(rng, 80).replace(/[\ud800-\udfff]/g, '?')) || 'x'
          : // A well-formed but unsigned token (right shape, wrong MAC).
            `${Buffer.from(JSON.stringify({ c: 'conv', x: Date.now() + 1e6 })).toString('base64url')}.${createHmac('sha256', 'wrong').update('x').digest('base64url')}`;
        const score = rng.pick(['1', '5', '0', '6', '-1', 'x', '3.5', '']);
        const post = rng.chance(0.5);
        return {
          method: post ? 'POST' : 'GET',
          path: `/csat/${token}${score ? `/${score}` : ''}${post ? '' : rng.pick(['', '?lang=zh', '?comment=x'])}`,
          headers: post ? { 'content-type': FORM } : ({} as Record<string, string>),
          ...(post
            ? { body: new URLSearchParams({ score, comment: randomString(rng, 100) }).toString() }
            : {}),
          expect: 'reject',
        };
      },
    },
    {
      name: '/query',
      control: () => ({
        method: 'POST',
        path: '/query',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'where is my order?' }),
        expect: 'no5xx',
        stores: false,
      }),
      make(rng) {
        const r = rng.next();
        const body =
          r < 0.3
            ? String(junkBody(rng, '{"query":"where is my order"}'))
            : r < 0.6
              ? JSON.stringify({ query: rng.pick([null, 42, [], {}, true, '']) })
              : JSON.stringify(
                  rng.chance(0.5) ? randomJson(rng) : { text: rng.pick([null, 7, [''], { a: 1 }]) },
                );
        return {
          method: 'POST',
          path: '/query',
          headers: { 'content-type': rng.pick(['application/json', 'text/plain', FORM]) },
          body,
          // A mangled body can come out valid by chance; only the invalid ones must be refused.
          expect: isValidQuery(body) ? 'no5xx' : 'reject',
        };
      },
    },
  ];
}

function isValidQuery(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown> | null;
    const q = parsed && typeof parsed === 'object' ? (parsed.query ?? parsed.text) : undefined;
    return typeof q === 'string' && q.trim() !== '';
  } catch {
    return false;
  }
}

/** Sets one nested field (a control input's text) and returns the object. */
function mutateIn(obj: Json, path: string[], value: unknown): Json {
  let node = obj;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  node[path.at(-1) as string] = value;
  return obj;
}
