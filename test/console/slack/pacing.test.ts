/**
 * §7.6: the emulator answers 429 + Retry-After: 1 to a second chat.postMessage in one channel
 * within 1 s. With the production pacing no 429 happens; with pacing switched off the
 * 429s are waited out and every message still arrives, in order.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { webApi } from '@slack/bolt';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import { DEFAULT_PACING, SlackPoster, slackPaceRules } from '../../../src/console/slack/poster.js';
import { startSlackEmulator, type SlackEmulator } from '../../support/slack-emulator/index.js';
import { silentLogger } from '../../support/slack-emulator/fixtures.js';

const open: { emu: SlackEmulator; stop: () => Promise<void> }[] = [];
after(async () => {
  for (const o of open) await o.stop();
});

async function setup(postMs: number) {
  const emu = await startSlackEmulator(); // Slack's own window: 1 s per channel
  const pacer = createBottleneckPacer();
  for (const rule of slackPaceRules({ ...DEFAULT_PACING, postMs })) pacer.define(rule);
  const client = new webApi.WebClient('xoxb-test-token', {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const poster = new SlackPoster(client, pacer, silentLogger, { maxRateLimitWaits: 10, postGapMs: postMs });
  open.push({ emu, stop: async () => (await pacer.stop(), await emu.close()) });
  return { emu, poster };
}

test('production pacing (1 post/s per channel) never meets a 429', async () => {
  assert.equal(DEFAULT_PACING.postMs, 1000);
  const { emu, poster } = await setup(DEFAULT_PACING.postMs);
  await Promise.all(['one', 'two', 'three'].map((text) => poster.post({ channel: 'C0SUPPORT', text })));
  assert.equal(emu.rateLimited, 0);
  assert.deepEqual(
    emu.messages.map((m) => m.text),
    ['one', 'two', 'three'],
  );
});

test('without pacing, 429s are waited out (Retry-After) and nothing is lost or reordered', async () => {
  const { emu, poster } = await setup(0);
  await Promise.all(['a', 'b', 'c'].map((text) => poster.post({ channel: 'C0SUPPORT', text })));
  assert.ok(emu.rateLimited >= 1, 'the emulator did rate limit');
  assert.equal(poster.rateLimited, emu.rateLimited);
  assert.deepEqual(
    emu.messages.map((m) => m.text),
    ['a', 'b', 'c'],
  );
  assert.ok(emu.callsTo('chat.postMessage').some((c) => c.status === 429));
});
