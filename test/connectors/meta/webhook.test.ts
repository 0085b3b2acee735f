import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { metaJson, metaSignature } from '../../support/meta-emulator/index.js';
import { IG_ID, PAGE_ID, SECRET, startMetaHarness, VERIFY, type MetaHarness } from './harness.js';

describe('Meta webhook (Messenger, Instagram)', () => {
  let h: MetaHarness;
  before(async () => {
    h = await startMetaHarness();
  });
  after(() => h.close());

  test('§7.23 verification answers exactly hub.challenge, and 403 for a wrong token', async () => {
    const ok = await fetch(
      `${h.webhookUrl}?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
    );
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), '1158201444');
    const wrong = await fetch(
      `${h.webhookUrl}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`,
    );
    assert.equal(wrong.status, 403);
    assert.notEqual(await wrong.text(), '1158201444');
    const noMode = await fetch(`${h.webhookUrl}?hub.verify_token=${VERIFY}&hub.challenge=1`);
    assert.equal(noMode.status, 403);
  });

  test('§7.24 a payload with \\u00e4 escapes validates on the raw bytes; re-serialised JSON does not', async () => {
    const { payload, mid } = h.emulator.userMessage('messenger', 'psid-umlaut', {
      text: 'Grüße, äöå — 订单 12345 在哪里？',
    });
    const raw = metaJson(payload);
    assert.match(raw, /\\u00e4/, 'the fixture carries Meta-style escapes');
    const reserialised = JSON.stringify(JSON.parse(raw));
    assert.notEqual(metaSignature(reserialised, SECRET), metaSignature(raw, SECRET));

    // The re-serialised body under the signature Meta computed for the escaped bytes: refused.
    const before = h.intake.calls.length;
    const refused = await h.emulator.deliver(h.webhookUrl, payload, {
      raw: reserialised,
      signature: metaSignature(raw, SECRET),
    });
    assert.equal(refused.status, 401);
    assert.equal(h.intake.calls.length, before, 'nothing reached the intake');

    const accepted = await h.emulator.deliver(h.webhookUrl, payload);
    assert.equal(accepted.status, 200);
    const stored = h.intake.messages.find((m) => m.externalId === mid);
    assert.ok(stored);
    assert.equal(stored.text, 'Grüße, äöå — 订单 12345 在哪里？');
    assert.equal(stored.channel, 'messenger');
    assert.equal(stored.from.address, 'psid-umlaut');
    assert.equal(stored.replyRef, `messenger:${PAGE_ID}:psid-umlaut`);
  });

  test('a bad signature changes nothing: wrong secret, tampered body, missing header', async () => {
    const { payload } = h.emulator.userMessage('messenger', 'psid-bad', { text: 'hello' });
    const before = h.intake.calls.length;
    const wrongSecret = await h.emulator.deliver(h.webhookUrl, payload, { secret: 'not-the-secret' });
    const raw = metaJson(payload);
    const tampered = await h.emulator.deliver(h.webhookUrl, payload, {
      raw: raw.replace('hello', 'hellO'),
      signature: metaSignature(raw, SECRET),
    });
    const missing = await h.emulator.deliver(h.webhookUrl, payload, { signature: '' });
    const sha1 = await h.emulator.deliver(h.webhookUrl, payload, { signature: 'sha1=0000' });
    assert.deepEqual(
      [wrongSecret.status, tampered.status, missing.status, sha1.status],
      [401, 401, 401, 401],
    );
    assert.equal(h.intake.calls.length, before);
  });

  test('signed but malformed bodies get a clear 400', async () => {
    const notJson = await h.emulator.deliver(h.webhookUrl, null, { raw: '{"object":' });
    assert.equal(notJson.status, 400);
    const wrongShape = await h.emulator.deliver(h.webhookUrl, { hello: 'world' });
    assert.equal(wrongShape.status, 400);
  });

  test('§7.26 a redelivered mid reaches the intake with the same id; echoes never do', async () => {
    const { payload, mid } = h.emulator.userMessage('messenger', 'psid-dup', {
      text: 'is my order shipped?',
    });
    assert.equal((await h.emulator.deliver(h.webhookUrl, payload)).status, 200);
    assert.equal((await h.emulator.deliver(h.webhookUrl, payload)).status, 200);
    assert.equal(h.intake.messages.filter((m) => m.externalId === mid).length, 1);
    assert.equal(h.intake.calls.filter((m) => m.externalId === mid).length, 2, 'both carried the same mid');

    const before = h.intake.calls.length;
    const echo = h.emulator.echoOf('messenger', {
      accountId: PAGE_ID,
      recipientId: 'psid-dup',
      messagingType: 'RESPONSE',
      text: 'our own reply',
      messageId: 'm_echo_1',
    });
    assert.equal((await h.emulator.deliver(h.webhookUrl, echo)).status, 200);
    assert.equal(h.intake.calls.length, before, 'the echo was not taken for a customer message');
  });

  test('images and quick replies come in; a rating quick reply becomes a rating', async () => {
    const image = h.emulator.userMessage('instagram', 'igsid-1', {
      imageUrl: 'https://cdn.example/photo.jpg',
    });
    assert.equal((await h.emulator.deliver(h.webhookUrl, image.payload)).status, 200);
    const stored = h.intake.messages.find((m) => m.externalId === image.mid);
    assert.ok(stored);
    assert.equal(stored.channel, 'instagram');
    assert.equal(stored.replyRef, `instagram:${IG_ID}:igsid-1`);
    assert.equal(stored.attachments?.[0]?.url, 'https://cdn.example/photo.jpg');
    assert.equal(stored.attachments?.[0]?.contentType, 'image/*');

    const plainQr = h.emulator.userMessage('messenger', 'psid-qr', {
      text: 'Track order',
      quickReplyPayload: 'TRACK',
    });
    await h.emulator.deliver(h.webhookUrl, plainQr.payload);
    assert.equal(h.intake.messages.find((m) => m.externalId === plainQr.mid)?.text, 'Track order');

    const rating = h.emulator.userMessage('messenger', 'psid-qr', {
      text: '4 ★★★★',
      quickReplyPayload: 'SOLODESK_RATE:4:conv-42',
    });
    assert.equal((await h.emulator.deliver(h.webhookUrl, rating.payload)).status, 200);
    assert.deepEqual(h.intake.ratings.at(-1), {
      channel: 'messenger',
      address: 'psid-qr',
      score: 4,
      conversationId: 'conv-42',
    });
    assert.equal(
      h.intake.messages.find((m) => m.externalId === rating.mid),
      undefined,
    );
    // Meta redelivers the tap: still one rating.
    const ratingsBefore = h.intake.ratings.length;
    assert.equal((await h.emulator.deliver(h.webhookUrl, rating.payload)).status, 200);
    assert.equal(h.intake.ratings.length, ratingsBefore);
  });

  test('the customer is named from the Graph profile when Meta gives one (and stored anyway when not)', async () => {
    h.emulator.profiles.set('psid-named', { first_name: 'Li', last_name: 'Wei', profile_pic: 'https://x' });
    h.emulator.profiles.set('igsid-named', { username: 'shoe_fan' });
    const messenger = h.emulator.userMessage('messenger', 'psid-named', { text: '你好' });
    const instagram = h.emulator.userMessage('instagram', 'igsid-named', { text: 'hi' });
    const anonymous = h.emulator.userMessage('messenger', 'psid-anon', { text: 'hi' });
    for (const m of [messenger, instagram, anonymous]) {
      assert.equal((await h.emulator.deliver(h.webhookUrl, m.payload)).status, 200);
    }
    const byMid = (mid: string) => h.intake.messages.find((m) => m.externalId === mid)?.from;
    assert.deepEqual(byMid(messenger.mid), { address: 'psid-named', displayName: 'Li Wei' });
    assert.deepEqual(byMid(instagram.mid), { address: 'igsid-named', displayName: '@shoe_fan' });
    assert.deepEqual(byMid(anonymous.mid), { address: 'psid-anon' });
  });

  test('a store failure answers 5xx so Meta delivers again', async () => {
    h.intake.failWhen = (m) => m.text === 'fail me';
    const { payload, mid } = h.emulator.userMessage('messenger', 'psid-fail', { text: 'fail me' });
    assert.equal((await h.emulator.deliver(h.webhookUrl, payload)).status, 500);
    h.intake.failWhen = undefined;
    assert.equal((await h.emulator.deliver(h.webhookUrl, payload)).status, 200);
    assert.equal(h.intake.messages.filter((m) => m.externalId === mid).length, 1);
  });
});

test('health is up while the connector has an intake, starting again after stop', async () => {
  const h = await startMetaHarness();
  assert.equal(h.module.connector.health().state, 'up');
  await h.close();
  assert.equal(h.module.connector.health().state, 'starting');
});
