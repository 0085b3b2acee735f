/**
 * Full loops through the whole desk (createDesk: SQLite store, pipeline, decisions, outbox)
 * with the Twilio connector, the real twilio client and the emulator on both sides:
 * SMS in → console draft → Send → exactly one message out; voicemail → console; Call back;
 * WhatsApp outside the window blocked with a reason; STOP honoured; delivery never backwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTwilioConnector, type TwilioConnectorModule } from '../../../connectors/twilio/index.js';
import type { DeskEvent } from '../../../src/core/ports.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import { createDesk, type Desk } from '../../../src/app.js';
import { startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { testDeps } from '../../support/fake-intake.js';
import { recordingConsole, type RecordingConsole } from '../../support/recording-console.js';
import { stubClassifier, stubDrafter } from '../../support/stub-nlp.js';
import { testConfig } from '../../support/test-config.js';
import { dialOf, TwilioEmulator } from '../../support/twilio-emulator/index.js';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  OUR_NUMBER,
  OUR_WHATSAPP,
  OWNER_PHONE,
  PUBLIC_URL,
  twilioOptions,
} from '../../support/twilio-emulator/harness.js';

const OWNER = { console: 'recording', userId: 'owner-1' };
let seq = 0;
const messageSid = () => `SM${String(++seq).padStart(32, '0')}`;

describe('twilio through the whole desk', () => {
  let t: TestDesk;
  let emulator: TwilioEmulator;
  let twilioModule: TwilioConnectorModule;
  let now = Date.now();
  const clock = { now: () => new Date(now) };

  /** POSTs to the desk as Twilio would: signed over the public (proxy) URL. */
  const hook = (path: string, params: Record<string, string>) =>
    emulator.webhook(`${t.desk.url}${path}`, params, { signedUrl: `${PUBLIC_URL}${path}` });
  const inboundFor = (pred: (e: Extract<DeskEvent, { type: 'inbound' }>) => boolean) =>
    t.console.waitFor((e) => e.type === 'inbound' && pred(e)) as Promise<
      Extract<DeskEvent, { type: 'inbound' }>
    >;

  before(async () => {
    emulator = new TwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, now: clock.now });
    const apiBaseUrl = await emulator.start();
    const pacer = createBottleneckPacer();
    twilioModule = createTwilioConnector(
      twilioOptions(apiBaseUrl),
      testDeps({ pacer, clock, publicUrl: PUBLIC_URL }),
    );
    t = await startTestDesk({ overrides: { connectors: [twilioModule], pacer, clock } });
    emulator.forward(PUBLIC_URL, t.desk.url);
  });
  after(async () => {
    await t.stop();
    await emulator.stop();
  });

  it('SMS in → console draft → Send → the emulator receives exactly one message to the customer', async () => {
    const customer = '+15552220001';
    const res = await hook('/twilio/sms', {
      MessageSid: messageSid(),
      From: customer,
      To: OUR_NUMBER,
      Body: 'Where is my order 1234?',
      NumMedia: '0',
    });
    assert.equal(res.status, 200);
    const event = await inboundFor((e) => e.message.address === customer);
    assert.equal(event.message.channel, 'sms');
    assert.ok(event.draft, 'a draft is offered');
    const before = emulator.messages.length;

    const decided = await t.console.desk().decide({ draftId: event.draft.id, actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'queued');
    await t.desk.drain();
    const sent = emulator.messages.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.to, customer);
    assert.equal(sent[0]?.from, OUR_NUMBER);
    assert.equal(sent[0]?.body, event.draft.text);

    // A second tap is not a second message.
    const again = await t.console.desk().decide({ draftId: event.draft.id, actor: OWNER, action: 'send' });
    assert.equal(again.kind, 'already_decided');
    await t.desk.drain();
    assert.equal(emulator.messages.length, before + 1);

    // Status callbacks out of order: delivered, then a late sent — the job stays delivered.
    const job = decided.kind === 'queued' ? decided.job : undefined;
    assert.equal(await emulator.status(sent[0]?.sid ?? '', 'delivered'), 200);
    assert.equal(await emulator.status(sent[0]?.sid ?? '', 'sent'), 200);
    const stored = await t.desk.store.getJob(job?.id ?? '');
    assert.equal(stored?.externalId, sent[0]?.sid);
    assert.equal(stored?.delivery, 'delivered');
    assert.ok(
      t.console.events.some(
        (e) => e.type === 'delivery' && e.job.id === job?.id && e.job.delivery === 'delivered',
      ),
    );
    assert.deepEqual(emulator.violations, []);
  });

  it('STOP: the console is told, and Send is refused with the reason; nothing reaches Twilio', async () => {
    const customer = '+15552220002';
    await hook('/twilio/sms', {
      MessageSid: messageSid(),
      From: customer,
      To: OUR_NUMBER,
      Body: 'Do you ship to Canada?',
    });
    const event = await inboundFor((e) => e.message.address === customer);
    await hook('/twilio/sms', { MessageSid: messageSid(), From: customer, To: OUR_NUMBER, Body: 'STOP' });
    await t.console.waitFor((e) => e.type === 'notice' && e.view.customer.id === event.view.customer.id);
    const before = emulator.messages.length;
    const decided = await t.console
      .desk()
      .decide({ draftId: event.draft?.id ?? '', actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'rejected');
    assert.match(decided.kind === 'rejected' ? decided.reason : '', /opted out|STOP/);
    await t.desk.drain();
    assert.equal(emulator.messages.length, before);
  });

  it('a redelivered START (same MessageSid) after a later STOP changes nothing: Send stays refused', async () => {
    const customer = '+15552220093';
    await hook('/twilio/sms', { MessageSid: messageSid(), From: customer, To: OUR_NUMBER, Body: 'Hi there' });
    const event = await inboundFor((e) => e.message.address === customer);
    const startSid = messageSid();
    await hook('/twilio/sms', { MessageSid: startSid, From: customer, To: OUR_NUMBER, Body: 'START' });
    now += 1000;
    await hook('/twilio/sms', { MessageSid: messageSid(), From: customer, To: OUR_NUMBER, Body: 'STOP' });
    now += 1000;
    // Twilio retries the START webhook (our first answer was slow): same MessageSid.
    await hook('/twilio/sms', { MessageSid: startSid, From: customer, To: OUR_NUMBER, Body: 'START' });
    await t.desk.drain();
    const stored = await t.desk.store.getCustomer(event.view.customer.id);
    assert.ok(stored?.optedOut.includes('sms'), 'still opted out of SMS');
    const before = emulator.messages.length;
    const decided = await t.console
      .desk()
      .decide({ draftId: event.draft?.id ?? '', actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'rejected', 'the customer is still opted out');
    await t.desk.drain();
    assert.equal(emulator.messages.length, before);
  });

  it('a voicemail transcript reaches the console, classified and drafted, with the recording and the caller', async () => {
    const caller = '+15552220003';
    const CallSid = 'CA' + '7'.repeat(32);
    const RecordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE${'7'.repeat(32)}`;
    const base = { CallSid, From: caller, To: OUR_NUMBER, Direction: 'inbound' };
    const greeting = await hook('/twilio/voice', { ...base, CallStatus: 'ringing' });
    assert.match(greeting.body, /<Record [^>]*transcribe="true"/);
    await hook('/twilio/voice/recorded', {
      ...base,
      CallStatus: 'completed',
      RecordingUrl,
      RecordingDuration: '21',
      RecordingSid: 'RE1',
    });
    await hook('/twilio/voice/transcription', {
      ...base,
      TranscriptionStatus: 'completed',
      TranscriptionText: 'Hello, my order 5521 arrived broken, please call me back.',
      RecordingUrl,
      RecordingSid: 'RE1',
    });
    // Shown at once with the recording; the transcript follows in the same thread.
    const first = await inboundFor((e) => e.message.address === caller);
    assert.equal(first.message.kind, 'voicemail');
    assert.equal(first.message.meta.recordingUrl, RecordingUrl);
    assert.equal(first.message.meta.transcript, 'pending');
    const event = await inboundFor((e) => e.message.address === caller && e.message.text !== '');
    assert.equal(event.message.customerId, first.message.customerId);
    assert.equal(event.message.conversationId, first.message.conversationId);
    assert.equal(event.message.kind, 'voicemail');
    assert.equal(event.message.channel, 'phone');
    assert.match(event.message.text, /arrived broken/);
    assert.equal(event.message.meta.recordingUrl, RecordingUrl);
    assert.equal(event.message.meta.caller, caller);
    assert.ok(event.message.classification, 'classified like any message');
    assert.ok(event.draft);
  });

  it('Call back → the emulator receives a call to the owner whose TwiML dials the customer from the business number', async () => {
    const before = emulator.calls.length;
    const callBack = twilioModule.actions?.callBack;
    assert.ok(callBack, 'the generic action a console Call back button finds');
    const result = await callBack('+15552220003');
    assert.equal(result.kind, 'calling');
    assert.equal(emulator.calls.length, before + 1);
    const placed = emulator.calls.at(-1);
    assert.equal(placed?.to, OWNER_PHONE);
    assert.deepEqual(dialOf(placed?.twiml ?? ''), { callerId: OUR_NUMBER, numbers: ['+15552220003'] });
  });

  it('WhatsApp outside the 24-hour window: Send is blocked with a reason, nothing is sent', async () => {
    const customer = '+15552220004';
    await hook('/twilio/sms', {
      MessageSid: messageSid(),
      From: `whatsapp:${customer}`,
      To: `whatsapp:${OUR_WHATSAPP}`,
      Body: 'Is the blue one in stock?',
      ProfileName: 'Ana',
    });
    const event = await inboundFor((e) => e.message.address === customer && e.message.channel === 'whatsapp');
    now += 25 * 3_600_000;
    const before = emulator.messages.length;
    const decided = await t.console
      .desk()
      .decide({ draftId: event.draft?.id ?? '', actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'rejected');
    assert.match(decided.kind === 'rejected' ? decided.reason : '', /24 hours/);
    await t.desk.drain();
    assert.equal(emulator.messages.length, before);
    assert.deepEqual(emulator.violations, []);

    // Another channel of that customer: the same number by SMS.
    const channels = await t.console.desk().replyChannels(event.draft?.id ?? '');
    assert.ok(channels.includes('sms'), `offered: ${channels.join(', ')}`);
    const via = await t.console
      .desk()
      .decide({ draftId: event.draft?.id ?? '', actor: OWNER, action: 'send_via', channel: 'sms' });
    assert.equal(via.kind, 'queued');
    await t.desk.drain();
    assert.equal(emulator.messages.length, before + 1);
    assert.equal(emulator.messages.at(-1)?.to, customer);
    assert.equal(emulator.messages.at(-1)?.from, OUR_NUMBER);
  });
});

describe('twilio configured from the environment', () => {
  // Built with createDesk directly: the test harness's recording connector would claim 'sms'.
  let desk: Desk;
  let ownerConsole: RecordingConsole;
  let emulator: TwilioEmulator;
  before(async () => {
    emulator = new TwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const apiBaseUrl = await emulator.start();
    ownerConsole = recordingConsole();
    const config = testConfig({
      PUBLIC_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_PHONE_NUMBER: OUR_NUMBER,
      OWNER_PHONE_NUMBER: OWNER_PHONE,
      TWILIO_API_BASE_URL: apiBaseUrl,
    });
    desk = await createDesk(config, {
      classifier: stubClassifier,
      drafter: stubDrafter,
      terminal: false,
      port: 0,
      consoles: [ownerConsole],
      outbox: { pollMs: 50, baseDelayMs: 10, maxDelayMs: 50 },
    });
    await desk.start();
    emulator.forward(PUBLIC_URL, desk.url);
  });
  after(async () => {
    await desk.stop();
    await emulator.stop();
  });

  it('lights up from TWILIO_* and PUBLIC_URL: health, signed SMS in, reply out through TWILIO_API_BASE_URL', async () => {
    const health = (await (await fetch(`${desk.url}/health`)).json()) as {
      connectors: Record<string, { state: string }>;
    };
    assert.equal(health.connectors.twilio?.state, 'up');
    const customer = '+15552220009';
    const res = await emulator.webhook(
      `${desk.url}/twilio/sms`,
      { MessageSid: messageSid(), From: customer, To: OUR_NUMBER, Body: '我的订单什么时候到？' },
      { signedUrl: `${PUBLIC_URL}/twilio/sms` },
    );
    assert.equal(res.status, 200);
    const event = (await ownerConsole.waitFor(
      (e) => e.type === 'inbound' && e.message.address === customer,
    )) as Extract<DeskEvent, { type: 'inbound' }>;
    const decided = await ownerConsole
      .desk()
      .decide({ draftId: event.draft?.id ?? '', actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'queued');
    await desk.drain();
    assert.equal(emulator.messages.length, 1);
    assert.equal(emulator.messages[0]?.to, customer);
    assert.equal(emulator.messages[0]?.encoding, 'UCS-2');
  });
});
