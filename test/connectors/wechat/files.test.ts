/**
 * The owner's shared files on WeChat and the website chat (issue 19): neither carries a file,
 * so the customer gets the signed download link in the text, in their language.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { outboundFiles } from '../../support/outbound-files.js';
import { outboundJob } from '../../support/outbound-job.js';
import { ChatClient, addressOf, outbound, startChatServer } from '../webchat/harness.js';
import { startWechatHarness } from './harness.js';

const pdf = () =>
  outboundFiles('wechat', [{ name: '发票.pdf', contentType: 'application/pdf', bytes: randomBytes(900) }]);

test('WeChat: a file goes as its signed link in the customer-service text (Chinese customer)', async () => {
  const h = await startWechatHarness({});
  try {
    const openid = 'oFILES_openid_1';
    const { fields } = h.emulator.userMessage(openid, 'text', { Content: '请把发票发给我' });
    assert.equal((await h.emulator.push(h.url, fields)).status, 200);
    const ref = `wechat:${h.emulator.accountId}:${openid}`;
    const result = await h.module.connector.send(
      outboundJob('wechat', ref, '这是您的发票。', { files: pdf(), language: 'zh' }),
    );
    assert.equal(result.kind, 'sent');
    const sent = JSON.stringify(h.emulator.sent.at(-1));
    assert.match(sent, /这是您的发票。/);
    assert.match(sent, /📎 发票\.pdf：https:\/\/desk\.example\.com\/files\/out-test-0\//);
    assert.match(sent, /链接有效期至 \d{4}-\d{2}-\d{2}/);
  } finally {
    await h.close();
  }
});

test('website chat: a file goes as its signed link in the owner’s line', async () => {
  const chat = await startChatServer();
  try {
    const joined = await ChatClient.join(chat.wsUrl, chat.origin);
    const visitor = addressOf(String(joined.welcome.visitor));
    const files = outboundFiles('webchat', [
      { name: 'guide.pdf', contentType: 'application/pdf', bytes: randomBytes(900) },
    ]);
    const sent = await chat.module.connector.send(outbound(visitor, { text: 'The guide:', files }));
    assert.equal(sent.kind, 'sent');
    const pushed = await joined.client.next((f) => f.type === 'message');
    assert.match(
      (pushed.entry as { text: string }).text,
      /^The guide:\n📎 guide\.pdf: https:\/\/desk\.example\.com\/files\/out-test-0\/guide\.pdf\?exp=1&sig=x \(link valid until \d{4}-\d{2}-\d{2}\)$/,
    );
    joined.client.close();
  } finally {
    await chat.close();
  }
});
