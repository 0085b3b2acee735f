/**
 * Files to customers (issue 19), end to end on one desk built from environment variables:
 * the owner shares a file in a customer's Slack thread (a file_share event; the desk fetches
 * url_private with the bot token from the Slack emulator), a pending reply carrying it
 * appears, and Send delivers it on the customer's channel — an email attachment through the
 * SMTP recorder the email tests use, an MMS whose media Twilio fetches from the desk's signed
 * link, or (too large for MMS) the link itself in the text, which the card says.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Customer } from '../../src/core/model.js';
import { startSmtpRecorder, type SmtpRecorder } from '../support/dovecot/smtp-recorder.js';
import { Customers } from './customers.js';
import { SLACK, startOmniDesk, waitFor, type OmniDesk } from './omni-desk.js';
import { buttonsOf, shown, SlackOwner } from './slack-owner.js';

const CAROL = 'carol.files@example.com';
const SAM = '+15551119001';
const TEO = '+15551119002';
const DAY = 86_400_000;

let d: OmniDesk;
let smtp: SmtpRecorder;
const owner = new SlackOwner(() => d);
const customers = new Customers(() => d);

before(async () => {
  smtp = await startSmtpRecorder();
  d = await startOmniDesk(
    {},
    {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: 'false',
      EMAIL_FROM: 'Shop Support <support@shop.example>',
    },
  );
});
after(async () => {
  await d?.stop();
  await smtp?.stop();
});

const settle = async () => {
  await d.desk.drain();
  await d.desk.drain();
};

async function customerBy(channel: 'email' | 'sms', address: string): Promise<Customer> {
  return waitFor(`the ${channel} customer ${address}`, () =>
    d.desk.store.findCustomerByIdentity(channel, address),
  );
}

/** The customer's thread root, once the desk has posted it. */
async function rootOf(customerId: string) {
  return waitFor('the customer root in Slack', () => owner.rootOf(customerId));
}

/** The pending reply carrying a shared file, once the desk made it. */
async function fileDraft(customerId: string) {
  return waitFor('a pending reply carrying the shared file', async () =>
    (await d.desk.store.listPendingDrafts(500)).find(
      (x) => x.customerId === customerId && (x.attachments?.length ?? 0) > 0,
    ),
  );
}

/** A minimal one-page PDF (bytes, as a real one starts and ends). */
function pdf(): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n'),
    randomBytes(2048),
    Buffer.from('\n%%EOF\n'),
  ]);
}

