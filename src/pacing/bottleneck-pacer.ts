/**
 * The shared outbound limiter. Connectors and consoles declare PaceRules (Slack ~1 msg/s
 * per channel, Twilio 1 segment/s per number, Telegram 1/s per chat and 30/s overall) and
 * schedule each platform call through here, so a queue forms instead of a 429 or a drop.
 */
import Bottleneck from 'bottleneck';
import type { PaceRule, Pacer } from '../core/ports.js';

interface RuleState {
  rule: PaceRule;
  group: Bottleneck.Group;
  overall?: Bottleneck;
}

export function createBottleneckPacer(): Pacer {
  const rules = new Map<string, RuleState>();

  function stateFor(name: string): RuleState {
    const state = rules.get(name);
    if (!state) throw new Error(`pacing rule "${name}" was never defined`);
    return state;
  }

  return {
    define(rule) {
      const existing = rules.get(rule.rule);
      if (existing) {
        if (
          existing.rule.minTimeMs !== rule.minTimeMs ||
          existing.rule.overallMinTimeMs !== rule.overallMinTimeMs
        ) {
          throw new Error(`pacing rule "${rule.rule}" defined twice with different limits`);
        }
        return;
      }
      // One call at a time per destination: a weighted call holds its slot for its whole budget.
      const group = new Bottleneck.Group({ maxConcurrent: 1, minTime: rule.minTimeMs });
      const overall =
        rule.overallMinTimeMs !== undefined ? new Bottleneck({ minTime: rule.overallMinTimeMs }) : undefined;
      if (overall) group.on('created', (limiter: Bottleneck) => limiter.chain(overall));
      rules.set(rule.rule, { rule, group, ...(overall ? { overall } : {}) });
    },

    schedule(ruleName, destination, task, weight = 1) {
      const { rule, group } = stateFor(ruleName);
      const budgetMs = Math.max(1, Math.ceil(weight)) * rule.minTimeMs;
      return group.key(destination).schedule(async () => {
        try {
          return await task();
        } finally {
          // Platforms count arrivals, and a request can reach them late (a slow first connection,
          // a busy event loop). Keeping the destination for the whole budget after the answer
          // means the next request can't arrive sooner than that, whatever this one's latency.
          await new Promise((resolve) => setTimeout(resolve, budgetMs));
        }
      });
    },

    async stop() {
      for (const { group, overall } of rules.values()) {
        await Promise.all(group.limiters().map(({ limiter }) => limiter.stop({ dropWaitingJobs: false })));
        await overall?.stop({ dropWaitingJobs: false });
      }
      rules.clear();
    },
  };
}
