/**
 * A small HTTP load generator for the footprint bench: keep-alive clients posting JSON, either
 * closed-loop (N clients, each sends the next request when the previous answers: requests/s)
 * or open-loop at a fixed rate (latency at a given load, not hidden by coordinated omission).
 *
 * Two clients. `node:http` (the default) is lean: on 2 cores it drives a bare server to ~19,000
 * req/s, so the server's own CPU per request decides the ratio. `fetch` (Node's built-in undici
 * client) costs ~4× more per request, as the load generator behind issue 21's figures did (its
 * bare server reached ~4,700 req/s on this machine; fetch reaches ~4,000-4,700): the bench shows
 * the ratio in both frames.
 */
import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export type LoadClient = 'node:http' | 'fetch';

/** Posts one body; resolves to the status once the whole answer has been read. */
type Post = (body: string) => Promise<number>;

function poster(client: LoadClient, agent: Agent, url: URL): Post {
  if (client === 'node:http') return (body) => post(agent, url, body);
  return async (body) => {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    await res.arrayBuffer();
    return res.status;
  };
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function summarise(latencies: number[], errors: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** `clients` keep-alive connections, each sending back to back for `seconds`. */
export async function closedLoop(
  url: string,
  bodies: string[],
  clients: number,
  seconds: number,
  client: LoadClient = 'node:http',
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const send = poster(client, agent, new URL(url));
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const status = await send(bodies[n++ % bodies.length]!).catch(() => 0);
        if (status === 200) latencies.push(performance.now() - t);
        else errors++;
      }
    }),
  );
  agent.destroy();
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}

/** Requests started on a fixed schedule (`rate` per second) whatever the answers do. */
export async function openLoop(
  url: string,
  bodies: string[],
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      post(agent, target, bodies[i % bodies.length]!).then(
        (status) => {
          if (status === 200) latencies.push(performance.now() - due);
          else errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(inflight);
  agent.destroy();
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}
