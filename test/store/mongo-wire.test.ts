/**
 * The wire test server answers like mongod for what the store relies on. The same
 * assertions run against a real server when MONGODB_URI is set, which is how the test
 * server's fidelity is checked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mongoose from 'mongoose';
import { mongoTarget } from '../support/mongo-wire/target.js';

const { MongoClient } = mongoose.mongo;
const target = mongoTarget();

describe(`MongoDB commands the store relies on (${target.kind})`, () => {
  let client: InstanceType<typeof MongoClient>;
  let dbName: string;
  before(async () => {
    dbName = target.freshName();
    client = new MongoClient(await target.uri(), { serverSelectionTimeoutMS: 5000 });
    await client.connect();
  });
  after(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('unique and partial unique indexes refuse duplicates with E11000, and say which key', async () => {
    const c = client.db(dbName).collection('m');
    await c.createIndex(
      { channel: 1, externalId: 1 },
      { unique: true, name: 'dedupe', partialFilterExpression: { externalId: { $gt: '' } } },
    );
    await c.insertOne({ _id: 'a' as never, channel: 'sms', externalId: 'X' });
    await c.insertOne({ _id: 'b' as never, channel: 'sms', externalId: '' });
    await c.insertOne({ _id: 'c' as never, channel: 'sms', externalId: '' }); // empty ids are outside the index
    await c.insertOne({ _id: 'd' as never, channel: 'email', externalId: 'X' });
    await assert.rejects(
      c.insertOne({ _id: 'e' as never, channel: 'sms', externalId: 'X' }),
      (err: { code?: number; keyValue?: object }) => {
        assert.equal(err.code, 11000);
        assert.deepEqual(err.keyValue, { channel: 'sms', externalId: 'X' });
        return true;
      },
    );
    await assert.rejects(c.insertOne({ _id: 'a' as never, channel: 'x', externalId: 'Y' }), { code: 11000 });
    await assert.rejects(c.updateOne({ _id: 'd' as never }, { $set: { channel: 'sms' } }), { code: 11000 });
    assert.equal(
      (await c.findOne({ _id: 'd' as never }))?.channel,
      'email',
      'a refused update changes nothing',
    );
    // An index cannot be built over existing duplicates.
    await assert.rejects(c.createIndex({ channel: 1 }, { unique: true, name: 'bad' }), { code: 11000 });
    const names = (await c.indexes()).map((i) => i.name).sort();
    assert.deepEqual(names, ['_id_', 'dedupe']);
  });

  it('upserts with $setOnInsert, conditional findOneAndUpdate, and returnDocument', async () => {
    const c = client.db(dbName).collection<{ _id: string; n?: number; s?: string; tags?: string[] }>('u');
    const r1 = await c.updateOne({ _id: 'k' }, { $setOnInsert: { n: 1 } }, { upsert: true });
    assert.equal(r1.upsertedCount, 1);
    const r2 = await c.updateOne({ _id: 'k' }, { $setOnInsert: { n: 2 } }, { upsert: true });
    assert.equal(r2.matchedCount, 1);
    assert.equal((await c.findOne({ _id: 'k' }))?.n, 1, '$setOnInsert does nothing on an existing document');
    const won = await c.findOneAndUpdate(
      { _id: 'k', n: 1 },
      { $inc: { n: 1 }, $set: { s: 'x' }, $push: { tags: 'a' } },
      { returnDocument: 'after' },
    );
    assert.deepEqual(won, { _id: 'k', n: 2, s: 'x', tags: ['a'] });
    assert.equal(
      await c.findOneAndUpdate({ _id: 'k', n: 1 }, { $set: { s: 'y' } }),
      null,
      'the condition no longer holds',
    );
    const before = await c.findOneAndUpdate(
      { _id: 'k' },
      { $unset: { s: '' } },
      { returnDocument: 'before' },
    );
    assert.equal(before?.s, 'x');
    assert.equal('s' in ((await c.findOne({ _id: 'k' })) ?? {}), false);
    const removed = await c.findOneAndDelete({ _id: 'k' });
    assert.equal(removed?._id, 'k');
    assert.equal(await c.countDocuments({}), 0);
  });

  it('find in batches (getMore), sort/skip/limit, distinct, count and aggregate', async () => {
    const c = client.db(dbName).collection<{ _id: number; g: string; at: Date }>('f');
    await c.insertMany(
      Array.from({ length: 250 }, (_, i) => ({ _id: i, g: i % 3 === 0 ? 'a' : 'b', at: new Date(i * 1000) })),
    );
    const all = await c.find({}, { batchSize: 40 }).sort({ _id: -1 }).toArray();
    assert.equal(all.length, 250);
    const wire = await target.wire();
    if (wire) assert.ok(wire.commands.includes('getMore'), 'the rest came by getMore');
    assert.equal(all[0]?._id, 249);
    assert.deepEqual(
      (await c.find({ g: 'a' }).sort({ _id: 1 }).skip(2).limit(3).toArray()).map((d) => d._id),
      [6, 9, 12],
    );
    assert.deepEqual((await c.distinct('g')).sort(), ['a', 'b']);
    assert.equal(await c.countDocuments({ at: { $gte: new Date(100_000) } }), 150);
    assert.equal(await c.estimatedDocumentCount(), 250);
    const groups = await c
      .aggregate<{ _id: string; n: number }>([
        { $match: { _id: { $lt: 9 } } },
        { $group: { _id: '$g', n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    assert.deepEqual(groups, [
      { _id: 'a', n: 3 },
      { _id: 'b', n: 6 },
    ]);
    const many = await c.aggregate([{ $sort: { _id: 1 } }], { batchSize: 30 }).toArray();
    assert.equal(many.length, 250);
    assert.equal((await c.deleteMany({ g: 'b' })).deletedCount, 166);
    assert.equal(await c.drop(), true);
  });
  it('refuses a document over 16 MiB (insert, upsert and update) and stores nothing of it', async () => {
    const c = client.db(dbName).collection<{ _id: string; data?: string; more?: string }>('big');
    // Two of these make 16.5 MiB: over the server's limit, under the driver's own 17 MiB
    // serialisation buffer (above that the driver throws a RangeError before sending).
    const half = 'x'.repeat(8.25 * 1024 * 1024);
    const tooLarge = (err: { code?: number }) => {
      assert.ok([10334, 17419].includes(err.code ?? 0), `code ${err.code}`);
      return true;
    };
    await assert.rejects(c.insertOne({ _id: 'a', data: half, more: half }), tooLarge);
    assert.equal(await c.countDocuments({ _id: 'a' }), 0);
    await assert.rejects(
      c.updateOne({ _id: 'u' }, { $set: { data: half, more: half } }, { upsert: true }),
      tooLarge,
    );
    await c.insertOne({ _id: 'b', data: half });
    await assert.rejects(c.updateOne({ _id: 'b' }, { $set: { more: half } }), tooLarge);
    assert.equal((await c.findOne({ _id: 'b' }))?.more, undefined, 'a refused update changes nothing');
    await c.drop();
  });
});
