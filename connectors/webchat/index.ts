/**
 * Website chat: an embeddable widget (GET /chat/widget.js), a demo page (GET /), and a
 * WebSocket at /chat/ws on the desk's HTTP server. Visitors are identified by a signed id
 * kept in their browser; owner replies are pushed live or kept until the visitor returns.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { ProxyTrust } from '../../src/core/client-address.js';
import type { ConnectorHealth, Intake } from '../../src/core/ports.js';
import type { ConnectorDeps, ConnectorModule } from '../module.js';
import { Admission } from './admission.js';
import { loadAssets, mountAssets } from './assets.js';
import { ChatSockets } from './chat-sockets.js';
import type { WebchatLimits } from './limits.js';
import { DEFAULT_LIMITS } from './limits.js';
import { createOriginPolicy } from './origins.js';
import { TranscriptStore } from './transcript.js';
import { createVisitorIds } from './visitor-id.js';

export interface WebchatOptions {
  /** WEBCHAT_ORIGINS: pages allowed to open the chat; empty ⇒ PUBLIC_URL's origin and same-host pages; `*` ⇒ any. */
  origins: readonly string[];
  limits?: Partial<WebchatLimits>;
  /** Serve the demo page at `/` (it is always at /chat/demo). Default true. */
  demoAtRoot?: boolean;
  /** Whether the owner is around, when the desk knows; null/undefined ⇒ unknown (the widget uses a timer). */
  ownerOnline?: () => boolean | null;
  /** TRUST_PROXY: which X-Forwarded-For entries give the client's address. Default: none. */
  proxyTrust?: ProxyTrust;
}

/** How often expired transcripts are looked for (also once at start). */
export const TRANSCRIPT_SWEEP_MS = 3_600_000;
const DAY = 86_400_000;

export function createWebchatConnector(options: WebchatOptions, deps: ConnectorDeps): ConnectorModule {
  const limits: WebchatLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const origins = createOriginPolicy(options.origins, deps.publicUrl);
  const transcript = new TranscriptStore(deps.dataDir, limits.historyLimit);
  const logger = deps.logger.child({ connector: 'webchat' });
  const assets = loadAssets();
  let intake: Intake | undefined;
  let stopped = false;
  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> = Promise.resolve();
  const now = () => deps.clock.now().getTime();
  const admission = new Admission(limits, now, () => {
    logger.warn(
      { event: 'webchat_new_visitors_limited', perHour: limits.newVisitorsPerHour },
      'website chat: desk-wide limit of new visitors reached; refusing new visitors for now',
    );
    deps.notify?.({ kind: 'webchat_new_visitors_limited', perHour: limits.newVisitorsPerHour });
  });
  const expireTranscripts = async () => {
    if (limits.transcriptDays <= 0) return;
    try {
      const deleted = await transcript.expire(new Date(now() - limits.transcriptDays * DAY), () => stopped);
      if (deleted > 0)
        logger.info({ deleted, days: limits.transcriptDays }, 'expired chat transcripts deleted');
    } catch (err) {
      logger.warn({ err: (err as Error).name }, 'expiring chat transcripts failed');
    }
  };

  const sockets = new ChatSockets({
    ids: createVisitorIds(deps.appSecret),
    origins,
    limits,
    transcript,
    admission,
    proxyTrust: options.proxyTrust ?? 'off',
    logger,
    clock: deps.clock,
    intake: () => (stopped ? undefined : intake),
    ownerOnline: () => options.ownerOnline?.() ?? null,
  });

  return {
    connector: {
      name: 'webchat',
      channels: ['webchat'],
      async start(given) {
        await transcript.init();
        intake = given;
        stopped = false;
        // In the background: start-up (and a shutdown signal's handler) must not wait on a
        // directory of many transcripts. stop() waits for a sweep in progress.
        const sweep = () => (sweeping = sweeping.then(expireTranscripts));
        void sweep();
        sweepTimer ??= setInterval(() => void sweep(), TRANSCRIPT_SWEEP_MS);
        sweepTimer.unref();
        logger.info(
          {
            origins: origins.describe(),
            demo: `${deps.publicUrl}${(options.demoAtRoot ?? true) ? '/' : '/chat/demo'}`,
          },
          'website chat ready',
        );
      },
      async stop() {
        stopped = true;
        if (sweepTimer) clearInterval(sweepTimer);
        sweepTimer = undefined;
        await sockets.close();
        await sweeping;
        await transcript.flush();
      },
      send: (message) => sockets.deliver(message),
      // The transcript takes a job's reply once (appendOnce on its idempotency key).
      resendDedupeMs: () => Number.POSITIVE_INFINITY,
      health(): ConnectorHealth {
        if (stopped) return { state: 'down', detail: 'stopped' };
        if (!intake || !sockets.attached) return { state: 'starting' };
        return { state: 'up' };
      },
    },
    mount(app: Express) {
      mountAssets(app, assets, options.demoAtRoot ?? true);
    },
    attach(server: Server) {
      sockets.attach(server);
    },
  };
}

export type { WebchatLimits } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';
