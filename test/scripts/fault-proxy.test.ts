/**
 * The soak's fault proxy: what it injects is what the soak counts, so each kind is checked —
 * a 5xx and a 429 never reach the platform, a time-out is cut without being forwarded, a slow
 * answer is forwarded (the platform acted) — and one seed gives one sequence of faults.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { startFaultProxy, type FaultRates } from '../../scripts/soak/fault-proxy.js';
import { createRng } from '../../scripts/soak/rng.js';

let target: Server;
let targetUrl = '';
const received: string[] = [];

before(async () => {
  target = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, path: req.url }));
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/api`;
});
after(() => new Promise<void>((resolve) => target.close(() => resolve())));

const none: FaultRates = { '5xx': 0, '429': 0, timeout: 0, slow: 0 };
const only = (kind: keyof FaultRates): FaultRates => ({ ...none, [kind]: 1 });

test('without faults a call is forwarded unchanged', async () => {
  const proxy = await startFaultProxy({
    name: 't',
    target: targetUrl,
    rng: createRng(1),
    rates: none,
    holdMs: 10,
    slowMaxMs: 1000,
  });
  received.length = 0;
  const res = await fetch(`${proxy.url}/chat.postMessage?x=1`, { method: 'POST', body: 'a=b' });
  assert.equal(res.status, 201);
  assert.deepEqual(await res.json(), { ok: true, path: '/api/chat.postMessage?x=1' });
  assert.deepEqual(received, ['POST /api/chat.postMessage?x=1']);
  assert.equal(proxy.calls, 1);
  await proxy.close();
});

test('a 5xx and a 429 (with Retry-After and the platform’s body) never reach the platform', async () => {
  received.length = 0;
  const p5 = await startFaultProxy({
    name: 't',
    target: targetUrl,
    rng: createRng(1),
    rates: only('5xx'),
    holdMs: 10,
    slowMaxMs: 1000,
  });
  const r5 = await fetch(`${p5.url}/x`, { method: 'POST' });
  assert.ok(r5.status >= 500 && r5.status < 600);
  const p4 = await startFaultProxy({
    name: 't',
    target: targetUrl,
    rng: createRng(1),
    rates: only('429'),
    holdMs: 10,
    slowMaxMs: 1000,
    rateLimitBody: (s) => ({ ok: false, parameters: { retry_after: s } }),
  });
  const r4 = await fetch(`${p4.url}/x`, { method: 'POST' });
  assert.equal(r4.status, 429);
  const retryAfter = Number(r4.headers.get('retry-after'));
  assert.ok(retryAfter >= 1);
  assert.deepEqual(await r4.json(), { ok: false, parameters: { retry_after: retryAfter } });
  assert.deepEqual(received, []);
  assert.equal(p5.counts['5xx'] + p4.counts['429'], 2);
  await p5.close();
  await p4.close();
});

test('a time-out is cut without being forwarded; a slow answer is forwarded', async () => {
  received.length = 0;
  const cut = await startFaultProxy({
    name: 't',
    target: targetUrl,
    rng: createRng(1),
    rates: only('timeout'),
    holdMs: 50,
    slowMaxMs: 1000,
  });
  await assert.rejects(fetch(`${cut.url}/x`, { method: 'POST' }));
  assert.deepEqual(received, []);
  const slow = await startFaultProxy({
    name: 't',
    target: targetUrl,
    rng: createRng(1),
    rates: only('slow'),
    holdMs: 50,
    slowMaxMs: 1000,
  });
  const res = await fetch(`${slow.url}/y`, { method: 'POST' });
  assert.equal(res.status, 201);
  assert.deepEqual(received, ['POST /api/y']);
  assert.equal(cut.counts.timeout + slow.counts.slow, 2);
  await cut.close();
  await slow.close();
});

test('one seed, one sequence of faults; exempt calls and a disabled proxy get none', async () => {
  const rates: FaultRates = { '5xx': 0.2, '429': 0.2, timeout: 0, slow: 0 };
  const run = async (seed: number) => {
    const proxy = await startFaultProxy({
      name: 't',
      target: targetUrl,
      rng: createRng(seed),
      rates,
      holdMs: 10,
      slowMaxMs: 1000,
      exempt: /auth\.test/,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await fetch(`${proxy.url}/x`, { method: 'POST' })).status);
    for (let i = 0; i < 10; i++)
      assert.equal((await fetch(`${proxy.url}/auth.test`, { method: 'POST' })).status, 201);
    proxy.setEnabled(false);
    for (let i = 0; i < 10; i++)
      assert.equal((await fetch(`${proxy.url}/x`, { method: 'POST' })).status, 201);
    await proxy.close();
    return statuses;
  };
  const a = await run(7);
  assert.deepEqual(await run(7), a);
  assert.ok(a.some((s) => s !== 201) && a.some((s) => s === 201), a.join(','));
});
