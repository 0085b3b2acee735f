/**
 * Which owner consoles run: Slack and Discord when configured; the terminal console when
 * asked for, or when no other console is configured and stdin is a terminal. Each console's
 * module (Bolt, discord.js) is imported only when it is configured.
 */
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Clock, Logger, Pacer } from '../core/ports.js';
import type { ConsoleModule } from '../console/module.js';
import type { Command } from '../../commands/command.js';
import { discordClientFor } from './discord.js';

export interface ConsoleBuildDeps {
  logger: Logger;
  pacer: Pacer;
  clock: Clock;
  commands: Command[];
  /** Overrides the TERMINAL_CONSOLE / TTY decision (tests). */
  terminal: boolean | undefined;
}

export async function buildConsoles(config: Config, deps: ConsoleBuildDeps): Promise<ConsoleModule[]> {
  const modules: ConsoleModule[] = [];
  // ---- owner consoles (one block each) ----
  // Slack: one thread per customer in SLACK_CHANNEL_ID; Socket Mode when SLACK_APP_TOKEN is set.
  if (config.SLACK_BOT_TOKEN) {
    if (!config.SLACK_CHANNEL_ID) throw new Error('SLACK_BOT_TOKEN is set but SLACK_CHANNEL_ID is missing');
    const { createSlackConsole } = await import('../console/slack/index.js');
    modules.push(
      createSlackConsole(
        {
          botToken: config.SLACK_BOT_TOKEN,
          ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
          ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
          ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
          channelId: config.SLACK_CHANNEL_ID,
          ownerIds: config.SLACK_OWNER_IDS,
          timeZone: config.TZ,
        },
        { ...deps, ownerLanguage: config.OWNER_LANGUAGE },
      ),
    );
  }
  // Discord: a forum post per customer, when the bot token, guild and forum are set.
  const discord = await discordClientFor(config);
  if (discord && config.DISCORD_GUILD_ID && config.DISCORD_FORUM_CHANNEL_ID) {
    const { createDiscordConsole } = await import('../console/discord/index.js');
    modules.push(
      createDiscordConsole(
        {
          client: discord,
          guildId: config.DISCORD_GUILD_ID,
          forumChannelId: config.DISCORD_FORUM_CHANNEL_ID,
          ownerIds: config.DISCORD_OWNER_IDS,
          ...(config.DISCORD_OWNER_ROLE_ID ? { ownerRoleId: config.DISCORD_OWNER_ROLE_ID } : {}),
          language: config.OWNER_LANGUAGE,
          timeZone: config.TZ,
        },
        deps,
      ),
    );
  }

  const wantTerminal =
    deps.terminal ??
    (config.TERMINAL_CONSOLE === 'on' ||
      (config.TERMINAL_CONSOLE === 'auto' && modules.length === 0 && Boolean(process.stdin.isTTY)));
  if (wantTerminal) {
    const { createTerminalConsole } = await import('../console/terminal/index.js');
    modules.push(
      createTerminalConsole({
        input: process.stdin,
        output: process.stdout,
        commands: deps.commands,
        ownerLanguage: config.OWNER_LANGUAGE,
        logger: deps.logger,
        exportDir: join(config.DATA_DIR, 'exports'),
      }),
    );
  } else if (modules.length === 0) {
    deps.logger.info({}, 'no owner console configured and no terminal: drafts wait in the store');
  }
  return modules;
}
