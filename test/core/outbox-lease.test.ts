/**
 * The outbox's hold on a job while its send is in flight (src/core/outbox-lease.ts): stopping
 * does not start sends still waiting for a pacing slot, and a result the store could not take
 * is recorded on the next run instead of leaving the job stuck.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorModule } from '../../connectors/module.js';
import type { OutboundMessage, Store } from '../../src/core/ports.js';
import { createBottleneckPacer } from '../../src/pacing/bottleneck-pacer.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { approveReply, inbound } from '../support/approve-reply.js';
import { startTestDesk } from '../support/desk-harness.js';

/** A Telegram-like connector that sends through a pacing rule, checking its record in the slot. */
function pacedConnector(slotMs: number) {
  const pacer = createBottleneckPacer();
  pacer.define({ rule: 'slow', minTimeMs: slotMs });
  const sent: string[] = [];
  const module: ConnectorModule = {
    connector: {
      name: 'paced',
      channels: ['telegram'],
      async start() {},
      async stop() {},
      health: () => ({ state: 'up' }),
      async send(message: OutboundMessage) {
        try {
          const id = await pacer.schedule('slow', 'one-chat', async () => {
            const earlier = await message.record?.check();
            if (earlier) return earlier;
            sent.push(message.jobId);
            await message.record?.accepted(`m-${message.jobId}`);
            return `m-${message.jobId}`;
          });
          return { kind: 'sent', externalId: id };
        } catch (err) {
          return { kind: 'retry', reason: (err as Error).message };
        }
      },
    },
  };
  return { module, sent, pacer };
}

describe('the outbox lease', () => {
  it('stopping: a send still waiting for its pacing slot does not start, and its job stays queued', async () => {
    const paced = pacedConnector(1_500);
    const t = await startTestDesk({ overrides: { connectors: [paced.module] } });
    await t.desk.outbox.stop();
    const first = await approveReply(t.desk, inbound('telegram', '1001', ''), 'one');
    const second = await approveReply(t.desk, inbound('telegram', '1002', ''), 'two');
    t.desk.outbox.start();
    while (paced.sent.length === 0) await new Promise((r) => setTimeout(r, 10));
    await t.desk.outbox.stop(); // the second send waits for the slot the first holds for 1.5 s
    await paced.pacer.stop();
    assert.equal(paced.sent.length, 1, 'only the send already at its platform went out');
    const [a, b] = await Promise.all([t.desk.store.getJob(first), t.desk.store.getJob(second)]);
    assert.equal(a?.status, 'sent');
    assert.equal(b?.status, 'pending', 'back in the queue');
    assert.equal(b?.attempts, 0, 'no attempt counted');
    await t.stop();
  });

  it('a result the store could not take is recorded on the next run; nothing is sent twice', async () => {
    const paced = pacedConnector(10);
    const real = createSqliteStore({ file: ':memory:' });
    let failures = 1;
    const flaky: Store = {
      ...real,
      async finishJob(id, owner, patch) {
        if (patch.status === 'sent' && failures-- > 0) throw new Error('database is locked');
        return real.finishJob(id, owner, patch);
      },
    };
    const t = await startTestDesk({ overrides: { connectors: [paced.module], store: flaky } });
    const job = await approveReply(t.desk, inbound('telegram', '1003', ''), 'three');
    for (let i = 0; i < 200 && (await real.getJob(job))?.status !== 'sent'; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal((await real.getJob(job))?.status, 'sent');
    assert.deepEqual(paced.sent, [job], 'sent once');
    await t.stop();
    await paced.pacer.stop();
  });

  it('a job whose lease ran out while its send is still in flight here is not claimed and sent again', async () => {
    // The heartbeat keeps the lease while a send waits; when it falls behind (a starved machine,
    // a store hiccup) the lease expires, and only another desk may take the job over: the
    // store's claim skips jobs this owner holds, so its own in-flight send is not repeated.
    let offsetMs = 0;
    const clock = { now: () => new Date(Date.now() + offsetMs) };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let checked!: () => void;
    const inFlight = new Promise<void>((resolve) => (checked = resolve));
    const sent: string[] = [];
    const module: ConnectorModule = {
      connector: {
        name: 'held',
        channels: ['telegram'],
        async start() {},
        async stop() {},
        health: () => ({ state: 'up' }),
        async send(message: OutboundMessage) {
          try {
            const earlier = await message.record?.check();
            if (earlier) return { kind: 'sent', externalId: earlier };
            sent.push(message.jobId);
            checked();
            await gate; // the platform is slow to answer
            await message.record?.accepted(`m-${message.jobId}`);
            return { kind: 'sent', externalId: `m-${message.jobId}` };
          } catch (err) {
            return { kind: 'retry', reason: (err as Error).message };
          }
        },
      },
    };
    const t = await startTestDesk({ overrides: { connectors: [module], clock } });
    const job = await approveReply(t.desk, inbound('telegram', '1004', ''), 'four');
    await inFlight;
    offsetMs = 10 * 60_000; // well past the lease, before any heartbeat renewed it
    await t.desk.outbox.runOnce();
    release();
    for (let i = 0; i < 200 && (await t.desk.store.getJob(job))?.status !== 'sent'; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal((await t.desk.store.getJob(job))?.status, 'sent');
    assert.deepEqual(sent, [job], 'sent once');
    await t.stop();
  });
});
