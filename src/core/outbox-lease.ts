/**
 * One claimed job's hold on the outbox while its send is in flight. Sends wait in pacing
 * queues (1 SMS segment/s per number, Telegram flood control, IMAP filing), so a send may
 * outlast the lease: a heartbeat renews it. The connector calls `check` right before the
 * platform call and `accepted` right after it, so one job is one send even when another worker
 * took the job over or the desk restarted in between (see SendRecord in ports.ts). When the
 * desk stops, a send not yet checked does not start: the job goes back to the queue as it was.
 */
import type { OutboxJob } from './model.js';
import type { Clock, Logger, SendRecord, Store } from './ports.js';

export interface LeaseDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
}

export class LeaseLostError extends Error {}

export class JobLease implements SendRecord {
  /** Why `check` refused the send, if it did: the job is someone else's, or the desk is stopping. */
  refused: 'lost' | 'stopping' | undefined;
  /** Set when the desk stops: a send that has not been checked yet will not start. */
  stopping = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    readonly job: OutboxJob,
    private readonly deps: LeaseDeps,
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {
    // Three beats per lease: one late or failed renewal does not lose it.
    this.heartbeat = setInterval(() => void this.beat(), Math.max(10, Math.floor(leaseMs / 3)));
    this.heartbeat.unref();
  }

  async check(): Promise<string | undefined> {
    if (!this.stopping) {
      // Renews the lease and stamps the attempt: from here until `accepted` (or the job's
      // outcome) a crash leaves the job marked as possibly at its platform (outbox-uncertain.ts).
      const held = await this.deps.store.startJobAttempt(
        this.job.id,
        this.owner,
        this.deps.clock.now(),
        this.leaseMs,
      );
      // Re-read after the await: the desk may have begun stopping meanwhile.
      if (held && !this.stopping) return held.sentMarker;
      if (!held) this.refused = 'lost';
    }
    this.refused ??= 'stopping';
    throw new LeaseLostError(
      this.refused === 'lost'
        ? 'another worker took this job over'
        : 'the desk is stopping; the job stays queued',
    );
  }

  async accepted(marker: string): Promise<void> {
    try {
      await this.deps.store.markJobSent(this.job.id, marker);
    } catch (err) {
      // The platform has the message: failing here must not make the connector report a
      // failure (a retry would send it again). The result still reaches finishJob.
      this.deps.logger.warn(
        { jobId: this.job.id, err: (err as Error).message },
        'could not store the send marker',
      );
    }
  }

  end(): void {
    clearInterval(this.heartbeat);
  }

  private renew(): Promise<OutboxJob | undefined> {
    return this.deps.store.renewJobLease(this.job.id, this.owner, this.deps.clock.now(), this.leaseMs);
  }

  private async beat(): Promise<void> {
    try {
      if (!(await this.renew())) this.end();
    } catch (err) {
      // A store hiccup: the next beat tries again, well before the lease runs out.
      this.deps.logger.warn(
        { jobId: this.job.id, err: (err as Error).message },
        'outbox lease renewal failed',
      );
    }
  }
}
