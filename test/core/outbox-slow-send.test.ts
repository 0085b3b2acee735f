/**
 * A send slower than the outbox lease goes out once (issue 15, finding 1). Sends wait in pacing
 * queues (1 SMS segment/s per number) and platforms answer late; before the fix the worker took
 * back its own expired lease and sent again. Also: a desk that dies after the platform accepted
 * a send, before it recorded the result, is not followed by a second send from the next desk.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import type { Desk } from '../../src/app.js';
import type { Store } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../support/test-config.js';
import {
  approveReply,
  inbound,
  LEASE_MS,
  settled,
  startPlatforms,
  startSlowDesk,
  type SlowPlatforms,
} from './slow-send-desk.js';

// 3 GSM-7 segments (307..459 characters).
const THREE_SEGMENTS = 'Thanks for waiting. '.repeat(20);

describe('a send slower than the outbox lease', () => {
  let platforms: SlowPlatforms;
  let desk: Desk | undefined;
  before(async () => {
    platforms = await startPlatforms();
  });
  after(async () => {
    await desk?.stop();
    await platforms.stop();
  });

  it('40 three-segment SMS replies queued behind the pacing go out once each', async () => {
    desk = await startSlowDesk(platforms);
    // All 40 approved first, then the outbox runs: a queue forms behind the pacing (6 s).
    await desk.outbox.stop();
    const jobs: string[] = [];
    for (let i = 0; i < 40; i++) {
      jobs.push(
        await approveReply(desk, inbound('sms', `+1555010${String(i).padStart(4, '0')}`), THREE_SEGMENTS),
      );
    }
    desk.outbox.start();
    assert.deepEqual(new Set(await settled(desk, jobs)), new Set(['sent']));
    const to = platforms.twilio.messages.map((m) => m.to);
    assert.equal(to.length, 40, `${to.length} SMS sent for 40 replies`);
    assert.equal(new Set(to).size, 40, 'each customer got the reply once');
    assert.deepEqual(platforms.twilio.violations, [], 'the pacing held');
    await desk.stop();
    desk = undefined;
  });

  it('a platform answering later than the lease: SMS, Telegram and email each delivered once', async () => {
    platforms.slow(LEASE_MS * 4);
    desk = await startSlowDesk(platforms);
    const before = { sms: platforms.twilio.messages.length, mail: platforms.smtp.mails.length };
    platforms.telegram.openChat(424242);
    const jobs = [
      await approveReply(desk, inbound('sms', '+15550200001'), 'Your parcel left today.'),
      await approveReply(desk, inbound('telegram', '424242'), 'Your parcel left today.'),
      await approveReply(desk, inbound('email', 'ann@example.com'), 'Your parcel left today.'),
    ];
    assert.deepEqual(await settled(desk, jobs), ['sent', 'sent', 'sent']);
    assert.equal(platforms.twilio.messages.length - before.sms, 1, 'one SMS');
    assert.equal(
      platforms.telegram.sent.filter((m) => m.chatId === '424242').length,
      1,
      'one Telegram message',
    );
    assert.equal(platforms.smtp.mails.length - before.mail, 1, 'one mail');
    await desk.stop();
    desk = undefined;
    platforms.slow(0);
  });

  it('a desk that dies after the platform accepted, before recording the result: sent once', async () => {
    platforms.slow(LEASE_MS * 2);
    const dataDir = tempDir('slow-crash-');
    const real = createSqliteStore({ file: join(dataDir, 'solodesk.db') });
    const dying = diesAfterAccept(real);
    const a = await startSlowDesk(platforms, dataDir, { store: dying.store });
    const before = { sms: platforms.twilio.messages.length, mail: platforms.smtp.mails.length };
    platforms.telegram.openChat(434343);
    const jobs = [
      await approveReply(a, inbound('sms', '+15550200002'), 'Refund approved.'),
      await approveReply(a, inbound('telegram', '434343'), 'Refund approved.'),
      await approveReply(a, inbound('email', 'cy@example.com'), 'Refund approved.'),
    ];
    const deadline = Date.now() + 30_000;
    while (dying.dead.size < jobs.length) {
      if (Date.now() > deadline) throw new Error(`only ${dying.dead.size} sends were accepted`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // The next desk (another owner) on the same data takes the jobs over once their leases expire.
    desk = await startSlowDesk(platforms, dataDir, { store: real });
    assert.deepEqual(await settled(desk, jobs), ['sent', 'sent', 'sent']);
    platforms.slow(0);
    await a.stop(); // bounded, although its store calls for these jobs never return
    assert.equal(platforms.twilio.messages.length - before.sms, 1, 'one SMS');
    assert.equal(
      platforms.telegram.sent.filter((m) => m.chatId === '434343').length,
      1,
      'one Telegram message',
    );
    assert.equal(platforms.smtp.mails.length - before.mail, 1, 'one mail');
    const marked = await Promise.all(jobs.map(async (id) => (await real.getJob(id))?.sentMarker));
    assert.ok(marked.every(Boolean), 'each job kept the marker its platform’s acceptance left');
  });
});

/**
 * The store as a desk that dies the moment a platform accepted a send sees it: the marker is
 * written, then nothing more for that job (no heartbeat, no result), as after a SIGKILL.
 */
function diesAfterAccept(store: Store): { store: Store; dead: Set<string> } {
  const dead = new Set<string>();
  const never = new Promise<never>(() => undefined);
  const wrapped: Store = {
    ...store,
    async markJobSent(id, marker) {
      await store.markJobSent(id, marker);
      dead.add(id);
    },
    renewJobLease: (id, owner, now, leaseMs) =>
      dead.has(id) ? never : store.renewJobLease(id, owner, now, leaseMs),
    finishJob: (id, owner, patch) => (dead.has(id) ? never : store.finishJob(id, owner, patch)),
    // The next desk closes the store.
    close: async () => undefined,
  };
  return { store: wrapped, dead };
}
