import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDiscordClient, type DiscordClientHandle } from '../../../connectors/discord/client.js';
import { createDiscordConnector, nonceFor } from '../../../connectors/discord/index.js';
import type { ConnectorModule } from '../../../connectors/module.js';
import type { Customer } from '../../../src/core/model.js';
import type { OutboundMessage } from '../../../src/core/ports.js';
import { DiscordEmulator } from '../../support/discord-emulator/index.js';
import {
  recordingIntake,
  recordingPacer,
  silentLogger,
  type RecordingIntake,
} from '../../support/discord-emulator/harness.js';

const customer: Customer = { id: 'c1', createdAt: new Date(), optedOut: [] };

function outbound(userId: string, text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    jobId: 'j1',
    idempotencyKey: `key-${Math.random()}`,
    channel: 'discord',
    replyRef: `discord:dm:${userId}`,
    text,
    purpose: 'reply',
    customer,
    conversationId: 'conv-1',
    language: 'en',
    ...extra,
  };
}

describe('discord DM connector against the emulator', () => {
  let emu: DiscordEmulator;
  let handle: DiscordClientHandle;
  let module: ConnectorModule;
  let intake: RecordingIntake;
  const pacer = recordingPacer();

  before(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 150 });
    handle = createDiscordClient({ token: emu.token, apiUrl: emu.apiUrl, rest: { retries: 0 } });
    module = createDiscordConnector(
      { client: handle },
      {
        logger: silentLogger(),
        pacer,
        clock: { now: () => new Date() },
        publicUrl: 'http://x',
        appSecret: 's'.repeat(32),
        dataDir: '/tmp',
      },
    );
    intake = recordingIntake();
    await module.connector.start(intake);
  });

  after(async () => {
    await module.connector.stop();
    await emu.close();
  });

  test('logs in over the gateway with the intents the desk needs and keeps the heartbeat', async () => {
    assert.equal(emu.gatewayStats.identifies.length, 1);
    const intents = emu.gatewayStats.identifies[0]!.intents;
    for (const bit of [1 << 0, 1 << 9, 1 << 12, 1 << 15])
      assert.ok(intents & bit, `intent bit ${bit} requested`);
    await emu.waitFor(() => emu.gatewayStats.heartbeatAcks >= 1, 3000, 'a heartbeat');
    assert.equal(module.connector.health().state, 'up');
  });

  test('a DM becomes an InboundMessage keyed on the Discord user id; bots and repeats are not', async () => {
    const alice = emu.user('alice', { globalName: 'Alice Chen' });
    const dm = emu.sendDM(alice, 'Where is my order #1234?');
    await emu.waitFor(() => intake.received.length === 1 || undefined, 3000, 'the DM');
    const got = intake.received[0]!;
    assert.equal(got.channel, 'discord');
    assert.equal(got.externalId, dm.id);
    assert.deepEqual(got.from, { address: alice.id, displayName: 'Alice Chen' });
    assert.equal(got.replyRef, `discord:dm:${alice.id}`);
    assert.equal(got.text, 'Where is my order #1234?');

    // The same gateway event twice (a resume replay) is stored once by the intake.
    emu.sendDM(alice, 'Where is my order #1234?', { id: String(dm.id) });
    const bot = emu.user('otherbot', { bot: true });
    emu.sendDM(bot, 'I am a bot');
    emu.sendDM(alice, 'second');
    await emu.waitFor(() => intake.received.length === 2 || undefined, 3000, 'the second DM');
    assert.deepEqual(
      intake.received.map((m) => m.text),
      ['Where is my order #1234?', 'second'],
    );
  });

  test('a reply goes back as a DM; long text is split under 2,000 characters', async () => {
    const bob = emu.user('bob');
    const short = await module.connector.send(outbound(bob.id, 'Your parcel left today.'));
    assert.equal(short.kind, 'sent');
    const long = 'word '.repeat(900).trim(); // 4,499 characters
    const result = await module.connector.send(outbound(bob.id, long));
    assert.equal(result.kind, 'sent');
    const dms = emu.dmsTo(bob.id);
    assert.equal(dms.length, 4);
    assert.equal(dms[0]!.content, 'Your parcel left today.');
    for (const m of dms) assert.ok(String(m.content).length <= 2000);
    assert.equal(
      dms
        .slice(1)
        .map((m) => String(m.content))
        .join(' '),
      long,
    );
    assert.equal(result.kind === 'sent' && result.externalId, dms[3]!.id);
    assert.deepEqual(emu.violations, []);
    const paced = pacer.scheduled.filter((s) => s.destination === bob.id);
    assert.deepEqual(
      paced.map((s) => s.weight),
      [1, 3],
    );
  });

  test('the same idempotency key never posts twice (enforce_nonce)', async () => {
    const carol = emu.user('carol');
    const msg = outbound(carol.id, 'Refund issued.', { idempotencyKey: 'job-42' });
    const first = await module.connector.send(msg);
    const again = await module.connector.send(msg);
    assert.equal(emu.dmsTo(carol.id).length, 1);
    assert.deepEqual(first, again);
    assert.equal(nonceFor('job-42', 0).length, 25);
  });

  test('a user who cannot be reached is rejected, a server error is retried', async () => {
    const gone = await module.connector.send(outbound('999999999999999999', 'hello'));
    assert.equal(gone.kind, 'rejected');
    const dave = emu.user('dave');
    emu.fail('POST', /^\/channels\/\d+\/messages$/, 500);
    const flaky = await module.connector.send(outbound(dave.id, 'hello'));
    assert.equal(flaky.kind, 'retry');
    const bad = await module.connector.send({ ...outbound(dave.id, 'x'), replyRef: 'sms:+1:+2' });
    assert.equal(bad.kind, 'rejected');
    assert.deepEqual(module.connector.canSend?.('discord', 'discord:dm:abc', customer), {
      ok: false,
      reason: 'not a Discord DM reference',
    });
  });

  test('a 429 is honoured: one wait of retry_after, then one retry, no storm', async () => {
    const erin = emu.user('erin');
    emu.rateLimit('POST', /^\/channels\/\d+\/messages$/, 0.3);
    const before = emu.calls.length;
    const result = await module.connector.send(outbound(erin.id, 'slow down'));
    assert.equal(result.kind, 'sent');
    const posts = emu.calls.slice(before).filter((c) => c.method === 'POST' && /\/messages$/.test(c.path));
    assert.deepEqual(
      posts.map((c) => c.status),
      [429, 200],
    );
    assert.ok(posts[1]!.at - posts[0]!.at >= 300, 'the retry waited for retry_after');
    assert.equal(emu.dmsTo(erin.id).length, 1);
    assert.ok(emu.invalidRequests < 10_000);
  });

  test('a long 429 is not waited out in process: the outbox gets retry with retryAfterMs', async () => {
    const hal = emu.user('hal');
    emu.rateLimit('POST', /^\/channels\/\d+\/messages$/, 60);
    const result = await module.connector.send(outbound(hal.id, 'later'));
    assert.equal(result.kind, 'retry');
    assert.ok(result.kind === 'retry' && (result.retryAfterMs ?? 0) >= 60_000);
    assert.equal(emu.dmsTo(hal.id).length, 0);
  });

  test('a rating request carries five buttons; a click is recorded and the buttons go', async () => {
    const fay = emu.user('fay');
    await module.connector.send(
      outbound(fay.id, '请为本次服务打分', { purpose: 'rating_request', language: 'zh' }),
    );
    const [request] = emu.dmsTo(fay.id);
    const row = (request!.components as { components: { custom_id: string }[] }[])[0]!;
    assert.equal(row.components.length, 5);
    for (const b of row.components) assert.ok(b.custom_id.length <= 100);
    const click = emu.click(fay, String(request!.id), row.components[3]!.custom_id);
    const ack = await emu.acknowledged(click);
    assert.equal(ack.type, 6); // deferred update, within the deadline
    await emu.waitFor(
      () => (request!.components as unknown[]).length === 0 || undefined,
      3000,
      'buttons removed',
    );
    assert.match(String(request!.content), /感谢您的评分/);
    assert.deepEqual(intake.ratings.at(-1), {
      channel: 'discord',
      address: fay.id,
      conversationId: 'conv-1',
      score: 4,
    });
    assert.deepEqual(emu.violations, []);
  });
});

