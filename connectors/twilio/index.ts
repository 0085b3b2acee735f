/**
 * The Twilio connector: SMS/MMS, WhatsApp and phone (voicemail, missed calls, call back).
 *
 *   const twilio = createTwilioConnector(options, deps);
 *   twilio.connector  → the core's Connector (send, canSend, pacing)
 *   twilio.mount(app) → POST /twilio/sms, /twilio/status, /twilio/voice[/…]
 *   twilio.callBack(customerNumber) → rings OWNER_PHONE_NUMBER, then bridges to the customer
 */
import type { Channel } from '../../src/core/model.js';
import type { Connector, ConnectorHealth, Intake } from '../../src/core/ports.js';
import type { CallBackResult, ConnectorDeps, ConnectorModule } from '../module.js';
import { createTwilioClient, type TwilioClient } from './client.js';
import type { TwilioOptions } from './options.js';
import { NumberLinker } from './identities.js';
import { mountTwilioRoutes } from './routes.js';
import { paceRules, TwilioSender } from './send.js';
import { TwilioState } from './state.js';
import { parseConfiguredTemplates, TemplateCatalog } from './templates.js';
import { VoiceDesk } from './voice.js';

export { twilioOptionsFromConfig, type TwilioEnv, type TwilioOptions } from './options.js';
export { countSegments, segmentInfo, MAX_BODY_CHARS } from './segments.js';
export type { CallBackResult } from '../module.js';

export interface TwilioConnectorModule extends ConnectorModule {
  /** Console "Call back": rings the owner's phone, then dials the customer (E.164). */
  callBack(customerNumber: string): Promise<CallBackResult>;
}

export interface TwilioTestHooks {
  /** Replaces the REST client (normally built from accountSid/authToken/apiBaseUrl). */
  client?: TwilioClient;
}

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;

export function createTwilioConnector(
  options: TwilioOptions,
  deps: ConnectorDeps,
  hooks: TwilioTestHooks = {},
): TwilioConnectorModule {
  if (!ACCOUNT_SID.test(options.accountSid)) {
    throw new Error('TWILIO_ACCOUNT_SID: expected AC followed by 32 hex digits');
  }
  if (!options.authToken) throw new Error('TWILIO_AUTH_TOKEN is required');
  if (!options.phoneNumber && !options.whatsappNumber) {
    throw new Error('TWILIO_PHONE_NUMBER or TWILIO_WHATSAPP_NUMBER is required');
  }
  const logger = deps.logger.child({ connector: 'twilio' });
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const client =
    hooks.client ?? createTwilioClient(options.accountSid, options.authToken, options.apiBaseUrl);
  const state = new TwilioState();
  const pacing = paceRules(options.segmentIntervalMs);
  for (const rule of pacing) deps.pacer.define(rule);

  const linker = new NumberLinker(Boolean(options.phoneNumber), logger);
  const shared = { client, clock: deps.clock, logger, publicUrl, options, state };
  const sender = new TwilioSender({ ...shared, pacer: deps.pacer });
  const voice = new VoiceDesk({ ...shared, linker });
  const catalog = new TemplateCatalog({
    client,
    clock: deps.clock,
    logger,
    ...(options.whatsappTemplates
      ? { configured: parseConfiguredTemplates(options.whatsappTemplates, deps.dataDir) }
      : {}),
  });

  const channels: Channel[] = [
    ...(options.phoneNumber ? (['sms', 'phone'] as const) : []),
    ...(options.whatsappNumber ? (['whatsapp'] as const) : []),
  ];
  let intake: Intake | undefined;

  const connector: Connector = {
    name: 'twilio',
    channels,
    pacing,
    async start(given) {
      intake = given;
      voice.start(given);
      logger.info({ channels }, 'twilio connector started');
    },
    async stop() {
      intake = undefined;
      voice.stop();
    },
    send: (message) => sender.send(message),
    // Twilio has no idempotency key, but an attempt that never heard Twilio's answer is looked
    // up among the messages sent to the customer before sending again (earlier-send.ts).
    resendDedupeMs: () => Number.POSITIVE_INFINITY,
    canSend: (channel, replyRef, customer, lastInboundAt) =>
      sender.canSend(channel, replyRef, customer, lastInboundAt),
    templates: async (channel) => (channel === 'whatsapp' && options.whatsappNumber ? catalog.list() : []),
    health(): ConnectorHealth {
      return intake ? { state: 'up', detail: channels.join(', ') } : { state: 'starting' };
    },
  };

  const callBack = (customerNumber: string) => voice.callBack(customerNumber);
  return {
    connector,
    mount(app) {
      mountTwilioRoutes(app, {
        authToken: options.authToken,
        publicUrl,
        logger,
        clock: deps.clock,
        state,
        voice,
        linker,
        intake: () => intake,
      });
    },
    callBack,
    // The same action, found generically by the composition root for the console's Call back.
    actions: { callBack },
  };
}
