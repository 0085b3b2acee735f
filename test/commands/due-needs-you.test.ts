/**
 * `/cs due` lists the replies that need the owner first (src/core/attention/needs-you.ts): a reply
 * whose delivery failed, with the platform's reason, and one left uncertain by a desk that
 * stopped mid-send, in English and Chinese; a later reply to that customer that is delivered
 * takes the failed one off; the daily digest counts them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCommand } from '../../commands/index.js';
import { buildDigest } from '../../src/core/attention/digest.js';
import { approveReply, inbound } from '../support/approve-reply.js';
import { crashMidSend, fakePlatform, movableClock, settle } from '../support/crash-mid-send.js';
import { startTestDesk, type TestDesk } from '../support/desk-harness.js';

const OWNER = { console: 'test', userId: 'U-owner' };
const OUR_NUMBER = '+15559990000';

const CASES = [
  {
    lang: 'en',
    reason: 'The number cannot receive SMS.',
    heading: 'Replies that need you',
    failed: 'not delivered: The number cannot receive SMS.',
    uncertain: /may already have arrived \(the desk stopped while sending\): Send again or It arrived/,
    ago: / · \d+ (min|h) ago$/,
    digestLabel: 'Replies that need you',
    waiting: 'Waiting for a reply (0)',
  },
  {
    lang: 'zh',
    reason: '该号码无法接收短信。',
    heading: '需要你处理的回复',
    failed: '未送达：该号码无法接收短信。',
    uncertain: /可能已经送达（发送时服务中断）：再发一次 \/ 已送达/,
    ago: / · \d+ (分钟|小时)前$/,
    digestLabel: '需要你处理的回复',
    waiting: '等待回复（0）',
  },
] as const;

/** A desk with a failed SMS reply and an uncertain Telegram reply; returns their customers. */
async function deskWithStuckReplies(lang: string, reason: string) {
  const clock = movableClock();
  const platform = fakePlatform('telegram');
  const t = await startTestDesk({
    env: { OWNER_LANGUAGE: lang },
    overrides: { connectors: [platform.module], clock },
  });
  // Uncertain: the desk holding the Telegram reply died while the platform took it.
  await t.desk.outbox.stop();
  const uncertainJob = await approveReply(t.desk, inbound('telegram', '3001', ''), 'Your parcel left today.');
  await crashMidSend(t.desk, platform, uncertainJob, clock);
  // Failed: the SMS platform refuses the reply for good.
  t.connector.script.push({ kind: 'rejected', reason });
  const failedJob = await approveReply(t.desk, inbound('sms', '+15550002222', OUR_NUMBER), 'Refund sent.');
  t.desk.outbox.start();
  assert.equal((await settle(t.desk, uncertainJob)).status, 'uncertain');
  const failed = await settle(t.desk, failedJob);
  assert.equal(failed.status, 'failed');
  const uncertain = (await t.desk.store.getJob(uncertainJob))!;
  return { t, failed, uncertain, clock };
}

async function due(t: TestDesk) {
  return findCommand(t.desk.commands, 'due')!.run([], OWNER);
}

describe('/cs due: replies that need the owner', () => {
  for (const c of CASES) {
    it(`${c.lang}: lists a failed and an uncertain reply first; a delivered later reply removes the failed one; the digest counts them`, async () => {
      const { t, failed, uncertain } = await deskWithStuckReplies(c.lang, c.reason);
      try {
        const reply = await due(t);
        assert.equal(reply.title, c.waiting, 'both conversations count as answered');
        assert.equal(reply.text, undefined, 'not "nobody is waiting"');
        const [section] = reply.sections;
        assert.equal(section?.heading, c.heading);
        assert.equal(section?.fields.length, 2);
        const failedRow = section.fields.find((f) => f.customerId === failed.customerId);
        const uncertainRow = section.fields.find((f) => f.customerId === uncertain.customerId);
        assert.ok(failedRow && uncertainRow, 'each row links to its case');
        assert.match(failedRow.label, /^⚠️ /);
        assert.ok(failedRow.value.startsWith(`sms · ${c.failed} · `), failedRow.value);
        assert.match(failedRow.value, c.ago);
        assert.match(uncertainRow.label, /^❓ /);
        assert.ok(uncertainRow.value.startsWith('telegram · '), uncertainRow.value);
        assert.match(uncertainRow.value, c.uncertain);
        // `/cs inbox` is the same list.
        assert.deepEqual(
          (await findCommand(t.desk.commands, 'inbox')!.run([], OWNER)).sections,
          reply.sections,
        );

        const before = await buildDigest(t.desk.attention, '2026-12-07');
        const count = before.sections.flatMap((s) => s.fields).find((f) => f.label === c.digestLabel);
        assert.equal(count?.value, '2');

        // The owner answers the same customer again and that reply is delivered.
        const later = await approveReply(t.desk, inbound('sms', '+15550002222', OUR_NUMBER), 'Sorry, again.');
        assert.equal((await settle(t.desk, later)).status, 'sent');
        assert.equal((await t.desk.store.getJob(failed.id))?.status, 'failed', 'the old one stays failed');
        const after = await due(t);
        assert.deepEqual(
          after.sections[0]?.fields.map((f) => f.customerId),
          [uncertain.customerId],
          'only the uncertain reply still needs the owner',
        );
        const digest = await buildDigest(t.desk.attention, '2026-12-07');
        assert.equal(
          digest.sections.flatMap((s) => s.fields).find((f) => f.label === c.digestLabel)?.value,
          '1',
        );

        // Answered: nothing needs the owner any more.
        await t.desk.store.answerUncertainJob(uncertain.id, 'arrived', new Date());
        const none = await due(t);
        assert.deepEqual(none.sections, []);
        assert.ok(none.text);
      } finally {
        await t.stop();
      }
    });
  }
});
