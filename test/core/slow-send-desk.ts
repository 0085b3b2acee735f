/**
 * A desk with SMS (Twilio), Telegram (polling) and email (SMTP) pointed at local emulators, a
 * short outbox lease, and helpers to queue one approved reply per customer. For the tests that
 * a send slower than the lease still goes out once.
 */
import { createDesk, type Desk, type DeskOverrides } from '../../src/app.js';
import type { InboundMessage, Pacer } from '../../src/core/ports.js';
import { SMS_PACE_RULE } from '../../connectors/twilio/send.js';
import { createBottleneckPacer } from '../../src/pacing/bottleneck-pacer.js';
import { inbound as inboundOn, settledIn } from '../support/approve-reply.js';
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

export { approveReply } from '../support/approve-reply.js';

export function inbound(channel: 'sms' | 'telegram' | 'email', who: string): InboundMessage {
  return inboundOn(channel, who, TWILIO.number);
}

/** Waits until every job is finished (sent or failed); returns their statuses. */
export async function settled(desk: Desk, jobIds: string[], ms = 60_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  while (!(await settledIn(desk.store, jobIds))) {
    if (Date.now() > deadline) throw new Error('jobs never settled');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Promise.all(jobIds.map(async (id) => (await desk.store.getJob(id))?.status ?? 'missing'));
}