describe('discord DMs sent while the desk was offline', () => {
  test('are read from the DM history after the stored cursor, once, in order', async () => {
    const emu = await DiscordEmulator.start();
    const saved = new Map<string, string>();
    const cursors = {
      get: async (k: string) => saved.get(k),
      set: async (k: string, v: string) => void saved.set(k, v),
    };
    const intake = recordingIntake();
    const deps = {
      logger: silentLogger(),
      pacer: recordingPacer(),
      clock: { now: () => new Date() },
      publicUrl: 'http://x',
      appSecret: 's'.repeat(32),
      dataDir: '/tmp',
      cursors,
    };
    const open = async () => {
      const handle = createDiscordClient({ token: emu.token, apiUrl: emu.apiUrl, rest: { retries: 0 } });
      const m = createDiscordConnector({ client: handle }, deps);
      await m.connector.start(intake);
      return m;
    };
    try {
      const gina = emu.user('gina');
      let module = await open();
      emu.sendDM(gina, 'before the restart');
      await emu.waitFor(() => intake.received.length === 1 || undefined, 3000, 'first DM');
      await emu.waitFor(() => saved.size === 1 || undefined, 3000, 'cursor saved');
      await module.connector.stop();

      emu.sendDM(gina, 'while offline 1');
      emu.sendDM(gina, 'while offline 2');
      module = await open();
      await emu.waitFor(() => intake.received.length === 3 || undefined, 5000, 'caught-up DMs');
      assert.deepEqual(
        intake.received.map((m) => m.text),
        ['before the restart', 'while offline 1', 'while offline 2'],
      );
      const history = emu.calls.filter((c) => c.method === 'GET' && /\/messages$/.test(c.path));
      assert.equal(history.length, 1, 'one page of history read');
      await module.connector.stop();
    } finally {
      await emu.close();
    }
  });
});
