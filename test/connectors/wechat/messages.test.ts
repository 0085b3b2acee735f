/**
 * What a follower sends, as the intake receives it: a picture relayed (downloaded under a byte
 * cap, or kept as its link when too large), voice relayed (temporary-media API) with WeChat's recognition text, location and
 * link messages as text; subscribe greets once (retries included) and unsubscribe is an opt-out;
 * a token fetch serves parallel sends once (single-flight); 45047 and 45015 reach the owner.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { OutboundMessage } from '../../../src/core/ports.js';
import { listenLocal } from '../../support/local-server.js';
import { startWechatHarness, type WechatHarness } from './harness.js';

let h: WechatHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function outbound(openid: string, text: string, jobId: string): OutboundMessage {
  return {
    jobId,
    idempotencyKey: jobId,
    channel: 'wechat',
    replyRef: `wechat:gh_0123456789ab:${openid}`,
    text,
    purpose: 'reply',
    customer: { id: 'c1' } as OutboundMessage['customer'],
    conversationId: 'conv-1',
    language: 'en',
  };
}

describe('WeChat message types and events', () => {
  it('relays a picture within the cap, and keeps a too-large one as its link', async () => {
    h = await startWechatHarness({ connector: { imageMaxBytes: 1000 } });
    const small = Buffer.alloc(600, 7);
    const pic = h.emulator.userMessage('oPIC', 'image', {
      PicUrl: h.emulator.addPicture(small),
      MediaId: 'm1',
    });
    assert.equal((await h.emulator.push(h.url, pic.fields)).body, 'success');
    const stored = h.intake.messages.find((m) => m.externalId === pic.msgId);
    assert.equal(stored?.attachments?.[0]?.dataBase64, small.toString('base64'));
    assert.equal(stored?.attachments?.[0]?.size, 600);
    assert.equal(stored?.attachments?.[0]?.contentType, 'image/jpeg');

    const bigUrl = h.emulator.addPicture(Buffer.alloc(5000, 1));
    const big = h.emulator.userMessage('oPIC', 'image', { PicUrl: bigUrl, MediaId: 'm2' });
    assert.equal((await h.emulator.push(h.url, big.fields)).body, 'success');
    const kept = h.intake.messages.find((m) => m.externalId === big.msgId);
    assert.equal(kept?.attachments?.[0]?.dataBase64, undefined);
    assert.equal(kept?.attachments?.[0]?.url, bigUrl);
    assert.deepEqual(h.emulator.violations, []);
  });

  it('a picture host that never answers cannot hold the push past 5 s: stored with its link', async () => {
    h = await startWechatHarness();
    const hang = await listenLocal(() => undefined);
    try {
      const url = `${hang.url}/never.jpg`;
      const pic = h.emulator.userMessage('oSLOW', 'image', { PicUrl: url, MediaId: 'm3' });
      const answer = await h.emulator.push(h.url, pic.fields);
      assert.equal(answer.body, 'success');
      assert.ok(answer.ms < 5_000, `answered in ${Math.round(answer.ms)} ms`);
      assert.equal(h.intake.messages.find((m) => m.externalId === pic.msgId)?.attachments?.[0]?.url, url);
      assert.deepEqual(h.emulator.violations, []);
    } finally {
      await hang.close();
    }
  });

  it('voice is relayed and carries the recognition text; location and link become text', async () => {
    h = await startWechatHarness();
    const clip = Buffer.from('#!AMR\n' + 'x'.repeat(300));
    const voice = h.emulator.userMessage('oV', 'voice', {
      MediaId: h.emulator.addVoice(clip),
      Format: 'amr',
      Recognition: '我想退货',
    });
    const location = h.emulator.userMessage('oV', 'location', {
      Location_X: 23.134521,
      Location_Y: 113.358803,
      Scale: 20,
      Label: '广州市天河区',
    });
    const link = h.emulator.userMessage('oV', 'link', {
      Title: 'My order',
      Description: 'Order page',
      Url: 'https://shop.example/o/1234',
    });
    for (const m of [voice, location, link])
      assert.equal((await h.emulator.push(h.url, m.fields)).body, 'success');
    const byId = (id: string) => h?.intake.messages.find((m) => m.externalId === id);
    assert.equal(byId(voice.msgId)?.text, '我想退货');
    assert.equal(byId(voice.msgId)?.attachments?.[0]?.contentType, 'audio/amr');
    assert.equal(
      byId(voice.msgId)?.attachments?.[0]?.dataBase64,
      clip.toString('base64'),
      'the clip is relayed',
    );
    // An expired media id: the message is stored all the same, without the bytes.
    const gone = h.emulator.userMessage('oV', 'voice', { MediaId: 'media_gone', Format: 'amr' });
    assert.equal((await h.emulator.push(h.url, gone.fields)).body, 'success');
    assert.equal(byId(gone.msgId)?.attachments?.[0]?.dataBase64, undefined);
    assert.equal(h.emulator.tokenFetches, 1, 'the media download used the shared token');
    assert.match(byId(location.msgId)?.text ?? '', /广州市天河区.*23\.134521, 113\.358803/);
    assert.match(byId(link.msgId)?.text ?? '', /My order[\s\S]*https:\/\/shop\.example\/o\/1234/);
  });

  it('subscribe greets once even when WeChat retries; unsubscribe is an opt-out', async () => {
    h = await startWechatHarness({ connector: { greeting: '欢迎关注！有问题直接留言。' } });
    const subscribe = h.emulator.userEvent('oNEW', 'subscribe');
    // Subscribing opens a short customer-service allowance on WeChat's side.
    h.emulator.userMessage('oNEW', 'text', {});
    assert.equal((await h.emulator.push(h.url, subscribe)).body, 'success');
    assert.equal((await h.emulator.push(h.url, subscribe)).body, 'success');
    const deadline = Date.now() + 3000;
    while (h.emulator.sent.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      h.emulator.sent.map((s) => [s.openid, s.text]),
      [['oNEW', '欢迎关注！有问题直接留言。']],
    );
    assert.deepEqual(h.intake.optOuts, [{ channel: 'wechat', address: 'oNEW', optedOut: false }]);
    h.clock.advance(1000);
    assert.equal((await h.emulator.push(h.url, h.emulator.userEvent('oNEW', 'unsubscribe'))).body, 'success');
    assert.deepEqual(h.intake.optOuts.at(-1), { channel: 'wechat', address: 'oNEW', optedOut: true });
    assert.equal(h.intake.messages.length, 0, 'events are no customer messages');
  });

  it('parallel sends share one token fetch (single-flight)', async () => {
    h = await startWechatHarness();
    for (const id of ['oA', 'oB', 'oC']) {
      await h.emulator.push(h.url, h.emulator.userMessage(id, 'text', { Content: 'hi' }).fields);
    }
    const results = await Promise.all(
      ['oA', 'oB', 'oC'].map((id, i) => h!.module.connector.send(outbound(id, `reply ${i}`, `job-${i}`))),
    );
    assert.deepEqual(
      results.map((r) => r.kind),
      ['sent', 'sent', 'sent'],
    );
    assert.equal(h.emulator.tokenFetches, 1);
    assert.deepEqual(h.emulator.sent.map((s) => s.openid).sort(), ['oA', 'oB', 'oC']);
  });

  it('reports the count limit (45047) and an invalid token is refreshed once (40001)', async () => {
    h = await startWechatHarness();
    await h.emulator.push(h.url, h.emulator.userMessage('oLIMIT', 'text', { Content: 'hi' }).fields);
    for (let i = 0; i < 5; i++) {
      assert.equal((await h.module.connector.send(outbound('oLIMIT', `r${i}`, `j${i}`))).kind, 'sent');
    }
    const sixth = await h.module.connector.send(outbound('oLIMIT', 'one too many', 'j6'));
    assert.equal(sixth.kind, 'rejected');
    assert.match(sixth.kind === 'rejected' ? sixth.reason : '', /45047/);

    // Another server fetched a token: ours is replaced. An unknown token is 40001 → refetch.
    h.emulator.revokeTokens();
    await h.emulator.push(h.url, h.emulator.userMessage('oLIMIT', 'text', { Content: 'again' }).fields);
    assert.equal((await h.module.connector.send(outbound('oLIMIT', 'after refresh', 'j7'))).kind, 'sent');
    assert.equal(h.emulator.tokenFetches, 2);
    assert.equal(h.emulator.refused.filter((r) => r.errcode === 40001).length, 1);
  });

  it('renews the token shortly before it expires, without a refused call; the daily quota is respected', async () => {
    h = await startWechatHarness();
    await h.emulator.push(h.url, h.emulator.userMessage('oRENEW', 'text', { Content: 'hi' }).fields);
    assert.equal((await h.module.connector.send(outbound('oRENEW', 'first', 'r1'))).kind, 'sent');
    h.clock.advance(30 * 60_000);
    assert.equal((await h.module.connector.send(outbound('oRENEW', 'cached', 'r2'))).kind, 'sent');
    assert.equal(h.emulator.tokenFetches, 1);
    h.clock.advance(7200_000 - 30 * 60_000 - 4 * 60_000); // 4 minutes before expiry
    await h.emulator.push(h.url, h.emulator.userMessage('oRENEW', 'text', { Content: 'again' }).fields);
    assert.equal((await h.module.connector.send(outbound('oRENEW', 'renewed', 'r3'))).kind, 'sent');
    assert.equal(h.emulator.tokenFetches, 2);
    assert.deepEqual(h.emulator.refused, []);
    assert.deepEqual(h.emulator.violations, []);
  });

  it('a reply the record says already went is not sent again (idempotent retry)', async () => {
    h = await startWechatHarness();
    await h.emulator.push(h.url, h.emulator.userMessage('oIDEM', 'text', { Content: 'hi' }).fields);
    let marker: string | undefined;
    const record = { check: async () => marker, accepted: async (m: string) => void (marker = m) };
    const first = await h.module.connector.send({ ...outbound('oIDEM', 'once', 'job-x'), record });
    const again = await h.module.connector.send({ ...outbound('oIDEM', 'once', 'job-x'), record });
    assert.equal(first.kind, 'sent');
    assert.equal(again.kind, 'sent');
    assert.equal(h.emulator.sent.filter((s) => s.openid === 'oIDEM').length, 1);
  });
});
