/**
 * The one discord.js Client shared by the Discord DM connector and the Discord owner
 * console. One bot token allows one gateway session per shard, so both must ride on the
 * same client: src/main.ts creates this handle once and injects it into both modules,
 * which call acquire() in start() and release() in stop(). The first acquire logs in,
 * the last release destroys the client.
 */
import { Client, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';

export interface DiscordClientHandle {
  readonly client: Client;
  /** Logs in on first use; resolves once the client is ready (guilds received). */
  acquire(): Promise<Client>;
  /** Destroys the client when every user has released it. */
  release(): Promise<void>;
}

export interface DiscordClientOptions {
  token: string;
  /** REST base, e.g. `http://127.0.0.1:PORT/api` in tests (DISCORD_API_URL). */
  apiUrl?: string;
  /** Overrides for @discordjs/rest (tests: `{ retries: 0 }`). */
  rest?: ClientOptions['rest'];
  /** How long to wait for the gateway READY before start() fails. */
  readyTimeoutMs?: number;
}

/** The gateway intents the desk needs (MessageContent is privileged: enable it in the portal). */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
] as const;

/** The longest 429 wait taken in place (ms). */
export const MAX_RATE_LIMIT_WAIT_MS = 15_000;

export function createDiscordClient(options: DiscordClientOptions): DiscordClientHandle {
  const client = new Client({
    intents: [...DISCORD_INTENTS],
    // DM channels are never in the cache when a customer writes first: without the
    // Channel partial discord.js drops those MESSAGE_CREATE events.
    partials: [Partials.Channel],
    // Nobody gets pinged by what the desk posts (customer text may contain @everyone).
    allowedMentions: { parse: [] },
    rest: {
      ...(options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {}),
      // Short 429 waits are honoured in place; a long one (a thread rename's ten minutes)
      // is thrown as a RateLimitError instead, so no queue stalls: the outbox retries later.
      rejectOnRateLimit: (limit) => limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
      ...options.rest,
    },
  });
  let users = 0;
  let ready: Promise<Client> | undefined;

  async function login(): Promise<Client> {
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const isReady = new Promise<Client>((resolve, reject) => {
      client.once('clientReady', (c) => resolve(c));
      timer = setTimeout(
        () => reject(new Error(`Discord gateway not ready after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await client.login(options.token);
      return await isReady;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    client,
    async acquire() {
      users += 1;
      ready ??= login();
      try {
        return await ready;
      } catch (error) {
        users -= 1;
        ready = undefined;
        throw error;
      }
    },
    async release() {
      if (users === 0) return;
      users -= 1;
      if (users > 0) return;
      const wasStarted = ready;
      ready = undefined;
      if (wasStarted) {
        await wasStarted.catch(() => undefined);
        await client.destroy();
      }
    },
  };
}
