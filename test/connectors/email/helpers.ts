/** Shared pieces of the email connector tests: a recording Intake, quiet deps, polling. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ConnectorCursors, ConnectorDeps } from '../../../connectors/module.js';
import { createEmailConnector, type EmailOptions } from '../../../connectors/email/index.js';
import { memoryCursors } from '../../../connectors/email/checkpoint.js';
import type {
  DeliveryUpdate,
  InboundMessage,
  Intake,
  IntakeResult,
  Logger,
} from '../../../src/core/ports.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import { dovecotMissing, startDovecot, type Dovecot } from '../../support/dovecot/dovecot.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/email');
export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

/** Stores by externalId like the real pipeline does, and records every call. */
export class RecordingIntake implements Intake {
  calls: InboundMessage[] = [];
  stored = new Map<string, InboundMessage>();
  deliveries: DeliveryUpdate[] = [];
  /** Throws on the next N receive() calls, as a store that is down would. */
  failNext = 0;

  async receive(message: InboundMessage): Promise<IntakeResult> {
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('store unavailable'), { code: 'STORE_DOWN' });
    }
    this.calls.push(message);
    if (this.stored.has(message.externalId)) return { kind: 'duplicate', messageId: message.externalId };
    this.stored.set(message.externalId, message);
    return { kind: 'stored', messageId: message.externalId, customerId: 'c', conversationId: 'v' };
  }
  async delivery(update: DeliveryUpdate): Promise<void> {
    this.deliveries.push(update);
  }
  async rating(): Promise<never> {
    throw new Error('not used');
  }
  async optOut(): Promise<boolean> {
    return true;
  }
  async addIdentity(): Promise<void> {}
  async claimIdentity(): Promise<void> {}
}

export function deps(cursors: ConnectorCursors = memoryCursors()): ConnectorDeps {
  return {
    logger: silentLogger,
    pacer: createBottleneckPacer(),
    clock: { now: () => new Date() },
    publicUrl: 'http://127.0.0.1',
    appSecret: 'test-secret',
    dataDir: '/tmp',
    cursors,
  };
}

export function imapOptions(
  d: Dovecot,
  extra: Partial<NonNullable<EmailOptions['imap']>> = {},
): EmailOptions['imap'] {
  return { host: d.host, port: d.port, secure: false, user: d.user, pass: d.pass, ...extra };
}

export function connectorFor(d: Dovecot, cursors: ConnectorCursors, extra: Partial<EmailOptions> = {}) {
  return createEmailConnector(
    {
      imap: imapOptions(d),
      from: 'Shop Support <support@shop.example>',
      reconnectMinMs: 50,
      reconnectMaxMs: 400,
      pollIntervalMs: 3_600_000,
      idleDelayMs: 100,
      ...extra,
    },
    deps(cursors),
  ).connector;
}

export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A small customer mail with a given Message-ID. */
export function simpleMail(n: number | string, extraHeaders = ''): string {
  return [
    `From: Customer ${n} <customer${n}@example.com>`,
    'To: Shop Support <support@shop.example>',
    `Subject: Question ${n}`,
    `Message-ID: <q${n}.${Date.now()}@example.com>`,
    'Date: Thu, 26 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...(extraHeaders ? [extraHeaders] : []),
    '',
    `Hello, this is question number ${n}.`,
    '',
  ].join('\r\n');
}

/**
 * When Dovecot cannot run here, registers one failing test saying why (a missing Dovecot must
 * never look like a pass) and returns the reason, which the other tests print as their skip.
 */
export function dovecotSkip(): string | false {
  const missing = dovecotMissing();
  if (!missing) return false;
  console.error(`email IMAP tests cannot run: ${missing}`);
  test('Dovecot is available for the email connector tests', () => {
    throw new Error(missing);
  });
  return missing;
}

let shared: Promise<Dovecot> | undefined;
after(async () => {
  if (shared) await (await shared).stop();
});

/**
 * A fresh account per test (own mailboxes, UIDVALIDITY and sessions) on one Dovecot per test
 * file: starting a server is cheap, stopping one takes a second.
 */
export async function withDovecot<T>(fn: (d: Dovecot) => Promise<T>): Promise<T> {
  shared ??= startDovecot();
  return fn((await shared).newUser());
}
