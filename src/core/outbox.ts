/**
 * Durable delivery. A queued reply is a row in the store; a worker claims due jobs with a
 * lease, sends each through its connector, and records the outcome only while it still owns
 * the lease. The lease is renewed while the send is in flight (sends wait in pacing queues),
 * and the connector checks and records each send through the job's SendRecord (outbox-lease.ts),
 * so a job taken over after a crash is not sent twice. A process that dies mid-way leaves a
 * lease that expires, and the job is claimed again — with the same idempotency key and any
 * marker the platform's acceptance left — or, on a channel that cannot recognise a repeat, is
 * held as `uncertain` for the owner to answer (outbox-uncertain.ts). Retryable failures back off
 * exponentially with jitter (outbox-outcome.ts); after `maxAttempts` the job is failed and the
 * console shows ⚠️ with a Retry button.
 */
import { publishDelivery, type ConsoleHub } from './console-hub.js';
import type { Channel, OutboxJob } from './model.js';
import { JobLease } from './outbox-lease.js';
import { outcomeOf, type FinishPatch } from './outbox-outcome.js';
import { sendJob } from './outbox-send.js';
import { needsOwnerAnswer, uncertainPatch } from './outbox-uncertain.js';
import type { FileLinker } from './outbound-files.js';
import type { Clock, Connector, Logger, SendResult, Store } from './ports.js';

export interface OutboxDeps {
  store: Store;
  consoles: ConsoleHub;
  connectorFor: (channel: Channel) => Connector | undefined;
  clock: Clock;
  logger: Logger;
  /** Random in [0, 1): injected so tests can make backoff deterministic. */
  random?: () => number;
  /** OWNER_LANGUAGE, for the reasons a failed delivery shows on the card. */
  ownerLanguage?: string;
  /** Signs download links for the files of a reply (outbound-files.ts); FILE_LINK_TTL in ms. */
  fileLink?: FileLinker;
  fileTtlMs?: number;
}

export interface OutboxOptions {
  /** Identifies this process's claims. */
  owner: string;
  leaseMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How often to look for due jobs when nothing kicks the worker. */
  pollMs: number;
  batchSize: number;
}

export const DEFAULT_OUTBOX_OPTIONS: Omit<OutboxOptions, 'owner'> = {
  leaseMs: 30_000,
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  pollMs: 1_000,
  batchSize: 20,
};

export class Outbox {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly leases = new Set<JobLease>();
  /** Results the store could not take when they came; recorded on the next run. */
  private readonly unrecorded = new Map<string, { job: OutboxJob; patch: FinishPatch }>();

  constructor(
    private readonly deps: OutboxDeps,
    private readonly options: OutboxOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Look for due jobs now (after a decision queued one). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((err: unknown) => this.deps.logger.error({ err: (err as Error).message }, 'outbox run failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Claims and starts every due job; resolves once they are claimed (not sent). */
  async runOnce(): Promise<number> {
    const { store, clock } = this.deps;
    // This owner never claims these jobs back (they are still its own), so it records them here.
    for (const [id, { job, patch }] of this.unrecorded) {
      await this.record(job, patch);
      this.unrecorded.delete(id);
    }
    const jobs = await store.claimJobs(
      this.options.owner,
      clock.now(),
      this.options.leaseMs,
      this.options.batchSize,
    );
    for (const job of jobs) {
      const work = this.deliver(job).catch((err: unknown) =>
        this.deps.logger.error({ jobId: job.id, err: (err as Error).message }, 'outbox delivery crashed'),
      );
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    }
    if (jobs.length === this.options.batchSize) this.again = true;
    return jobs.length;
  }

  /** Waits for every claimed job to finish (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.running || this.inFlight.size > 0) {
      await this.running;
      await Promise.all([...this.inFlight]);
    }
  }

  /**
   * Stops claiming; sends not yet at their platform do not start (their jobs go back to the
   * queue); waits up to `graceMs` for the others. What is still in flight then keeps its lease,
   * which expires, so the next start sends it (once: see JobLease).
   */
  async stop(graceMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    for (const lease of this.leases) lease.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      if (Number.isFinite(graceMs)) timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([this.drain(), deadline]);
    clearTimeout(timer);
  }

  private async deliver(job: OutboxJob): Promise<void> {
    const { store, clock, logger } = this.deps;
    const { owner, leaseMs } = this.options;
    if (needsOwnerAnswer(job, this.deps.connectorFor(job.channel), clock.now())) {
      // Not sent again by itself: the customer may have it already (outbox-uncertain.ts).
      logger.warn(
        { jobId: job.id, channel: job.channel },
        'outbox: an attempt may have been sent; asking the owner',
      );
      await this.record(job, uncertainPatch(job, clock.now()));
      return;
    }
    const lease = new JobLease(job, this.deps, owner, leaseMs);
    this.leases.add(lease);
    if (this.stopped) lease.stopping = true;
    const result = await sendJob(this.deps, job, lease)
      .catch((err: unknown): SendResult => ({
        kind: 'retry',
        reason: (err as Error).message || 'send failed',
      }))
      .finally(() => {
        lease.end();
        this.leases.delete(lease);
      });
    const now = clock.now();
    if (lease.refused === 'lost') {
      logger.warn({ jobId: job.id }, 'outbox lease lost before the send; another worker has the job');
      return;
    }
    // Not sent because the desk is stopping: back to the queue as it was, no attempt counted.
    const patch: FinishPatch =
      lease.refused === 'stopping'
        ? { status: 'pending', attempts: job.attempts, nextAttemptAt: now, delivery: job.delivery }
        : outcomeOf(job, result, now, { ...this.options, random: this.deps.random ?? Math.random });

    if (lease.refused) {
      await store.finishJob(job.id, owner, patch);
      return;
    }
    await this.record(job, patch);
  }

  private async record(job: OutboxJob, patch: FinishPatch): Promise<void> {
    const logger = this.deps.logger;
    let recorded: boolean;
    try {
      recorded = await this.deps.store.finishJob(job.id, this.options.owner, patch);
    } catch (err) {
      this.unrecorded.set(job.id, { job, patch });
      throw err;
    }
    if (!recorded) {
      logger.warn({ jobId: job.id }, 'outbox lease lost before the result was recorded');
      return;
    }
    logger.info(
      { jobId: job.id, channel: job.channel, status: patch.status, attempts: patch.attempts },
      'outbox delivery attempt',
    );
    if (patch.status === 'sent' && job.purpose === 'reply')
      await this.markFirstResponse(job, patch.nextAttemptAt);
    if (patch.status !== 'pending' || patch.attempts === 1) await this.publish(job.id);
  }

  private async markFirstResponse(job: OutboxJob, at: Date): Promise<void> {
    const conversation = await this.deps.store.getConversation(job.conversationId);
    if (conversation && !conversation.firstResponseAt) {
      await this.deps.store.updateConversation(conversation.id, { firstResponseAt: at });
    }
  }

  private publish(jobId: string): Promise<void> {
    return publishDelivery(this.deps.store, this.deps.consoles, jobId);
  }
}
