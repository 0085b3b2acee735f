/** SLACK_* settings in the Config light up the Slack console in createDesk. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestDesk } from '../../support/desk-harness.js';
import { startSlackEmulator } from '../../support/slack-emulator/index.js';
import { SIGNING_SECRET } from '../../support/slack-emulator/harness.js';
import { postSigned } from '../../support/slack-emulator/requests.js';

test('with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_CHANNEL_ID the desk serves /slack/events', async () => {
  const emu = await startSlackEmulator();
  const d = await startTestDesk({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CHANNEL_ID: 'C0SUPPORT',
      SLACK_OWNER_IDS: 'U0OWNER, U0OTHER',
      SLACK_API_URL: emu.apiUrl,
    },
  });
  try {
    const health = (await (await fetch(`${d.desk.url}/health`)).json()) as { consoles: string[] };
    assert.ok(health.consoles.includes('slack'));
    assert.equal(emu.callsTo('auth.test').at(-1)?.ok, true, 'token checked against SLACK_API_URL at start');
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c' });
    assert.equal((await postSigned(`${d.desk.url}/slack/events`, SIGNING_SECRET, body)).status, 200);
    assert.equal((await postSigned(`${d.desk.url}/slack/events`, 'wrong', body)).status, 401);
  } finally {
    await d.stop();
    await emu.close();
  }
});
