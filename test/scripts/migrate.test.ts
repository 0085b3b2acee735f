/**
 * `npm run migrate -- --to mongodb`: a seeded embedded store is copied into MongoDB (the
 * wire test server, or MONGODB_URI when set) and the counts verified; the copied store
 * answers the same reads and the same figures; a second run changes nothing; a target
 * holding other data fails the verification.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { periodRange } from '../../src/core/figures.js';
import type { FiguresData } from '../../src/core/ports.js';
import { createMongoStore } from '../../src/store/mongo/index.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { migrateToMongo } from '../../scripts/migrate.js';
import { seedDemo } from '../../scripts/seed-demo.js';
import { mongoTarget } from '../support/mongo-wire/target.js';

const dir = mkdtempSync(join(tmpdir(), 'solodesk-migrate-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const target = mongoTarget();
const NOW = new Date('2026-11-26T00:00:00Z');
const TZ = 'Asia/Shanghai';

/** Figures with their unordered lists in one order. */
function sorted(data: FiguresData): FiguresData {
  return {
    ...data,
    messages: [...data.messages].sort((a, b) =>
      `${a.direction}:${a.channel}`.localeCompare(`${b.direction}:${b.channel}`),
    ),
    intents: [...data.intents].sort((a, b) => a.intent.localeCompare(b.intent)),
  };
}

describe(`migrate --to mongodb (${target.kind})`, () => {
  it('copies everything, verifies the counts, and the copy answers like the original', async () => {
    const file = join(dir, 'desk.db');
    const sqlite = createSqliteStore({ file });
    await seedDemo(sqlite, { customers: 40, days: 30, seed: 7, now: NOW });
    await sqlite.setRef('slack', 'customer:x', 'C1:1.2');
    await sqlite.setCursor('imap:INBOX', '42');
    const photo = {
      id: 'email:<p@x>#0',
      contentType: 'image/png',
      dataBase64: Buffer.alloc(2_500_000, 7).toString('base64'),
    };
    await sqlite.putFile(photo);
    const aside = {
      channel: 'email' as const,
      externalId: '<aside@x>',
      signature: 'Error:10334',
      attempts: 3,
      firstAt: NOW,
      lastAt: NOW,
      setAsideAt: NOW,
      summary: { from: 'a@example.com' },
    };
    await sqlite.putIntakeFailure(aside);
    await sqlite.claimMark('digest:2026-01-01', NOW);
    const due = {
      conversationId: 'conv-due',
      customerId: 'cust-due',
      waitingSince: NOW,
      urgency: 'high' as const,
      dueAt: new Date(NOW.getTime() + 3_600_000),
      reminders: 0,
      updatedAt: NOW,
    };
    await sqlite.putAttention(due);
    const sample = (
      sqlite.db.prepare('SELECT id FROM customers ORDER BY rowid LIMIT 1').get() as { id: string }
    ).id;
    await sqlite.setCustomerNote(sample, 'Prefers calls after 6pm');
    await sqlite.setCustomerTags(sample, ['VIP', '批发']);
    const pending = await sqlite.listPendingDrafts();
    const figures = await sqlite.figures({ ...periodRange('30d', NOW, TZ), tz: TZ });
    const identities = await sqlite.listIdentities(sample);
    const view = {
      customer: await sqlite.getCustomer(sample),
      conv: await sqlite.latestConversation(sample),
    };
    const messages = view.conv ? await sqlite.listMessages(view.conv.id) : [];
    await sqlite.close();

    const dbName = `solodesk_migrate_${process.pid}_${Date.now().toString(36)}`;
    const uri = await target.uri();
    const lines: string[] = [];
    const counts = await migrateToMongo({
      sqliteFile: file,
      uri,
      dbName,
      batchSize: 50,
      log: (l) => lines.push(l),
    });
    assert.ok(lines.some((l) => /counts verified/.test(l)));
    const byTable = Object.fromEntries(counts.map((c) => [c.table, c]));
    for (const table of [
      'customers',
      'identities',
      'conversations',
      'messages',
      'drafts',
      'decisions',
      'outbox',
      'ratings',
    ]) {
      assert.ok(byTable[table]!.sqlite > 0, `${table} seeded`);
      assert.equal(byTable[table]!.mongodb, byTable[table]!.sqlite, table);
    }
    assert.equal(byTable.console_refs!.mongodb, 1);
    assert.equal(byTable.cursors!.mongodb, 1);
    assert.equal(byTable.attachment_files!.mongodb, 1);
    assert.equal(byTable.intake_failures!.mongodb, 1);
    assert.equal(byTable.attention!.mongodb, 1);
    assert.equal(byTable.marks!.mongodb, 1);

    const mongo = await createMongoStore({ uri, dbName });
    try {
      assert.deepEqual(await mongo.getCustomer(sample), view.customer);
      assert.deepEqual(await mongo.listIdentities(sample), identities, 'identity order kept');
      assert.deepEqual(await mongo.latestConversation(sample), view.conv);
      assert.deepEqual(await mongo.listMessages(view.conv!.id), messages);
      assert.deepEqual(await mongo.listPendingDrafts(), pending);
      assert.equal(await mongo.getRef('slack', 'customer:x'), 'C1:1.2');
      assert.equal(await mongo.getCursor('imap:INBOX'), '42');
      assert.deepEqual(await mongo.getFile(photo.id), photo, 'attachment bytes copied (chunked)');
      assert.deepEqual(await mongo.getIntakeFailure('email', '<aside@x>'), aside);
      assert.deepEqual(await mongo.getAttention('conv-due'), due);
      assert.equal(await mongo.claimMark('digest:2026-01-01', NOW), false, 'the mark came along');
      assert.deepEqual(await mongo.customerNotes(sample), {
        note: 'Prefers calls after 6pm',
        tags: ['VIP', '批发'],
      });
      const someText = messages.find((m) => /\p{L}{4,}/u.test(m.text))?.text.match(/\p{L}{4,}/u)?.[0] ?? '';
      assert.ok(
        (await mongo.search({ text: someText })).messages.length > 0,
        `the copy finds "${someText}" (search terms built)`,
      );
      assert.deepEqual(
        sorted(await mongo.figures({ ...periodRange('30d', NOW, TZ), tz: TZ })),
        sorted(figures),
        'same figures',
      );

      // Running it again is harmless (upserts), and the counts still match.
      const again = await migrateToMongo({ sqliteFile: file, uri, dbName, log: () => undefined });
      assert.deepEqual(again, counts);

      // A target with other data fails the verification.
      await mongo.setCursor('other-desk', '1');
      await assert.rejects(
        migrateToMongo({ sqliteFile: file, uri, dbName, log: () => undefined }),
        /counts differ for cursors/,
      );
      await assert.rejects(
        migrateToMongo({ sqliteFile: join(dir, 'missing.db'), uri, dbName }),
        /no embedded store/,
      );
    } finally {
      await mongo.connection.dropDatabase();
      await mongo.close();
    }
  });
});
