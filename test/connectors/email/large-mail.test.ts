/**
 * Issue 15 #5 end to end: real Dovecot, the real pipeline, the MongoDB store (the wire test
 * server, which refuses documents over 16 MiB as mongod does). A mail with three 5 MiB
 * attachments used to fail its insert forever, holding the IMAP checkpoint and every later
 * mail behind it. Now its files are stored apart (two kept, one over the per-message cap) and
 * the next mail follows; and a mail the store keeps refusing is set aside after three tries,
 * the checkpoint moves past it, and it stays unread in the mailbox.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { ConsoleHub } from '../../../src/core/console-hub.js';
import { Pipeline } from '../../../src/core/pipeline.js';
import type { Store } from '../../../src/core/ports.js';
import { createLogger } from '../../../src/logging/logger.js';
import { mongoTarget } from '../../support/mongo-wire/target.js';
import { recordingConsole } from '../../support/recording-console.js';
import { stubClassifier, stubDrafter } from '../../support/stub-nlp.js';
import { connectorFor, dovecotSkip, waitUntil, withDovecot } from './helpers.js';
import type { Dovecot } from '../../support/dovecot/dovecot.js';

const skip = dovecotSkip();
const target = mongoTarget();
const MiB = 1024 * 1024;

function mailWithAttachments(id: string, sizes: number[]): Buffer {
  const boundary = 'b-' + id;
  const parts = [
    'From: Big Sender <big.sender@example.com>',
    'To: Shop Support <support@shop.example>',
    'Subject: Photos of the damage',
    `Message-ID: <${id}@example.com>`,
    'Date: Thu, 26 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Three photos attached.',
  ];
  sizes.forEach((size, i) => {
    const b64 = randomBytes(size).toString('base64').replace(/.{76}/g, '$&\r\n');
    parts.push(
      `--${boundary}`,
      'Content-Type: image/jpeg',
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="photo-${i + 1}.jpg"`,
      '',
      b64,
    );
  });
  parts.push(`--${boundary}--`, '');
  return Buffer.from(parts.join('\r\n'));
}

function smallMail(id: string): string {
  return [
    `From: Customer <${id}@example.com>`,
    'To: Shop Support <support@shop.example>',
    `Subject: Question ${id}`,
    `Message-ID: <${id}@example.com>`,
    'Date: Thu, 26 Nov 2026 09:05:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is ${id}.`,
    '',
  ].join('\r\n');
}

async function withDesk(
  d: Dovecot,
  wrap: (store: Store) => Store,
  fn: (store: Store, seen: () => Promise<Set<number>>) => Promise<void>,
): Promise<void> {
  const store = await target.make();
  await store.migrate();
  const owner = recordingConsole();
  const pipeline = new Pipeline(
    {
      store: wrap(store),
      classifier: stubClassifier,
      drafter: stubDrafter,
      consoles: new ConsoleHub([owner.console], createLogger('silent')),
      clock: { now: () => new Date() },
      ids: () => `id-${Math.random().toString(36).slice(2)}`,
      logger: createLogger('silent'),
    },
    { idleGapMs: 3_600_000, maxIntakeAttempts: 3 },
  );
  const cursors = {
    get: (n: string) => store.getCursor(n),
    set: (n: string, v: string) => store.setCursor(n, v),
  };
  const email = connectorFor(d, cursors);
  const seen = async () => {
    const c = await d.client();
    try {
      await c.mailboxOpen('INBOX');
      const all = await c.fetchAll('1:*', { uid: true, flags: true });
      return new Set(all.filter((m) => m.flags?.has('\\Seen')).map((m) => m.uid));
    } finally {
      await c.logout();
    }
  };
  await email.start(pipeline);
  try {
    await fn(store, seen);
    await pipeline.drain();
  } finally {
    await email.stop();
    await store.close();
  }
}

const checkpoint = async (store: Store, d: Dovecot) =>
  JSON.parse((await store.getCursor(`email:imap:${d.user}:INBOX`)) ?? '{}') as { lastUid?: number };

describe(`a large mail never blocks email intake (Dovecot + MongoDB ${target.kind})`, { skip }, () => {
  test('three 5 MiB attachments: stored with two kept and one too large, and the next mail follows', () =>
    withDovecot(async (d) => {
      await d.append(mailWithAttachments('big', [5 * MiB, 5 * MiB, 5 * MiB]));
      await d.append(smallMail('after-big'));
      await withDesk(
        d,
        (s) => s,
        async (store) => {
          await waitUntil(
            'the mail after the big one',
            async () => (await checkpoint(store, d)).lastUid === 2,
            60_000,
          );
          const big = await store.findMessageByExternalId('email', '<big@example.com>');
          assert.deepEqual(
            big?.attachments.map((a) => [a.name, a.fileId !== undefined, a.omitted]),
            [
              ['photo-1.jpg', true, undefined],
              ['photo-2.jpg', true, undefined],
              ['photo-3.jpg', false, 'too_large'],
            ],
          );
          const file = await store.getFile(big?.attachments[0]?.fileId ?? '');
          assert.equal(Buffer.from(file?.dataBase64 ?? '', 'base64').length, 5 * MiB);
          assert.ok(
            await store.findMessageByExternalId('email', '<after-big@example.com>'),
            'next mail stored',
          );
        },
      );
    }));

  test('a mail the store keeps refusing is set aside after three tries; the checkpoint passes it', () =>
    withDovecot(async (d) => {
      await d.append(smallMail('poison'));
      await d.append(smallMail('next'));
      let refused = 0;
      await withDesk(
        d,
        (store) => {
          const poisoned = Object.create(store) as Store;
          poisoned.insertMessage = async (m) => {
            if (m.externalId !== '<poison@example.com>') return store.insertMessage(m);
            refused += 1;
            throw Object.assign(new Error('refused'), { code: 10334 });
          };
          return poisoned;
        },
        async (store, seen) => {
          await waitUntil(
            'the checkpoint past both mails',
            async () => (await checkpoint(store, d)).lastUid === 2,
            30_000,
          );
          assert.equal(refused, 3);
          const aside = await store.listSetAside(5);
          assert.equal(aside.length, 1);
          assert.equal(aside[0]?.externalId, '<poison@example.com>');
          assert.ok(await store.findMessageByExternalId('email', '<next@example.com>'), 'next mail stored');
          assert.equal(await store.findMessageByExternalId('email', '<poison@example.com>'), undefined);
          const flags = await seen();
          assert.ok(!flags.has(1), 'the set-aside mail stays unread in the mailbox');
          assert.ok(flags.has(2), 'the next mail was taken in');
        },
      );
    }));
});
