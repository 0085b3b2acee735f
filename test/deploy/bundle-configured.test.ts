/**
 * The bundled build with the platforms configured (against the local emulators): the SDKs the
 * bundle loads lazily do their work from their chunks. discord.js logs in over the gateway. Replies queued before the start go out
 * through Twilio's SDK, Telegram's API and nodemailer (SMTP); the owner's `/cs stats` in Slack
 * is answered through Bolt and the chart (vega-lite, vega, resvg) is uploaded to Slack. On
 * MONGODB_URI the bundled mongoose driver connects, creates the indexes and serves the store.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDesk } from '../../src/app.js';
import { approveReply, inbound } from '../support/approve-reply.js';
import { startSmtpRecorder, type SmtpRecorder } from '../support/dovecot/smtp-recorder.js';
import { freePort } from '../support/free-port.js';
import { startMongoWire } from '../support/mongo-wire/server.js';
import { DiscordEmulator } from '../support/discord-emulator/index.js';
import { commandForm, FORM, postSigned } from '../support/slack-emulator/requests.js';
import { stubClassifier, stubDrafter } from '../support/stub-nlp.js';
import { testConfig, tempDir } from '../support/test-config.js';
import {
  deskEnv,
  SLACK,
  startEmulators,
  travelClock,
  TWILIO,
  waitFor,
  type Emulators,
} from '../e2e/omni-desk.js';
import { assembleApp, startBundle, type Running } from './bundle-support.js';

// One assembled folder for both runs.
let app = '';
before(() => {
  ({ app } = assembleApp());
});

describe('the bundled build with Slack, Twilio, Meta, Telegram, email and Discord configured', () => {
  let emulators: Emulators;
  let discord: DiscordEmulator;
  let smtp: SmtpRecorder;
  let desk: Running | undefined;
  let env: Record<string, string>;
  let port = 0;

  before(async () => {
    emulators = await startEmulators(travelClock());
    smtp = await startSmtpRecorder();
    discord = await DiscordEmulator.start();
    port = await freePort();
    env = {
      ...deskEnv(emulators, tempDir(), port),
      HOST: '127.0.0.1',
      APP_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'warn',
      TERMINAL_CONSOLE: 'off',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: 'false',
      EMAIL_FROM: 'Shop Support <support@shop.example>',
    };
    // Discord DMs (discord.js over the emulator's gateway), added after the seed desk ran.
    const withDiscord = { DISCORD_BOT_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl };
    // Replies queued by a desk whose outbox does not run: the bundle sends them after its start.
    const seed = await createDesk(testConfig(env), {
      classifier: stubClassifier,
      drafter: stubDrafter,
      terminal: false,
    });
    await seed.start();
    await seed.outbox.stop();
    emulators.telegram.openChat(616161);
    await approveReply(seed, inbound('sms', '+15550400001', TWILIO.number), 'Your parcel left today.');
    await approveReply(seed, inbound('telegram', '616161', TWILIO.number), 'Your parcel left today.');
    await approveReply(seed, inbound('email', 'cy@example.com', TWILIO.number), 'Your parcel left today.');
    await seed.stop();
    desk = await startBundle(app, { ...env, ...withDiscord }, port);
  });

  after(async () => {
    await desk?.stop();
    await smtp.stop();
    await emulators.slack.close();
    await emulators.twilio.stop();
    await emulators.meta.stop();
    await emulators.telegram.stop();
    await discord.close();
  });

  it('reports every connector and the Slack console up', async () => {
    // /health answers while the connectors start (by design): wait for them to come up.
    const health = await waitFor('every connector up', async () => {
      const h = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        connectors: Record<string, { state: string }>;
        consoles: unknown[];
      };
      return Object.values(h.connectors).every((c) => c.state === 'up') && h;
    });
    for (const name of ['webchat', 'twilio', 'meta', 'telegram', 'email', 'discord']) {
      assert.equal(health.connectors[name]?.state, 'up', `${name}: ${JSON.stringify(health)}`);
    }
    assert.match(JSON.stringify(health.consoles), /slack/);
    assert.equal(discord.gatewayStats.identifies.length, 1, 'discord.js logged in over the gateway');
  });

  it('sends the queued replies by SMS (Twilio SDK), Telegram and email (nodemailer)', async () => {
    await waitFor('the SMS', () => emulators.twilio.messages.some((m) => m.to === '+15550400001'));
    await waitFor('the Telegram reply', () => emulators.telegram.sent.some((m) => m.chatId === '616161'));
    await smtp.waitFor(1, 15_000);
    assert.ok(smtp.mails.some((m) => m.envelope.to.includes('cy@example.com')));
  });

  it('answers /cs stats in Slack (Bolt) and uploads the chart', async () => {
    const body = commandForm({
      command: '/cs',
      text: 'stats',
      user_id: SLACK.owner,
      user_name: 'owner',
      channel_id: SLACK.channel,
      response_url: emulators.slack.responseUrl(),
      trigger_id: emulators.slack.triggerId(),
    });
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, SLACK.signingSecret, body, {
      contentType: FORM,
    });
    assert.equal(res.status, 200);
    const upload = await waitFor('the chart uploaded to Slack', () =>
      [...emulators.slack.uploads.values()].find((u) => u.completed && u.filename.endsWith('.png')),
    );
    assert.ok((upload.received ?? upload.length) > 1000, `a real PNG: ${JSON.stringify(upload)}`);
    assert.deepEqual(emulators.slack.violations, []);
  });
});

describe('the bundled build on the MongoDB store (the wire test server)', () => {
  it('connects through the bundled driver, creates its indexes and reports the store up', async () => {
    const wire = await startMongoWire();
    const port = await freePort();
    const desk = await startBundle(
      app,
      {
        PORT: String(port),
        DATA_DIR: tempDir(),
        TERMINAL_CONSOLE: 'off',
        MONGODB_URI: `${wire.uri}/solodesk_bundle`,
      },
      port,
    );
    try {
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { store: string };
      assert.equal(health.store, 'up');
      await waitFor('the indexes created', () => wire.commands.includes('createIndexes'));
      assert.match(desk.output(), /using the MongoDB store/);
    } finally {
      await desk.stop();
      await wire.close();
    }
  });
});
