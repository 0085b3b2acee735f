/** Logs never carry message bodies, OpenIDs, the access_token, the app secret, Token or AES key. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureLog } from '../../support/log-capture.js';
import { outboundJob } from '../../support/outbound-job.js';
import { startWechatHarness, WECHAT } from './harness.js';

test('WeChat: nothing sensitive reaches the log', async () => {
  const { logger, lines } = captureLog('debug');
  const h = await startWechatHarness({ safeMode: true, logger, connector: { greeting: 'welcome-text-77' } });
  try {
    const openid = 'oSECRETIVE_openid_42';
    const { fields } = h.emulator.userMessage(openid, 'text', { Content: 'my card number is 4111 1111' });
    assert.equal((await h.emulator.push(h.url, fields)).status, 200);
    assert.equal((await h.emulator.push(h.url, fields, { signWith: 'wrongtoken' })).status, 403);
    assert.equal((await h.emulator.push(h.url, h.emulator.userEvent(openid, 'subscribe'))).status, 200);
    const ref = `wechat:${h.emulator.accountId}:${openid}`;
    assert.equal(
      (await h.module.connector.send(outboundJob('wechat', ref, 'We never store card numbers'))).kind,
      'sent',
    );
    h.emulator.expireTokens();
    await h.module.connector.send(outboundJob('wechat', ref, 'second secret reply'));
    h.clock.advance(49 * 3_600_000);
    await h.module.connector.send(outboundJob('wechat', ref, 'third secret reply'));
    await new Promise((r) => setTimeout(r, 100));
    const log = lines.join('');
    assert.ok(lines.length >= 3, 'the connector did log');
    const tokens = h.emulator.sent.map((s) => s.token);
    for (const secret of [
      '4111',
      'card numbers',
      'secret reply',
      'welcome-text',
      openid,
      WECHAT.appSecret,
      WECHAT.token,
      WECHAT.encodingAesKey,
      ...tokens,
    ]) {
      assert.ok(!log.includes(secret), `the log does not contain ${secret}`);
    }
  } finally {
    await h.close();
  }
});
