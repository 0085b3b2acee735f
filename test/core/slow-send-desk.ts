/**
 * A desk with SMS (Twilio), Telegram (polling) and email (SMTP) pointed at local emulators, a
 * short outbox lease, and helpers to queue one approved reply per customer. For the tests that
 * a send slower than the lease still goes out once.
 */
import { createDesk, type Desk, type DeskOverrides } from '../../src/app.js';
import type { InboundMessage, Pacer } from '../../src/core/ports.js';
import { SMS_PACE_RULE } from '../../connectors/twilio/send.js';
import { createBottleneckPacer } from '../../src/pacing/bottleneck-pacer.js';
import { startSmtpRecorder, type SmtpRecorder } from '../support/dovecot/smtp-recorder.js';
import { stubClassifier, stubDrafter } from '../support/stub-nlp.js';
import { TelegramEmulator } from '../support/telegram-emulator/index.js';
import { testConfig, tempDir } from '../support/test-config.js';
import { TwilioEmulator } from '../support/twilio-emulator/index.js';

export const LEASE_MS = 300;
export const SEGMENT_MS = 50;
const TWILIO = {
  sid: 'AC' + '0123456789abcdef'.repeat(2),
  token: 'slow-send-token-0123456789',
  number: '+15005550006',
};
const TELEGRAM_TOKEN = '7000000042:AAslow-send_token';

export interface SlowPlatforms {
  twilio: TwilioEmulator;
  telegram: TelegramEmulator;
  smtp: SmtpRecorder;
  /** Every platform answers `ms` late (after recording what it was sent). */
  slow(ms: number): void;
  stop(): Promise<void>;
}

export async function startPlatforms(): Promise<SlowPlatforms> {
  const twilio = new TwilioEmulator({
    accountSid: TWILIO.sid,
    authToken: TWILIO.token,
    segmentMs: SEGMENT_MS,
    pacingToleranceMs: 20,
  });
  await twilio.start();
  const telegram = new TelegramEmulator({ token: TELEGRAM_TOKEN });
  await telegram.start();
  const smtp = await startSmtpRecorder();
  return {
    twilio,
    telegram,
    smtp,
    slow(ms) {
      twilio.responseDelayMs = ms;
      telegram.responseDelayMs = ms;
      smtp.slowAnswers(ms);
    },
    async stop() {
      await twilio.stop();
      await telegram.stop();
      await smtp.stop();
    },
  };
}

/** The production pacer with the SMS segment pace shortened to the emulator's. */
function shortSmsPacer(): Pacer {
  const pacer = createBottleneckPacer();
  return {
    ...pacer,
    define: (rule) => pacer.define(rule.rule === SMS_PACE_RULE ? { ...rule, minTimeMs: SEGMENT_MS } : rule),
  };
}

export async function startSlowDesk(
  platforms: SlowPlatforms,
  dataDir = tempDir('slow-send-'),
  overrides: DeskOverrides = {},
): Promise<Desk> {
  const config = testConfig({
    DATA_DIR: dataDir,
    OUTBOX_LEASE_MS: String(LEASE_MS),
    TWILIO_ACCOUNT_SID: TWILIO.sid,
    TWILIO_AUTH_TOKEN: TWILIO.token,
    TWILIO_PHONE_NUMBER: TWILIO.number,
    TWILIO_API_BASE_URL: platforms.twilio.url,
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_URL: platforms.telegram.apiUrl,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(platforms.smtp.port),
    SMTP_SECURE: 'false',
    EMAIL_FROM: 'Shop Support <support@shop.example>',
  });
  const desk = await createDesk(config, {
    classifier: stubClassifier,
    drafter: stubDrafter,
    terminal: false,
    port: 0,
    pacer: shortSmsPacer(),
    outbox: { pollMs: 20, baseDelayMs: 20, maxDelayMs: 100 },
    ...overrides,
  });
  await desk.start();
  return desk;
}

let n = 0;
export function inbound(channel: 'sms' | 'telegram' | 'email', who: string): InboundMessage {
  n += 1;
  const replyRef =
    channel === 'sms'
      ? `sms:${TWILIO.number}:${who}`
      : channel === 'telegram'
        ? `telegram:7000000042:${who}`
        : `email:support@shop.example:${who}`;
  return { channel, externalId: `slow-${Date.now()}-${n}`, from: { address: who }, replyRef, text: 'hello' };
}

/** Stores an inbound message and approves its draft; returns the queued job's id. */
export async function approveReply(desk: Desk, message: InboundMessage, text: string): Promise<string> {
  const received = await desk.intake.receive(message);
  if (received.kind !== 'stored') throw new Error(`not stored: ${received.kind}`);
  await desk.intake.drain();
  const draft = (await desk.api.pendingDrafts()).find((d) => d.customerId === received.customerId);
  if (!draft) throw new Error('no draft');
  const decided = await desk.api.decide({
    draftId: draft.id,
    actor: { console: 'test', userId: 'U-owner' },
    action: 'edit_send',
    text,
  });
  if (decided.kind !== 'queued') throw new Error(`not queued: ${decided.kind}`);
  return decided.job.id;
}

/** Waits until every job is finished (sent or failed); returns their statuses. */
export async function settled(desk: Desk, jobIds: string[], ms = 60_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const jobs = await Promise.all(jobIds.map((id) => desk.store.getJob(id)));
    if (jobs.every((j) => j?.status === 'sent' || j?.status === 'failed')) return jobs.map((j) => j!.status);
    if (Date.now() > deadline) throw new Error(`jobs never settled: ${jobs.map((j) => j?.status).join(',')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
