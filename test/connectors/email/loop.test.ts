/**
 * The whole desk (createDesk builds the email connector from IMAP_* / SMTP_* settings; SQLite
 * store, pipeline, decisions, outbox) against Dovecot and the SMTP recorder: a mail appended
 * to the inbox reaches the console with clean text; Send delivers a threaded reply; an
 * answer from another address is kept apart until the owner merges it; a bounce marks the
 * reply failed; mail that arrives while the desk is down is taken in once after a restart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDesk, type Desk } from '../../../src/app.js';
import type { Config } from '../../../src/config.js';
import type { DeskEvent } from '../../../src/core/ports.js';
import { startDovecot, type Dovecot } from '../../support/dovecot/dovecot.js';
import { startSmtpRecorder, type SmtpRecorder } from '../../support/dovecot/smtp-recorder.js';
import { recordingConsole, type RecordingConsole } from '../../support/recording-console.js';
import { stubClassifier, stubDrafter } from '../../support/stub-nlp.js';
import { testConfig } from '../../support/test-config.js';
import { dovecotSkip, fixture, simpleMail, waitUntil } from './helpers.js';
import { emailEnv } from '../../support/dovecot/email-env.js';

const skip = dovecotSkip();
const OWNER = { console: 'recording', userId: 'owner-1' };
type Inbound = Extract<DeskEvent, { type: 'inbound' }>;

describe('email through the whole desk (Dovecot + SMTP recorder)', { skip }, () => {
  let dovecot: Dovecot;
  let smtp: SmtpRecorder;
  let config: Config;
  let desk: Desk;
  let screen: RecordingConsole;

  async function startDesk(): Promise<void> {
    screen = recordingConsole();
    desk = await createDesk(config, {
      classifier: stubClassifier,
      drafter: stubDrafter,
      terminal: false,
      port: 0,
      outbox: { pollMs: 50, baseDelayMs: 10, maxDelayMs: 50 },
      consoles: [screen],
    });
    await desk.start();
  }

  const inbound = (predicate: (e: Inbound) => boolean) =>
    screen.waitFor((e) => e.type === 'inbound' && predicate(e), 15_000) as Promise<Inbound>;

  before(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpRecorder();
    config = testConfig({
      ...emailEnv(dovecot, smtp, 'Shop Support <support@shop.example>'),
    });
    await startDesk();
  });
  after(async () => {
    await desk?.stop();
    await smtp?.stop();
    await dovecot?.stop();
  });

  let first: Inbound;
  let replyId: string;

  test('a mail appended to the inbox reaches the console with its clean text', async () => {
    await dovecot.append(fixture('apple-mail-iphone.eml'));
    first = await inbound((e) => e.message.address === 'carol.w@icloud.com');
    assert.equal(first.message.channel, 'email');
    assert.equal(first.message.text, 'The parcel arrived but the mug is broken 😞 Can I get a replacement?');
    assert.match(first.message.fullText ?? '', /Sent from my iPhone/);
    assert.equal(first.message.subject, 'Re: Your order #50117 is on its way');
    assert.equal(first.message.replyRef, 'email:support@shop.example:carol.w@icloud.com');
    assert.ok(first.draft);
    // The UID checkpoint lives in the desk's store (ConnectorDeps.cursors).
    await waitUntil('checkpoint stored', async () =>
      ((await desk.store.getCursor(`email:imap:${dovecot.user}:INBOX`)) ?? '').includes('"lastUid":1'),
    );
  });

  test('Send delivers a threaded reply with the right headers', async () => {
    const decided = await screen.desk().decide({ draftId: first.draft!.id, actor: OWNER, action: 'send' });
    assert.equal(decided.kind, 'queued');
    await desk.drain();
    const [mail] = await smtp.waitFor(1);
    assert.ok(mail);
    assert.deepEqual(smtp.problems, []);
    assert.deepEqual(mail.envelope.to, ['carol.w@icloud.com']);
    assert.equal(mail.parsed.subject, 'Re: Your order #50117 is on its way');
    assert.equal(mail.parsed.inReplyTo, '<6A1F0B2C-3D4E-4F5A-9B8C-7D6E5F4A3B2C@icloud.com>');
    assert.deepEqual(mail.parsed.references, [
      '<sd-1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d@shop.example>',
      '<6A1F0B2C-3D4E-4F5A-9B8C-7D6E5F4A3B2C@icloud.com>',
    ]);
    assert.match(
      mail.parsed.text ?? '',
      new RegExp(first.draft!.text.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    const job = await desk.store.getJob(decided.kind === 'queued' ? decided.job.id : '');
    assert.equal(job?.status, 'sent');
    assert.equal(job?.externalId, mail.parsed.messageId, 'our Message-ID is the job externalId');
    replyId = mail.parsed.messageId!;
  });

  test("an answer from another address quoting our reply stays apart until the owner's one-tap merge", async () => {
    const answer = [
      'From: Carol White <carol@work.example>',
      'To: Shop Support <support@shop.example>',
      'Subject: Re: Your order #50117 is on its way',
      'Message-ID: <carol-answer-1@work.example>',
      `In-Reply-To: ${replyId}`,
      `References: <6A1F0B2C-3D4E-4F5A-9B8C-7D6E5F4A3B2C@icloud.com> ${replyId}`,
      'Date: Thu, 26 Nov 2026 10:30:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'A replacement would be great, thank you!',
      '',
      'On Thu, 26 Nov 2026 at 10:20, Shop Support <support@shop.example> wrote:',
      '> Hello',
      '',
    ].join('\r\n');
    await dovecot.append(answer);
    const second = await inbound((e) => e.message.externalId === '<carol-answer-1@work.example>');
    assert.equal(second.message.text, 'A replacement would be great, thank you!');
    // Anyone can copy a Message-ID: the other address is no proof it is Carol.
    assert.notEqual(second.message.customerId, first.message.customerId);
    const offer = await screen.waitFor(
      (e) => e.type === 'merge_suggestion' && e.from.customer.id === second.message.customerId,
      15_000,
    );
    assert.ok(offer.type === 'merge_suggestion');
    assert.equal(offer.into.customer.id, first.message.customerId);
    assert.equal(
      (await screen.desk().merge(offer.into.customer.id, offer.from.customer.id, OWNER)).kind,
      'ok',
    );
    const merged = await desk.store.getMessage(second.message.id);
    assert.equal(merged?.customerId, first.message.customerId, 'merged on the owner’s word');
  });

  test('a bounce of our reply marks it failed in the console', async () => {
    const dsn = fixture('bounce.eml')
      .toString()
      .replace('<sd-44f1c0de2b3a4958a6e7f8091a2b3c4d5e6f7081@shop.example>', replyId);
    await dovecot.append(dsn);
    const event = await screen.waitFor(
      (e) => e.type === 'delivery' && e.job.externalId === replyId && e.job.delivery === 'failed',
      15_000,
    );
    assert.equal(
      event.type === 'delivery' && event.job.status,
      'failed',
      "the platform's failure report fails the job, so the owner's Retry can send it again",
    );
  });

  test('Resolve mails a rating request with rating links; a click and the confirm button record the rating', async () => {
    const sentBefore = smtp.mails.length;
    const resolved = await screen.desk().resolve(first.message.customerId, OWNER);
    assert.equal(resolved.kind, 'ok');
    await desk.drain();
    const [mail] = (await smtp.waitFor(sentBefore + 1)).slice(sentBefore);
    assert.ok(mail);
    assert.deepEqual(smtp.problems, []);
    assert.ok(mail.envelope.to[0] === 'carol@work.example' || mail.envelope.to[0] === 'carol.w@icloud.com');
    const link = /https?:\/\/\S+\/csat\/(\S+\?score=4)/.exec(mail.parsed.text ?? '');
    assert.ok(link, 'a score-4 link in the mail');
    const res = await fetch(`${desk.url}/csat/${link[1]}`);
    assert.equal(res.status, 200);
    // Opening the link only asks; the page's button (a form POST) records.
    const form = /<form method="post" action="([^"]+)">[\s\S]*?name="score" value="(\d)"/.exec(
      await res.text(),
    );
    assert.ok(form, 'a confirmation form');
    const confirmed = await fetch(`${desk.url}${form[1]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `score=${form[2]}`,
    });
    assert.equal(confirmed.status, 200);
    const rating = await screen.waitFor((e) => e.type === 'rating', 10_000);
    assert.equal(rating.type === 'rating' && rating.rating.score, 4);
    const rated = await desk.store.latestConversation(first.message.customerId);
    assert.equal(rating.type === 'rating' && rating.rating.conversationId, rated?.id);
  });

  test('mail that arrives while the desk is down is taken in exactly once after restart; nothing is re-shown', async () => {
    await desk.stop();
    await dovecot.append(simpleMail('while-down'));
    await startDesk();
    const event = await inbound((e) => e.message.address === 'customerwhile-down@example.com');
    assert.match(event.message.text, /question number while-down/);
    await waitUntil('catch-up done', async () =>
      ((await desk.store.getCursor(`email:imap:${dovecot.user}:INBOX`)) ?? '').includes('"lastUid":4'),
    );
    await desk.drain();
    const shown = screen.events.filter((e) => e.type === 'inbound');
    assert.equal(shown.length, 1, 'only the new mail; the earlier ones were not shown again');
    const again = await desk.store.findMessageByExternalId('email', event.message.externalId);
    assert.equal(again?.id, event.message.id);
  });
});
