/**
 * A send slower than the outbox lease goes out once (issue 15, finding 1). Sends wait in pacing
 * queues (1 SMS segment/s per number) and platforms answer late; before the fix the worker took
 * back its own expired lease and sent again. Also: a desk that dies after the platform accepted
 * a send, before it recorded the result, is not followed by a second send from the next desk.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Desk } from '../../src/app.js';
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
});
