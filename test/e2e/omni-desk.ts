/**
 * One whole desk as an owner would run it: createDesk(config) with every platform switched on
 * through its environment variables (Slack in HTTP mode, Twilio SMS + WhatsApp, Meta,
 * Telegram in webhook mode, website chat), each pointed at its local emulator. Through overrides
 * come only: short outbox timings, a pacer that shortens Slack card updates (see testPacer), the
 * logger (recorded) and a clock shared with the platforms' messaging windows. Store, NLP,
 * consoles and connectors are what production builds.
 */
import { createServer } from 'node:net';
import { createDesk, type Desk, type DeskOverrides } from '../../src/app.js';
import { SLACK_UPDATE_RULE } from '../../src/console/slack/index.js';
import type { Clock, Logger, Pacer } from '../../src/core/ports.js';
import { createBottleneckPacer } from '../../src/pacing/bottleneck-pacer.js';
import { MetaEmulator } from '../support/meta-emulator/index.js';
import { startSlackEmulator, type SlackEmulator } from '../support/slack-emulator/index.js';
import { TelegramEmulator } from '../support/telegram-emulator/index.js';
import { testConfig, tempDir } from '../support/test-config.js';
import { TwilioEmulator } from '../support/twilio-emulator/index.js';

export const SLACK = {
  botToken: 'xoxb-test-token',
  signingSecret: 'e2e-slack-signing-secret',
  channel: 'C0SUPPORT',
  owner: 'U0OWNER',
};
export const TWILIO = {
  accountSid: 'AC' + '0123456789abcdef'.repeat(2),
  authToken: 'e2e-twilio-auth-token-0123456789',
  number: '+15005550006',
  whatsapp: '+14155238886',
};
export const META = {
  verifyToken: 'e2e-verify',
  appSecret: 'e2e-meta-app-secret',
  pageToken: 'EAAB-e2e-page-token',
  pageId: '1000000001',
  instagramId: '17841400000000001',
};
export const TELEGRAM = { token: '7000000042:AAe2e-token_xyz', secret: 'e2e_Hook-Secret' };

/** Short outbox timings for tests. */
export const FAST_OUTBOX = { pollMs: 50, baseDelayMs: 20, maxDelayMs: 100 };

/**
 * The production pacer with one rule shortened: Slack card updates (chat.update, Tier 3, paced
 * 1.2 s apart workspace-wide in production) — the emulator does not rate-limit updates and the
 * test makes hundreds. Every limit an emulator enforces (Slack posts 1/s per channel, Twilio
 * 1 segment/s, Telegram 1/s per chat) keeps its production pace.
 */
export function testPacer(): Pacer {
  const pacer = createBottleneckPacer();
  return {
    ...pacer,
    define: (rule) =>
      pacer.define(rule.rule === SLACK_UPDATE_RULE ? { ...rule, overallMinTimeMs: 50 } : rule),
  };
}

/** Everything the desk logs, kept as JSON lines so a test can check what never may appear in them. */
export interface LogRecorder {
  lines: string[];
  logger: Logger;
}

