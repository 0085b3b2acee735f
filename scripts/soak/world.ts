/**
 * Everything around the desk on loopback: the platform emulators (each behind a fault proxy),
 * Discord, Dovecot and an SMTP recorder, and the environment that points the desk at them.
 */
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSlackEmulator, type SlackEmulator } from '../../test/support/slack-emulator/index.js';
import { TwilioEmulator } from '../../test/support/twilio-emulator/index.js';
import { MetaEmulator } from '../../test/support/meta-emulator/index.js';
import { TelegramEmulator } from '../../test/support/telegram-emulator/index.js';
import { DiscordEmulator, type FakeUser } from '../../test/support/discord-emulator/index.js';
import { dovecotMissing, startDovecot, type Dovecot } from '../../test/support/dovecot/dovecot.js';
import { startSmtpRecorder, type SmtpRecorder } from '../../test/support/dovecot/smtp-recorder.js';
import { startFaultProxy, type FaultProxy, type FaultRates } from './fault-proxy.js';
import type { Rng } from './rng.js';
import type { DeskProcessArgs } from './desk-process.js';
import { emailEnv } from '../../test/support/dovecot/email-env.js';

export const SLACK = {
  botToken: 'xoxb-soak-token',
  signingSecret: 'soak-slack-signing-secret',
  channel: 'C0SUPPORT',
  owner: 'U0OWNER',
};
export const TWILIO = {
  accountSid: 'AC' + '0123456789abcdef'.repeat(2),
  authToken: 'soak-twilio-auth-token-0123456789',
  number: '+15005550006',
  whatsapp: '+14155238886',
};
export const META = {
  verifyToken: 'soak-verify',
  appSecret: 'soak-meta-app-secret',
  pageToken: 'EAAB-soak-page-token',
  pageId: '1000000001',
  instagramId: '17841400000000001',
};
export const TELEGRAM = { token: '7000000042:AAsoak-token_xyz', secret: 'soak_Hook-Secret' };
export const APP_SECRET = 'soak-app-secret-0123456789abcdef0123456789';
export const EMAIL_FROM = 'support@shop.example';

export interface WorldOptions {
  rng: Rng;
  /** Faults of the customers' platforms (Twilio, Meta, Telegram). */
  rates: FaultRates;
  /** Faults of the owner's consoles (Slack, Discord); default: the same as `rates`. */
  consoleRates?: FaultRates;
  holdMs: number;
  slowMaxMs: number;
  paceDivisor: number;
  /** Whether Dovecot + SMTP run (email intake and replies). */
  email: boolean;
  discord: boolean;
}

