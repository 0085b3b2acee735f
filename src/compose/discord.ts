/**
 * One discord.js Client per desk, shared by the Discord DM connector and the Discord owner
 * console (one bot token, one gateway session). Both compose functions receive the same
 * Config object, so the handle is kept per Config.
 */
import type { Config } from '../config.js';
import { createDiscordClient, type DiscordClientHandle } from '../../connectors/discord/client.js';

const handles = new WeakMap<Config, DiscordClientHandle>();

export function discordClientFor(config: Config): DiscordClientHandle | undefined {
  if (!config.DISCORD_BOT_TOKEN) return undefined;
  let handle = handles.get(config);
  if (!handle) {
    handle = createDiscordClient({
      token: config.DISCORD_BOT_TOKEN,
      ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    });
    handles.set(config, handle);
  }
  return handle;
}
