/**
 * The Slack emulator's Socket Mode endpoint: the client connects at /socket-mode (after
 * apps.connections.open), gets a hello, and acknowledges each pushed envelope by its id.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SocketMode {
  /** Resolves once a client has connected (again after close). */
  connected(): Promise<void>;
  /** Pushes an Events API envelope to the connected client; resolves with its ack. */
  event(payload: Record<string, unknown>, opts: { retryAttempt?: number }): Promise<Record<string, unknown>>;
  close(): void;
}

export function attachSocketMode(server: Server): SocketMode {
  const sockets = new Set<WebSocket>();
  const pendingAcks = new Map<string, (payload: Record<string, unknown>) => void>();
  let connectedResolve: (() => void) | undefined;
  let connected = new Promise<void>((resolve) => (connectedResolve = resolve));
  let envelopes = 0;

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket-mode')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as {
          envelope_id?: string;
          payload?: Record<string, unknown>;
        };
        if (msg.envelope_id) pendingAcks.get(msg.envelope_id)?.(msg.payload ?? {});
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'emulator' },
          connection_info: { app_id: 'A0APP' },
        }),
      );
      connectedResolve?.();
    });
  });

  return {
    connected: () => connected,
    event(payload, opts) {
      const ws = [...sockets][0];
      if (!ws) return Promise.reject(new Error('no socket-mode client connected'));
      envelopes += 1;
      const envelopeId = `env-${envelopes}`;
      return new Promise((resolve) => {
        pendingAcks.set(envelopeId, (ack) => {
          pendingAcks.delete(envelopeId);
          resolve(ack);
        });
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type: 'events_api',
            payload,
            accepts_response_payload: false,
            retry_attempt: opts.retryAttempt ?? 0,
            retry_reason: opts.retryAttempt ? 'timeout' : '',
          }),
        );
      });
    },
    close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      connected = new Promise<void>((resolve) => (connectedResolve = resolve));
    },
  };
}
