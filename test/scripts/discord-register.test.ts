import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { registerDiscordCommands } from '../../scripts/discord-register.js';
import { DiscordEmulator } from '../support/discord-emulator/index.js';
import { tempDir } from '../support/test-config.js';

let emu: DiscordEmulator;
before(async () => {
  emu = await DiscordEmulator.start();
});
after(async () => {
  await emu.close();
});

const stats = {
  name: 'stats',
  usage: 'stats [today|7d|30d|90d|all] [channel]',
  summary: { en: 'Figures for a period', zh: '某段时间的数据' },
  run: async () => ({ title: '', sections: [] }),
};

test('registers /cs with stats options on the guild; Discord validates the names and lengths', async () => {
  const result = await registerDiscordCommands({
    token: emu.token,
    apiUrl: emu.apiUrl,
    guildId: emu.guildId,
    commands: [stats],
  });
  assert.deepEqual(result.names, ['/cs stats', '/cs help']);
  const [cs] = emu.commands.get(emu.guildId) ?? [];
  assert.equal(cs?.name, 'cs');
  const sub = (cs?.options as { name: string; options?: { name: string; choices?: unknown[] }[] }[])[0]!;
  assert.deepEqual(
    sub.options?.map((o) => o.name),
    ['period', 'channel'],
  );
  assert.equal(sub.options?.[0]?.choices?.length, 5);
  assert.deepEqual(emu.violations, []);
});

test('npm run discord:register works from the environment', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/discord-register.ts'],
    {
      env: {
        ...process.env,
        DISCORD_BOT_TOKEN: emu.token,
        DISCORD_API_URL: emu.apiUrl,
        DISCORD_GUILD_ID: emu.guildId,
        DATA_DIR: tempDir(),
        APP_SECRET: 'x'.repeat(40),
        LOG_LEVEL: 'silent',
      },
    },
  );
  assert.match(stdout, /Registered for application \d+ \(guild \d+\): \/cs stats, \/cs help/);
});

test('a wrong token is one 401, not a retry storm', async () => {
  const before = emu.invalidRequests;
  await assert.rejects(registerDiscordCommands({ token: 'wrong', apiUrl: emu.apiUrl, commands: [stats] }));
  assert.equal(emu.invalidRequests - before, 1);
});
