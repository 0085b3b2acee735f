/**
 * Which customer channels run: each lights up when its credentials are set.
 * A connector's module (and its platform SDK) is imported only when it is configured, so a
 * desk that uses two channels does not carry the memory of nine.
 * (Add a connector here: one `if (configured) modules.push((await import(…)).createX(options, deps))`.)
 */
import type { Config } from '../config.js';
import type { ConnectorDeps, ConnectorModule } from '../../connectors/module.js';
import type { WebchatOptions } from '../../connectors/webchat/index.js';
import { twilioOptionsFromConfig } from '../../connectors/twilio/options.js';
import { emailOptionsFromConfig } from '../../connectors/email/from-config.js';
import { discordClientFor } from './discord.js';

export async function buildConnectors(config: Config, deps: ConnectorDeps): Promise<ConnectorModule[]> {
  const modules: ConnectorModule[] = [];
  // ---- connectors (one block each) ----
  // Website chat needs no account: on unless WEBCHAT_ENABLED=off (widget, demo page at /, WebSocket at /chat/ws).
  if (config.WEBCHAT_ENABLED) {
    const { createWebchatConnector } = await import('../../connectors/webchat/index.js');
    modules.push(createWebchatConnector(webchatOptionsFromConfig(config), deps));
  }
  // Messenger + Instagram: the webhook needs all three Meta secrets.
  if (config.META_VERIFY_TOKEN && config.META_APP_SECRET && config.META_PAGE_TOKEN) {
    const { createMetaConnector } = await import('../../connectors/meta/index.js');
    modules.push(
      createMetaConnector(
        {
          verifyToken: config.META_VERIFY_TOKEN,
          appSecret: config.META_APP_SECRET,
          pageToken: config.META_PAGE_TOKEN,
          ownerLanguage: config.OWNER_LANGUAGE,
          ...(config.META_INSTAGRAM_ID ? { instagramId: config.META_INSTAGRAM_ID } : {}),
          ...(config.META_GRAPH_URL ? { graphUrl: config.META_GRAPH_URL } : {}),
        },
        deps,
      ),
    );
  }
  // Telegram: webhook mode when TELEGRAM_WEBHOOK_SECRET is set, long polling otherwise.
  if (config.TELEGRAM_BOT_TOKEN) {
    const { createTelegramConnector } = await import('../../connectors/telegram/index.js');
    modules.push(
      createTelegramConnector(
        {
          botToken: config.TELEGRAM_BOT_TOKEN,
          ownerLanguage: config.OWNER_LANGUAGE,
          ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
          ...(config.TELEGRAM_API_URL ? { apiUrl: config.TELEGRAM_API_URL } : {}),
        },
        deps,
      ),
    );
  }
  // WeChat Official Account: app id, app secret and the push Token (safe mode with the AES key).
  if (config.WECHAT_APP_ID && config.WECHAT_APP_SECRET && config.WECHAT_TOKEN) {
    const { createWechatConnector } = await import('../../connectors/wechat/index.js');
    modules.push(
      createWechatConnector(
        {
          appId: config.WECHAT_APP_ID,
          appSecret: config.WECHAT_APP_SECRET,
          token: config.WECHAT_TOKEN,
          ownerLanguage: config.OWNER_LANGUAGE,
          ...(config.WECHAT_ENCODING_AES_KEY ? { encodingAesKey: config.WECHAT_ENCODING_AES_KEY } : {}),
          ...(config.WECHAT_API_URL ? { apiUrl: config.WECHAT_API_URL } : {}),
          ...(config.WECHAT_GREETING ? { greeting: config.WECHAT_GREETING } : {}),
        },
        deps,
      ),
    );
  }
  // Twilio (SMS/MMS, phone, WhatsApp): account SID, auth token and at least one number.
  const twilioOptions = twilioOptionsFromConfig(config);
  if (twilioOptions) {
    const { createTwilioConnector } = await import('../../connectors/twilio/index.js');
    modules.push(createTwilioConnector(twilioOptions, deps));
  }
  // Email: IMAP in when IMAP_HOST (+ user, password) is set, SMTP replies when SMTP_HOST is;
  // with EMAIL_OAUTH_PROVIDER both, signed in by OAuth 2.0 (provider hosts by default).
  const emailOptions = emailOptionsFromConfig(config);
  if (emailOptions) {
    const { createEmailConnector } = await import('../../connectors/email/index.js');
    modules.push(createEmailConnector({ ...emailOptions, ownerLanguage: config.OWNER_LANGUAGE }, deps));
  }
  // Discord DMs: DISCORD_BOT_TOKEN; the client is shared with the Discord console.
  const discord = await discordClientFor(config);
  if (discord) {
    const { createDiscordConnector } = await import('../../connectors/discord/index.js');
    modules.push(createDiscordConnector({ client: discord, ownerLanguage: config.OWNER_LANGUAGE }, deps));
  }
  return modules;
}

/** The chat's options from the Config: its origins, intake limits and transcript retention. */
export function webchatOptionsFromConfig(config: Config): WebchatOptions {
  return {
    origins: config.WEBCHAT_ORIGINS,
    proxyTrust: config.TRUST_PROXY,
    limits: {
      connectionsPerIp: config.WEBCHAT_CONNECTIONS_PER_IP,
      newVisitorsPerIpPerHour: config.WEBCHAT_NEW_VISITORS_PER_IP,
      newVisitorsPerHour: config.WEBCHAT_NEW_VISITORS_PER_HOUR,
      transcriptDays: config.WEBCHAT_TRANSCRIPT_DAYS,
    },
  };
}
