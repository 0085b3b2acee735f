/**
 * A bounded shutdown. Every step of stopping the desk can wait on something outside it (a
 * pacing queue of paced SMS, Telegram flood-control waits, Slack card updates behind the
 * workspace pace, a socket mode connection, keep-alive or upgraded sockets), so each step gets
 * a share of one budget and is left behind when it overruns: the process still exits in time,
 * and what it could not finish stays in the store (a queued job, or a lease that expires).
 */
import type { Logger } from '../core/ports.js';

/** The whole of `desk.stop()`; main.ts exits by force a little after it (10 s in all). */
export const STOP_BUDGET_MS = 8_000;

export class ShutdownClock {
  private readonly deadline: number;

  constructor(
    budgetMs: number,
    private readonly logger: Logger,
  ) {
    this.deadline = Date.now() + budgetMs;
  }

  /** What is left of the budget, keeping `reserveMs` for the steps after this one. */
  left(reserveMs = 0): number {
    return Math.max(0, this.deadline - Date.now() - reserveMs);
  }

  /** Waits for `work` at most `capMs` (and never past the budget less `reserveMs`). */
  async step(name: string, work: Promise<unknown>, capMs: number, reserveMs = 0): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.min(capMs, this.left(reserveMs)));
    });
    const outcome = await Promise.race([
      work.then(
        () => 'done' as const,
        () => 'done' as const,
      ),
      late,
    ]);
    clearTimeout(timer);
    if (outcome === 'late') this.logger.warn({ step: name }, 'shutdown step overran its time; moving on');
  }
}
