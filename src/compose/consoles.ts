/**
 * Which owner consoles run: Slack and Discord when configured; the terminal console when
 * asked for, or when no other console is configured and stdin is a terminal.
 */
import type { Config } from '../config.js';
import type { Clock, Logger, Pacer } from '../core/ports.js';
import type { ConsoleModule } from '../console/module.js';
import type { Command } from '../../commands/command.js';
import { createTerminalConsole } from '../console/terminal/index.js';
import { createDiscordConsole } from '../console/discord/index.js';
import { discordClientFor } from './discord.js';

export interface ConsoleBuildDeps {
  logger: Logger;
  pacer: Pacer;
  clock: Clock;
  commands: Command[];
  /** Overrides the TERMINAL_CONSOLE / TTY decision (tests). */
  terminal: boolean | undefined;
}

export function buildConsoles(config: Config, deps: ConsoleBuildDeps): ConsoleModule[] {
  const modules: ConsoleModule[] = [];
  // ---- owner consoles (one block each) ----
  // Discord: a forum post per customer, when the bot token, guild and forum are set.
  const discord = discordClientFor(config);
  if (discord && config.DISCORD_GUILD_ID && config.DISCORD_FORUM_CHANNEL_ID) {
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
    modules.push(
      createTerminalConsole({
        input: process.stdin,
        output: process.stdout,
        commands: deps.commands,
        ownerLanguage: config.OWNER_LANGUAGE,
        logger: deps.logger,
      }),
    );
  } else if (modules.length === 0) {
    deps.logger.info({}, 'no owner console configured and no terminal: drafts wait in the store');
  }
  return modules;
}
