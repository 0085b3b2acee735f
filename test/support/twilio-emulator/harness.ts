/**
 * Unit-level harness: the Twilio emulator, the real connector (real twilio client aimed at
 * the emulator through TWILIO_API_BASE_URL), its routes on an express app behind a "proxy"
 * public URL, and an in-memory Intake that dedupes like the pipeline.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  createTwilioConnector,
  type TwilioConnectorModule,
  type TwilioOptions,
  type TwilioTestHooks,
} from '../../../connectors/twilio/index.js';
import type { Customer } from '../../../src/core/model.js';
import type {
  DeliveryUpdate,
  InboundMessage,
  Intake,
  Logger,
  OutboundMessage,
  Pacer,
} from '../../../src/core/ports.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import { TwilioEmulator } from './index.js';

export const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const OUR_NUMBER = '+15005550006';
export const OUR_WHATSAPP = '+14155238886';
export const OWNER_PHONE = '+15005550099';
/** What Twilio is configured with: the proxy's public URL, with a path prefix. */
export const PUBLIC_URL = 'https://desk.example.com/support';

export interface RecordedIntake extends Intake {
  messages: InboundMessage[];
  deliveries: DeliveryUpdate[];
  optOuts: { channel: string; address: string; optedOut: boolean }[];
  identities: { channel: string; address: string; other: string }[];
  /** The next receive throws (a store outage). */
  failNext?: boolean;
}

export function recordedIntake(): RecordedIntake {
  const seen = new Set<string>();
  const self: RecordedIntake = {
    messages: [],
    deliveries: [],
    optOuts: [],
    identities: [],
    async receive(message) {
      if (self.failNext) {
        self.failNext = false;
        throw new Error('store unavailable');
      }
      const key = `${message.channel}:${message.externalId}`;
      if (seen.has(key)) return { kind: 'duplicate', messageId: key };
      seen.add(key);
      self.messages.push(message);
      return {
        kind: 'stored',
        messageId: key,
        customerId: `c:${message.from.address}`,
        conversationId: 'conv',
      };
    },
    async delivery(update) {
      self.deliveries.push(update);
    },
    async rating() {
      return { kind: 'rejected', reason: 'not used' };
    },
    async optOut(channel, address, optedOut) {
      self.optOuts.push({ channel, address, optedOut });
    },
    async addIdentity(channel, address, identity) {
      self.identities.push({ channel, address, other: identity.channel });
    },
  };
  return self;
}

export interface TwilioHarness {
  emulator: TwilioEmulator;
  module: TwilioConnectorModule;
  intake: RecordedIntake;
  pacer: Pacer;
  /** The local address the "proxy" forwards to: http://127.0.0.1:port (no /support prefix). */
  localUrl: string;
  clock: { now: () => Date; advance(ms: number): void };
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
  let now = Date.parse('2026-11-26T09:00:00Z');
  const clock = { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
  const emulator = new TwilioEmulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, now: clock.now });
  const apiBaseUrl = await emulator.start();
  const pacer = createBottleneckPacer();
  const module = createTwilioConnector(
    {
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      phoneNumber: OUR_NUMBER,
      whatsappNumber: OUR_WHATSAPP,
      ownerPhoneNumber: OWNER_PHONE,
      apiBaseUrl,
      ownerLanguage: 'en',
      missedCallGraceMs: 0,
      ...extra,
    },
    {
      logger,
      pacer,
      clock,
      publicUrl: PUBLIC_URL,
      appSecret: 'x'.repeat(32),
      dataDir: '/nonexistent',
    },
    hooks,
  );
  const intake = recordedIntake();
  await module.connector.start(intake);
  const app = express();
  module.mount?.(app);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const localUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pacer.stop();
      await emulator.stop();
    },
  };
}

export function customer(extra: Partial<Customer> = {}): Customer {
  return { id: 'cust-1', createdAt: new Date(0), optedOut: [], ...extra };
}

let jobs = 0;
export function outbound(
  channel: OutboundMessage['channel'],
  replyRef: string,
  text: string,
  extra: Partial<OutboundMessage> = {},
): OutboundMessage {
  jobs += 1;
  return {
    jobId: `job-${jobs}`,
    idempotencyKey: `solodesk-job-${jobs}`,
    channel,
    replyRef,
    text,
    purpose: 'reply',
    customer: customer(),
    conversationId: 'conv',
    language: 'en',
    ...extra,
  };
}