/** A PNG of `size` bytes (signature, then filler). */
function png(size: number): Buffer {
  const head = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

test('an owner’s PDF shared in an email customer’s Slack thread → Send → exactly one email with that PDF attached', async () => {
  await d.desk.intake.receive({
    channel: 'email',
    externalId: '<invoice-ask-1@mail.example>',
    from: { address: CAROL, displayName: 'Carol' },
    replyRef: `email:support@shop.example:${CAROL}`,
    text: 'Hello, could you send me the invoice for my last order?',
    subject: 'Invoice please',
  });
  const carol = await customerBy('email', CAROL);
  const root = await rootOf(carol.id);
  await settle();
  const mailsBefore = smtp.mails.length;

  const bytes = pdf();
  assert.equal(
    await owner.shareFile(
      root,
      { name: 'invoice-7781.pdf', mimetype: 'application/pdf', bytes },
      'Here it is.',
    ),
    200,
  );
  const draft = await fileDraft(carol.id);
  assert.equal(draft.origin, 'owner_note');
  assert.equal(draft.text, 'Here it is.');
  assert.deepEqual(
    draft.attachments?.map((a) => [a.name, a.contentType, a.size]),
    [['invoice-7781.pdf', 'application/pdf', bytes.length]],
  );
  assert.ok(
    d.slack.fileFetches.length > 0 && d.slack.fileFetches.every((f) => f.authorized),
    'the desk fetched url_private with the bot token',
  );
  const card = await owner.draftCard(draft.id);
  assert.match(shown(card), /invoice-7781\.pdf/);
  assert.doesNotMatch(shown(card), /as a link/, 'an email carries a PDF itself');
  assert.deepEqual(
    buttonsOf(card).map((b) => b.ref.action),
    ['send', 'edit', 'discard'],
  );
  await settle();
  assert.equal(smtp.mails.length, mailsBefore, 'nothing goes out before Send');

  assert.equal((await owner.click(card, owner.button(card, 'send'))).status, 200);
  await smtp.waitFor(mailsBefore + 1);
  await settle();
  assert.equal(smtp.mails.length, mailsBefore + 1, 'exactly one email');
  const mail = smtp.mails.at(-1);
  assert.deepEqual(mail?.envelope.to, [CAROL]);
  assert.match(mail?.parsed.text ?? '', /Here it is\./);
  const attached = mail?.parsed.attachments ?? [];
  assert.equal(attached.length, 1);
  assert.equal(attached[0]?.filename, 'invoice-7781.pdf');
  assert.equal(attached[0]?.contentType, 'application/pdf');
  assert.ok(attached[0]?.content.equals(bytes), 'the very bytes the owner shared');
  await waitFor('the card shows it was sent', () => /Sent by/.test(shown(card)) && /✅/.test(shown(card)));
  assert.deepEqual(smtp.problems, []);
});

test('an image in an SMS customer’s thread → one MMS whose media URL serves the image signed, and refuses it unsigned or after expiry', async () => {
  await customers.sms(SAM, 'The box came damaged, what does the label look like?');
  const sam = await customerBy('sms', SAM);
  const root = await rootOf(sam.id);
  await settle();
  const before = d.twilio.messages.filter((m) => m.to === SAM).length;

  const bytes = png(40_000);
  assert.equal(await owner.shareFile(root, { name: 'label.png', mimetype: 'image/png', bytes }), 200);
  const draft = await fileDraft(sam.id);
  assert.equal(draft.text, '', 'a file may go without words');
  const card = await owner.draftCard(draft.id);
  assert.match(shown(card), /label\.png/);
  assert.doesNotMatch(shown(card), /as a link/);

  assert.equal((await owner.click(card, owner.button(card, 'send'))).status, 200);
  await waitFor('the MMS at Twilio', () => d.twilio.messages.filter((m) => m.to === SAM).length > before);
  await settle();
  const sent = d.twilio.messages.filter((m) => m.to === SAM);
  assert.equal(sent.length, before + 1, 'exactly one message');
  const mms = sent.at(-1);
  assert.equal(mms?.mediaUrls.length, 1);
  const url = mms?.mediaUrls[0] as string;
  assert.ok(url.startsWith(`${d.publicUrl}/files/`), url);
  assert.match(url, /[?&]exp=\d+&sig=/);

  // What Twilio fetched: the image, once signed.
  const media = (await mms?.media) ?? [];
  assert.equal(media.length, 1);
  assert.equal(media[0]?.status, 200);
  assert.equal(media[0]?.contentType, 'image/png');
  assert.ok(media[0]?.bytes.equals(bytes), 'Twilio fetched the very image');
  assert.deepEqual(d.twilio.violations, []);

  // Through the desk's own address (PUBLIC_URL is the same desk here).
  const local = url.replace(d.publicUrl, d.desk.url);
  const signed = await fetch(local);
  assert.equal(signed.status, 200);
  assert.ok(Buffer.from(await signed.arrayBuffer()).equals(bytes));
  const unsigned = await fetch(local.split('?')[0] as string);
  assert.equal(unsigned.status, 403, 'no signature, no file');
  await unsigned.text();
  const forged = await fetch(local.replace(/sig=[^&]+/, 'sig=AAAA'));
  assert.equal(forged.status, 403, 'a wrong signature, no file');
  await forged.text();
  const stretched = await fetch(local.replace(/exp=\d+/, (m) => `exp=${Number(m.slice(4)) + 3600}`));
  assert.equal(stretched.status, 403, 'a later expiry is not signed');
  await stretched.text();
  await waitFor('the card shows it was sent', () => /Sent by/.test(shown(card)));

  // After FILE_LINK_TTL (7 days by default) the link is refused, and the sweep deletes the file.
  d.travel(8 * DAY);
  const expired = await fetch(local);
  assert.equal(expired.status, 403, 'refused after expiry');
  await expired.text();
  const fileId = draft.attachments?.[0]?.fileId as string;
  assert.ok(await d.desk.store.getFile(fileId), 'kept until the sweep');
  assert.ok((await d.desk.store.deleteExpiredFiles(new Date(Date.now() + 8 * DAY))) >= 1);
  assert.equal(await d.desk.store.getFile(fileId), undefined, 'deleted once its link expired');
});

test('a file too large for MMS goes to an SMS customer as a signed link, and the card says so', async () => {
  await customers.sms(TEO, 'Can you send me the assembly video?');
  const teo = await customerBy('sms', TEO);
  const root = await rootOf(teo.id);
  await settle();
  const before = d.twilio.messages.filter((m) => m.to === TEO).length;

  const bytes = png(6 * 1024 * 1024);
  assert.equal(
    await owner.shareFile(root, { name: 'assembly.png', mimetype: 'image/png', bytes }, 'The photo guide:'),
    200,
  );
  const draft = await fileDraft(teo.id);
  const card = await owner.draftCard(draft.id);
  assert.match(shown(card), /assembly\.png/);
  assert.match(shown(card), /will be sent as a link: too large for SMS/);

  assert.equal((await owner.click(card, owner.button(card, 'send'))).status, 200);
  await waitFor('the SMS at Twilio', () => d.twilio.messages.filter((m) => m.to === TEO).length > before);
  await settle();
  const sent = d.twilio.messages.filter((m) => m.to === TEO);
  assert.equal(sent.length, before + 1, 'exactly one message');
  const sms = sent.at(-1);
  assert.deepEqual(sms?.mediaUrls, [], 'no media: a link instead');
  assert.match(sms?.body ?? '', /^The photo guide:\n📎 assembly\.png: http/);
  const link = /(http\S+)/.exec(sms?.body ?? '')?.[1] as string;
  assert.match(link, /\/files\/.+\?exp=\d+&sig=/);
  const res = await fetch(link.replace(d.publicUrl, d.desk.url));
  assert.equal(res.status, 200);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes), 'the link serves the file');
  await waitFor('the card says it was sent as a link', () =>
    /sent as a link: too large for SMS/.test(shown(card)),
  );
  assert.deepEqual(d.twilio.violations, []);
  assert.deepEqual(d.slack.violations, []);
  assert.equal(SLACK.channel, root.channel);
});
