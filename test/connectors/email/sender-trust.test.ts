/**
 * Issue 15, findings 3 and 4, end to end: the whole desk (real email connector against Dovecot
 * and the SMTP recorder, the real website chat over its WebSocket, SQLite, pipeline, decisions,
 * outbox) with EMAIL_AUTHSERV_ID set.
 * - A mail "From: a known customer, Reply-To: attacker" whose DMARC failed at our server lands
 *   apart from the known customer, marked unverified; its card says Send goes to the Reply-To.
 * - Without results (or with another server's), mail keeps working as before, and a Reply-To
 *   other than the From is still shown and said.
 * - A chat visitor who types someone's address does not capture that person's later mail;
 *   the owner gets a one-tap merge offer instead.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDesk, type Desk } from '../../../src/app.js';
import { cardsFor } from '../../../src/console/card.js';
import type { DeskEvent } from '../../../src/core/ports.js';
import { startDovecot, type Dovecot } from '../../support/dovecot/dovecot.js';
import { startSmtpRecorder, type SmtpRecorder } from '../../support/dovecot/smtp-recorder.js';
import { recordingConsole, type RecordingConsole } from '../../support/recording-console.js';
import { stubClassifier, stubDrafter } from '../../support/stub-nlp.js';
import { testConfig } from '../../support/test-config.js';
import { ChatClient } from '../webchat/harness.js';
import { dovecotSkip } from './helpers.js';
import { emailEnv } from '../../support/dovecot/email-env.js';

const skip = dovecotSkip();
const OWNER = { console: 'recording', userId: 'owner-1' };
type Inbound = Extract<DeskEvent, { type: 'inbound' }>;

function mail(opts: { from: string; id: string; text: string; headers?: string[] }): string {
  return [
    ...(opts.headers ?? []),
    `From: ${opts.from}`,
    'To: Shop Support <support@shop.example>',
    'Subject: About my order',
    `Message-ID: <${opts.id}>`,
    'Date: Thu, 26 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.text,
    '',
  ].join('\r\n');
}

describe('sender trust, end to end (Dovecot + SMTP recorder + website chat)', { skip }, () => {
  let dovecot: Dovecot;
  let smtp: SmtpRecorder;
  let desk: Desk;
  let screen: RecordingConsole;

  const inbound = (externalId: string) =>
    screen.waitFor(
      (e) => e.type === 'inbound' && e.message.externalId === externalId,
      15_000,
    ) as Promise<Inbound>;
  const shown = (event: DeskEvent) => JSON.stringify(cardsFor(event, { language: 'en' }));

  before(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpRecorder();
    screen = recordingConsole();
    desk = await createDesk(
      testConfig({
        ...emailEnv(dovecot, smtp, 'Shop Support <support@shop.example>'),
        EMAIL_AUTHSERV_ID: 'mx.shop.example',
      }),
      {
        classifier: stubClassifier,
        drafter: stubDrafter,
        terminal: false,
        port: 0,
        outbox: { pollMs: 50, baseDelayMs: 10, maxDelayMs: 50 },
        consoles: [screen],
      },
    );
    await desk.start();
  });
  after(async () => {
    await desk?.stop();
    await smtp?.stop();
    await dovecot?.stop();
  });

  let carol: Inbound;

  test('a known customer; then a spoof of her address that failed DMARC lands apart, marked unverified', async () => {
    await dovecot.append(
      mail({
        from: 'Carol White <carol@customer.example>',
        id: 'carol-1@customer.example',
        text: 'Where is order 50117?',
        headers: ['Authentication-Results: mx.shop.example; spf=pass smtp.mailfrom=customer.example'],
      }),
    );
    carol = await inbound('<carol-1@customer.example>');

    await dovecot.append(
      mail({
        from: 'Carol White <carol@customer.example>',
        id: 'spoof-1@evil.example',
        text: 'Please send my refund to this new account instead.',
        headers: [
          // Our server's verdict, topmost; the sender's forged one below it is never read.
          'Authentication-Results: mx.shop.example;\r\n\tspf=fail (sender not permitted) smtp.mailfrom=customer.example;\r\n\tdkim=none; dmarc=fail (p=reject) header.from=customer.example',
          'Authentication-Results: mx.shop.example; dmarc=pass header.from=customer.example',
          'Reply-To: Carol <carol.refunds@evil.example>',
        ],
      }),
    );
    const spoof = await inbound('<spoof-1@evil.example>');
    assert.notEqual(spoof.message.customerId, carol.message.customerId, 'not in Carol’s thread');
    assert.equal(spoof.message.meta.unverifiedSender, 'dmarc=fail');
    assert.deepEqual(spoof.view.identities, []);
    assert.deepEqual(
      spoof.view.claims?.map((c) => [c.address, c.kind, c.reason]),
      [['carol@customer.example', 'unauthenticated', 'dmarc=fail']],
    );
    const card = shown(spoof);
    assert.match(card, /Sender not verified \(dmarc=fail\)/);
    assert.match(card, /unverified: failed sender check, dmarc=fail/);
    assert.match(card, /Reply-To/);
    assert.match(
      card,
      /Send goes to carol\.refunds@evil\.example \(the Reply-To\), not to the sender carol@customer\.example/,
    );
    assert.equal(
      (await desk.store.findCustomerByIdentity('email', 'carol@customer.example'))?.id,
      carol.message.customerId,
      'Carol is still Carol',
    );
    // If the owner sends anyway, it goes where the card said: the Reply-To.
    const sent = await screen.desk().decide({ draftId: spoof.draft!.id, actor: OWNER, action: 'send' });
    assert.equal(sent.kind, 'queued');
    const [out] = await smtp.waitFor(1);
    assert.deepEqual(out?.envelope.to, ['carol.refunds@evil.example']);
  });

  test('without results from our server, mail keeps working as today; a Reply-To is still said', async () => {
    await dovecot.append(
      mail({
        from: 'Carol White <carol@customer.example>',
        id: 'carol-2@customer.example',
        text: 'Also, can I change the colour?',
        headers: [
          // Another server's verdict (not EMAIL_AUTHSERV_ID): not ours to trust, so not read.
          'Authentication-Results: relay.elsewhere.example; dmarc=fail header.from=customer.example',
          'Reply-To: Carol at work <carol@work.example>',
        ],
      }),
    );
    const second = await inbound('<carol-2@customer.example>');
    assert.equal(second.message.customerId, carol.message.customerId);
    assert.equal(second.message.meta.unverifiedSender, undefined);
    assert.match(shown(second), /Send goes to carol@work\.example \(the Reply-To\)/);
    await dovecot.append(
      mail({ from: 'carol@customer.example', id: 'carol-3@customer.example', text: 'Thanks!' }),
    );
    const third = await inbound('<carol-3@customer.example>');
    assert.equal(third.message.customerId, carol.message.customerId, 'no header at all: as today');
    assert.doesNotMatch(shown(third), /Reply-To|not verified/);
  });

  test('a chat visitor who types an address does not capture its owner’s later mail; merge is one tap', async () => {
    const { client, welcome } = await ChatClient.join(desk.url.replace('http', 'ws') + '/chat/ws', desk.url);
    try {
      assert.equal(welcome.type, 'welcome');
      client.send({ type: 'message', id: 'visitor-msg-0001', text: 'Hi, is the lamp in stock?' });
      assert.equal((await client.next((f) => f.type === 'ack')).status, 'stored');
      const chat = (await screen.waitFor(
        (e) => e.type === 'inbound' && e.message.channel === 'webchat',
        15_000,
      )) as Inbound;
      client.send({ type: 'email', address: 'Dave@Customer.example' });
      await client.next((f) => f.type === 'email_saved');
      await desk.drain();
      assert.equal(await desk.store.findCustomerByIdentity('email', 'dave@customer.example'), undefined);
      const visitorView = await screen.desk().view(chat.message.customerId);
      assert.deepEqual(
        visitorView?.claims?.map((c) => c.address),
        ['dave@customer.example'],
      );

      await dovecot.append(
        mail({ from: 'Dave <dave@customer.example>', id: 'dave-1@customer.example', text: 'Hello?' }),
      );
      const dave = await inbound('<dave-1@customer.example>');
      assert.notEqual(dave.message.customerId, chat.message.customerId, 'filed under its real owner');
      assert.deepEqual(
        await screen.desk().replyChannels(dave.draft!.id),
        ['email'],
        'no "Send via chat" reaches the visitor from Dave’s thread',
      );
      const offer = await screen.waitFor(
        (e) => e.type === 'merge_suggestion' && e.view.customer.id === dave.message.customerId,
        15_000,
      );
      assert.ok(offer.type === 'merge_suggestion');
      const [card] = cardsFor(offer, { language: 'en' });
      const button = card?.actions.find((a) => a.ref.action === 'merge');
      assert.ok(button, 'a "Same person — merge" button');
      assert.equal(button.label, 'Same person — merge');
      assert.equal(
        (await screen.desk().merge(button.ref.id, button.ref.arg!, OWNER)).kind,
        'ok',
        'the button calls desk.merge',
      );
      const merged = await screen.desk().view(chat.message.customerId);
      assert.equal(merged?.customer.id, dave.message.customerId);
      assert.deepEqual(merged?.identities.map((i) => i.channel).sort(), ['email', 'webchat']);
    } finally {
      client.close();
    }
  });
});
