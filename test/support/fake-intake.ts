/**
 * Unit-test doubles for the connectors' ports: an Intake that records what a connector hands
 * the core and dedupes like the pipeline (channel + externalId), a settable clock, cursors in
 * memory, and deps to build a connector with.
 */
import type { Channel, Identity } from '../../src/core/model.js';
import type { Clock, DeliveryUpdate, InboundMessage, Intake, RatingInput } from '../../src/core/ports.js';
import type { ConnectorCursors, ConnectorDeps } from '../../connectors/module.js';
import { createLogger } from '../../src/logging/logger.js';
import { createBottleneckPacer } from '../../src/pacing/bottleneck-pacer.js';

export interface FakeIntake extends Intake {
  /** Stored messages, duplicates left out. */
  messages: InboundMessage[];
  /** Every receive call, duplicates included. */
  calls: InboundMessage[];
  ratings: RatingInput[];
  deliveries: DeliveryUpdate[];
  optOuts: { channel: Channel; address: string; optedOut: boolean }[];
  identities: { channel: Channel; address: string; identity: Identity }[];
  /** Addresses customers typed in (Intake.claimIdentity). */
  claims: { channel: Channel; address: string; identity: Identity }[];
  /** While it returns true for a message, receive throws (a store outage). */
  failWhen?: (message: InboundMessage) => boolean;
}

export function fakeIntake(): FakeIntake {
  const seen = new Set<string>();
  const self: FakeIntake = {
    messages: [],
    calls: [],
    ratings: [],
    deliveries: [],
    optOuts: [],
    identities: [],
    claims: [],
    async receive(message) {
      self.calls.push(message);
      if (self.failWhen?.(message)) throw new Error('store unavailable');
      const key = `${message.channel}:${message.externalId}`;
      if (seen.has(key)) return { kind: 'duplicate', messageId: key };
      seen.add(key);
      self.messages.push(message);
      return {
        kind: 'stored',
        messageId: key,
        customerId: `c-${message.from.address}`,
        conversationId: 'conv-1',
      };
    },
    async delivery(update) {
      self.deliveries.push(update);
    },
    async rating(input) {
      self.ratings.push(input);
      return {
        kind: 'recorded',
        rating: {
          id: `r${self.ratings.length}`,
          customerId: 'c',
          conversationId: input.conversationId ?? 'conv-1',
          channel: input.channel,
          score: input.score,
          createdAt: new Date(),
        },
      };
    },
    async optOut(channel, address, optedOut) {
      self.optOuts.push({ channel, address, optedOut });
      return true;
    },
    async addIdentity(channel, address, identity) {
      self.identities.push({ channel, address, identity });
    },
    async claimIdentity(channel, address, claimed) {
      self.claims.push({ channel, address, identity: claimed });
    },
  };
  return self;
}

export interface FakeClock extends Clock {
  advance(ms: number): void;
}

export function fakeClock(start = Date.parse('2026-11-26T09:00:00Z')): FakeClock {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export function memoryCursors(): ConnectorCursors & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    async get(name) {
      return values.get(name);
    },
    async set(name, value) {
      values.set(name, value);
    },
  };
}

export function testDeps(overrides: Partial<ConnectorDeps> = {}): ConnectorDeps {
  return {
    logger: createLogger('silent'),
    pacer: createBottleneckPacer(),
    clock: fakeClock(),
    publicUrl: 'http://127.0.0.1:1',
    appSecret: 'test-secret-test-secret-test-secret-0123',
    dataDir: '/nonexistent',
    ...overrides,
  };
}
