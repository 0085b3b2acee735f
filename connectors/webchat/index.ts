/**
 * Website chat: an embeddable widget (GET /chat/widget.js), a demo page (GET /), and a
 * WebSocket at /chat/ws on the desk's HTTP server. Visitors are identified by a signed id
 * kept in their browser; owner replies are pushed live or kept until the visitor returns.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { ConnectorHealth, Intake } from '../../src/core/ports.js';
import type { ConnectorDeps, ConnectorModule } from '../module.js';
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
}

export function createWebchatConnector(options: WebchatOptions, deps: ConnectorDeps): ConnectorModule {
  const limits: WebchatLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const origins = createOriginPolicy(options.origins, deps.publicUrl);
  const transcript = new TranscriptStore(deps.dataDir, limits.historyLimit);
  const logger = deps.logger.child({ connector: 'webchat' });
  const assets = loadAssets();
  let intake: Intake | undefined;
  let stopped = false;

  const sockets = new ChatSockets({
    ids: createVisitorIds(deps.appSecret),
    origins,
    limits,
    transcript,
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
        await sockets.close();
        await transcript.flush();
      },
      send: (message) => sockets.deliver(message),
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
