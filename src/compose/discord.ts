/**
 * One discord.js Client per desk, shared by the Discord DM connector and the Discord owner
 * console (one bot token, one gateway session). Both compose functions receive the same
 * Config object, so the handle is kept per Config.
 */
import type { Config } from '../config.js';
import type { DiscordClientHandle } from '../../connectors/discord/client.js';

const handles = new WeakMap<Config, Promise<DiscordClientHandle>>();

/** discord.js is imported only when a Discord bot token is set. */
export function discordClientFor(config: Config): Promise<DiscordClientHandle | undefined> {
  const token = config.DISCORD_BOT_TOKEN;
  if (!token) return Promise.resolve(undefined);
  let handle = handles.get(config);
  if (!handle) {
    handle = import('../../connectors/discord/client.js').then(({ createDiscordClient }) =>
      createDiscordClient({ token, ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}) }),
    );
    handles.set(config, handle);
  }
  return handle;
}
