/** A whole desk with the Slack console wired to the Slack emulator, for Slack tests. */
import { startTestDesk, type TestDesk } from '../desk-harness.js';
import type { DeskOverrides } from '../../../src/app.js';
import {
  createSlackConsole,
  type SlackConsoleModule,
  type SlackConsoleOptions,
} from '../../../src/console/slack/index.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import type { Command } from '../../../commands/command.js';
import assert from 'node:assert/strict';
import { startSlackEmulator, type SlackEmulator, type SlackEmulatorOptions } from './index.js';
import { buttonClick, FORM, interactionForm, postSigned, viewSubmission } from './requests.js';

import {
  FAST,
  OWNER as OWNER_ID,
  SIGNING_SECRET as SIGNING_SECRET_VALUE,
  SUPPORT as SUPPORT_CHANNEL,
  silentLogger,
} from './fixtures.js';

export { FAST, OWNER, SIGNING_SECRET, STRANGER, SUPPORT, silentLogger } from './fixtures.js';

export interface SlackDesk extends TestDesk {
  emu: SlackEmulator;
  slack: SlackConsoleModule;
  /** POST /slack/events on the desk. */
  eventsUrl: string;
  /** Waits until the pipeline, outbox and Slack posts are quiet. */
  settle(): Promise<void>;
}

export interface SlackDeskOptions {
  emulator?: SlackEmulatorOptions;
  console?: Partial<SlackConsoleOptions>;
  commands?: Command[];
  ownerLanguage?: 'en' | 'zh';
  overrides?: DeskOverrides;
  /** Desk environment (testConfig variables). */
  env?: Record<string, string>;
}

export async function startSlackDesk(options: SlackDeskOptions = {}): Promise<SlackDesk> {
  const emu = await startSlackEmulator({ postWindowMs: FAST.postWindowMs, ...options.emulator });
  const pacer = createBottleneckPacer();
  const slack = createSlackConsole(
    {
      botToken: 'xoxb-test-token',
      signingSecret: SIGNING_SECRET_VALUE,
      channelId: SUPPORT_CHANNEL,
      ownerIds: [OWNER_ID],
      apiUrl: emu.apiUrl,
      timeZone: 'UTC',
      pacing: FAST.pacing,
      retryConfig: { retries: 0 },
      ...options.console,
    },
    {
      logger: silentLogger,
      pacer,
      clock: { now: () => new Date() },
      commands: options.commands ?? [],
      ownerLanguage: options.ownerLanguage ?? 'en',
    },
  );
  const test = await startTestDesk({
    ...(options.env ? { env: options.env } : {}),
    overrides: { pacer, ...options.overrides, consoles: [slack, ...(options.overrides?.consoles ?? [])] },
  });
  return {
    ...test,
    emu,
    slack,
    eventsUrl: `${test.desk.url}/slack/events`,
    async settle() {
      for (let i = 0; i < 3; i += 1) {
        await test.desk.drain();
        await slack.drain();
      }
    },
    async stop() {
      await test.stop();
      await emu.close();
    },
  };
}

/**
 * The owner (named "owner") submits a modal as Slack would send it, signed; fails unless the desk
 * answers 200, then waits until the desk is quiet.
 */
export async function submitView(
  d: SlackDesk,
  view: { callback_id: string; private_metadata: string },
  values: Record<string, unknown>,
): Promise<Response> {
  const payload = viewSubmission({
    user: OWNER_ID,
    name: 'owner',
    triggerId: d.emu.triggerId(),
    view,
    values,
  });
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET_VALUE, interactionForm(payload), {
    contentType: FORM,
  });
  assert.equal(res.status, 200);
  await d.settle();
  return res;
}

/**
 * Someone (the owner unless `user` says otherwise) taps a button on a message in the support
 * channel, signed as Slack signs it; fails unless the desk answers 200, then waits until it is quiet.
 */
export async function tapButton(
  d: SlackDesk,
  tap: { actionId: string; messageTs: string; threadTs?: string; user?: string; channel?: string },
): Promise<void> {
  const payload = buttonClick({
    user: tap.user ?? OWNER_ID,
    actionId: tap.actionId,
    channel: tap.channel ?? SUPPORT_CHANNEL,
    messageTs: tap.messageTs,
    ...(tap.threadTs ? { threadTs: tap.threadTs } : {}),
    triggerId: d.emu.triggerId(),
    responseUrl: d.emu.responseUrl(),
  });
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET_VALUE, interactionForm(payload), {
    contentType: FORM,
  });
  assert.equal(res.status, 200);
  await d.settle();
}
