/**
 * A SlackPoster with the real WebClient against a fresh Slack emulator, paced as in the Slack
 * tests (FAST): what the publisher tests post through. `close()` stops the pacer and the emulator.
 */
import { webApi } from '@slack/bolt';
import { SlackPoster, slackPaceRules } from '../../../src/console/slack/poster.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import { FAST, silentLogger } from './fixtures.js';
import { startSlackEmulator, type SlackEmulator } from './index.js';

export interface PosterRig {
  emu: SlackEmulator;
  client: webApi.WebClient;
  poster: SlackPoster;
  close(): Promise<void>;
}

export async function startPosterRig(): Promise<PosterRig> {
  const emu = await startSlackEmulator({ postWindowMs: FAST.postWindowMs });
  const pacer = createBottleneckPacer();
  for (const rule of slackPaceRules(FAST.pacing)) pacer.define(rule);
  const client = new webApi.WebClient('xoxb-test-token', {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const poster = new SlackPoster(client, pacer, silentLogger, {
    maxRateLimitWaits: 5,
    postGapMs: FAST.pacing.postMs,
  });
  return {
    emu,
    client,
    poster,
    async close() {
      await pacer.stop();
      await emu.close();
    },
  };
}
