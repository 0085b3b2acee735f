/**
 * One-click email ratings: signed, expiring, idempotent links with a thank-you page in the
 * customer's language and an optional comment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ratingLinks, signRatingToken } from '../../connectors/rating-link.js';
import { startTestDesk, type TestDesk } from '../support/desk-harness.js';

describe('GET/POST /csat/<token>', () => {
  let t: TestDesk;
  let conversationId: string;
  before(async () => {
    t = await startTestDesk();
    const stored = await t.connector.intake().receive({
      channel: 'email',
      externalId: '<csat-1@example.com>',
      from: { address: 'li@example.com' },
      replyRef: 'email:desk@shop.example:li@example.com',
      text: '我的订单到了，谢谢',
    });
    assert.ok(stored.kind === 'stored');
    conversationId = stored.conversationId;
    await t.desk.drain();
  });
  after(() => t.stop());

  const secret = () => t.desk.config.APP_SECRET;

  it('records a click once, however often it is clicked, and thanks in the customer language', async () => {
    const links = ratingLinks(t.desk.url, secret(), conversationId, 'zh', new Date());
    assert.equal(links.length, 5);
    const four = links[3]!.url;
    const first = await fetch(four);
    assert.equal(first.status, 200);
    const html = await first.text();
    assert.match(html, /感谢您的评分/);
    assert.match(html, /lang="zh"/);
    await fetch(four);
    const ratings = await t.desk.store.listRatings(conversationId);
    assert.deepEqual(
      ratings.map((r) => [r.score, r.channel]),
      [[4, 'email']],
    );
    assert.ok(t.console.events.some((e) => e.type === 'rating' && e.rating.score === 4));
  });

  it('takes an optional comment from the thank-you page', async () => {
    const [link] = ratingLinks(t.desk.url, secret(), conversationId, 'en', new Date()).slice(4);
    const token = new URL(link!.url).pathname.split('/').pop()!;
    const res = await fetch(`${t.desk.url}/csat/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ score: '5', comment: 'Fast <b>and</b> kind' }).toString(),
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /we have your comment/);
    const last = (await t.desk.store.listRatings(conversationId)).at(-1);
    assert.equal(last?.score, 5);
    assert.equal(last?.comment, 'Fast <b>and</b> kind');
  });

  it('refuses forged, tampered, expired and malformed tokens, and bad scores, changing nothing', async () => {
    const before = (await t.desk.store.listRatings(conversationId)).length;
    const forged = signRatingToken('another-secret-another-secret-12345', {
      conversationId,
      language: 'en',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const good = signRatingToken(secret(), {
      conversationId,
      language: 'en',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const tampered = `${Buffer.from(JSON.stringify({ c: 'other', l: 'en', e: 9999999999 })).toString('base64url')}.${good.split('.')[1]}`;
    const expired = signRatingToken(secret(), {
      conversationId,
      language: 'zh',
      expiresAt: new Date(Date.now() - 1000),
    });
    const cases: [string, number][] = [
      [`/csat/${forged}?score=5`, 403],
      [`/csat/${tampered}?score=5`, 403],
      [`/csat/${expired}?score=5`, 410],
      ['/csat/not-a-token?score=5', 400],
      [`/csat/${good}?score=9`, 400],
      [`/csat/${good}?score=abc`, 400],
    ];
    for (const [path, status] of cases) {
      const res = await fetch(`${t.desk.url}${path}`);
      assert.equal(res.status, status, path.slice(0, 40));
    }
    assert.equal((await t.desk.store.listRatings(conversationId)).length, before);
    const choose = await fetch(`${t.desk.url}/csat/${good}`);
    assert.equal(choose.status, 200);
    assert.match(await choose.text(), /How did we do\?/);
  });
});
