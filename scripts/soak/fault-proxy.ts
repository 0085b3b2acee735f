/**
 * An HTTP proxy in front of one platform emulator that misbehaves the way platforms do, on a
 * seeded share of calls: a 5xx, a 429 with Retry-After, a call that hangs and is then cut (a
 * time-out: never forwarded, so the platform did nothing), or a slow answer (forwarded at once,
 * answered seconds later — the platform did act). The emulator behind it keeps its own record
 * of what it accepted; the proxy only counts what it injected.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Rng } from './rng.js';

export type FaultKind = '5xx' | '429' | 'timeout' | 'slow';

export interface FaultRates {
  '5xx': number;
  '429': number;
  timeout: number;
  slow: number;
}

export interface FaultProxyOptions {
  name: string;
  target: string;
  rng: Rng;
  rates: FaultRates;
  /** How long a "time-out" holds the call before cutting it. */
  holdMs: number;
  /** Slow answers wait between 1 s and this long. */
  slowMaxMs: number;
  /** Calls never faulted (start-up handshakes the desk cannot run without, e.g. auth.test). */
  exempt?: RegExp;
  /** The platform's own shape of a 429 body. */
  rateLimitBody?: (retryAfterSec: number) => unknown;
}

export interface FaultProxy {
  name: string;
  url: string;
  counts: Record<FaultKind, number>;
  calls: number;
  /** Faults stop (the quiet phase at the end of a run). */
  setEnabled(on: boolean): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    const out = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url ?? '/',
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const counts: Record<FaultKind, number> = { '5xx': 0, '429': 0, timeout: 0, slow: 0 };
  let enabled = true;
  let calls = 0;
  const open = new Set<ServerResponse>();

  const choose = (path: string): FaultKind | undefined => {
    if (!enabled || options.exempt?.test(path)) return undefined;
    const r = options.rng.next();
    let edge = 0;
    for (const kind of ['5xx', '429', 'timeout', 'slow'] as const) {
      edge += options.rates[kind];
      if (r < edge) return kind;
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    calls += 1;
    open.add(res);
    res.on('close', () => open.delete(res));
    const body = await readBody(req);
    const fault = choose(req.url ?? '/');
    if (fault) counts[fault] += 1;
    if (fault === '5xx') {
      const status = options.rng.pick([500, 502, 503]);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'injected_server_error', message: 'injected' }));
      return;
    }
    if (fault === '429') {
      const retryAfter = options.rng.int(1, 2);
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
      res.end(JSON.stringify(options.rateLimitBody?.(retryAfter) ?? { ok: false, error: 'ratelimited' }));
      return;
    }
    if (fault === 'timeout') {
      await sleep(options.holdMs);
      req.socket.destroy();
      return;
    }
    const delay = fault === 'slow' ? options.rng.int(1000, options.slowMaxMs) : 0;
    let answer;
    try {
      answer = await forward(target, req, body);
    } catch {
      res.writeHead(502).end();
      return;
    }
    if (delay) await sleep(delay);
    if (res.destroyed) return;
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name: options.name,
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    counts,
    get calls() {
      return calls;
    },
    setEnabled: (on) => void (enabled = on),
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
