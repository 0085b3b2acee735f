/**
 * Registers the `/cs` slash command (stats, help, … with their options) for the Discord
 * owner console. Run once after creating the bot, and again when commands change:
 *
 *   npm run discord:register
 *
 * With DISCORD_GUILD_ID the command is registered on that server only (instant); without
 * it, globally (Discord may take up to an hour to show it). It is a bulk overwrite (PUT), so
 * running it twice changes nothing; Discord allows 200 command creations a day per server.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { loadConfig } from '../src/config.js';
import { createCommands } from '../commands/index.js';
import type { Command } from '../commands/command.js';
import type { FiguresSource } from '../src/core/ports.js';
import { slashCommand } from '../src/console/discord/slash.js';

export interface RegisterOptions {
  token: string;
  apiUrl?: string;
  guildId?: string;
  commands: readonly Command[];
}

export async function registerDiscordCommands(
  options: RegisterOptions,
): Promise<{ applicationId: string; scope: string; names: string[] }> {
  const rest = new REST({ version: '10', ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(
    options.token,
  );
  const app = (await rest.get(Routes.currentApplication())) as { id: string };
  const body = [slashCommand(options.commands)];
  const route = options.guildId
    ? Routes.applicationGuildCommands(app.id, options.guildId)
    : Routes.applicationCommands(app.id);
  await rest.put(route, { body });
  return {
    applicationId: app.id,
    scope: options.guildId ? `guild ${options.guildId}` : 'global',
    names: (body[0]?.options ?? []).map((o) => `/${body[0]?.name} ${o.name}`),
  };
}

/** Registration needs only the commands' names and options, never their figures. */
const noFigures = new Proxy({} as FiguresSource, {
  get: () => () => {
    throw new Error('figures are not available while registering commands');
  },
});

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DISCORD_BOT_TOKEN) {
    console.error('DISCORD_BOT_TOKEN is not set: nothing to register.');
    process.exitCode = 1;
    return;
  }
  const commands = createCommands({
    figures: noFigures,
    clock: { now: () => new Date() },
    tz: config.TZ,
    chart: false,
  });
  const result = await registerDiscordCommands({
    token: config.DISCORD_BOT_TOKEN,
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
    commands,
  });
  console.log(
    `Registered for application ${result.applicationId} (${result.scope}): ${result.names.join(', ')}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`discord:register failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
