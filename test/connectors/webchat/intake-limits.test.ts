/**
 * The website chat's intake limits on a whole desk (real store, recording console): new visitors
 * per client address, open sockets per address, the desk-wide rate of new visitors with one
 * console notice per trip, what a refusal leaves behind (nothing), and WEBCHAT_ENABLED=off.
 * Clients use distinct source addresses on loopback (127.0.0.2, 127.0.0.3…), which Linux allows.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { ChatClient, type Frame } from './harness.js';

const wsUrl = (t: TestDesk) => `${t.desk.url.replace('http', 'ws')}/chat/ws`;

/** Opens a socket from `from`, says hello as a new visitor (or with `token`), returns the answer. */
async function hello(
  t: TestDesk,
  from: string,
  token?: string,
): Promise<{ client: ChatClient; answer: Frame }> {
  const client = await ChatClient.open(wsUrl(t), t.desk.url, { localAddress: from });
  client.send(token ? { type: 'hello', visitor: token } : { type: 'hello', lang: 'en' });
  const answer = await client.next((f) => f.type === 'welcome' || f.type === 'error', 10_000);
  return { client, answer };
}

let seq = 0;
async function say(client: ChatClient, text: string): Promise<Frame> {
  const id = `limits-test-${String(++seq).padStart(6, '0')}`;
  client.send({ type: 'message', id, text });
  return client.next((f) => (f.type === 'ack' || f.type === 'error') && f.id === id, 10_000);
}

function webchatCustomers(t: TestDesk): Set<string> {
  const ids = new Set<string>();
  for (const e of t.console.events) {
    if (e.type === 'inbound' && e.message.channel === 'webchat') ids.add(e.view.customer.id);
  }
  return ids;
}

function transcripts(t: TestDesk): string[] {
  const dir = join(t.desk.config.DATA_DIR, 'webchat', 'visitors');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
}

