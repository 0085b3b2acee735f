/** Small doubles for Discord unit tests: a silent logger, an immediate pacer, a recording intake. */
import type {
  DeliveryUpdate,
  InboundMessage,
  Intake,
  IntakeResult,
  Logger,
  PaceRule,
  Pacer,
  RatingInput,
  RatingResult,
} from '../../../src/core/ports.js';

export function silentLogger(lines: { level: string; obj: object; msg?: string }[] = []): Logger {
  const make = (): Logger => ({
    debug: (obj, msg) => void lines.push({ level: 'debug', obj, msg }),
    info: (obj, msg) => void lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void lines.push({ level: 'error', obj, msg }),
    child: () => make(),
  });
  return make();
}

/** Runs tasks at once but records what was scheduled, so tests can check rule use. */
export function recordingPacer(): Pacer & {
  rules: PaceRule[];
  scheduled: { rule: string; destination: string; weight: number }[];
} {
  const rules: PaceRule[] = [];
  const scheduled: { rule: string; destination: string; weight: number }[] = [];
  return {
    rules,
    scheduled,
    define: (rule) => void rules.push(rule),
    schedule: (rule, destination, task, weight = 1) => {
      scheduled.push({ rule, destination, weight });
      return task();
    },
    stop: async () => undefined,
  };
}

export interface RecordingIntake extends Intake {
  received: InboundMessage[];
  ratings: RatingInput[];
  deliveries: DeliveryUpdate[];
}

/** Stores each externalId once, like the real pipeline's dedupe. */
export function recordingIntake(): RecordingIntake {
  const received: InboundMessage[] = [];
  const ratings: RatingInput[] = [];
  const deliveries: DeliveryUpdate[] = [];
  return {
    received,
    ratings,
    deliveries,
    async receive(message): Promise<IntakeResult> {
      const seen = received.find((m) => m.channel === message.channel && m.externalId === message.externalId);
      if (seen) return { kind: 'duplicate', messageId: seen.externalId };
      received.push(message);
      return { kind: 'stored', messageId: message.externalId, customerId: 'c1', conversationId: 'v1' };
    },
    async delivery(update) {
      deliveries.push(update);
    },
    async rating(input): Promise<RatingResult> {
      const again = ratings.some((r) => r.conversationId === input.conversationId);
      ratings.push(input);
      if (again) return { kind: 'rejected', reason: 'already rated' };
      return {
        kind: 'recorded',
        rating: {
          id: `r${ratings.length}`,
          customerId: 'c1',
          conversationId: input.conversationId ?? 'v1',
          channel: input.channel,
          score: input.score,
          createdAt: new Date(),
        },
      };
    },
    async optOut() {
      return true;
    },
    async addIdentity() {},
    async claimIdentity() {},
  };
}
