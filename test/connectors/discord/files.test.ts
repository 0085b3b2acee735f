/**
 * The owner's shared files in a Discord DM (issue 19): uploaded (multipart) with the message,
 * checked by the emulator against Discord's 10 files / 10 MiB per message; over the limit the
 * signed link goes in the text instead.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createDiscordClient, type DiscordClientHandle } from '../../../connectors/discord/client.js';
import { createDiscordConnector } from '../../../connectors/discord/index.js';
import type { ConnectorModule } from '../../../connectors/module.js';
import { DiscordEmulator } from '../../support/discord-emulator/index.js';
import { recordingIntake, recordingPacer, silentLogger } from '../../support/discord-emulator/harness.js';
import { outboundFiles } from '../../support/outbound-files.js';
import { outboundJob } from '../../support/outbound-job.js';

describe('discord DM: files the owner sends', () => {
  let emu: DiscordEmulator;
  let handle: DiscordClientHandle;
  let module: ConnectorModule;

  before(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 150 });
    handle = createDiscordClient({ token: emu.token, apiUrl: emu.apiUrl, rest: { retries: 0 } });
    module = createDiscordConnector(
      { client: handle },
      {
        logger: silentLogger(),
        pacer: recordingPacer(),
        clock: { now: () => new Date() },
        publicUrl: 'http://x',
        appSecret: 's'.repeat(32),
        dataDir: '/tmp',
      },
    );
    await module.connector.start(recordingIntake());
  });
  after(async () => {
    await module.connector.stop();
    await emu.close();
  });

  test('a PDF and an image ride on the message with the text; a file alone goes without text', async () => {
    const carl = emu.user('carl');
    const files = outboundFiles('discord', [
      { name: 'invoice.pdf', contentType: 'application/pdf', bytes: randomBytes(20_000) },
      { name: 'box.png', contentType: 'image/png', bytes: randomBytes(30_000) },
    ]);
    const result = await module.connector.send(
      outboundJob('discord', `discord:dm:${carl.id}`, 'Both attached.', { files }),
    );
    assert.equal(result.kind, 'sent');
    const [dm] = emu.dmsTo(carl.id);
    assert.equal(dm?.content, 'Both attached.');
    assert.deepEqual(
      (dm?.attachments as { filename: string; size: number }[]).map((a) => [a.filename, a.size]),
      [
        ['invoice.pdf', 20_000],
        ['box.png', 30_000],
      ],
    );
    const alone = outboundFiles('discord', [
      { name: 'label.png', contentType: 'image/png', bytes: randomBytes(1000) },
    ]);
    assert.equal(
      (await module.connector.send(outboundJob('discord', `discord:dm:${carl.id}`, '', { files: alone })))
        .kind,
      'sent',
    );
    const second = emu.dmsTo(carl.id)[1];
    assert.equal(second?.content, '');
    assert.equal((second?.attachments as unknown[]).length, 1);
    assert.deepEqual(emu.violations, []);
  });

  test('a file over 10 MiB goes as the link in the text, not as an upload Discord would refuse', async () => {
    const dee = emu.user('dee');
    const files = outboundFiles('discord', [
      { name: 'video.mp4', contentType: 'video/mp4', bytes: Buffer.alloc(11 * 1024 * 1024) },
    ]);
    assert.equal(files[0]?.fit.kind, 'link');
    const result = await module.connector.send(
      outboundJob('discord', `discord:dm:${dee.id}`, 'The video:', { files }),
    );
    assert.equal(result.kind, 'sent');
    const [dm] = emu.dmsTo(dee.id);
    assert.match(String(dm?.content), /^The video:\n📎 video\.mp4: https:\/\/desk\.example\.com\/files\//);
    assert.equal((dm?.attachments as unknown[]).length, 0);
    assert.deepEqual(emu.violations, []);
  });
});
