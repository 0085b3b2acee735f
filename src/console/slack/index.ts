/**
 * The Slack owner console (Bolt 5). With an app-level token it connects over Socket Mode;
 * otherwise events, slash commands and interactions arrive at POST /slack/events on the
 * desk's own express app, verified by Bolt's ExpressReceiver (signing secret, 5-minute
 * replay window) before anything else sees them.
 */
import { App, ExpressReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import express from 'express';
import type { Command } from '../../../commands/command.js';
import type { Clock, DeskApi, DeskEvent, Logger, OwnerPost, Pacer } from '../../core/ports.js';
import type { DeskNotice } from '../../core/desk-notice.js';
import type { OwnerLanguage } from '../card.js';
import { deskNoticeText } from '../desk-notice-text.js';
import type { ConsoleModule } from '../module.js';
import { boltLogger } from './bolt-logger.js';
import { processEventError } from './malformed-body.js';
import { registerListeners } from './listeners.js';
import { renderCommandReply } from './blocks.js';
import { eraseSlackThread } from './forget.js';
import { registerConfirm } from './command-extras.js';
import { DEFAULT_PACING, SlackPoster, slackPaceRules, type SlackPacing } from './poster.js';
import { SlackPublisher } from './publisher.js';
import { CONSOLE_NAME, SlackRefs } from './refs.js';
import { TtlSet } from './ttl-set.js';
import { slackFileFetcher } from './file-share.js';

export interface SlackConsoleOptions {
  /** SLACK_BOT_TOKEN (xoxb-…). */
  botToken: string;
  /** SLACK_SIGNING_SECRET: required in HTTP mode. */
  signingSecret?: string;
  /** SLACK_APP_TOKEN (xapp-…): when set, Socket Mode. */
  appToken?: string;
  /** SLACK_CHANNEL_ID: the support channel. */
  channelId: string;
  /** SLACK_OWNER_IDS: the Slack user ids allowed to act. */
  ownerIds: readonly string[];
  /** SLACK_API_URL: Web API base, default https://slack.com/api/. */
  apiUrl?: string;
  /** Zone for times on cards (config TZ). */
  timeZone?: string;
  /** Default `/cs`; must match the manifest. */
  commandName?: string;
  /** Production defaults follow Slack's limits; tests may shorten them here. */
  pacing?: Partial<SlackPacing>;
  /** How long event ids are remembered (≥ 10 min). Default 15 min. */
  dedupeTtlMs?: number;
  /** An inbound message after this much quiet in a thread is broadcast to the channel. Default 24 h. */
  broadcastAfterMs?: number;
  /** Inline attachments up to this size are uploaded into the thread. Default 10 MB. */
  maxUploadBytes?: number;
  /** 429s one call waits out before giving up. Default 10. */
  maxRateLimitWaits?: number;
  /** Network/5xx retries of the WebClient. Default: five retries in five minutes. */
  retryConfig?: webApi.RetryOptions;
  /** Socket-mode client tuning (tests). */
  socket?: { clientPingTimeout?: number; serverPingTimeout?: number; autoReconnectEnabled?: boolean };
}

export interface SlackConsoleDeps {
  logger: Logger;
  pacer: Pacer;
  clock: Clock;
  commands: readonly Command[];
  ownerLanguage: OwnerLanguage;
}

export interface SlackConsoleModule extends ConsoleModule {
  /** Whether Socket Mode is used (else HTTP at /slack/events). */
  readonly socketMode: boolean;
  /** The Bolt app (tests reach its client). */
  readonly app: App;
  readonly poster: SlackPoster;
  /** Waits until every queued post and update has been made. */
  drain(): Promise<void>;
}

export const SLACK_EVENTS_PATH = '/slack/events';
const MIN_DEDUPE_MS = 10 * 60_000;

export function createSlackConsole(options: SlackConsoleOptions, deps: SlackConsoleDeps): SlackConsoleModule {
  if (!options.botToken) throw new Error('Slack console: SLACK_BOT_TOKEN is required');
  if (!options.channelId) throw new Error('Slack console: SLACK_CHANNEL_ID is required');
  const socketMode = Boolean(options.appToken);
  if (!socketMode && !options.signingSecret) {
    throw new Error(
      'Slack console: SLACK_SIGNING_SECRET is required unless SLACK_APP_TOKEN selects Socket Mode',
    );
  }
  const dedupeTtlMs = options.dedupeTtlMs ?? 15 * 60_000;
  if (dedupeTtlMs < MIN_DEDUPE_MS) throw new Error('Slack console: dedupeTtlMs must be at least 10 minutes');

  const logger = deps.logger.child({ console: CONSOLE_NAME });
  const slackLogger = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: options.apiUrl ?? 'https://slack.com/api/',
    retryConfig: options.retryConfig ?? webApi.retryPolicies.fiveRetriesInFiveMinutes,
    rejectRateLimitedCalls: true,
    logger: slackLogger,
  };

  let router: express.Router | undefined;
  let receiver: ExpressReceiver | SocketModeReceiver;
  if (socketMode) {
    receiver = new SocketModeReceiver({
      appToken: options.appToken as string,
      logger: slackLogger,
      installerOptions: { clientOptions },
      ...options.socket,
    });
  } else {
    router = express.Router();
    receiver = new ExpressReceiver({
      signingSecret: options.signingSecret as string,
      logger: slackLogger,
      endpoints: SLACK_EVENTS_PATH,
      router,
      processEventErrorHandler: processEventError,
    });
  }
  const app = new App({ token: options.botToken, receiver, logger: slackLogger, clientOptions });

  const pacing = { ...DEFAULT_PACING, ...options.pacing };
  for (const rule of slackPaceRules(pacing)) deps.pacer.define(rule);
  const poster = new SlackPoster(app.client, deps.pacer, logger, {
    maxRateLimitWaits: options.maxRateLimitWaits ?? 10,
    postGapMs: pacing.postMs,
  });

  let desk: DeskApi | undefined;
  let publisher: SlackPublisher | undefined;
  const getDesk = () => desk;
  const lazyRefs = {
    get: (c: string, k: string) => need().refs.get(c, k),
    set: (c: string, k: string, v: string) => need().refs.set(c, k, v),
    findKey: (c: string, v: string) => need().refs.findKey(c, v),
  };
  function need(): DeskApi {
    if (!desk) throw new Error('Slack console is not started');
    return desk;
  }
  const refs = new SlackRefs(lazyRefs);
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return work;
  };
  /** Listener work still running after its ack, then every queued post and update. */
  async function drain(): Promise<void> {
    while (inFlight.size) await Promise.all([...inFlight]);
    await publisher?.drain();
  }

  registerListeners(app, {
    desk: getDesk,
    poster,
    refs,
    logger,
    commands: deps.commands,
    ownerIds: new Set(options.ownerIds),
    language: deps.ownerLanguage,
    seenEvents: new TtlSet(dedupeTtlMs, () => deps.clock.now().getTime()),
    commandName: options.commandName ?? '/cs',
    track,
    files: slackFileFetcher({
      botToken: options.botToken,
      ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    }),
  });
  registerConfirm(app, {
    poster,
    commands: deps.commands,
    ownerIds: new Set(options.ownerIds),
    language: deps.ownerLanguage,
    logger,
    track,
  });
  app.error(async (err) => {
    logger.error({ err: err.message, code: (err as { code?: string }).code }, 'slack listener error');
  });

  if (options.ownerIds.length === 0) logger.warn({}, 'SLACK_OWNER_IDS is empty: nobody can act from Slack');

  return {
    socketMode,
    app,
    poster,
    console: {
      name: CONSOLE_NAME,
      async start(api: DeskApi) {
        desk = api;
        publisher = new SlackPublisher(poster, refs, getDesk, deps.clock, logger, {
          channelId: options.channelId,
          language: deps.ownerLanguage,
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
          broadcastAfterMs: options.broadcastAfterMs ?? 24 * 3_600_000,
          maxUploadBytes: options.maxUploadBytes ?? 10 * 1024 * 1024,
          mentionIds: options.ownerIds,
        });
        try {
          const auth = await app.client.auth.test();
          logger.info({ team: auth.team_id, bot: auth.user_id, socketMode }, 'slack console connected');
        } catch (err) {
          // Keep the desk up; each later Slack call reports its own failure.
          logger.error({ err: (err as Error).message }, 'slack auth.test failed: check SLACK_BOT_TOKEN');
        }
        if (socketMode) await app.start();
      },
      async stop() {
        await drain();
        if (socketMode) await app.stop().catch(() => undefined);
        desk = undefined;
      },
      async publish(event: DeskEvent) {
        if (!publisher) throw new Error('Slack console is not started');
        await publisher.publish(event);
      },
      /** A desk notice is a top-level post in the support channel (it belongs to no customer thread). */
      async announce(notice: DeskNotice) {
        await poster.post({
          channel: options.channelId,
          text: `:information_source: ${deskNoticeText(notice, deps.ownerLanguage)}`,
          unfurl_links: false,
          unfurl_media: false,
        });
      },
      /** /cs forget: the customer's thread goes (see forget.ts). */
      async forget(customerId: string) {
        if (!desk) return;
        await eraseSlackThread(app.client, poster, refs, customerId, logger);
      },
      /** The daily digest: a top-level post in the support channel. */
      async publishPost(post: OwnerPost) {
        await poster.post({ channel: options.channelId, ...renderCommandReply(post), unfurl_links: false });
      },
    },
    mount(expressApp) {
      if (router) expressApp.use(router);
    },
    drain,
  };
}

export { slackPaceRules, DEFAULT_PACING, SLACK_POST_RULE, SLACK_UPDATE_RULE } from './poster.js';
