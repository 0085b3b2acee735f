/**
 * Unit-level harness: the Twilio emulator, the real connector (real twilio client aimed at
 * the emulator through TWILIO_API_BASE_URL), its routes on an express app behind a "proxy"
 * public URL, and the shared in-memory Intake (test/support/fake-intake.ts).
 */
import express from 'express';
import {
  createTwilioConnector,
  type TwilioConnectorModule,
  type TwilioOptions,
  type TwilioTestHooks,
} from '../../../connectors/twilio/index.js';
import type { Logger, Pacer } from '../../../src/core/ports.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import { fakeClock, fakeIntake, testDeps, type FakeClock, type FakeIntake } from '../fake-intake.js';
import { listenLocal } from '../local-server.js';
import { TwilioEmulator } from './index.js';

export const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const OUR_NUMBER = '+15005550006';
export const OUR_WHATSAPP = '+14155238886';
export const OWNER_PHONE = '+15005550099';
/** What Twilio is configured with: the proxy's public URL, with a path prefix. */
export const PUBLIC_URL = 'https://desk.example.com/support';

/** What the Twilio tests configure: both numbers, the owner's phone, no missed-call grace. */
export function twilioOptions(apiBaseUrl: string, extra: Partial<TwilioOptions> = {}): TwilioOptions {
  return {
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    phoneNumber: OUR_NUMBER,
    whatsappNumber: OUR_WHATSAPP,
    ownerPhoneNumber: OWNER_PHONE,
    apiBaseUrl,
    ownerLanguage: 'en',
    missedCallGraceMs: 0,
    ...extra,
  };
}

export interface TwilioHarness {
  emulator: TwilioEmulator;
  module: TwilioConnectorModule;
  intake: FakeIntake;
  pacer: Pacer;
  /** The local address the "proxy" forwards to: http://127.0.0.1:port (no /support prefix). */
  localUrl: string;
  clock: FakeClock;
  /** POSTs a signed webhook to `path` as Twilio would (signed over PUBLIC_URL + path). */
  post(
    path: string,
    params: Record<string, string>,
    signature?: string | null,
  ): ReturnType<TwilioEmulator['webhook']>;
  stop(): Promise<void>;
}

export async function startTwilioHarness(
  extra: Partial<TwilioOptions> = {},
  hooks: TwilioTestHooks = {},
  logger: Logger = createLogger('silent'),
): Promise<TwilioHarness> {
  const clock = fakeClock();
  const emulator = new TwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, now: clock.now });
  const apiBaseUrl = await emulator.start();
  const pacer = createBottleneckPacer();
  const module = createTwilioConnector(
    twilioOptions(apiBaseUrl, extra),
    testDeps({ logger, pacer, clock, publicUrl: PUBLIC_URL }),
    hooks,
  );
  const intake = fakeIntake();
  await module.connector.start(intake);
  const app = express();
  module.mount?.(app);
  const server = await listenLocal(app);
  const localUrl = server.url;
  return {
    emulator,
    module,
    intake,
    pacer,
    localUrl,
    clock,
    post: (path, params, signature) =>
      emulator.webhook(`${localUrl}${path}`, params, {
        signedUrl: `${PUBLIC_URL}${path}`,
        ...(signature !== undefined ? { signature } : {}),
      }),
    async stop() {
      await module.connector.stop();
      await server.close();
      await pacer.stop();
      await emulator.stop();
    },
  };
}