export function recordLogs(): LogRecorder {
  const lines: string[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const write = (level: string) => (obj: object, msg?: string) => {
      lines.push(JSON.stringify({ level, ...bindings, ...obj, msg }));
    };
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return { lines, logger: make({}) };
}

export interface Emulators {
  slack: SlackEmulator;
  twilio: TwilioEmulator;
  meta: MetaEmulator;
  telegram: TelegramEmulator;
}

export interface OmniDesk extends Emulators {
  desk: Desk;
  /** Moves the desk's clock (and the platforms' messaging windows) forward. */
  travel(ms: number): void;
  /** Every line every desk of this run logged (the desk's logger, at debug level). */
  logs: string[];
  dataDir: string;
  /** The desk's public base (PUBLIC_URL), which every platform was given. */
  publicUrl: string;
  eventsUrl: string;
  /** Stops this desk and starts a new one on the same DATA_DIR (and the same emulators). */
  restart(overrides?: DeskOverrides): Promise<void>;
  stop(): Promise<void>;
}

/** setWebhook needs PUBLIC_URL before the desk listens, so the port is chosen first. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The desk's and the platforms' time: real time plus an offset a test can move forward. */
export function travelClock(): Clock & { travel(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    travel: (ms) => void (offset += ms),
  };
}

export async function startEmulators(clock: Clock): Promise<Emulators> {
  const slack = await startSlackEmulator({ botToken: SLACK.botToken });
  const twilio = new TwilioEmulator({
    accountSid: TWILIO.accountSid,
    authToken: TWILIO.authToken,
    now: () => clock.now(),
  });
  await twilio.start();
  const meta = new MetaEmulator({
    pageToken: META.pageToken,
    appSecret: META.appSecret,
    pageId: META.pageId,
    instagramId: META.instagramId,
    now: () => clock.now(),
  });
  await meta.start();
  const telegram = new TelegramEmulator({ token: TELEGRAM.token });
  await telegram.start();
  return { slack, twilio, meta, telegram };
}

export function deskEnv(emulators: Emulators, dataDir: string, port: number): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SLACK_BOT_TOKEN: SLACK.botToken,
    SLACK_SIGNING_SECRET: SLACK.signingSecret,
    SLACK_CHANNEL_ID: SLACK.channel,
    SLACK_OWNER_IDS: SLACK.owner,
    SLACK_API_URL: emulators.slack.apiUrl,
    TWILIO_ACCOUNT_SID: TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    TWILIO_PHONE_NUMBER: TWILIO.number,
    TWILIO_WHATSAPP_NUMBER: TWILIO.whatsapp,
    TWILIO_API_BASE_URL: emulators.twilio.url,
    META_VERIFY_TOKEN: META.verifyToken,
    META_APP_SECRET: META.appSecret,
    META_PAGE_TOKEN: META.pageToken,
    META_INSTAGRAM_ID: META.instagramId,
    META_GRAPH_URL: emulators.meta.graphUrl,
    TELEGRAM_BOT_TOKEN: TELEGRAM.token,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM.secret,
    TELEGRAM_API_URL: emulators.telegram.apiUrl,
  };
}

async function buildDesk(
  emulators: Emulators,
  dataDir: string,
  clock: Clock,
  logger: Logger,
  overrides: DeskOverrides = {},
  env: Record<string, string> = {},
): Promise<{ desk: Desk; publicUrl: string }> {
  const port = await freePort();
  const config = testConfig({ ...deskEnv(emulators, dataDir, port), ...env });
  const desk = await createDesk(config, {
    logger,
    terminal: false,
    port,
    clock,
    pacer: testPacer(),
    ...overrides,
    outbox: { ...FAST_OUTBOX, ...overrides.outbox },
  });
  await desk.start();
  return { desk, publicUrl: config.PUBLIC_URL };
}

/** `env` adds settings to the platforms' (e.g. SMTP_* for email replies). */
export async function startOmniDesk(
  overrides: DeskOverrides = {},
  env: Record<string, string> = {},
): Promise<OmniDesk> {
  const clock = travelClock();
  const emulators = await startEmulators(clock);
  const dataDir = tempDir('solodesk-e2e-');
  const logs = recordLogs();
  const first = await buildDesk(emulators, dataDir, clock, logs.logger, overrides, env);
  const omni: OmniDesk = {
    ...emulators,
    travel: (ms) => clock.travel(ms),
    desk: first.desk,
    logs: logs.lines,
    dataDir,
    publicUrl: first.publicUrl,
    eventsUrl: `${first.desk.url}/slack/events`,
    async restart(next: DeskOverrides = {}) {
      await omni.desk.stop();
      const built = await buildDesk(emulators, dataDir, clock, logs.logger, next, env);
      omni.desk = built.desk;
      omni.publicUrl = built.publicUrl;
      omni.eventsUrl = `${built.desk.url}/slack/events`;
    },
    async stop() {
      await omni.desk.stop();
      await emulators.slack.close();
      await emulators.twilio.stop();
      await emulators.meta.stop();
      await emulators.telegram.stop();
    },
  };
  return omni;
}

/**
 * Polls until `check` returns a value (not undefined/false) and returns it; fails with
 * `what` after `ms`. Used for what the desk does after it has answered a request (Slack acks
 * a click before the desk acts on it). It waits for a state, it never asserts a duration.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
