/**
 * Email ratings: signed, expiring links that open a confirmation page (a GET never records,
 * since mail scanners open every link); the page's button POSTs the rating, idempotently, with
 * a thank-you page in the customer's language and an optional comment.
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

  const post = (token: string, form: Record<string, string>) =>
    fetch(`${t.desk.url}/csat/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

  it('records nothing on GET (mail scanners open every link): it shows a one-tap confirmation', async () => {
    const links = ratingLinks(t.desk.url, secret(), conversationId, 'zh', new Date());
    assert.equal(links.length, 5);
    // A scanner opening all five links, twice, and a HEAD for good measure.
    for (const link of [...links, ...links]) assert.equal((await fetch(link.url)).status, 200);
    assert.equal((await fetch(links[0]!.url, { method: 'HEAD' })).status, 200);
    assert.deepEqual(await t.desk.store.listRatings(conversationId), []);
    assert.ok(!t.console.events.some((e) => e.type === 'rating'));

    const res = await fetch(links[3]!.url);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const html = await res.text();
    assert.match(html, /lang="zh"/);
    assert.match(html, /您的评分: ★★★★☆/);
    assert.match(html, /<form method="post" action="\/csat\/[^"]+">/);
    assert.match(html, /name="score" value="4"/);
    assert.match(html, /提交评分/);
    // Tiny and self-contained: no scripts, no outside assets, no links that rate.
    assert.doesNotMatch(html, /<script|<link|<img|src=|href=/i);
    assert.ok(html.length < 3000, `${html.length} bytes`);
  });

  it('records on the POST the button sends, once however often it is sent, in the customer language', async () => {
    const [, , , four] = ratingLinks(t.desk.url, secret(), conversationId, 'zh', new Date());
    const first = await post(tokenOf(four!.url), { score: '4' });
    assert.equal(first.status, 200);
    const html = await first.text();
    assert.match(html, /感谢您的评分/);
    assert.match(html, /lang="zh"/);
    const again = await post(tokenOf(four!.url), { score: '4' });
    assert.equal(again.status, 200);
    assert.match(await again.text(), /我们已经收到这个评分了/);
    const ratings = await t.desk.store.listRatings(conversationId);
    assert.deepEqual(
      ratings.map((r) => [r.score, r.channel]),
      [[4, 'email']],
    );
    assert.equal(t.console.events.filter((e) => e.type === 'rating').length, 1);
  });

  it('lets a changed mind change the score with another POST', async () => {
    const [, , three] = ratingLinks(t.desk.url, secret(), conversationId, 'en', new Date());
    const res = await post(tokenOf(three!.url), { score: '3' });
    assert.match(await res.text(), /Thank you for your rating: ★★★☆☆/);
    assert.equal((await t.desk.store.listRatings(conversationId)).at(-1)?.score, 3);
  });

  it('refuses a POST whose token does not verify, changing nothing', async () => {
    const before = (await t.desk.store.listRatings(conversationId)).length;
    const forged = signRatingToken('another-secret-another-secret-12345', {
      conversationId,
      language: 'en',
      expiresAt: new Date(Date.now() + 60_000),
    });
    assert.equal((await post(forged, { score: '1' })).status, 403);
    assert.equal((await post('not-a-token', { score: '1' })).status, 400);
    assert.equal((await t.desk.store.listRatings(conversationId)).length, before);
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
    const html = await choose.text();
    assert.match(html, /How did we do\?/);
    // The five choices are POST buttons, not links a scanner would follow.
    assert.equal(html.match(/<button type="submit" name="score" value="[1-5]">/g)?.length, 5);
    assert.doesNotMatch(html, /href=/);
  });
});
