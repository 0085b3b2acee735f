/**
 * The public endpoints through the real HTTP server: POST /query is rate-limited per client
 * (429 + Retry-After) with loopback exempt, and /health shows details only to this machine or
 * a HEALTH_TOKEN bearer. A request with X-Forwarded-For is someone else's (a proxy passing it
 * on), so the tests use that header to be "not loopback" while the server listens on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestDesk } from '../support/desk-harness.js';

const TOKEN = 'health-token-0123456789abcdef';

describe('POST /query rate limit', () => {
  it('limits each client to QUERY_RATE_PER_MINUTE, answers 429 with Retry-After, and spares other clients and loopback', async () => {
    const t = await startTestDesk({ env: { QUERY_RATE_PER_MINUTE: '5', TRUST_PROXY: '1' } });
    try {
      const ask = (from?: string) =>
        fetch(`${t.desk.url}/query`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
          body: JSON.stringify({ query: 'Where is my order?' }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await ask('203.0.113.7')).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
      const limited = await ask('203.0.113.7');
      assert.equal(limited.status, 429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.match(((await limited.json()) as { error: string }).error, /Too many requests/);

      assert.equal((await ask('203.0.113.8')).status, 200, 'another client has its own budget');
      assert.equal((await ask('2001:db8:1:2::7')).status, 200);
      assert.equal((await ask('2001:db8:1:2::8')).status, 200, 'one /64 shares a budget…');
      for (let i = 0; i < 3; i++) await ask('2001:db8:1:2::9');
      assert.equal(
        (await ask('2001:db8:1:2:ffff::1')).status,
        429,
        '…so rotating IPv6 addresses does not help',
      );

      // This machine (benchmarks, health probes) is never limited.
      const local = await Promise.all(Array.from({ length: 40 }, () => ask()));
      assert.deepEqual(new Set(local.map((r) => r.status)), new Set([200]));
    } finally {
      await t.stop();
    }
  });

  it('QUERY_RATE_PER_MINUTE=0 turns the limit off', async () => {
    const t = await startTestDesk({ env: { QUERY_RATE_PER_MINUTE: '0', TRUST_PROXY: '1' } });
    try {
      for (let i = 0; i < 80; i++) {
        const res = await fetch(`${t.desk.url}/query`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
          body: JSON.stringify({ query: 'hello' }),
        });
        assert.equal(res.status, 200);
      }
    } finally {
      await t.stop();
    }
  });
});

describe('GET /health', () => {
  it('answers ok publicly, and the details only on loopback or with the HEALTH_TOKEN bearer', async () => {
    const t = await startTestDesk({ env: { HEALTH_TOKEN: TOKEN } });
    try {
      const get = (headers: Record<string, string> = {}) => fetch(`${t.desk.url}/health`, { headers });
      const local = (await (await get()).json()) as Record<string, unknown>;
      assert.equal(local.ok, true);
      assert.ok(
        'connectors' in local && 'store' in local && 'consoles' in local,
        'loopback sees the details',
      );

      const forwarded = { 'x-forwarded-for': '203.0.113.5' };
      const outside = await get(forwarded);
      assert.equal(outside.status, 200);
      assert.deepEqual(await outside.json(), { ok: true }, 'the public sees only ok');

      const wrong = await get({ ...forwarded, authorization: 'Bearer not-the-token-000000000' });
      assert.deepEqual(await wrong.json(), { ok: true });
      const right = (await (await get({ ...forwarded, authorization: `Bearer ${TOKEN}` })).json()) as Record<
        string,
        unknown
      >;
      assert.ok('connectors' in right, 'the token holder sees the details');
    } finally {
      await t.stop();
    }
  });

  it('a trusted proxy passing on an outside client is not loopback', async () => {
    const t = await startTestDesk({ env: { TRUST_PROXY: 'on' } });
    try {
      const outside = await fetch(`${t.desk.url}/health`, { headers: { 'x-forwarded-for': '198.51.100.4' } });
      assert.deepEqual(await outside.json(), { ok: true });
      const local = await fetch(`${t.desk.url}/health`, { headers: { 'x-forwarded-for': '127.0.0.1' } });
      assert.ok('connectors' in ((await local.json()) as object), 'a local client behind the trusted proxy');
    } finally {
      await t.stop();
    }
  });
});
