/**
 * The emulator's gateway: what @discordjs/ws expects of wss://gateway.discord.gg, over a
 * plain ws:// socket (no zlib: discord.js only asks for compression when zlib-sync is
 * installed). HELLO (op 10) → IDENTIFY (op 2) → READY + GUILD_CREATE; heartbeats (op 1)
 * are acknowledged with op 11; events are dispatched as op 0 with a sequence number.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface GatewayHooks {
  token: string;
  heartbeatIntervalMs: number;
  /** READY's d and the GUILD_CREATE payloads to send after it. */
  onIdentify(intents: number): { ready: Record<string, unknown>; guilds: Record<string, unknown>[] };
}

export interface GatewayStats {
  identifies: { intents: number; at: number }[];
  heartbeats: number;
  heartbeatAcks: number;
  dispatched: { t: string; s: number }[];
  resumes: number;
}

export class FakeGateway {
  readonly stats: GatewayStats = {
    identifies: [],
    heartbeats: 0,
    heartbeatAcks: 0,
    dispatched: [],
    resumes: 0,
  };
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private ready = new Set<WebSocket>();
  private seq = 0;
  intents = 0;

  constructor(
    server: Server,
    private readonly hooks: GatewayHooks,
  ) {
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (
        url.pathname !== '/gateway' ||
        url.searchParams.get('v') !== '10' ||
        url.searchParams.get('encoding') !== 'json'
      ) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.ready.delete(ws);
    });
    ws.on('message', (raw) => this.onFrame(ws, raw.toString()));
    ws.send(
      JSON.stringify({ op: 10, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs }, s: null, t: null }),
    );
  }

  private onFrame(ws: WebSocket, text: string): void {
    let frame: { op: number; d: unknown };
    try {
      frame = JSON.parse(text) as { op: number; d: unknown };
    } catch {
      ws.close(4002, 'Decode error');
      return;
    }
    switch (frame.op) {
      case 1:
        this.stats.heartbeats += 1;
        this.stats.heartbeatAcks += 1;
        ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        break;
      case 2: {
        const d = frame.d as { token?: string; intents?: number };
        if (d.token !== this.hooks.token) {
          ws.close(4004, 'Authentication failed');
          return;
        }
        this.intents = d.intents ?? 0;
        this.stats.identifies.push({ intents: this.intents, at: Date.now() });
        const { ready, guilds } = this.hooks.onIdentify(this.intents);
        this.ready.add(ws);
        this.send(ws, 'READY', ready);
        for (const guild of guilds) this.send(ws, 'GUILD_CREATE', guild);
        break;
      }
      case 6:
        // Sessions are not kept across connections: ask the client to identify afresh.
        this.stats.resumes += 1;
        ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
        break;
      default:
        break; // presence updates and the like are accepted and ignored
    }
  }

  private send(ws: WebSocket, t: string, d: unknown): void {
    this.seq += 1;
    this.stats.dispatched.push({ t, s: this.seq });
    ws.send(JSON.stringify({ op: 0, t, s: this.seq, d }));
  }

  /** Dispatches an event to every identified session; returns how many received it. */
  dispatch(t: string, d: unknown): number {
    let n = 0;
    for (const ws of this.ready) {
      this.send(ws, t, d);
      n += 1;
    }
    return n;
  }

  get sessions(): number {
    return this.ready.size;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
