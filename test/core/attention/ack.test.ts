import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findCommand } from '../../../commands/index.js';
import type { FiguresSource } from '../../../src/core/ports.js';
import { sms, startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { recordingConnector } from '../../support/recording-connector.js';
import { FRIDAY_23, LONDON, MONDAY_10, settle, TestClock } from './support.js';

describe('instant acknowledgement (AUTO_ACK=outside-hours, mon-fri 09:00-18:00, Europe/London)', () => {
  const clock = new TestClock(new Date(FRIDAY_23));
  const whatsapp = recordingConnector(['whatsapp'], 'wa');
  let t: TestDesk;
  const acks = () => [...t.connector.sent, ...whatsapp.sent].filter((m) => m.purpose === 'ack');

  before(async () => {
    t = await startTestDesk({
      env: { ...LONDON, AUTO_ACK: 'outside-hours' },
      overrides: { clock, connectors: [whatsapp] },
    });
  });
  after(() => t.stop());

  it('acknowledges a message at 23:00 on Friday once, in English, naming Monday 09:00', async () => {
    const first = sms('Hello, where is my order?', '+447700900001');
    await t.connector.intake().receive(first);
    await settle(t.desk);
    assert.equal(acks().length, 1);
    const ack = acks()[0]!;
    assert.equal(ack.channel, 'sms');
    assert.equal(
      ack.text,
      "Thanks for your message. We're closed now and will reply from 09:00 Monday (London time).",
    );
    // The thread shows it as sent automatically, with its delivery.
    const decided = t.console.events.find((e) => e.type === 'decided' && e.decision.actor.console === 'auto');
    assert.ok(decided);

    // A retried webhook (same id) and a second message a minute later get none.
    await t.connector.intake().receive(first);
    clock.advance(60_000);
    await t.connector.intake().receive(sms('Also, can I change the address?', '+447700900001'));
    await settle(t.desk);
    assert.equal(acks().length, 1);
  });

  it('never acknowledges the same message twice when it is shown again (a console retry, a restart)', async () => {
    const before = acks().length;
    const stored = await t.connector.intake().receive(sms('Is anyone there?', '+447700900009'));
    assert.equal(stored.kind, 'stored');
    if (stored.kind !== 'stored') return;
    await settle(t.desk);
    assert.equal(acks().length, before + 1);
    // The pipeline shows a message again when a console missed it; after a restart it resumes.
    const message = (await t.desk.store.getMessage(stored.messageId))!;
    const view = (await t.console.desk().view(stored.customerId))!;
    // As after a crash between queuing the acknowledgement and saving its time: only the
    // ack:<conversation>:<window> mark in the store stands in the way.
    const record = (await t.desk.store.getAttention(stored.conversationId))!;
    delete record.lastAckAt;
    await t.desk.store.putAttention(record);
    await t.desk.attention.inbound(view, message);
    await t.desk.attention.inbound(view, message);
    await settle(t.desk);
    assert.equal(acks().length, before + 1);
  });

  it('acknowledges a Chinese SMS in Chinese', async () => {
    await t.connector.intake().receive(sms('你好，我的订单到哪里了？', '+447700900002'));
    await settle(t.desk);
    const zh = acks().filter((m) => m.replyRef.endsWith('+447700900002'));
    assert.equal(zh.length, 1);
    assert.equal(zh[0]!.text, '感谢您的留言。我们现在不在线，将于周一 09:00（伦敦时间）回复您。');
  });

  it('never answers STOP, a bounce or an email auto-reply', async () => {
    const before = acks().length;
    await t.connector.intake().receive(sms('STOP', '+447700900003'));
    const mail = (subject: string, from: string) => ({
      channel: 'email' as const,
      externalId: `<${from}-${subject.length}@x>`,
      from: { address: from },
      replyRef: `email:shop@example.com:${from}`,
      subject,
      text: 'I am out of the office until Monday.',
    });
    await t.connector.intake().receive(mail('Automatic reply: your order', 'away@example.org'));
    await t.connector.intake().receive(mail('Undelivered Mail Returned to Sender', 'mailer@example.org'));
    await settle(t.desk);
    assert.equal(acks().length, before);
  });

  it('never acknowledges on WhatsApp outside the 24-hour window', async () => {
    const before = acks().length;
    await whatsapp.intake().receive({
      channel: 'whatsapp',
      externalId: 'WA-late-1',
      from: { address: 'whatsapp:+447700900004' },
      replyRef: 'whatsapp:+447700900000:whatsapp:+447700900004',
      text: 'Hi, is my parcel coming?',
      // Stored a day and more ago (the desk was down); shown only now.
      receivedAt: new Date(clock.now().getTime() - 25 * 3_600_000),
    });
    await settle(t.desk);
    assert.equal(acks().length, before);
    // Within the window it would have been acknowledged.
    await whatsapp.intake().receive({
      channel: 'whatsapp',
      externalId: 'WA-now-1',
      from: { address: 'whatsapp:+447700900005' },
      replyRef: 'whatsapp:+447700900000:whatsapp:+447700900005',
      text: 'Hi, is my parcel coming?',
    });
    await settle(t.desk);
    assert.equal(acks().length, before + 1);
  });

  it('sends none inside business hours', async () => {
    clock.set(MONDAY_10);
    const before = acks().length;
    await t.connector.intake().receive(sms('Hello there, a question about my order', '+447700900006'));
    await settle(t.desk);
    assert.equal(acks().length, before);
  });

  it('counts acknowledgements as sent automatically, not as first responses', async () => {
    const figures = await (t.desk.store as unknown as FiguresSource).figures({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-08T00:00:00Z'),
      tz: 'Europe/London',
    });
    assert.equal(figures.drafts.automatic, acks().length);
    assert.equal(figures.firstResponse, undefined);
    assert.equal(
      await t.desk.store.countMarks('ack:', new Date(0), new Date('2027-01-01T00:00:00Z')),
      acks().length,
    );
  });

  it('shows acknowledgements, answered within due and overdue now in /cs stats', async () => {
    const stats = findCommand(t.desk.commands, 'stats');
    assert.ok(stats);
    const reply = await stats.run(['7d'], { console: 'test', userId: 'owner' });
    const section = reply.sections.find((s) => s.heading === 'Attention');
    assert.ok(section);
    const field = (label: string) => section.fields.find((f) => f.label === label)?.value;
    assert.equal(field('Acknowledgements sent'), String(acks().length));
    assert.equal(field('Answered within due'), '—');
    // At 10:00 Monday only the WhatsApp message stored on Thursday night is past due (Friday 13:00).
    assert.equal(field('Overdue now'), '1');
    clock.set('2026-12-07T13:30:00Z');
    const later = await stats.run(['7d'], { console: 'test', userId: 'owner' });
    const overdue = later.sections
      .find((s) => s.heading === 'Attention')
      ?.fields.find((f) => f.label === 'Overdue now');
    assert.ok(Number(overdue?.value) >= 4, 'the waits from Friday night are due by 13:00 Monday');
  });
});
