/** Logs never carry message bodies, chat ids, the bot token or the webhook secret. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureLog } from '../../support/log-capture.js';
import { outboundJob } from '../../support/outbound-job.js';
import { SECRET, startTelegramHarness, TOKEN } from './harness.js';

test('Telegram: nothing sensitive reaches the log', async () => {
  const { logger, lines } = captureLog('debug');
  const h = await startTelegramHarness({ webhookSecret: SECRET }, undefined, logger);
  try {
    const update = await h.emulator.userMessage(918273645, 'my passport is X1234567');
    assert.equal(await h.emulator.deliverWebhook(update, 'bad'), 401);
    await h.emulator.userPhoto(918273645, 'photo of my passport');
    const result = await h.module.connector.send(
      outboundJob('telegram', 'telegram::918273645', 'Please never send passports here'),
    );
    assert.equal(result.kind, 'sent');
    const log = lines.join('');
    assert.ok(lines.length >= 3, 'the connector did log');
    for (const secret of [
      'passport',
      'X1234567',
      '918273645',
      TOKEN,
      TOKEN.split(':')[1] as string,
      SECRET,
    ]) {
      assert.ok(!log.includes(secret), `the log does not contain ${secret}`);
    }
  } finally {
    await h.close();
  }
});
