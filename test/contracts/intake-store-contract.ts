/**
 * Store contract, issue 15 #5: attachment bytes kept apart from messages, a per-message cap,
 * and inbound items set aside (dead letters) after repeated failures — through the real
 * pipeline, so both stores prove that one large mail never blocks the next.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ConsoleHub } from '../../src/core/console-hub.js';
import { Pipeline } from '../../src/core/pipeline.js';
import type { InboundMessage, IntakeFailure, Store } from '../../src/core/ports.js';
import { createLogger } from '../../src/logging/logger.js';
import { recordingConsole } from '../support/recording-console.js';
import { stubClassifier, stubDrafter } from '../support/stub-nlp.js';
import { at, conversation, customer, draft, identity, message, nextId } from './store-fixtures.js';

const MiB = 1024 * 1024;

function pipelineOn(store: Store, options: { maxIntakeAttempts?: number } = {}) {
  const owner = recordingConsole();
  let n = 0;
  const pipeline = new Pipeline(
    {
      store,
      classifier: stubClassifier,
      drafter: stubDrafter,
      consoles: new ConsoleHub([owner.console], createLogger('silent')),
      clock: { now: () => new Date() },
      ids: () => `${nextId('p')}-${(n += 1)}`,
      logger: createLogger('silent'),
    },
    { idleGapMs: 3_600_000, maxAttachmentBytes: 10 * MiB, ...options },
  );
  return { pipeline, owner };
}

function mail(externalId: string, over: Partial<InboundMessage> = {}): InboundMessage {
  return {
    channel: 'email',
    externalId,
    from: { address: 'big.sender@example.com' },
    replyRef: 'email:support@shop.example:big.sender@example.com',
    text: 'Photos of the damage attached.',
    subject: 'Broken on arrival',
    ...over,
  };
}

export function runIntakeStoreContract(withStore: (fn: (store: Store) => Promise<void>) => Promise<void>) {
  describe('attachment files', () => {
    it('keeps bytes by id, replaces them under the same id, and knows no unknown id', async () => {
      await withStore(async (store) => {
        const bytes = randomBytes(3 * MiB + 123);
        await store.putFile({
          id: 'email:<a@x>#0',
          contentType: 'image/jpeg',
          dataBase64: bytes.toString('base64'),
        });
        const got = await store.getFile('email:<a@x>#0');
        assert.equal(got?.contentType, 'image/jpeg');
        assert.ok(Buffer.from(got?.dataBase64 ?? '', 'base64').equals(bytes), 'same bytes back');
        await store.putFile({ id: 'email:<a@x>#0', contentType: 'text/plain', dataBase64: 'aGk=' });
        assert.deepEqual(await store.getFile('email:<a@x>#0'), {
          id: 'email:<a@x>#0',
          contentType: 'text/plain',
          dataBase64: 'aGk=',
        });
        assert.equal(await store.getFile('nope'), undefined);
      });
    });

    it('deletes files whose expiry has come (and only those); an inbound file without one stays', async () => {
      await withStore(async (store) => {
        const now = at(100);
        await store.putFile({ id: 'in#0', contentType: 'text/plain', dataBase64: 'aW4=' });
        await store.putFile({
          id: 'out-d1-0',
          contentType: 'application/pdf',
          dataBase64: randomBytes(2 * MiB).toString('base64'),
          expiresAt: new Date(now.getTime() - 1),
        });
        await store.putFile({
          id: 'out-d2-0',
          contentType: 'image/png',
          dataBase64: 'cG5n',
          expiresAt: new Date(now.getTime() - 1),
        });
        // Sent: kept a week longer than it was going to be.
        await store.expireFile('out-d2-0', new Date(now.getTime() + 7 * 86_400_000));
        assert.equal(await store.deleteExpiredFiles(now), 1);
        assert.equal(await store.getFile('out-d1-0'), undefined);
        assert.equal((await store.getFile('out-d2-0'))?.dataBase64, 'cG5n');
        assert.equal((await store.getFile('in#0'))?.dataBase64, 'aW4=');
        assert.equal(await store.deleteExpiredFiles(now), 0);
        assert.equal(await store.deleteExpiredFiles(new Date(now.getTime() + 8 * 86_400_000)), 1);
        assert.equal(await store.getFile('out-d2-0'), undefined);
        assert.equal((await store.getFile('in#0'))?.dataBase64, 'aW4=');
      });
    });

    it('a draft keeps the files the owner shared (names, types, sizes, file ids)', async () => {
      await withStore(async (store) => {
        const c = customer();
        await store.createCustomer(c, identity());
        const conv = conversation(c.id);
        await store.createConversation(conv);
        const attachments = [
          { name: 'invoice.pdf', contentType: 'application/pdf', size: 1234, fileId: 'out-x-0' },
        ];
        const d = draft(conv, { origin: 'owner_note', text: '', attachments });
        await store.insertDraft(d);
        assert.deepEqual((await store.getDraft(d.id))?.attachments, attachments);
        const plain = draft(conv);
        await store.insertDraft(plain);
        assert.equal((await store.getDraft(plain.id))?.attachments, undefined);
      });
    });

    it('a message keeps its attachments’ file ids and too-large marks', async () => {
      await withStore(async (store) => {
        const c = customer();
        await store.createCustomer(c, identity());
        const conv = conversation(c.id);
        await store.createConversation(conv);
        const m = message(conv, {
          attachments: [
            { name: 'a.pdf', contentType: 'application/pdf', size: 10, fileId: 'email:<m>#0' },
            { name: 'b.zip', contentType: 'application/zip', size: 9 * MiB, omitted: 'too_large' },
          ],
        });
        await store.insertMessage(m);
        assert.deepEqual((await store.getMessage(m.id))?.attachments, m.attachments);
      });
    });
  });

  describe('inbound items that keep failing', () => {
    it('records, replaces and lists set-aside items, newest first', async () => {
      await withStore(async (store) => {
        const failure: IntakeFailure = {
          channel: 'email',
          externalId: '<f1@x>',
          signature: 'MongoServerError:10334',
          attempts: 1,
          firstAt: at(1),
          lastAt: at(1),
          summary: { from: 'a@example.com', subject: '大文件' },
        };
        assert.equal(await store.getIntakeFailure('email', '<f1@x>'), undefined);
        await store.putIntakeFailure(failure);
        assert.deepEqual(await store.getIntakeFailure('email', '<f1@x>'), failure);
        assert.deepEqual(await store.listSetAside(10), []);
        const aside = { ...failure, attempts: 3, lastAt: at(3), setAsideAt: at(3) };
        await store.putIntakeFailure(aside);
        await store.putIntakeFailure({ ...failure, externalId: 'SM2', channel: 'sms', setAsideAt: at(5) });
        assert.deepEqual(await store.getIntakeFailure('email', '<f1@x>'), aside);
        assert.deepEqual(
          (await store.listSetAside(10)).map((f) => f.externalId),
          ['SM2', '<f1@x>'],
        );
        assert.equal((await store.listSetAside(1)).length, 1);
      });
    });
  });

  describe('intake through the pipeline', () => {
    it('a mail with three 5 MiB attachments is stored (two kept, one listed too large) and the next mail follows', async () => {
      await withStore(async (store) => {
        const { pipeline, owner } = pipelineOn(store);
        const files = [1, 2, 3].map((i) => ({
          name: `photo-${i}.jpg`,
          contentType: 'image/jpeg',
          size: 5 * MiB,
          dataBase64: randomBytes(5 * MiB).toString('base64'),
        }));
        const big = await pipeline.receive(mail('<big@x>', { attachments: files }));
        assert.equal(big.kind, 'stored');
        const next = await pipeline.receive(mail('<next@x>', { text: 'Any news?', attachments: [] }));
        assert.equal(next.kind, 'stored');

        const stored = await store.findMessageByExternalId('email', '<big@x>');
        const kept = stored?.attachments ?? [];
        assert.deepEqual(
          kept.map((a) => [a.name, a.size, a.fileId !== undefined, a.omitted, a.dataBase64]),
          [
            ['photo-1.jpg', 5 * MiB, true, undefined, undefined],
            ['photo-2.jpg', 5 * MiB, true, undefined, undefined],
            ['photo-3.jpg', 5 * MiB, false, 'too_large', undefined],
          ],
        );
        const first = await store.getFile(kept[0]?.fileId ?? '');
        assert.equal(first?.dataBase64, files[0]?.dataBase64);

        // The owner's console still gets the kept bytes to upload into the thread.
        await pipeline.drain();
        const shown = owner.events.find((e) => e.type === 'inbound' && e.message.externalId === '<big@x>');
        assert.ok(shown?.type === 'inbound');
        assert.equal(shown.message.attachments[1]?.dataBase64, files[1]?.dataBase64);
        assert.equal(shown.message.attachments[2]?.dataBase64, undefined);
      });
    });

    it('an item that fails the same way three times is set aside with a notice; intake moves on', async () => {
      await withStore(async (store) => {
        const poisoned: Store = Object.create(store) as Store;
        let tries = 0;
        poisoned.insertMessage = async (m) => {
          if (m.externalId !== '<poison@x>') return store.insertMessage(m);
          tries += 1;
          throw Object.assign(new Error('object to insert too large'), { code: 10334 });
        };
        const { pipeline, owner } = pipelineOn(poisoned, { maxIntakeAttempts: 3 });
        const poison = mail('<poison@x>');
        await assert.rejects(pipeline.receive(poison), /too large/);
        await assert.rejects(pipeline.receive(poison), /too large/);
        const third = await pipeline.receive(poison);
        assert.equal(third.kind, 'ignored');
        assert.equal(tries, 3);

        const record = await store.getIntakeFailure('email', '<poison@x>');
        assert.equal(record?.attempts, 3);
        assert.ok(record?.setAsideAt, 'set aside');
        assert.equal(record?.summary.from, 'big.sender@example.com');
        assert.equal(record?.summary.subject, 'Broken on arrival');
        assert.deepEqual(
          (await store.listSetAside(5)).map((f) => f.externalId),
          ['<poison@x>'],
        );
        const notice = await owner.waitFor((e) => e.type === 'notice');
        assert.ok(notice.type === 'notice');
        assert.match(notice.text, /set aside/);
        assert.match(notice.text, /mailbox/);

        // Delivered again (a restart before the checkpoint moved): answered at once, no new notice.
        assert.equal((await pipeline.receive(poison)).kind, 'ignored');
        assert.equal(owner.events.filter((e) => e.type === 'notice').length, 1);
        assert.equal((await pipeline.receive(mail('<after@x>'))).kind, 'stored');
      });
    });

    it('a different failure starts the count again: only the same failure N times sets an item aside', async () => {
      await withStore(async (store) => {
        const flaky: Store = Object.create(store) as Store;
        const codes = ['E_ONE', 'E_TWO', 'E_ONE', 'E_ONE', 'E_ONE'];
        flaky.insertMessage = async () => {
          throw Object.assign(new Error('refused'), { code: codes.shift() });
        };
        const { pipeline } = pipelineOn(flaky, { maxIntakeAttempts: 3 });
        for (let i = 0; i < 3; i++) await assert.rejects(pipeline.receive(mail('<flaky@x>')));
        assert.equal((await store.getIntakeFailure('email', '<flaky@x>'))?.attempts, 1);
        await assert.rejects(pipeline.receive(mail('<flaky@x>')));
        assert.equal((await pipeline.receive(mail('<flaky@x>'))).kind, 'ignored');
      });
    });

    it('a transient failure (network, busy database) never sets an item aside, however often', async () => {
      await withStore(async (store) => {
        const down: Store = Object.create(store) as Store;
        down.insertMessage = async () => {
          throw Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' });
        };
        const { pipeline } = pipelineOn(down, { maxIntakeAttempts: 2 });
        for (let i = 0; i < 4; i++) await assert.rejects(pipeline.receive(mail('<blip@x>')));
        assert.equal(await store.getIntakeFailure('email', '<blip@x>'), undefined);
      });
    });
  });
}
