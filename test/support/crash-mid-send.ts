/**
 * What a desk killed mid-send leaves behind, in-process: the job claimed by a worker that is
 * gone, its send record checked (the platform call started), the platform holding the message,
 * and no marker or outcome stored. Another desk claims it once that worker's lease runs out.
 */
import type { ConnectorModule } from '../../connectors/module.js';
import type { Desk } from '../../src/app.js';
import type { Channel, OutboxJob } from '../../src/core/model.js';
import type { Clock, OutboundMessage, Store } from '../../src/core/ports.js';

export interface FakePlatform {
  module: ConnectorModule;
  /** Job ids of every message the platform took, repeats included. */
  sent: string[];
}

/** A one-channel platform; with `dedupeMs` it says a repeat of a job's send is recognised. */
export function fakePlatform(channel: Channel, dedupeMs?: number): FakePlatform {
  const sent: string[] = [];
  const module: ConnectorModule = {
    connector: {
      name: `fake-${channel}`,
      channels: [channel],
      async start() {},
      async stop() {},
      health: () => ({ state: 'up' }),
      ...(dedupeMs !== undefined ? { resendDedupeMs: () => dedupeMs } : {}),
      async send(message: OutboundMessage) {
        try {
          const earlier = await message.record?.check();
          if (earlier) return { kind: 'sent', externalId: earlier };
          sent.push(message.jobId);
          await message.record?.accepted(`m-${sent.length}`);
          return { kind: 'sent', externalId: `m-${sent.length}` };
        } catch (err) {
          return { kind: 'retry', reason: (err as Error).message };
        }
      },
    },
  };
  return { module, sent };
}

/** A clock the test moves forward. */
export function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
}

const LEASE_MS = 30_000;

/**
 * The desk that held `jobId` died after the platform took the send and before the marker's
 * commit; the clock then moves past its lease. Call with the live desk's outbox stopped.
 */
export async function crashMidSend(
  desk: Desk,
  platform: FakePlatform,
  jobId: string,
  clock: ReturnType<typeof movableClock>,
): Promise<void> {
  const store = desk.store;
  const claimed = await store.claimJobs('dead-desk', clock.now(), LEASE_MS, 10);
  if (!claimed.some((j) => j.id === jobId)) throw new Error('the dead desk did not claim the job');
  if (!(await store.startJobAttempt(jobId, 'dead-desk', clock.now(), LEASE_MS)))
    throw new Error('the dead desk lost the job');
  platform.sent.push(jobId); // the platform took it; then SIGKILL
  clock.advance(10 * 60_000);
}

/** Runs the live desk's outbox until the job is neither queued nor being sent. */
export async function settle(desk: Desk, jobId: string): Promise<OutboxJob> {
  for (let i = 0; i < 200; i++) {
    await desk.drain();
    const job = await desk.store.getJob(jobId);
    if (job && job.status !== 'pending' && job.status !== 'sending') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${jobId} never settled`);
}

export async function statusOf(store: Store, jobId: string): Promise<OutboxJob['status'] | undefined> {
  return (await store.getJob(jobId))?.status;
}
