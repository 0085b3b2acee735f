/**
 * The webchat connector on a real express + HTTP server with the shared fake Intake, and a small
 * WebSocket client that speaks the chat protocol (for tests that need no browser).
 */
import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { WebSocket } from 'ws';
import type { OutboundMessage } from '../../../src/core/ports.js';
import type { ConnectorModule } from '../../../connectors/module.js';
import { createWebchatConnector, type WebchatOptions } from '../../../connectors/webchat/index.js';
import { fakeIntake, testDeps, type FakeIntake } from '../../support/fake-intake.js';
import { listenLocal } from '../../support/local-server.js';
import { outboundJob } from '../../support/outbound-job.js';

export const SECRET = 'webchat-test-secret-0123456789abcdef';

export interface ChatServer {
  url: string;
  wsUrl: string;
  origin: string;
  module: ConnectorModule;
  intake: FakeIntake;
  dataDir: string;
  server: Server;
  close(): Promise<void>;
}

export async function startChatServer(
  options: Partial<WebchatOptions> = {},
  publicUrl?: string,
  dataDir = mkdtempSync(join(tmpdir(), 'webchat-')),
  port = 0,
): Promise<ChatServer> {
  const app = express();
  const { server, url, close } = await listenLocal(app, port);
  const module = createWebchatConnector(
    { origins: [], ...options },
    testDeps({ clock: { now: () => new Date() }, publicUrl: publicUrl ?? url, appSecret: SECRET, dataDir }),
  );
  module.mount?.(app);
  module.attach?.(server);
  const intake = fakeIntake();
  await module.connector.start(intake);
  return {
    url,
    wsUrl: `${url.replace('http', 'ws')}/chat/ws`,
    origin: url,
    module,
    intake,
    dataDir,
    server,
    async close() {
      await module.connector.stop();
      await close();
    },
  };
}

export type Frame = Record<string, unknown> & { type: string };

/** A protocol-level chat client: collects frames and waits for the one a test expects. */
export class ChatClient {
  frames: Frame[] = [];
  closed?: { code: number; reason: string };
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      this.frames.push(frame);
      for (const w of [...this.waiters]) {
        if (w.match(frame)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
  }

  /** `localAddress`: the source address on loopback (127.0.0.2…), to act as another client. */
  static open(
    url: string,
    origin: string,
    opts: { localAddress?: string; headers?: Record<string, string> } = {},
  ): Promise<ChatClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { origin, ...opts });
      const client = new ChatClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  /** Opens, says hello (with a token or as a new visitor) and returns the welcome frame. */
  static async join(
    url: string,
    origin: string,
    visitor?: string,
  ): Promise<{ client: ChatClient; welcome: Frame }> {
    const client = await ChatClient.open(url, origin);
    client.send(visitor ? { type: 'hello', visitor } : { type: 'hello' });
    const welcome = await client.next((f) => f.type === 'welcome' || f.type === 'error');
    return { client, welcome };
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  next(match: (f: Frame) => boolean, ms = 3000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) {
      this.frames.splice(this.frames.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), ms);
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          this.frames.splice(this.frames.indexOf(f), 1);
          resolve(f);
        },
      });
    });
  }

  waitClose(ms = 3000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for close')), ms);
      this.ws.once('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: String(reason) });
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

export const outbound = (visitorAddress: string, extra: Partial<OutboundMessage> = {}): OutboundMessage =>
  outboundJob('webchat', `webchat::${visitorAddress}`, 'Your order shipped yesterday.', extra);

/** The visitor address inside a signed token (`v1.<address>.<mac>`). */
export function addressOf(token: string): string {
  return token.split('.')[1] as string;
}
