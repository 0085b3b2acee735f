/**
 * An uncertain delivery in Slack (src/core/outbox-uncertain.ts): after a crash mid-send on a
 * channel that cannot recognise a repeat, the case's card asks "Send again / It arrived"; a
 * stranger's click changes nothing, the owner's Send again resends once, a second click nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { approveReply, inbound } from '../../support/approve-reply.js';
import { crashMidSend, fakePlatform, movableClock, settle } from '../../support/crash-mid-send.js';
import { FORM, buttonClick, interactionForm, postSigned } from '../../support/slack-emulator/requests.js';
import {
  OWNER,
  SIGNING_SECRET,
  STRANGER,
  SUPPORT,
  startSlackDesk,
  type SlackDesk,
} from '../../support/slack-emulator/harness.js';

const clock = movableClock();
const platform = fakePlatform('telegram');
let d: SlackDesk;
before(async () => {
  d = await startSlackDesk({ overrides: { connectors: [platform.module], clock } });
});
after(() => d.stop());

test('the owner answers an uncertain delivery in Slack; strangers and second clicks change nothing', async () => {
  await d.desk.outbox.stop();
  const jobId = await approveReply(d.desk, inbound('telegram', '4001', ''), 'Your refund is on its way.');
  await crashMidSend(d.desk, platform, jobId, clock);
  d.desk.outbox.start();
  assert.equal((await settle(d.desk, jobId)).status, 'uncertain');
  await d.settle();

  const card = d.emu.messages.find((m) =>
    JSON.stringify(m.blocks ?? []).includes(`sd1:uncertain:${jobId}:resend`),
  );
  assert.ok(card, 'the case card offers Send again');
  const blocks = JSON.stringify(card.blocks);
  assert.match(blocks, /This reply may already have reached the customer \(the desk stopped while sending\)/);
  assert.match(blocks, /Send again/);
  assert.match(blocks, /It arrived/);

  const click = async (user: string, answer: 'resend' | 'arrived') => {
    const payload = buttonClick({
      user,
      actionId: `sd1:uncertain:${jobId}:${answer}`,
      channel: SUPPORT,
      messageTs: card.ts,
      threadTs: card.thread_ts ?? card.ts,
      triggerId: d.emu.triggerId(),
      responseUrl: d.emu.responseUrl(),
    });
    const res = await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), {
      contentType: FORM,
    });
    assert.equal(res.status, 200);
    await d.settle();
  };
  await click(STRANGER, 'resend');
  await click(STRANGER, 'arrived');
  assert.equal((await d.desk.store.getJob(jobId))?.status, 'uncertain', 'a stranger cannot answer');
  assert.deepEqual(platform.sent, [jobId]);

  await click(OWNER, 'resend');
  assert.equal((await settle(d.desk, jobId)).status, 'sent');
  await click(OWNER, 'resend');
  await click(OWNER, 'arrived');
  await d.desk.drain();
  const job = await d.desk.store.getJob(jobId);
  assert.equal(job?.status, 'sent');
  assert.equal(job?.attempts, 2);
  assert.deepEqual(platform.sent, [jobId, jobId], 'sent once more, once');
  assert.deepEqual(d.emu.violations, []);
});
