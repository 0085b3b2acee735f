/**
 * RETENTION_DAYS: message bodies and files older than that are erased, daily. A sweep runs at
 * start and every 24 h; the day's store mark (`retention:<UTC day>`) makes it once a day across
 * restarts and processes, and the erasure itself is idempotent, so a missed or repeated sweep
 * only moves the work, never changes the result.
 */
import type { Clock, Logger, Store } from './ports.js';
import type { PrivacyStore, RetentionSummary } from './privacy.js';

const DAY_MS = 86_400_000;

export interface RetentionDeps {
  store: Store & PrivacyStore;
  clock: Clock;
  logger: Logger;
}

export class RetentionSweeper {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: RetentionDeps,
    private readonly days: number,
  ) {}

  /** Erases what is older than the retention, unless today's sweep already ran; undefined when skipped. */
  async sweep(): Promise<RetentionSummary | undefined> {
    if (this.days <= 0) return undefined;
    const now = this.deps.clock.now();
    if (!(await this.deps.store.claimMark(`retention:${now.toISOString().slice(0, 10)}`, now)))
      return undefined;
    const done = await this.deps.store.eraseOlderThan(new Date(now.getTime() - this.days * DAY_MS));
    this.deps.logger.info({ retentionDays: this.days, ...done }, 'retention sweep erased old message bodies');
    return done;
  }

  start(): void {
    if (this.days <= 0 || this.timer) return;
    const run = () => {
      this.running = this.sweep().catch((err: unknown) =>
        this.deps.logger.error({ err: (err as Error).message }, 'retention sweep failed'),
      );
    };
    run();
    this.timer = setInterval(run, DAY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
