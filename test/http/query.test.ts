/**
 * POST /query, the article's endpoint, through the real HTTP server and the real classifier.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestDesk, type TestDesk } from '../support/desk-harness.js';

describe('POST /query', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk({ realNlp: true });
  });
  after(() => t.stop());

  const post = (body: string, type = 'application/json') =>
    fetch(`${t.desk.url}/query`, { method: 'POST', headers: { 'content-type': type }, body });

  it("answers the article's example: email recommended, in Chinese", async () => {
    const res = await post(JSON.stringify({ query: '我需要通过电子邮件查询订单状态。' }));
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.recommendedChannel, 'email');
    assert.equal(body.language, 'zh');
    assert.equal(body.requestedChannel, 'email');
    assert.match(String(body.message), /\p{Script=Han}/u);
    assert.match(String(body.message), /邮件/);
    assert.ok(String(body.reply).length > 0);
    for (const key of ['intent', 'urgency', 'sentiment', 'reason']) assert.ok(key in body, key);
  });

  it('accepts "text" as well as "query", and answers English in English', async () => {
    const res = await post(JSON.stringify({ text: 'Please call me back about my refund' }));
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.language, 'en');
    assert.equal(body.recommendedChannel, 'phone');
    assert.doesNotMatch(String(body.message), /\p{Script=Han}/u);
  });

  it('rejects bad input with a clear 4xx and stores nothing', async () => {
    const before = await t.desk.store.countMessages('nobody');
    const cases: [string, number][] = [
      ['{"query":', 400],
      ['{}', 400],
      ['{"query":""}', 400],
      ['{"query":"   "}', 400],
      ['{"query":42}', 400],
      ['[1,2]', 400],
      [JSON.stringify({ query: 'x'.repeat(6_000) }), 413],
      [JSON.stringify({ query: 'x'.repeat(40_000) }), 413],
    ];
    for (const [body, status] of cases) {
      const res = await post(body);
      assert.equal(res.status, status, body.slice(0, 30));
      const json = (await res.json()) as { error?: string };
      assert.ok(json.error && json.error.length > 5, 'the error says what is wrong');
    }
    assert.deepEqual(await t.desk.store.countMessages('nobody'), before);
    assert.equal(await t.desk.store.findCustomerByIdentity('webchat', 'x'), undefined);
  });

  it('reports health with the store state', async () => {
    const res = await fetch(`${t.desk.url}/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { ok: boolean; store: string; connectors: Record<string, unknown> };
    assert.equal(body.store, 'up');
    assert.ok('recording' in body.connectors);
  });
});
