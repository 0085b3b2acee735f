/**
 * Durable delivery. A queued reply is a row in the store; a worker claims due jobs with a
 * lease, sends each through its connector, and records the outcome only while it still owns
 * the lease. A process that dies mid-way leaves a lease that expires, and the job is claimed
 * again — with the same idempotency key, so platforms (and our own email Message-ID) can
 * recognise a repeat. Retryable failures back off exponentially with jitter; after
 * `maxAttempts` the job is failed and the console shows ⚠️ with a Retry button.
 */
import { publishDelivery, type ConsoleHub } from './console-hub.js';
import type { Channel, OutboxJob } from './model.js';
import type { Clock, Connector, Logger, SendResult, Store } from './ports.js';

export interface OutboxDeps {
  store: Store;
  consoles: ConsoleHub;
  connectorFor: (channel: Channel) => Connector | undefined;
  clock: Clock;
  logger: Logger;
  /** Random in [0, 1): injected so tests can make backoff deterministic. */
  random?: () => number;
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

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.drain();
  }

  private async deliver(job: OutboxJob): Promise<void> {
    const { store, clock } = this.deps;
    const attempts = job.attempts + 1;
    const result = await this.send(job);
    const now = clock.now();

    let patch: Parameters<Store['finishJob']>[2];
    if (result.kind === 'sent') {
      patch = {
        status: 'sent',
        attempts,
        nextAttemptAt: now,
        delivery: result.delivery ?? 'sent',
        ...(result.externalId ? { externalId: result.externalId } : {}),
      };
    } else if (result.kind === 'rejected' || attempts >= this.options.maxAttempts) {
      patch = {
        status: 'failed',
        attempts,
        nextAttemptAt: now,
        delivery: 'failed',
        lastError: result.reason,
      };
    } else {
      const delay = result.retryAfterMs ?? this.backoff(attempts);
      patch = {
        status: 'pending',
        attempts,
        nextAttemptAt: new Date(now.getTime() + delay),
        delivery: 'queued',
        lastError: result.reason,
      };
    }

    if (!(await store.finishJob(job.id, this.options.owner, patch))) {
      this.deps.logger.warn({ jobId: job.id }, 'outbox lease lost before the result was recorded');
      return;
    }
    this.deps.logger.info(
      { jobId: job.id, channel: job.channel, status: patch.status, attempts },
      'outbox delivery attempt',
    );
    if (patch.status === 'sent' && job.purpose === 'reply') await this.markFirstResponse(job, now);
    if (patch.status !== 'pending' || attempts === 1) await this.publish(job.id);
  }

  private async send(job: OutboxJob): Promise<SendResult> {
    const { store } = this.deps;
    const connector = this.deps.connectorFor(job.channel);
    if (!connector) return { kind: 'retry', reason: `no ${job.channel} connector is running` };
    const customer = await store.getCustomer(job.customerId);
    if (!customer) return { kind: 'rejected', reason: 'customer not found' };
    if (customer.optedOut.includes(job.channel)) {
      return { kind: 'rejected', reason: `the customer opted out of ${job.channel}` };
    }
    const draft = job.draftId ? await store.getDraft(job.draftId) : undefined;
    const inReplyTo = draft?.inReplyTo ? await store.getMessage(draft.inReplyTo) : undefined;
    try {
      return await connector.send({
        jobId: job.id,
        idempotencyKey: job.idempotencyKey,
        channel: job.channel,
        replyRef: job.replyRef,
        text: job.text,
        purpose: job.purpose,
        customer,
        conversationId: job.conversationId,
        ...(inReplyTo ? { inReplyTo } : {}),
        language: draft?.language && draft.language !== 'und' ? draft.language : (customer.language ?? 'en'),
      });
    } catch (err) {
      // An exception is an infrastructure failure: worth another try.
      return { kind: 'retry', reason: (err as Error).message || 'send failed' };
    }
  }

  private backoff(attempts: number): number {
    const random = this.deps.random ?? Math.random;
    const exp = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempts - 1));
    // "Full jitter" keeps many failed jobs from retrying in lockstep.
    return Math.round(exp / 2 + random() * (exp / 2));
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
