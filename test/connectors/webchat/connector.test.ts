/**
 * The chat connector over a real HTTP server and real WebSockets, with a recording Intake:
 * upgrades, identity, messages, dedupe, limits, owner replies (live and waiting), email,
 * ratings, and the widget's size.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { widgetSource } from '../../../connectors/webchat/assets.js';
import { ChatClient, addressOf, outbound, startChatServer, type ChatServer } from './harness.js';

function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('webchat connector', () => {
  let chat: ChatServer;
  before(async () => {
    chat = await startChatServer({ limits: { messagesPerMinute: 3, maxMessageLength: 100 } });
  });
  after(() => chat.close());

  test('the upgrade is refused with 403 for a foreign or missing origin', async () => {
    assert.equal(await upgradeStatus(chat.wsUrl, 'https://evil.example'), 403);
    assert.equal(await upgradeStatus(chat.wsUrl), 403);
    assert.equal(await upgradeStatus(chat.wsUrl, chat.origin), 101);
  });

  test('a new visitor gets a signed id and an empty history', async () => {
    const { client, welcome } = await ChatClient.join(chat.wsUrl, chat.origin);
    assert.equal(welcome.type, 'welcome');
    assert.match(String(welcome.visitor), /^v1\.wc_[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(welcome.history, []);
    assert.equal(welcome.emailKnown, false);
    client.close();
  });

  test('a message reaches the intake once, even when resent after a reconnect', async () => {
    const { client, welcome } = await ChatClient.join(chat.wsUrl, chat.origin);
    const visitor = addressOf(String(welcome.visitor));
    client.send({ type: 'message', id: 'msg-00001', text: 'Where is my order #1042?' });
    const ack = await client.next((f) => f.type === 'ack');
    assert.equal(ack.status, 'stored');
    const got = chat.intake.messages.filter((m) => m.from.address === visitor);
    assert.equal(got.length, 1);
    assert.equal(got[0]?.channel, 'webchat');
    assert.equal(got[0]?.externalId, `${visitor}:msg-00001`);
    assert.equal(got[0]?.replyRef, `webchat::${visitor}`);
    assert.equal(got[0]?.text, 'Where is my order #1042?');
    client.close();

    // Reconnect with the same id and resend the same message (as the widget does when no ack came).
    const again = await ChatClient.join(chat.wsUrl, chat.origin, String(welcome.visitor));
    assert.equal((again.welcome.history as unknown[]).length, 1, 'history on return');
    again.client.send({ type: 'message', id: 'msg-00001', text: 'Where is my order #1042?' });
    const ack2 = await again.client.next((f) => f.type === 'ack');
    assert.equal(ack2.status, 'duplicate');
    assert.equal(chat.intake.messages.filter((m) => m.from.address === visitor).length, 1);
    again.client.close();
  });

  test('a forged or tampered visitor id is refused and gets no history', async () => {
    const { client, welcome } = await ChatClient.join(chat.wsUrl, chat.origin);
    client.send({ type: 'message', id: 'secret-01', text: 'my private question' });
    await client.next((f) => f.type === 'ack');
    client.close();
    const token = String(welcome.visitor);
    const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    const forged = await ChatClient.join(chat.wsUrl, chat.origin, tampered);
    assert.deepEqual(forged.welcome, { type: 'error', code: 'visitor_refused' });
    const closed = await forged.client.waitClose();
    assert.equal(closed.code, 4401);
  });

  test('bad frames get error frames and the connection survives', async () => {
    const { client } = await ChatClient.join(chat.wsUrl, chat.origin);
    client.send('{not json');
    assert.equal((await client.next((f) => f.type === 'error')).code, 'bad_json');
    client.send({ type: 'shout', text: 'x' });
    assert.equal((await client.next((f) => f.type === 'error')).code, 'unknown_type');
    client.send({ type: 'message', id: 'long-0001', text: 'x'.repeat(101) });
    assert.deepEqual(await client.next((f) => f.type === 'error'), {
      type: 'error',
      code: 'too_long',
      id: 'long-0001',
    });
    client.send({ type: 'message', id: 'file-0001', text: 'pic', attachments: [{ name: 'a.png' }] });
    assert.equal((await client.next((f) => f.type === 'error')).code, 'attachments_unsupported');
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    assert.equal((await client.next((f) => f.type === 'error')).code, 'bad_frame');
    client.send({ type: 'rate', requestId: 'o_doesnotexist', score: 5 });
    assert.equal((await client.next((f) => f.type === 'error')).code, 'unknown_rating');
    client.send({ type: 'ping' });
    assert.equal((await client.next((f) => f.type === 'pong')).type, 'pong', 'still talking');
    assert.equal(client.closed, undefined);
    client.close();
  });

  test('frames before hello are refused', async () => {
    const client = await ChatClient.open(chat.wsUrl, chat.origin);
    client.send({ type: 'message', id: 'early-001', text: 'hi' });
    assert.deepEqual(await client.next((f) => f.type === 'error'), {
      type: 'error',
      code: 'hello_first',
      id: 'early-001',
    });
    client.close();
  });

  test('messages per minute per visitor are limited, with a retry hint', async () => {
    const { client } = await ChatClient.join(chat.wsUrl, chat.origin);
    for (let i = 1; i <= 3; i++) {
      client.send({ type: 'message', id: `rate-000${i}`, text: `message ${i}` });
      assert.equal((await client.next((f) => f.type === 'ack')).id, `rate-000${i}`);
    }
    client.send({ type: 'message', id: 'rate-0004', text: 'one too many' });
    const refused = await client.next((f) => f.type === 'error');
    assert.equal(refused.code, 'rate_limited');
    assert.equal(refused.id, 'rate-0004');
    assert.ok(Number(refused.retryAfterMs) > 0);
    client.close();
  });

  test('an intake failure leaves the message unacknowledged for a resend', async () => {
    const { client } = await ChatClient.join(chat.wsUrl, chat.origin);
    chat.intake.failWhen = () => true;
    client.send({ type: 'message', id: 'fail-0001', text: 'hello?' });
    assert.deepEqual(await client.next((f) => f.type === 'error'), {
      type: 'error',
      code: 'server_error',
      id: 'fail-0001',
    });
    chat.intake.failWhen = undefined;
    client.send({ type: 'message', id: 'fail-0001', text: 'hello?' });
    assert.equal((await client.next((f) => f.type === 'ack')).status, 'stored');
    client.close();
  });

  test('owner replies: live to every open tab, or kept until the visitor returns', async () => {
    const first = await ChatClient.join(chat.wsUrl, chat.origin);
    const token = String(first.welcome.visitor);
    const visitor = addressOf(token);
    const second = await ChatClient.join(chat.wsUrl, chat.origin, token);

    const live = await chat.module.connector.send(outbound(visitor, { text: 'Shipped yesterday.' }));
    assert.equal(live.kind, 'sent');
    assert.equal(live.kind === 'sent' && live.delivery, 'delivered');
    for (const tab of [first.client, second.client]) {
      const pushed = await tab.next((f) => f.type === 'message');
      assert.deepEqual((pushed.entry as { text: string; from: string }).text, 'Shipped yesterday.');
    }
    first.client.close();
    second.client.close();
    await Promise.all([first.client.waitClose(), second.client.waitClose()]);

    const away = outbound(visitor, { text: 'Tracking: ZX123.' });
    const waiting = await chat.module.connector.send(away);
    assert.ok(waiting.kind === 'sent' && waiting.delivery === 'sent' && waiting.externalId);
    const retried = await chat.module.connector.send(away);
    assert.deepEqual(retried, waiting, 'an outbox retry with the same key is not shown twice');

    const back = await ChatClient.join(chat.wsUrl, chat.origin, token);
    const history = back.welcome.history as { text: string; from: string }[];
    assert.deepEqual(
      history.map((h) => h.text),
      ['Shipped yesterday.', 'Tracking: ZX123.'],
    );
    assert.equal(back.welcome.missed, 1);
    const externalId = waiting.kind === 'sent' ? waiting.externalId : '';
    assert.ok(chat.intake.deliveries.some((d) => d.externalId === externalId && d.state === 'delivered'));

    back.client.send({ type: 'seen', upTo: externalId });
    back.client.send({ type: 'ping' });
    await back.client.next((f) => f.type === 'pong');
    assert.ok(chat.intake.deliveries.some((d) => d.externalId === externalId && d.state === 'read'));
    back.client.close();
  });

  test('send() refuses references that are not chat visitors', async () => {
    const result = await chat.module.connector.send(outbound('x', { replyRef: 'webchat::../../etc/passwd' }));
    assert.equal(result.kind, 'rejected');
  });

  test('an email address given in the chat becomes an unverified contact (a claim) of the visitor', async () => {
    const { client, welcome } = await ChatClient.join(chat.wsUrl, chat.origin);
    const visitor = addressOf(String(welcome.visitor));
    client.send({ type: 'email', address: 'nope' });
    assert.equal((await client.next((f) => f.type === 'error')).code, 'bad_email');
    client.send({ type: 'email', address: 'Ann@Example.com' });
    await client.next((f) => f.type === 'email_saved');
    assert.equal(chat.intake.identities.length, 0, 'typed in: never an identity');
    assert.deepEqual(chat.intake.claims.at(-1), {
      channel: 'webchat',
      address: visitor,
      identity: { channel: 'email', address: 'ann@example.com' },
    });
    client.close();
    const back = await ChatClient.join(chat.wsUrl, chat.origin, String(welcome.visitor));
    assert.equal(back.welcome.emailKnown, true);
    back.client.close();
  });

  test('a rating request is answered once, for its own conversation', async () => {
    const { client, welcome } = await ChatClient.join(chat.wsUrl, chat.origin);
    const visitor = addressOf(String(welcome.visitor));
    const sent = await chat.module.connector.send(
      outbound(visitor, { purpose: 'rating_request', conversationId: 'conv-77', text: 'How did we do?' }),
    );
    const pushed = await client.next((f) => f.type === 'message');
    const entry = pushed.entry as { id: string; kind: string };
    assert.equal(entry.kind, 'rating_request');
    assert.equal(sent.kind === 'sent' && sent.externalId, entry.id);

    // Another visitor cannot answer it.
    const stranger = await ChatClient.join(chat.wsUrl, chat.origin);
    stranger.client.send({ type: 'rate', requestId: entry.id, score: 1 });
    assert.equal((await stranger.client.next((f) => f.type === 'error')).code, 'unknown_rating');
    stranger.client.close();

    client.send({ type: 'rate', requestId: entry.id, score: 4 });
    assert.deepEqual(await client.next((f) => f.type === 'rated'), {
      type: 'rated',
      requestId: entry.id,
      score: 4,
    });
    assert.deepEqual(chat.intake.ratings.at(-1), {
      channel: 'webchat',
      address: visitor,
      conversationId: 'conv-77',
      score: 4,
    });
    client.send({ type: 'rate', requestId: entry.id, score: 5 });
    assert.equal((await client.next((f) => f.type === 'error')).code, 'already_rated');
    assert.equal(chat.intake.ratings.filter((r) => r.conversationId === 'conv-77').length, 1);
    client.close();
  });

  test('history survives a restart of the connector (persisted under DATA_DIR)', async () => {
    const { client, welcome } = await ChatClient.join(chat.wsUrl, chat.origin);
    client.send({ type: 'message', id: 'keep-0001', text: 'remember me' });
    await client.next((f) => f.type === 'ack');
    client.close();
    const again = await startChatServer({}, undefined, chat.dataDir);
    try {
      const back = await ChatClient.join(again.wsUrl, again.origin, String(welcome.visitor));
      assert.deepEqual(
        (back.welcome.history as { text: string }[]).map((h) => h.text),
        ['remember me'],
      );
      back.client.close();
    } finally {
      await again.close();
    }
  });

  test('GET /chat/widget.js and the demo page are served', async () => {
    const widget = await fetch(`${chat.url}/chat/widget.js`);
    assert.equal(widget.status, 200);
    assert.match(widget.headers.get('content-type') ?? '', /javascript/);
    assert.match(await widget.text(), /solodesk website chat widget/);
    const demo = await fetch(`${chat.url}/`);
    assert.equal(demo.status, 200);
    assert.match(demo.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(await demo.text(), /<script src="\/chat\/widget.js" async><\/script>/);
    // The gzip the server sends is what a browser downloads.
    const gz = await new Promise<number>((resolve) => {
      request(`${chat.url}/chat/widget.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => resolve(n));
      }).end();
    });
    assert.ok(gz > 0);
  });
});

test('upgrades beyond the connection cap get 503', async () => {
  const chat = await startChatServer({ limits: { maxConnections: 1 } });
  try {
    const first = await ChatClient.open(chat.wsUrl, chat.origin);
    assert.equal(await upgradeStatus(chat.wsUrl, chat.origin), 503);
    first.close();
    await first.waitClose();
    // The server notices the close a moment after the client does.
    let status = 0;
    for (let i = 0; i < 50 && status !== 101; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await upgradeStatus(chat.wsUrl, chat.origin);
    }
    assert.equal(status, 101);
  } finally {
    await chat.close();
  }
});

test('the widget is at most 20 KB gzipped', () => {
  const source = widgetSource();
  const gzipped = gzipSync(source, { level: 9 }).length;
  console.log(`widget.js: ${source.length} bytes, ${gzipped} bytes gzipped (limit 20480)`);
  assert.ok(gzipped <= 20 * 1024, `widget.js is ${gzipped} bytes gzipped`);
});
