import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import type { OutboundMessage } from '../../../src/core/ports.js';
import { decodeRating } from '../../../connectors/meta/rating.js';
import { outboundJob, testCustomer } from '../../support/outbound-job.js';
import { IG_ID, PAGE_ID, startMetaHarness, type MetaHarness } from './harness.js';

const HOUR = 3_600_000;
const customer = testCustomer();
const outbound = (replyRef: string, text: string, extra: Partial<OutboundMessage> = {}) =>
  outboundJob(replyRef.startsWith('instagram') ? 'instagram' : 'messenger', replyRef, text, {
    conversationId: 'conv-7',
    ...extra,
  });

describe('Meta Send API', () => {
  let h: MetaHarness;
  beforeEach(async () => {
    await h?.close();
    h = await startMetaHarness();
  });
  after(() => h.close());

  async function customerWrites(psid: string, channel: 'messenger' | 'instagram' = 'messenger') {
    const { payload } = h.emulator.userMessage(channel, psid, { text: 'hi' });
    assert.equal((await h.emulator.deliver(h.webhookUrl, payload)).status, 200);
    return `${channel}:${channel === 'messenger' ? PAGE_ID : IG_ID}:${psid}`;
  }

  test('inside 24 h: one RESPONSE to the right recipient, with the page token in a header', async () => {
    const ref = await customerWrites('psid-a');
    h.clock.advance(23 * HOUR);
    assert.deepEqual(h.module.connector.canSend?.('messenger', ref, customer), { ok: true });
    const result = await h.module.connector.send(outbound(ref, 'Your order ships today.'));
    assert.equal(result.kind, 'sent');
    assert.equal(h.emulator.sent.length, 1);
    const [sent] = h.emulator.sent;
    assert.equal(sent?.recipientId, 'psid-a');
    assert.equal(sent?.accountId, PAGE_ID);
    assert.equal(sent?.messagingType, 'RESPONSE');
    assert.equal(sent?.tag, undefined);
    assert.equal(result.kind === 'sent' && result.externalId, sent?.messageId);
    assert.equal(h.emulator.calls[0]?.authorization, 'Bearer EAAB-page-token');
    assert.deepEqual(h.emulator.violations, []);
  });

  test('§7.25 between 24 h and 7 days: MESSAGE_TAG with HUMAN_AGENT', async () => {
    const ref = await customerWrites('igsid-b', 'instagram');
    h.clock.advance(30 * HOUR);
    const result = await h.module.connector.send(outbound(ref, 'Sorry for the wait!'));
    assert.equal(result.kind, 'sent');
    assert.equal(h.emulator.sent[0]?.messagingType, 'MESSAGE_TAG');
    assert.equal(h.emulator.sent[0]?.tag, 'HUMAN_AGENT');
    assert.equal(h.emulator.sent[0]?.accountId, IG_ID);
    assert.deepEqual(h.emulator.violations, []);
  });

  test('§7.25 beyond 7 days: canSend refuses with a reason and send never calls Graph', async () => {
    const ref = await customerWrites('psid-c');
    h.clock.advance(8 * 24 * HOUR);
    const check = h.module.connector.canSend?.('messenger', ref, customer);
    assert.equal(check?.ok, false);
    assert.match(check && !check.ok ? check.reason : '', /7 days.*another channel/);
    const result = await h.module.connector.send(outbound(ref, 'late reply'));
    assert.equal(result.kind, 'rejected');
    assert.equal(h.emulator.calls.length, 0);
  });

  test('the emulator itself refuses RESPONSE after 24 h and HUMAN_AGENT after 7 days', async () => {
    await customerWrites('psid-raw');
    const post = (body: object) =>
      fetch(`${h.emulator.graphUrl}/${PAGE_ID}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer EAAB-page-token' },
        body: JSON.stringify({ recipient: { id: 'psid-raw' }, message: { text: 'x' }, ...body }),
      });
    h.clock.advance(25 * HOUR);
    const late = await post({ messaging_type: 'RESPONSE' });
    assert.equal(late.status, 400);
    assert.equal(((await late.json()) as { error: { error_subcode: number } }).error.error_subcode, 2018278);
    assert.equal((await post({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).status, 200);
    h.clock.advance(7 * 24 * HOUR);
    assert.equal((await post({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).status, 400);
  });

  test('§7.27 text over 2000 characters goes out in order, in parts of at most 2000', async () => {
    const ref = await customerWrites('psid-d');
    const long = Array.from(
      { length: 90 },
      (_, i) => `Sentence number ${i} explains one more detail of the refund.`,
    ).join(' ');
    assert.ok(long.length > 4000);
    const result = await h.module.connector.send(outbound(ref, long));
    assert.equal(result.kind, 'sent');
    const parts = h.emulator.sent.map((s) => s.text ?? '');
    assert.equal(parts.length, 3);
    assert.ok(parts.every((p) => p.length <= 2000));
    assert.equal(parts.join(' '), long);
    assert.deepEqual(h.emulator.violations, []);
  });

  test('a failure mid-way resumes with the missing part only', async () => {
    const ref = await customerWrites('psid-e');
    const message = outbound(ref, 'A'.repeat(1500) + '\n\n' + 'B'.repeat(1500));
    h.emulator.sent.length = 0;
    // The first part goes out, then Graph has a 500 for the second.
    h.emulator.failNext(1, { status: 500, error: { message: 'oops', type: 'OAuthException', code: 2 } }, 1);
    const r1 = await h.module.connector.send({ ...message });
    assert.equal(r1.kind, 'retry');
    assert.equal(h.emulator.sent.length, 1);
    assert.equal(h.emulator.refused.length, 1);
    const r2 = await h.module.connector.send({ ...message });
    assert.equal(r2.kind, 'sent');
    assert.deepEqual(
      h.emulator.sent.map((s) => s.text?.[0]),
      ['A', 'B'],
      'each part exactly once',
    );
  });

  test('rate limits and 5xx are retryable; a bad token is refused with a reason', async () => {
    const ref = await customerWrites('psid-f');
    h.emulator.failNext(1, { status: 400, error: { message: 'limit', type: 'OAuthException', code: 613 } });
    assert.equal((await h.module.connector.send(outbound(ref, 'one'))).kind, 'retry');
    h.emulator.failNext(1, {
      status: 400,
      error: { message: 'bad token', type: 'OAuthException', code: 190 },
    });
    const refused = await h.module.connector.send(outbound(ref, 'two'));
    assert.equal(refused.kind, 'rejected');
    assert.doesNotMatch(JSON.stringify(refused), /EAAB/, 'the reason never carries the token');
  });

  test('a rating request carries 5 quick replies (≤13, titles ≤20) that decode to scores', async () => {
    const ref = await customerWrites('psid-g');
    const result = await h.module.connector.send(
      outbound(ref, 'How did we do? Tap a rating from 1 to 5.', { purpose: 'rating_request' }),
    );
    assert.equal(result.kind, 'sent');
    const quickReplies = h.emulator.sent[0]?.quickReplies ?? [];
    assert.equal(quickReplies.length, 5);
    assert.ok(quickReplies.every((q) => [...(q.title ?? '')].length <= 20));
    assert.deepEqual(
      quickReplies.map((q) => decodeRating(q.payload)),
      [1, 2, 3, 4, 5].map((score) => ({ score, conversationId: 'conv-7' })),
    );
    // The customer taps "5": it lands as a rating for the conversation that asked.
    const tap = h.emulator.userMessage('messenger', 'psid-g', {
      text: quickReplies[4]?.title,
      quickReplyPayload: quickReplies[4]?.payload,
    });
    await h.emulator.deliver(h.webhookUrl, tap.payload);
    assert.deepEqual(h.intake.ratings.at(-1), {
      channel: 'messenger',
      address: 'psid-g',
      score: 5,
      conversationId: 'conv-7',
    });
    assert.deepEqual(h.emulator.violations, []);
  });

  test('a rating request after 24 h is not sent (automated messages need the standard window)', async () => {
    const ref = await customerWrites('psid-h');
    h.clock.advance(25 * HOUR);
    const result = await h.module.connector.send(outbound(ref, 'Rate us', { purpose: 'rating_request' }));
    assert.equal(result.kind, 'rejected');
    assert.equal(h.emulator.calls.length, 0);
  });

  test('delivery and read receipts flow back to the intake; a send-via ref without account uses the page', async () => {
    await customerWrites('psid-i');
    const result = await h.module.connector.send(outbound('messenger::psid-i', 'Hello again'));
    assert.equal(result.kind, 'sent');
    const sent = h.emulator.sent[0];
    assert.ok(sent);
    assert.equal(sent.accountId, PAGE_ID);
    await h.emulator.deliver(h.webhookUrl, h.emulator.deliveryOf('messenger', sent));
    assert.deepEqual(h.intake.deliveries.at(-1), {
      channel: 'messenger',
      externalId: sent.messageId,
      state: 'delivered',
    });
    const read = {
      object: 'page',
      entry: [
        {
          id: PAGE_ID,
          time: h.clock.now().getTime(),
          messaging: [
            {
              sender: { id: 'psid-i' },
              recipient: { id: PAGE_ID },
              timestamp: h.clock.now().getTime(),
              read: { watermark: h.clock.now().getTime() },
            },
          ],
        },
      ],
    };
    await h.emulator.deliver(h.webhookUrl, read);
    assert.deepEqual(h.intake.deliveries.at(-1), {
      channel: 'messenger',
      externalId: sent.messageId,
      state: 'read',
    });
  });

  test('an unknown recipient (never wrote) is refused by Graph and reported as rejected', async () => {
    const result = await h.module.connector.send(outbound(`messenger:${PAGE_ID}:psid-unknown`, 'hello?'));
    assert.equal(result.kind, 'rejected');
  });
});
