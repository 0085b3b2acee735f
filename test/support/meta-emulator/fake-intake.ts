/**
 * Unit-test doubles for the social connectors' ports: an Intake that stores in memory and
 * dedupes like the pipeline (channel + externalId), a settable clock, and deps to build with.
 */
import type { Clock, DeliveryUpdate, InboundMessage, Intake, RatingInput } from '../../../src/core/ports.js';
import type { ConnectorCursors, ConnectorDeps } from '../../../connectors/module.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';

export interface FakeIntake extends Intake {
  messages: InboundMessage[];
  /** Every receive call, duplicates included. */
  calls: InboundMessage[];
  ratings: RatingInput[];
  deliveries: DeliveryUpdate[];
  /** When it returns true for a message, receive throws (a store outage). */
  failWhen?: (message: InboundMessage) => boolean;
}

export function fakeIntake(): FakeIntake {
  const seen = new Set<string>();
  const self: FakeIntake = {
    messages: [],
    calls: [],
    ratings: [],
    deliveries: [],
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
    async optOut() {},
    async addIdentity() {},
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
