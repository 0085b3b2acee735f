/**
 * A Discord DM that could not be delivered shows its reason on the owner's card, so with
 * OWNER_LANGUAGE=zh it is in Chinese (it used to pass Discord's English on: "discord 400
 * (50007): Cannot send messages to this user"); English keeps Discord's own words.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDiscordClient, type DiscordClientHandle } from '../../../connectors/discord/client.js';
import { createDiscordConnector } from '../../../connectors/discord/index.js';
import type { ConnectorModule } from '../../../connectors/module.js';
import type { Customer } from '../../../src/core/model.js';
import type { OutboundMessage, SendResult } from '../../../src/core/ports.js';
import { DiscordEmulator } from '../../support/discord-emulator/index.js';
import { recordingIntake, recordingPacer, silentLogger } from '../../support/discord-emulator/harness.js';

const customer: Customer = { id: 'c1', createdAt: new Date(), optedOut: [] };

function outbound(userId: string): OutboundMessage {
  return {
    jobId: 'j1',
    idempotencyKey: `key-${Math.random()}`,
    channel: 'discord',
    replyRef: `discord:dm:${userId}`,
    text: 'hello',
    purpose: 'reply',
    customer,
    conversationId: 'conv-1',
    language: 'en',
  };
}

const reason = (r: SendResult) => ('reason' in r ? r.reason : '');
/** Latin words left once the platform's name and numbers are taken out. */
const english = (text: string) => (text.replace(/Discord/g, '').match(/[A-Za-z]{2,}/g) ?? []).join(' ');

describe('discord DM refusals in the owner language', () => {
  let emu: DiscordEmulator;
  let handle: DiscordClientHandle;
  const modules: Record<'en' | 'zh', ConnectorModule | undefined> = { en: undefined, zh: undefined };

  before(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 150 });
    handle = createDiscordClient({ token: emu.token, apiUrl: emu.apiUrl, rest: { retries: 0 } });
    for (const lang of ['en', 'zh'] as const) {
      const m = createDiscordConnector(
        { client: handle, ownerLanguage: lang },
        {
          logger: silentLogger(),
          pacer: recordingPacer(),
          clock: { now: () => new Date() },
          publicUrl: 'http://x',
          appSecret: 's'.repeat(32),
          dataDir: '/tmp',
        },
      );
      await m.connector.start(recordingIntake());
      modules[lang] = m;
    }
  });

  after(async () => {
    for (const m of Object.values(modules)) await m?.connector.stop();
    await emu.close();
  });

  test('an unreachable user, a server error and a wrong reference read in Chinese', async () => {
    const zh = modules.zh!.connector;
    const gone = await zh.send(outbound('999999999999999999'));
    assert.equal(gone.kind, 'rejected');
    assert.match(reason(gone), /^Discord 拒绝了回复（\d+，\d+）：/);
    assert.equal(english(reason(gone)), '', reason(gone));

    emu.fail('POST', /^\/channels\/\d+\/messages$/, 500);
    const flaky = await zh.send(outbound(emu.user('dave').id));
    assert.equal(flaky.kind, 'retry');
    assert.match(reason(flaky), /^Discord 暂时无法发送/);

    assert.deepEqual(zh.canSend?.('discord', 'discord:dm:abc', customer), {
      ok: false,
      reason: '不是 Discord 私信地址',
    });
  });

  test('English keeps the reasons as they were', async () => {
    const en = modules.en!.connector;
    const gone = await en.send(outbound('999999999999999999'));
    assert.equal(gone.kind, 'rejected');
    assert.match(reason(gone), /^discord \d+ \(\d+\): \S/);
    assert.deepEqual(en.canSend?.('discord', 'discord:dm:abc', customer), {
      ok: false,
      reason: 'not a Discord DM reference',
    });
  });
});