export interface World {
  slack: SlackEmulator;
  twilio: TwilioEmulator;
  meta: MetaEmulator;
  telegram: TelegramEmulator;
  discord?: DiscordEmulator;
  discordOwner?: FakeUser;
  dovecot?: Dovecot;
  smtp?: SmtpRecorder;
  proxies: FaultProxy[];
  port: number;
  publicUrl: string;
  dataDir: string;
  env: Record<string, string>;
  args: DeskProcessArgs;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startWorld(o: WorldOptions): Promise<World> {
  const slack = await startSlackEmulator({
    botToken: SLACK.botToken,
    // The desk's Slack pacing is compressed by the same divisor (see desk-process.ts).
    postWindowMs: Math.floor(1000 / o.paceDivisor / 2),
  });
  const twilio = new TwilioEmulator({
    accountSid: TWILIO.accountSid,
    authToken: TWILIO.authToken,
    pacingToleranceMs: 1000 - Math.ceil(1000 / o.paceDivisor),
  });
  await twilio.start();
  const meta = new MetaEmulator({
    pageToken: META.pageToken,
    appSecret: META.appSecret,
    pageId: META.pageId,
    instagramId: META.instagramId,
  });
  await meta.start();
  const telegram = new TelegramEmulator({ token: TELEGRAM.token });
  await telegram.start();
  const discord = o.discord ? await DiscordEmulator.start() : undefined;
  const discordOwner = discord?.user('owner', { globalName: 'Olivia' });
  const email = o.email && !dovecotMissing();
  const dovecot = email ? await startDovecot() : undefined;
  const smtp = email ? await startSmtpRecorder() : undefined;

  const proxy = (name: string, target: string, exempt?: RegExp, rateLimitBody?: (s: number) => unknown) =>
    startFaultProxy({
      name,
      target,
      rng: o.rng.fork(`proxy:${name}`),
      rates: name === 'slack' || name === 'discord' ? (o.consoleRates ?? o.rates) : o.rates,
      holdMs: o.holdMs,
      slowMaxMs: o.slowMaxMs,
      ...(exempt ? { exempt } : {}),
      ...(rateLimitBody ? { rateLimitBody } : {}),
    });
  const proxies = [
    await proxy('slack', slack.apiUrl, /auth\.test/),
    await proxy('twilio', twilio.url, undefined, () => ({
      code: 20429,
      message: 'Too Many Requests',
      status: 429,
    })),
    await proxy('meta', meta.graphUrl, undefined, () => ({
      error: { message: 'Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 4 },
    })),
    await proxy('telegram', telegram.apiUrl, /\/(getMe|setWebhook|deleteWebhook|setMyCommands)$/, (s) => ({
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${s}`,
      parameters: { retry_after: s },
    })),
    ...(discord ? [await proxy('discord', discord.apiUrl, /\/gateway/)] : []),
  ];
  const via = (name: string) => proxies.find((p) => p.name === name)?.url as string;

  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'solodesk-soak-'));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: publicUrl,
    APP_SECRET,
    LOG_LEVEL: 'warn',
    TERMINAL_CONSOLE: 'off',
    // Every simulated visitor connects from 127.0.0.1: the chat's per-address and hourly caps
    // (where this desk has them) would refuse the soak's hundreds of visitors. 0 = no cap.
    WEBCHAT_CONNECTIONS_PER_IP: '0',
    WEBCHAT_NEW_VISITORS_PER_IP: '0',
    WEBCHAT_NEW_VISITORS_PER_HOUR: '0',
    TWILIO_ACCOUNT_SID: TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    TWILIO_PHONE_NUMBER: TWILIO.number,
    TWILIO_WHATSAPP_NUMBER: TWILIO.whatsapp,
    TWILIO_API_BASE_URL: via('twilio'),
    META_VERIFY_TOKEN: META.verifyToken,
    META_APP_SECRET: META.appSecret,
    META_PAGE_TOKEN: META.pageToken,
    META_INSTAGRAM_ID: META.instagramId,
    META_GRAPH_URL: via('meta'),
    TELEGRAM_BOT_TOKEN: TELEGRAM.token,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM.secret,
    TELEGRAM_API_URL: via('telegram'),
    ...(discord && discordOwner
      ? {
          DISCORD_BOT_TOKEN: discord.token,
          DISCORD_API_URL: via('discord'),
          DISCORD_GUILD_ID: discord.guildId,
          DISCORD_FORUM_CHANNEL_ID: discord.forumId,
          DISCORD_OWNER_IDS: discordOwner.id,
        }
      : {}),
    ...(dovecot && smtp
      ? {
          ...emailEnv(dovecot, smtp, `Shop Support <${EMAIL_FROM}>`),
        }
      : {}),
  };
  const args: DeskProcessArgs = {
    paceDivisor: o.paceDivisor,
    slack: {
      botToken: SLACK.botToken,
      signingSecret: SLACK.signingSecret,
      channelId: SLACK.channel,
      ownerIds: [SLACK.owner],
      apiUrl: via('slack') + '/',
    },
  };
  return {
    slack,
    twilio,
    meta,
    telegram,
    ...(discord ? { discord } : {}),
    ...(discordOwner ? { discordOwner } : {}),
    ...(dovecot ? { dovecot } : {}),
    ...(smtp ? { smtp } : {}),
    proxies,
    port,
    publicUrl,
    dataDir,
    env,
    args,
    async close() {
      for (const p of proxies) await p.close().catch(() => undefined);
      await slack.close().catch(() => undefined);
      await twilio.stop().catch(() => undefined);
      await meta.stop().catch(() => undefined);
      await telegram.stop().catch(() => undefined);
      await discord?.close().catch(() => undefined);
      await smtp?.stop().catch(() => undefined);
      await dovecot?.stop().catch(() => undefined);
    },
  };
}
