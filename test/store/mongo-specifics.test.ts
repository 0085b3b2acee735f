/**
 * What the MongoDB store does beyond the shared contracts: its indexes, crash recovery of
 * decisions and enqueues without transactions, connection failures named at start, and a
 * dropped connection survived. Runs on MONGODB_URI when set, else on the wire test server
 * (the tests that need to cut or refuse connections run on the wire server only).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { finishDecision, gateDecision } from '../../src/store/mongo/commit.js';
import { jobDoc, messageDoc } from '../../src/store/mongo/docs.js';
import {
  createMongoStore,
  MongoConnectError,
  redactUri,
  type MongoStore,
} from '../../src/store/mongo/index.js';
import {
  conversation,
  customer,
  decision,
  draft,
  identity,
  job,
  outbound,
} from '../contracts/store-fixtures.js';
import { mongoTarget } from '../support/mongo-wire/target.js';

const target = mongoTarget();

async function withStore(fn: (store: MongoStore) => Promise<void>): Promise<void> {
  const store = await target.make();
  try {
    await store.migrate();
    await fn(store);
  } finally {
    await store.close();
  }
}

async function seed(store: MongoStore) {
  const c = customer();
  await store.createCustomer(c, identity());
  const conv = conversation(c.id);
  await store.createConversation(conv);
  return conv;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe(`mongodb store specifics (${target.kind})`, () => {
  it('creates the unique dedupe indexes and the lookup indexes', async () => {
    await withStore(async (store) => {
      const db = store.connection.db!;
      const indexes = async (name: string) => await db.collection(name).indexes();
      const byName = async (coll: string, name: string) => (await indexes(coll)).find((i) => i.name === name);
      assert.deepEqual((await byName('messages', 'message_dedupe'))?.key, { channel: 1, externalId: 1 });
      assert.equal((await byName('messages', 'message_dedupe'))?.unique, true);
      assert.equal((await byName('identities', 'identity_unique'))?.unique, true);
      assert.equal((await byName('console_refs', 'console_ref_unique'))?.unique, true);
      assert.equal((await byName('outbox', 'job_idempotency'))?.unique, true);
      for (const [coll, name] of [
        ['outbox', 'jobs_due'],
        ['outbox', 'jobs_leases'],
        ['messages', 'messages_period'],
        ['conversations', 'conversations_period'],
        ['drafts', 'drafts_decided'],
        ['ratings', 'ratings_period'],
      ] as const) {
        assert.ok(await byName(coll, name), `${coll}.${name}`);
      }
      // The server itself refuses a duplicate, whatever the store checks first.
      const raw = db.collection('identities');
      await raw.insertOne({ channel: 'sms', address: '+1555', customerId: 'x' });
      await assert.rejects(raw.insertOne({ channel: 'sms', address: '+1555', customerId: 'y' }), {
        code: 11000,
      });
    });
  });

  it('a decision interrupted after its gate is finished by recovery, exactly once', async () => {
    await withStore(async (store) => {
      const conv = await seed(store);
      const d = draft(conv);
      await store.insertDraft(d);
      const dec = decision(d.id);
      const msg = outbound(conv);
      const j = job(msg, { draftId: d.id, nextAttemptAt: new Date(0) });
      // The process "crashes" right after winning the draft.
      assert.ok(await gateDecision(store.models, dec, 'sent', { message: msg, job: j }));
      assert.equal((await store.getDraft(d.id))?.status, 'sent');
      assert.equal(await store.getJob(j.id), undefined);
      // Another decision still loses: the gate was taken.
      assert.equal(await store.commitDecision(decision(d.id), 'discarded'), false);
      // Not yet stale for a live process…
      assert.equal(await store.recover(new Date(Date.now() - 60_000)), 0);
      // …but a restart replays it.
      await store.migrate();
      assert.deepEqual(await store.getDecision(dec.id), dec);
      assert.deepEqual(await store.getMessage(msg.id), msg);
      assert.deepEqual(await store.getJob(j.id), j);
      assert.deepEqual(await store.getDraft(d.id), { ...d, status: 'sent', decisionId: dec.id });
      assert.equal(await store.recover(new Date(Date.now() + 1000)), 0, 'nothing left to replay');
      assert.deepEqual(await store.countMessages(conv.customerId), { in: 0, out: 1 });
    });
  });

  it('a unique key taken between the gate and the writes undoes the decision', async () => {
    await withStore(async (store) => {
      const conv = await seed(store);
      const d = draft(conv);
      await store.insertDraft(d);
      const dec = decision(d.id);
      const msg = outbound(conv);
      const j = job(msg, { draftId: d.id });
      const intent = await gateDecision(store.models, dec, 'sent', { message: msg, job: j });
      assert.ok(intent);
      // Another writer takes the idempotency key after the pre-check.
      const other = outbound(conv);
      await store.enqueue(other, job(other, { idempotencyKey: j.idempotencyKey }));
      await assert.rejects(finishDecision(store.models, intent), { code: 11000 });
      assert.deepEqual(await store.getDraft(d.id), d, 'the draft is pending again, as before');
      assert.equal(await store.getDecision(dec.id), undefined);
      assert.equal(await store.getMessage(msg.id), undefined);
      assert.equal(await store.getJob(j.id), undefined);
      assert.equal(await store.recover(new Date(Date.now() + 1000)), 0, 'no intent left behind');
      // And it can be decided again.
      const retry = outbound(conv);
      assert.equal(
        await store.commitDecision(decision(d.id), 'sent', { message: retry, job: job(retry) }),
        true,
      );
    });
  });

  it('an enqueue interrupted before its message is written gets the message on recovery', async () => {
    await withStore(async (store) => {
      const conv = await seed(store);
      const msg = outbound(conv);
      const j = job(msg, { purpose: 'rating_request' });
      await store.models.jobs.create({
        ...jobDoc(j),
        pendingMessage: messageDoc(msg),
        pendingAt: new Date(0),
      });
      assert.equal(await store.getMessage(msg.id), undefined);
      assert.deepEqual(await store.enqueue(outbound(conv), job(msg, { idempotencyKey: j.idempotencyKey })), {
        kind: 'duplicate',
        existingId: j.id,
      });
      assert.equal(await store.recover(), 1);
      assert.deepEqual(await store.getMessage(msg.id), msg);
      assert.deepEqual(await store.getJob(j.id), j);
    });
  });

  it(
    'figures come from aggregation commands only',
    { skip: target.kind === 'real' ? 'needs the wire server to see commands' : false },
    async () => {
      const wire = (await target.wire())!;
      await withStore(async (store) => {
        await seed(store);
        const before = wire.commands.length;
        await store.figures({ from: new Date(0), to: new Date(Date.now() + 86_400_000), tz: 'UTC' });
        const used = new Set(wire.commands.slice(before));
        // (getMore reads a long daily series; ismaster is a new pooled connection's handshake.)
        const other = [...used].filter((c) => !['aggregate', 'getMore', 'ismaster', 'hello'].includes(c));
        assert.deepEqual(other, []);
        assert.ok(used.has('aggregate'));
      });
    },
  );

  it(
    'a URI without a database uses "solodesk", not the driver\'s "test"',
    { skip: target.kind === 'real' ? 'wire server only' : false },
    async () => {
      const wire = (await target.wire())!;
      const store = await createMongoStore({ uri: wire.uri });
      try {
        assert.equal(store.connection.name, 'solodesk');
      } finally {
        await store.close();
      }
      const named = await createMongoStore({ uri: `${wire.uri}/shop_desk?appName=x` });
      assert.equal(named.connection.name, 'shop_desk');
      await named.close();
    },
  );

  it(
    'figures and lookups are index scans on a real server (explain)',
    {
      skip:
        target.kind === 'wire' ? 'the wire test server has no query planner; runs with MONGODB_URI' : false,
    },
    async () => {
      await withStore(async (store) => {
        const db = store.connection.db!;
        const range = { $gte: new Date(0), $lt: new Date() };
        const cases: [string, object, string][] = [
          ['messages', { createdAt: range }, 'messages_period'],
          ['messages', { createdAt: range, channel: 'sms' }, 'messages_period'],
          ['messages', { channel: 'sms', externalId: 'SM1' }, 'message_dedupe'],
          ['conversations', { openedAt: range, channel: 'sms' }, 'conversations_period'],
          ['conversations', { ratingRequestedAt: range }, 'conversations_rating_asked'],
          ['ratings', { superseded: false, createdAt: range }, 'ratings_period'],
          ['drafts', { decidedAt: range }, 'drafts_decided'],
          ['drafts', { status: 'pending' }, 'drafts_pending'],
          ['identities', { channel: 'sms', address: '+1' }, 'identity_unique'],
          ['outbox', { idempotencyKey: 'k' }, 'job_idempotency'],
          ['outbox', { status: 'pending', nextAttemptAt: { $lte: new Date() } }, 'jobs_due'],
        ];
        for (const [coll, filter, index] of cases) {
          const plan = JSON.stringify(await db.collection(coll).find(filter).explain('queryPlanner'));
          assert.match(plan, new RegExp(`"indexName":"${index}"`), `${coll} ${JSON.stringify(filter)}`);
        }
      });
    },
  );

  describe('connection failures', () => {
    it('a bad URI is named as such', async () => {
      const err = await createMongoStore({ uri: 'mongodb://user:Pa55word@host:notaport/db' }).catch(
        (e: unknown) => e,
      );
      assert.ok(err instanceof MongoConnectError);
      assert.equal(err.cause_, 'bad_uri');
      assert.doesNotMatch(err.message, /Pa55word/);
    });

    it('an unreachable host is named as such, quickly', async () => {
      const port = await closedPort();
      const err = await createMongoStore({
        uri: `mongodb://127.0.0.1:${port}/db`,
        serverSelectionTimeoutMS: 300,
      }).catch((e: unknown) => e);
      assert.ok(err instanceof MongoConnectError);
      assert.equal(err.cause_, 'unreachable');
      assert.match(err.message, /unreachable/);
    });

    it(
      'failed authentication is named, and the password never printed',
      { skip: target.kind === 'real' ? 'wire server only' : false },
      async () => {
        const wire = (await target.wire())!;
        const uri = `mongodb://desk:S3cr3t%21pw@127.0.0.1:${wire.port}/db?authSource=admin`;
        const err = await createMongoStore({ uri, serverSelectionTimeoutMS: 2000 }).catch((e: unknown) => e);
        assert.ok(err instanceof MongoConnectError, String(err));
        assert.equal(err.cause_, 'auth_failed');
        assert.match(err.message, /authentication failed/);
        assert.doesNotMatch(err.message, /S3cr3t/);
        assert.equal(redactUri(uri).includes('S3cr3t'), false);
      },
    );
  });

  it(
    'survives a dropped connection: errors while the server is gone, works again after',
    { skip: target.kind === 'real' ? 'wire server only' : false },
    async () => {
      const wire = (await target.wire())!;
      const store = await createMongoStore({ uri: `${wire.uri}/drop_test`, serverSelectionTimeoutMS: 400 });
      try {
        await store.migrate();
        await store.setCursor('imap:INBOX', '1');
        wire.dropConnections();
        // The driver reconnects by itself (a read may fail once while it notices).
        assert.equal(await eventually(() => store.getCursor('imap:INBOX')), '1');
        await wire.pause();
        await assert.rejects(store.setCursor('imap:INBOX', '2'), (e: Error) =>
          /Server selection|connect|closed/i.test(e.message),
        );
        assert.equal(await store.ping(), false);
        await wire.resume();
        await eventually(() => store.setCursor('imap:INBOX', '3'));
        assert.equal(await store.getCursor('imap:INBOX'), '3');
        assert.equal(await store.ping(), true);
      } finally {
        await store.close();
      }
    },
  );
});

async function eventually<T>(fn: () => Promise<T>, tries = 20): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await fn();
    } catch (err) {
      if (i >= tries) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
