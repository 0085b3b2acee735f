/** With OWNER_LANGUAGE=zh the owner reads cards, menus and refusals in Chinese. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sms } from '../../support/desk-harness.js';
import { FORM, buttonClick, interactionForm, postSigned } from '../../support/slack-emulator/requests.js';
import {
  SIGNING_SECRET,
  STRANGER,
  SUPPORT,
  startSlackDesk,
  type SlackDesk,
} from '../../support/slack-emulator/harness.js';

let d: SlackDesk;
before(async () => {
  d = await startSlackDesk({ ownerLanguage: 'zh' });
});
after(async () => {
  await d.stop();
});

test('cards and refusals in Chinese', async () => {
  await d.connector.intake().receive(sms('我的订单什么时候到？', '+8613800138000'));
  await d.settle();
  const root = d.emu.messages.find((m) => m.channel === SUPPORT && !m.thread_ts)!;
  const rootText = JSON.stringify(root.blocks);
  assert.match(rootText, /联系方式/);
  assert.match(rootText, /处理中/);
  assert.match(rootText, /标记已解决/);
  const [inbound, draft] = d.emu.thread(SUPPORT, root.ts).filter((m) => m.thread_ts);
  assert.match(JSON.stringify(inbound?.blocks), /订单 · 紧急度 普通 · zh/);
  assert.match(JSON.stringify(draft?.blocks), /回复草稿/);
  assert.match(JSON.stringify(draft?.blocks), /"发送"/);

  const sendId = JSON.stringify(draft?.blocks).match(/sd1:send:[A-Za-z0-9_.-]+/)![0];
  const responseUrl = d.emu.responseUrl();
  const payload = buttonClick({
    user: STRANGER,
    actionId: sendId,
    channel: SUPPORT,
    messageTs: draft!.ts,
    threadTs: root.ts,
    triggerId: d.emu.triggerId(),
    responseUrl,
  });
  await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), { contentType: FORM });
  await d.settle();
  const refusal = d.emu.responses.get(responseUrl.split('/').pop()!)?.posts[0];
  assert.match(String(refusal?.text), /只有客服负责人/);
  assert.equal(d.connector.sent.length, 0);
  assert.deepEqual(d.emu.violations, []);
});
