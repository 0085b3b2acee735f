/**
 * A send that may have reached the customer before the desk died (src/core/outbox-uncertain.ts):
 * on a channel that cannot recognise a repeat the job is not sent again by itself; the owner
 * answers on the card — Send again (once, same job, attempt counted) or It arrived — and a second
 * tap changes nothing. A channel that recognises repeats is still taken over by itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardsFor } from '../../src/console/card.js';
import type { OutboxJob } from '../../src/core/model.js';
import { needsOwnerAnswer } from '../../src/core/outbox-uncertain.js';
import type { Connector, DeskEvent } from '../../src/core/ports.js';
import { approveReply, inbound } from '../support/approve-reply.js';
import { crashMidSend, fakePlatform, movableClock, settle } from '../support/crash-mid-send.js';
import { startTestDesk } from '../support/desk-harness.js';

const OWNER = { console: 'test', userId: 'U-owner' };

async function crashed(dedupeMs?: number) {
  const clock = movableClock();
  const platform = fakePlatform('telegram', dedupeMs);
  const t = await startTestDesk({ overrides: { connectors: [platform.module], clock } });
  await t.desk.outbox.stop(); // the job waits for the desk that is about to die
  const jobId = await approveReply(t.desk, inbound('telegram', '3001', ''), 'Your parcel left today.');
  await crashMidSend(t.desk, platform, jobId, clock);
  t.desk.outbox.start(); // the next desk, after that one's lease ran out
  const job = await settle(t.desk, jobId);
  return { t, platform, jobId, job, clock };
}

const deliveryOf = (events: DeskEvent[], jobId: string) =>
  events
    .filter((e): e is Extract<DeskEvent, { type: 'delivery' }> => e.type === 'delivery' && e.job.id === jobId)
    .at(-1);

describe('an uncertain delivery (the desk stopped while sending)', () => {
  it('on a channel that cannot dedupe, is not sent again by itself and asks the owner on the card', async () => {
    const { t, platform, jobId, job } = await crashed();
    assert.equal(job.status, 'uncertain');
    assert.deepEqual(platform.sent, [jobId], 'the customer got it once');
    assert.equal(job.attempts, 1, 'the crashed attempt counts');
    assert.ok(job.attemptStartedAt, 'when that attempt began is kept');
    const conversation = await t.desk.store.getConversation(job.conversationId);
    assert.equal(conversation?.firstResponseAt, undefined, 'not counted as a first response (sent)');
    assert.notEqual(job.delivery, 'failed', 'not failed silently either');

    const event = deliveryOf(t.console.events, jobId);
    assert.ok(event, 'the card was updated');
    for (const [language, notice, again, arrived] of [
      [
        'en',
        'This reply may already have reached the customer (the desk stopped while sending).',
        'Send again',
        'It arrived',
      ],
      ['zh', '这条回复可能已经送达客户（发送时服务中断）。', '再发一次', '已送达'],
    ] as const) {
      const [card] = cardsFor(event, { language, timeZone: 'UTC' });
      assert.ok(card);
      assert.ok(JSON.stringify(card.context).includes(notice), `${language}: the notice`);
      assert.deepEqual(
        card.actions
          .filter((a) => a.ref.action === 'uncertain')
          .map((a) => [a.label, a.ref.action, a.ref.arg]),
        [
          [again, 'uncertain', 'resend'],
          [arrived, 'uncertain', 'arrived'],
        ],
      );
      assert.equal(card.highlight, true);
      assert.equal(card.mention, true, 'not silent: the owner is mentioned');
    }
    await t.stop();
  });

  it('Send again resends once, as the same job, the attempt counted; a second tap changes nothing', async () => {
    const { t, platform, jobId } = await crashed();
    const desk = t.console.desk();
    assert.deepEqual(await desk.answerUncertain?.(jobId, 'resend', OWNER), { kind: 'ok' });
    const again = await desk.answerUncertain?.(jobId, 'resend', OWNER);
    assert.deepEqual(again, { kind: 'rejected', reason: 'Already answered.' });
    const job = await settle(t.desk, jobId);
    assert.equal(job.status, 'sent');
    assert.equal(job.attempts, 2, 'the resend is a counted attempt of the same job');
    assert.deepEqual(platform.sent, [jobId, jobId], 'sent exactly once more');
    const late = await desk.answerUncertain?.(jobId, 'arrived', OWNER);
    assert.deepEqual(late, { kind: 'rejected', reason: 'Already answered.' }, 'nor does the other button');
    assert.ok((await t.desk.store.getConversation(job.conversationId))?.firstResponseAt);
    await t.stop();
  });

  it('It arrived marks it sent without sending, and counts the first response at the attempt', async () => {
    const { t, platform, jobId, job: before } = await crashed();
    const desk = t.console.desk();
    const zh = { ...OWNER, language: 'zh' };
    assert.deepEqual(await desk.answerUncertain?.(jobId, 'arrived', zh), { kind: 'ok' });
    assert.deepEqual(await desk.answerUncertain?.(jobId, 'arrived', zh), {
      kind: 'rejected',
      reason: '已经回答过了。',
    });
    assert.deepEqual(await desk.answerUncertain?.(jobId, 'resend', OWNER), {
      kind: 'rejected',
      reason: 'Already answered.',
    });
    await t.desk.drain();
    const job = (await t.desk.store.getJob(jobId)) as OutboxJob;
    assert.equal(job.status, 'sent');
    assert.equal(job.delivery, 'sent');
    assert.deepEqual(platform.sent, [jobId], 'nothing sent again');
    const conversation = await t.desk.store.getConversation(job.conversationId);
    assert.deepEqual(conversation?.firstResponseAt, before.attemptStartedAt);
    const message = await t.desk.store.getMessage(job.messageId);
    assert.equal(message?.delivery, 'sent', 'the message shows it too');
    const [card] = cardsFor(deliveryOf(t.console.events, jobId)!, { language: 'en', timeZone: 'UTC' });
    assert.ok(card && !card.actions.some((a) => a.ref.action === 'uncertain'), 'the buttons are gone');
    await t.stop();
  });

  it('a job that is not uncertain cannot be answered', async () => {
    const { t, jobId } = await crashed(Number.POSITIVE_INFINITY);
    const result = await t.console.desk().answerUncertain?.(jobId, 'arrived', OWNER);
    assert.deepEqual(result, { kind: 'rejected', reason: 'Already answered.' });
    const missing = await t.console.desk().answerUncertain?.('no-such-job', 'arrived', OWNER);
    assert.deepEqual(missing, { kind: 'rejected', reason: 'No such delivery.' });
    await t.stop();
  });

  it('on a channel that recognises a repeat, the job is still taken over by itself', async () => {
    const { t, platform, jobId, job } = await crashed(Number.POSITIVE_INFINITY);
    assert.equal(job.status, 'sent');
    assert.equal(job.attemptStartedAt, undefined);
    assert.deepEqual(
      platform.sent,
      [jobId, jobId],
      'resent with the same key: the platform drops the repeat',
    );
    await t.stop();
  });

  it('a dedupe window (Discord nonces: minutes) covers only attempts inside it', () => {
    const connector = { resendDedupeMs: () => 120_000 } as unknown as Connector;
    const now = new Date('2026-12-07T12:00:00Z');
    const job = (startedMsAgo: number | undefined) =>
      ({
        channel: 'discord',
        ...(startedMsAgo === undefined ? {} : { attemptStartedAt: new Date(now.getTime() - startedMsAgo) }),
      }) as OutboxJob;
    assert.equal(needsOwnerAnswer(job(undefined), connector, now), false, 'no attempt in flight');
    assert.equal(needsOwnerAnswer(job(60_000), connector, now), false, 'inside the window');
    assert.equal(needsOwnerAnswer(job(10 * 60_000), connector, now), true, 'beyond it');
    assert.equal(needsOwnerAnswer(job(1), undefined, now), true, 'no connector to vouch for it');
  });
});
