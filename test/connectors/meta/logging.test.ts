/** Logs never carry message bodies, customer ids, tokens or secrets (even at debug level). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureLog } from '../../support/log-capture.js';
import { outboundJob } from '../../support/outbound-job.js';
import { PAGE_TOKEN, SECRET, startMetaHarness, VERIFY } from './harness.js';

test('Meta: nothing sensitive reaches the log', async () => {
  const { logger, lines } = captureLog('debug');
  const h = await startMetaHarness(logger);
  try {
    const psid = 'psid-secretive-42';
    const { payload } = h.emulator.userMessage('messenger', psid, { text: 'my card number is 4111 1111' });
    assert.equal((await h.emulator.deliver(h.webhookUrl, payload)).status, 200);
    assert.equal((await h.emulator.deliver(h.webhookUrl, payload, { secret: 'wrong' })).status, 401);
    const result = await h.module.connector.send(
      outboundJob('messenger', `messenger::${psid}`, 'We never store card numbers, sorry!'),
    );
    assert.equal(result.kind, 'sent');
    h.emulator.failNext(1, { status: 400, error: { message: 'bad', type: 'OAuthException', code: 100 } });
    await h.module.connector.send(outboundJob('messenger', `messenger::${psid}`, 'second secret reply'));
    const log = lines.join('');
    assert.ok(lines.length >= 3, 'the connector did log');
    for (const secret of ['4111', 'card numbers', 'second secret', psid, PAGE_TOKEN, SECRET, VERIFY]) {
      assert.ok(!log.includes(secret), `the log does not contain ${secret}`);
    }
  } finally {
    await h.close();
  }
});
