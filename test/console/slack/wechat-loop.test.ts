/**
 * The WeChat loop with the Slack console: a signed text push is answered `success`
 * within 5 s and lands in the customer's Slack thread labelled WeChat; a signed Send click
 * delivers exactly one customer-service message to that OpenID; a second click changes nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAction } from '../../../src/console/card.js';
import { WechatEmulator } from '../../support/wechat-emulator/index.js';
import { type SlackDesk, startSlackDesk, SUPPORT, tapButton } from '../../support/slack-emulator/harness.js';

const WECHAT = { appId: 'wx0123456789abcdef', appSecret: 'wechat-app-secret-0123', token: 'desktoken42' };
let d: SlackDesk;
let wechat: WechatEmulator;
before(async () => {
  wechat = new WechatEmulator(WECHAT);
  await wechat.start();
  d = await startSlackDesk({
    env: {
      WECHAT_APP_ID: WECHAT.appId,
      WECHAT_APP_SECRET: WECHAT.appSecret,
      WECHAT_TOKEN: WECHAT.token,
      WECHAT_API_URL: wechat.apiUrl,
    },
  });
});
after(async () => {
  await d.stop();
  await wechat.stop();
});

test('WeChat push → Slack thread labelled WeChat; Send delivers one customer-service message', async () => {
  const { fields } = wechat.userMessage('oSLACK_1', 'text', { Content: 'Hi, where is my order 88?' });
  const answer = await wechat.push(`${d.desk.url}/wechat`, fields);
  assert.equal(answer.status, 200);
  assert.equal(answer.body, 'success');
  assert.ok(answer.ms < 5_000);
  await d.settle();

  const root = d.emu.messages.find((m) => m.channel === SUPPORT && !m.thread_ts);
  assert.ok(root, 'root posted');
  const thread = d.emu.thread(SUPPORT, root.ts).filter((m) => m.thread_ts);
  assert.match(JSON.stringify(thread[0]?.blocks), /WeChat/);
  assert.match(JSON.stringify(thread[0]?.blocks), /where is my order 88\?/);
  const draftCard = thread[1]!;
  const sendId = JSON.stringify(draftCard.blocks).match(/sd1:send:[A-Za-z0-9_.-]+/)?.[0];
  assert.ok(sendId && decodeAction(sendId)?.action === 'send');

  const clickOnce = () => tapButton(d, { actionId: sendId, messageTs: draftCard.ts, threadTs: root.ts });
  await clickOnce();
  await clickOnce();
  assert.equal(wechat.sent.length, 1, 'exactly one customer-service message');
  assert.equal(wechat.sent[0]?.openid, 'oSLACK_1');
  assert.equal(wechat.tokenFetches, 1);
  assert.deepEqual(wechat.violations, []);
  assert.deepEqual(d.emu.violations, []);
});
