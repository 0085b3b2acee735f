/**
 * Whether a WebSocket upgrade at /chat/ws may go ahead: the page's origin, the global socket
 * cap (plain HTTP refusals), and the per-address socket cap (upgraded only to send an error
 * frame the widget shows, then closed with 4429).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { clientAddress, clientKey, type ProxyTrust } from '../../src/core/client-address.js';
import type { Logger } from '../../src/core/ports.js';
import type { Admission, Refusal } from './admission.js';
import type { WebchatLimits } from './limits.js';
import type { OriginPolicy } from './origins.js';

/** 4429 = refused by an intake limit (the error frame before it says which); try again later. */
export const CLOSE_LIMITED = 4429;

export type Gate =
  | { kind: 'open'; client: string }
  /** Upgrade, say why, close. */
  | { kind: 'limited'; refusal: Refusal }
  /** Already answered over HTTP. */
  | { kind: 'refused' };

export interface GateDeps {
  origins: OriginPolicy;
  limits: WebchatLimits;
  admission: Admission;
  proxyTrust: ProxyTrust;
  logger: Logger;
  /** Sockets open now. */
  open: number;
}

/** On `open` the caller owns one admission place for `client` and must release it on close. */
export function admit(req: IncomingMessage, socket: Duplex, deps: GateDeps): Gate {
  if (!deps.origins.allows(req.headers.origin, req.headers.host)) {
    deps.logger.warn({ event: 'webchat_origin_refused' }, 'chat connection from a disallowed origin');
    socket.end(
      'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\norigin not allowed\r\n',
    );
    return { kind: 'refused' };
  }
  if (deps.open >= deps.limits.maxConnections) {
    deps.logger.warn({ event: 'webchat_full' }, 'chat connection refused: too many open sockets');
    socket.end(
      'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 30\r\nContent-Length: 0\r\n\r\n',
    );
    return { kind: 'refused' };
  }
  const client = clientKey(
    clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.proxyTrust),
  );
  const refusal = deps.admission.connect(client);
  if (!refusal) return { kind: 'open', client };
  // debug: one line per refused socket would let a flood fill the logs.
  deps.logger.debug({ event: 'webchat_client_full' }, 'chat connection refused: too many from one address');
  return { kind: 'limited', refusal };
}

/** Tells a refused socket why (an error frame the widget shows) and closes it; nothing else happens on it. */
export function refuse(ws: WebSocket, refusal: Refusal): void {
  ws.on('error', () => ws.terminate());
  ws.send(JSON.stringify({ type: 'error', code: refusal.code, retryAfterMs: refusal.retryAfterMs }));
  ws.close(CLOSE_LIMITED, refusal.code);
}
