/**
 * The IMAP intake against a real Dovecot: first start, IDLE, restart safety and the `n:*`
 * trap (§7.37), UIDVALIDITY resync (§7.38), a server-side drop (§7.39), a store outage,
 * \Seen handling and bounces.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoryCursors } from '../../../connectors/email/checkpoint.js';
import type { Dovecot } from '../../support/dovecot/dovecot.js';
import {
  RecordingIntake,
  connectorFor,
  dovecotSkip,
  fixture,
  simpleMail,
  waitUntil,
  withDovecot,
} from './helpers.js';

const skip = dovecotSkip();

async function flagsOf(d: Dovecot): Promise<Map<number, Set<string>>> {
  const c = await d.client();
  try {
    await c.mailboxOpen('INBOX');
    const all = await c.fetchAll('1:*', { uid: true, flags: true });
    return new Map(all.map((m) => [m.uid, m.flags ?? new Set<string>()]));
  } finally {
    await c.logout();
  }
}

async function checkpointOf(cursors: ReturnType<typeof memoryCursors>, d: Dovecot) {
  const raw = await cursors.get(`email:imap:${d.user}:INBOX`);
  return raw ? (JSON.parse(raw) as { uidValidity: string; lastUid: number }) : undefined;
}

describe('email IMAP intake (Dovecot)', { skip }, () => {
  test('first start takes in unread customer mail, leaves machine mail unread, marks handled mail \\Seen', () =>
    withDovecot(async (d) => {
      await d.append(fixture('gmail-reply.eml'));
      await d.append(fixture('auto-reply.eml'));
      await d.append(fixture('newsletter.eml'));
      await d.append(simpleMail('old-read'), 'INBOX', ['\\Seen']);
      await d.append(fixture('chinese-gbk.eml'));
      const cursors = memoryCursors();
      const intake = new RecordingIntake();
      const email = connectorFor(d, cursors);
      await email.start(intake);
      try {
        await waitUntil('two customer mails', () => intake.stored.size === 2);
        await email.imap!.catchUp();
        assert.deepEqual([...intake.stored.values()].map((m) => m.from.address).sort(), [
          'alice.smith@gmail.com',
          'zhangwei88@qq.com',
        ]);
        const flags = await flagsOf(d);
        assert.ok(flags.get(1)?.has('\\Seen'), 'customer mail marked seen');
        assert.ok(!flags.get(2)?.has('\\Seen'), 'auto-reply left unread for the owner');
        assert.ok(!flags.get(3)?.has('\\Seen'), 'newsletter left unread');
        assert.ok(flags.get(5)?.has('\\Seen'));
        assert.equal((await checkpointOf(cursors, d))?.lastUid, 5);
        assert.equal(email.health().state, 'up');
      } finally {
        await email.stop();
      }
    }));

  test('IDLE: mail appended while connected arrives without a poll', () =>
    withDovecot(async (d) => {
      const intake = new RecordingIntake();
      const email = connectorFor(d, memoryCursors()); // poll interval is an hour
      await email.start(intake);
      try {
        await waitUntil('connected', () => email.health().state === 'up');
        await email.imap!.catchUp();
        await d.append(simpleMail('idle'));
        await waitUntil('the IDLE notification', () => intake.stored.size === 1);
        assert.match([...intake.stored.values()][0]!.text, /question number idle/);
      } finally {
        await email.stop();
      }
    }));

  test('restart safety: no re-ingest of the last UID through `n:*` (§7.37), and mail that arrived while down is taken in exactly once', () =>
    withDovecot(async (d) => {
      const cursors = memoryCursors();
      const intake = new RecordingIntake();
      for (let i = 1; i <= 5; i++) await d.append(simpleMail(i));
      let email = connectorFor(d, cursors);
      await email.start(intake);
      await waitUntil('five mails', () => intake.stored.size === 5);
      await email.stop();
      assert.equal((await checkpointOf(cursors, d))?.lastUid, 5);

      // The trap itself, on the real server: UID 6:* still answers the highest UID, 5.
      const probe = await d.client();
      await probe.mailboxOpen('INBOX');
      assert.deepEqual(await probe.search({ uid: '6:*' }, { uid: true }), [5]);
      await probe.logout();

      email = connectorFor(d, cursors);
      await email.start(intake);
      await waitUntil('reconnected', () => email.health().state === 'up');
      await email.imap!.catchUp();
      assert.equal(intake.calls.length, 5, 'UID 5 was not handed to the desk again');
      await email.stop();

      // Down: two mails arrive. Up again: both, once each.
      await d.append(simpleMail(6));
      await d.append(simpleMail(7));
      email = connectorFor(d, cursors);
      await email.start(intake);
      try {
        await waitUntil('the two new mails', () => intake.stored.size === 7);
        await email.imap!.catchUp();
        assert.equal(intake.calls.length, 7, 'each mail handed on exactly once');
        assert.equal((await checkpointOf(cursors, d))?.lastUid, 7);
      } finally {
        await email.stop();
      }
    }));

  test('a changed UIDVALIDITY resyncs without duplicates (§7.38)', () =>
    withDovecot(async (d) => {
      const cursors = memoryCursors();
      const intake = new RecordingIntake();
      for (let i = 1; i <= 3; i++) await d.append(simpleMail(i));
      let email = connectorFor(d, cursors);
      await email.start(intake);
      await waitUntil('three mails', () => intake.stored.size === 3);
      await email.stop();
      const before = await checkpointOf(cursors, d);

      await d.doveadm(['mailbox', 'update', '-u', d.user, '--uid-validity', '4242', 'INBOX']);
      email = connectorFor(d, cursors);
      await email.start(intake);
      try {
        await waitUntil('the resync', async () => (await checkpointOf(cursors, d))?.uidValidity === '4242');
        assert.notEqual(before?.uidValidity, '4242');
        assert.equal(intake.stored.size, 3, 'nothing stored twice');
        assert.equal(intake.calls.length, 6, 'the rescan re-read the three mails and the desk deduped them');
        await d.append(simpleMail('after'));
        await waitUntil('the next mail', () => intake.stored.size === 4);
      } finally {
        await email.stop();
      }
    }));

  test('a connection the server drops reconnects, and mail from the outage is taken in once (§7.39)', () =>
    withDovecot(async (d) => {
      const intake = new RecordingIntake();
      const email = connectorFor(d, memoryCursors(), { reconnectMinMs: 300, reconnectMaxMs: 300 });
      await email.start(intake);
      try {
        await waitUntil('connected', () => email.health().state === 'up');
        await d.append(simpleMail('before-drop'));
        await waitUntil('first mail', () => intake.stored.size === 1);
        await d.kick();
        await waitUntil('the drop is noticed', () => email.health().state === 'down');
        await d.append(simpleMail('during-drop'));
        await waitUntil('reconnect', () => email.imap!.connections === 2 && email.health().state === 'up');
        await waitUntil('outage mail', () => intake.stored.size === 2);
        await email.imap!.catchUp();
        assert.equal(intake.calls.length, 2, 'each mail handed on once');
      } finally {
        await email.stop();
      }
    }));

  test('a store outage keeps the checkpoint and the \\Seen flag until the mail is stored', () =>
    withDovecot(async (d) => {
      const cursors = memoryCursors();
      const intake = new RecordingIntake();
      await d.append(simpleMail(1));
      const email = connectorFor(d, cursors);
      await email.start(intake);
      try {
        await waitUntil('first mail', () => intake.stored.size === 1);
        // What /health says while the retries run, read at the moment of each retry.
        const seen: (string | undefined)[] = [];
        const receive = intake.receive.bind(intake);
        intake.receive = (m) => {
          seen.push(email.health().detail);
          return receive(m);
        };
        intake.failNext = 2;
        await d.append(simpleMail(2));
        await waitUntil('the failed attempts', () => intake.failNext === 0);
        // Not stored yet (or just stored by the retry): never marked or checkpointed before that.
        // Read the mailbox first, then look whether the mail is stored: if it still is not, what
        // was read came before the store (reading after the check raced the retry under load).
        const cp = await checkpointOf(cursors, d);
        const flags = await flagsOf(d);
        if (intake.stored.size === 1) {
          assert.equal(cp?.lastUid, 1);
          assert.ok(!flags.get(2)?.has('\\Seen'));
        }
        await waitUntil('the retry stores it', () => intake.stored.size === 2);
        assert.ok(
          seen.includes('taking in mail fails (STORE_DOWN); retrying'),
          'health shows the failing intake',
        );
        await waitUntil('health back up', () => email.health().state === 'up');
        await waitUntil('checkpoint moves on', async () => (await checkpointOf(cursors, d))?.lastUid === 2);
        assert.ok((await flagsOf(d)).get(2)?.has('\\Seen'));
        assert.equal(intake.calls.length, 2);
      } finally {
        await email.stop();
      }
    }));

  test('a crash after storing but before the checkpoint re-reads the mail once and the desk dedupes it', () =>
    withDovecot(async (d) => {
      const inner = memoryCursors();
      let failSets = 0;
      const cursors = {
        get: inner.get,
        async set(name: string, value: string) {
          if (failSets > 0) {
            failSets--;
            throw new Error('store went away');
          }
          await inner.set(name, value);
        },
      };
      const intake = new RecordingIntake();
      await d.append(simpleMail('first'));
      const email = connectorFor(d, cursors);
      await email.start(intake);
      try {
        await waitUntil('checkpoint at 1', async () => (await checkpointOf(inner, d))?.lastUid === 1);
        failSets = 1;
        await d.append(simpleMail('crash'));
        await waitUntil('checkpoint at 2', async () => (await checkpointOf(inner, d))?.lastUid === 2);
        assert.equal(intake.stored.size, 2, 'stored once');
        assert.equal(
          intake.calls.length,
          3,
          'the second mail was handed on again after the failed checkpoint write',
        );
        assert.equal(intake.calls[1]?.externalId, intake.calls[2]?.externalId);
      } finally {
        await email.stop();
      }
    }));

  test('IMAP_MARK_SEEN=false leaves mail unread', () =>
    withDovecot(async (d) => {
      const intake = new RecordingIntake();
      await d.append(simpleMail(1));
      const unseen = connectorFor(d, memoryCursors(), {
        imap: { host: d.host, port: d.port, secure: false, user: d.user, pass: d.pass, markSeen: false },
      });
      await unseen.start(intake);
      try {
        await waitUntil('mail', () => intake.stored.size === 1);
        await unseen.imap!.catchUp();
        assert.ok(!(await flagsOf(d)).get(1)?.has('\\Seen'));
      } finally {
        await unseen.stop();
      }
    }));

  test('a bounce marks our reply failed and is never taken in as a customer message', () =>
    withDovecot(async (d) => {
      const intake = new RecordingIntake();
      await d.append(fixture('bounce.eml'));
      const email = connectorFor(d, memoryCursors());
      await email.start(intake);
      try {
        await waitUntil('delivery update', () => intake.deliveries.length === 1);
        assert.deepEqual(
          { ...intake.deliveries[0], error: undefined },
          {
            channel: 'email',
            externalId: '<sd-44f1c0de2b3a4958a6e7f8091a2b3c4d5e6f7081@shop.example>',
            state: 'failed',
            error: undefined,
          },
        );
        assert.match(intake.deliveries[0]!.error ?? '', /550 5\.1\.1/);
        assert.equal(intake.calls.length, 0);
      } finally {
        await email.stop();
      }
    }));

  test('a mailbox that does not exist: health names it', () =>
    withDovecot(async (d) => {
      const email = connectorFor(d, memoryCursors(), {
        imap: { host: d.host, port: d.port, secure: false, user: d.user, pass: d.pass, mailbox: 'Support' },
      });
      await email.start(new RecordingIntake());
      try {
        await waitUntil('the failure', () => email.health().state === 'down');
        assert.equal(email.health().detail, 'mailbox Support could not be opened');
      } finally {
        await email.stop();
      }
    }));

  test('wrong credentials: health says so and nothing is taken in', () =>
    withDovecot(async (d) => {
      const intake = new RecordingIntake();
      const email = connectorFor(d, memoryCursors(), {
        imap: { host: d.host, port: d.port, secure: false, user: d.user, pass: 'wrong' },
      });
      await email.start(intake);
      try {
        await waitUntil('auth failure', () => email.health().detail === 'authentication failed');
        assert.equal(email.health().state, 'down');
      } finally {
        await email.stop();
      }
    }));
});

test('stop() does not wait out a connect to an address that never answers', async () => {
  const { createEmailConnector } = await import('../../../connectors/email/index.js');
  const { deps } = await import('./helpers.js');
  // 192.0.2.1 (TEST-NET-1) is never routed: the connect hangs until stopped.
  const email = createEmailConnector(
    { imap: { host: '192.0.2.1', port: 993, secure: true, user: 'support@shop.example', pass: 'x' } },
    deps(),
  ).connector;
  await email.start(new RecordingIntake());
  assert.equal(email.health().state, 'starting');
  await email.stop();
  assert.equal(email.health().state, 'down');
});

describe('email IMAP intake over TLS (Dovecot, self-signed certificate)', { skip }, () => {
  test('IMAP_SECURE=true: a certificate that does not verify is refused; trusted, mail flows', async () => {
    const { startDovecot } = await import('../../support/dovecot/dovecot.js');
    const d = await startDovecot({ tls: true });
    try {
      const imap = { host: 'localhost', port: d.tlsPort!, secure: true, user: d.user, pass: d.pass };
      const strict = connectorFor(d, memoryCursors(), { imap });
      await strict.start(new RecordingIntake());
      await waitUntil('refused', () => strict.health().state === 'down');
      await strict.stop();

      const intake = new RecordingIntake();
      await d.append(simpleMail('tls'));
      const trusting = connectorFor(d, memoryCursors(), {
        imap: { ...imap, tls: { rejectUnauthorized: false } },
      });
      await trusting.start(intake);
      try {
        await waitUntil('mail over TLS', () => intake.stored.size === 1);
      } finally {
        await trusting.stop();
      }
    } finally {
      await d.stop();
    }
  });
});