describe('website chat intake limits', () => {
  it('300 hellos from one address within a minute make at most WEBCHAT_NEW_VISITORS_PER_IP customers; another address still chats', async () => {
    const t = await startTestDesk({ env: { WEBCHAT_NEW_VISITORS_PER_IP: '5' } });
    try {
      let welcomed = 0;
      const refusals = new Map<string, number>();
      const started = Date.now();
      // In waves of 20 sockets at a time (the per-address socket cap is 20 by default).
      for (let wave = 0; wave < 15; wave++) {
        await Promise.all(
          Array.from({ length: 20 }, async () => {
            const { client, answer } = await hello(t, '127.0.0.2');
            if (answer.type === 'welcome') {
              welcomed += 1;
              const ack = await say(client, 'Where is my order? I ordered last week.');
              assert.equal(ack.type, 'ack', JSON.stringify(ack));
            } else {
              refusals.set(String(answer.code), (refusals.get(String(answer.code)) ?? 0) + 1);
              assert.ok(Number(answer.retryAfterMs) > 0, 'a refusal says when to try again');
              const closed = await client.waitClose();
              assert.equal(closed.code, 4429);
            }
            client.close();
          }),
        );
      }
      assert.ok(Date.now() - started < 60_000, 'the 300 hellos came within a minute');
      assert.equal(welcomed, 5, 'exactly the configured number of new visitors');
      assert.deepEqual([...refusals], [['too_many_new_visitors', 295]]);
      await t.desk.drain();
      assert.equal(webchatCustomers(t).size, 5, 'at most 5 customers from one address');
      assert.equal(transcripts(t).length, 5, 'refused hellos leave no transcript');

      // A second address is unaffected.
      const other = await hello(t, '127.0.0.3');
      assert.equal(other.answer.type, 'welcome');
      assert.equal((await say(other.client, 'Hello, can you help me with a refund?')).type, 'ack');
      other.client.close();
      await t.desk.drain();
      assert.equal(webchatCustomers(t).size, 6);
      assert.deepEqual(t.console.notices, [], 'per-address refusals are not a desk-wide notice');
    } finally {
      await t.stop();
    }
  });

  it('a returning visitor (with their token) is not a new visitor: the per-address limit does not stop them', async () => {
    const t = await startTestDesk({ env: { WEBCHAT_NEW_VISITORS_PER_IP: '1' } });
    try {
      const first = await hello(t, '127.0.0.4');
      assert.equal(first.answer.type, 'welcome');
      const token = String(first.answer.visitor);
      first.client.close();
      const refused = await hello(t, '127.0.0.4');
      assert.equal(refused.answer.code, 'too_many_new_visitors');
      const back = await hello(t, '127.0.0.4', token);
      assert.equal(back.answer.type, 'welcome', 'the same visitor comes back');
      assert.equal(back.answer.visitor, token);
      back.client.close();
    } finally {
      await t.stop();
    }
  });

  it('one address may hold at most WEBCHAT_CONNECTIONS_PER_IP sockets; others are unaffected', async () => {
    const t = await startTestDesk({ env: { WEBCHAT_CONNECTIONS_PER_IP: '3' } });
    try {
      const held = await Promise.all(
        [1, 2, 3].map(() => ChatClient.open(wsUrl(t), t.desk.url, { localAddress: '127.0.0.5' })),
      );
      const fourth = await ChatClient.open(wsUrl(t), t.desk.url, { localAddress: '127.0.0.5' });
      const frame = await fourth.next((f) => f.type === 'error');
      assert.equal(frame.code, 'too_many_connections');
      assert.equal((await fourth.waitClose()).code, 4429);

      const elsewhere = await hello(t, '127.0.0.6');
      assert.equal(elsewhere.answer.type, 'welcome', 'another address still gets in');
      elsewhere.client.close();

      // Closing one frees its place.
      held[0]!.close();
      await held[0]!.waitClose();
      const again = await hello(t, '127.0.0.5');
      assert.equal(again.answer.type, 'welcome');
      for (const c of [...held, again.client]) c.close();
    } finally {
      await t.stop();
    }
  });

  it('the desk-wide rate of new visitors: refusals are "busy", the owner is told once per trip, nothing is stored', async () => {
    const t = await startTestDesk({ env: { WEBCHAT_NEW_VISITORS_PER_HOUR: '3' } });
    try {
      const tokens: string[] = [];
      for (const from of ['127.0.0.7', '127.0.0.8', '127.0.0.9']) {
        const { client, answer } = await hello(t, from);
        assert.equal(answer.type, 'welcome');
        tokens.push(String(answer.visitor));
        await say(client, 'I need help with my account');
        client.close();
      }
      await t.desk.drain();
      const eventsBefore = t.console.events.length;
      const filesBefore = transcripts(t).length;
      for (const from of ['127.0.0.10', '127.0.0.11', '127.0.0.12', '127.0.0.13']) {
        const { client, answer } = await hello(t, from);
        assert.equal(answer.type, 'error');
        assert.equal(answer.code, 'chat_busy');
        assert.equal((await client.waitClose()).code, 4429);
      }
      await t.desk.drain();
      assert.deepEqual(
        t.console.notices,
        [{ kind: 'webchat_new_visitors_limited', perHour: 3 }],
        'one notice per trip',
      );
      assert.equal(t.console.events.length, eventsBefore, 'refused hellos post nothing');
      assert.equal(transcripts(t).length, filesBefore, 'refused hellos leave no transcript');
      assert.equal(webchatCustomers(t).size, 3);

      // Visitors the desk already knows keep chatting.
      const back = await hello(t, '127.0.0.7', tokens[0]);
      assert.equal(back.answer.type, 'welcome');
      assert.equal((await say(back.client, 'Any news?')).type, 'ack');
      back.client.close();
    } finally {
      await t.stop();
    }
  });

  it('X-Forwarded-For counts only when TRUST_PROXY says so', async () => {
    const spoofed = await startTestDesk({ env: { WEBCHAT_NEW_VISITORS_PER_IP: '1' } });
    try {
      // Without TRUST_PROXY a client cannot escape its limit by inventing addresses.
      const answers: string[] = [];
      for (const fake of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        const client = await ChatClient.open(wsUrl(spoofed), spoofed.desk.url, {
          localAddress: '127.0.0.14',
          headers: { 'x-forwarded-for': fake },
        });
        client.send({ type: 'hello' });
        answers.push((await client.next((f) => f.type === 'welcome' || f.type === 'error')).type);
        client.close();
      }
      assert.deepEqual(answers, ['welcome', 'error', 'error']);
    } finally {
      await spoofed.stop();
    }
    const proxied = await startTestDesk({ env: { WEBCHAT_NEW_VISITORS_PER_IP: '1', TRUST_PROXY: '1' } });
    try {
      // Behind one trusted proxy, every visitor arrives from the proxy's address: the header tells them apart.
      const answers: string[] = [];
      for (const real of ['198.51.100.1', '198.51.100.2', '198.51.100.1']) {
        const client = await ChatClient.open(wsUrl(proxied), proxied.desk.url, {
          localAddress: '127.0.0.15',
          headers: { 'x-forwarded-for': `10.9.9.9, ${real}` },
        });
        client.send({ type: 'hello' });
        answers.push((await client.next((f) => f.type === 'welcome' || f.type === 'error')).type);
        client.close();
      }
      assert.deepEqual(answers, ['welcome', 'welcome', 'error']);
    } finally {
      await proxied.stop();
    }
  });

  it('WEBCHAT_ENABLED=off removes the widget, the demo page and the socket endpoint', async () => {
    const t = await startTestDesk({ env: { WEBCHAT_ENABLED: 'off' } });
    try {
      for (const path of ['/chat/widget.js', '/chat/demo', '/']) {
        const res = await fetch(`${t.desk.url}${path}`);
        assert.equal(res.status, 404, path);
      }
      const outcome = await new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl(t), { origin: t.desk.url });
        ws.once('open', () => {
          ws.close();
          resolve('open');
        });
        ws.once('unexpected-response', (_req, res) => resolve(`HTTP ${res.statusCode}`));
        ws.once('error', () => resolve('error'));
      });
      assert.notEqual(outcome, 'open');
      const health = (await (await fetch(`${t.desk.url}/health`)).json()) as {
        connectors: Record<string, unknown>;
      };
      assert.equal('webchat' in health.connectors, false);
    } finally {
      await t.stop();
    }
  });
});
