/**
 * The figures contract: a small, hand-computed history every FiguresSource store must
 * aggregate exactly. Owner zone Asia/Shanghai (UTC+8): local midnight is 16:00 UTC.
 *
 * conv1  A email   opened Mar 9 23:30 local; answered +10 min; resolved +60 min (asked);
 *                  rated 2 then 5 on Mar 10 (the later answer counts)
 * conv2  B sms     opened Mar 10 00:10 local (still Mar 9 in UTC); 2 in; answered +30 min
 * conv3  C webchat opened Mar 10 09:00 local; never answered
 * conv4  A email   opened Mar 3 10:00 local; answered +20 min; resolved +120 min (asked); rated 3
 * Drafts: conv1 sent as drafted + an owner note sent; conv2 edited + one discarded;
 * conv3 pending; conv4 sent by the `auto` console.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FiguresSource, Store } from '../../src/core/ports.js';
import type { Conversation, Message } from '../../src/core/model.js';
import { periodRange, summariseFigures } from '../../src/core/figures.js';
import {
  CLASSIFICATION,
  conversation,
  customer,
  decision,
  draft,
  identity,
  message,
  outbound,
  rating,
} from './store-fixtures.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-03-10T12:00:00+08:00');
const MIN = 60_000;
const local = (iso: string) => new Date(`${iso}+08:00`);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);

export function runFiguresContract(name: string, make: () => Promise<Store & FiguresSource>): void {
  async function withHistory(fn: (store: Store & FiguresSource) => Promise<void>): Promise<void> {
    const store = await make();
    try {
      await store.migrate();
      await seedHistory(store);
      await fn(store);
    } finally {
      await store.close();
    }
  }

  describe(`Figures contract: ${name}`, () => {
    it('today: conversations by local day, unanswered ones, the latest rating, E', async () => {
      await withHistory(async (store) => {
        const data = await store.figures({ ...periodRange('today', NOW, TZ), tz: TZ });
        assert.equal(data.customers, 2); // B and C wrote today
        assert.deepEqual(data.conversations, { opened: 2, resolved: 0, unanswered: 1 });
        assert.deepEqual(data.firstResponse, {
          count: 1,
          sumMs: 30 * MIN,
          medianMs: 30 * MIN,
          p90Ms: 30 * MIN,
        });
        assert.equal(data.resolution, undefined);
        assert.deepEqual(sortBy(data.messages), [
          { direction: 'in', channel: 'sms', count: 2 },
          { direction: 'in', channel: 'webchat', count: 1 },
          { direction: 'out', channel: 'sms', count: 1 },
        ]);
        assert.deepEqual(data.ratingCounts, [0, 0, 0, 0, 1], 'only conv1’s later answer (5) counts');
        assert.equal(data.ratingsAsked, 1); // conv1 was asked at 00:30 local today
        assert.deepEqual(
          data.daily.map((d) => ({
            day: d.day,
            conversations: d.conversations,
            frt: d.medianFirstResponseMs,
          })),
          [{ day: '2026-03-10', conversations: 2, frt: 30 * MIN }],
        );
        assert.deepEqual(data.daily[0]?.start, new Date('2026-03-09T16:00:00Z'));
        const s = summariseFigures(data);
        assert.deepEqual(s.articleIndex, { value: 60, c: 2, t: 30, p: 100 }); // 2 × 30 × 100 / 100
      });
    });

    it('the same history in UTC puts conv2 on the day before', async () => {
      await withHistory(async (store) => {
        const now = new Date('2026-03-10T04:00:00Z');
        const data = await store.figures({ ...periodRange('today', now, 'UTC'), tz: 'UTC' });
        assert.deepEqual(data.conversations, { opened: 1, resolved: 0, unanswered: 1 }); // conv3 only
        assert.equal(data.customers, 1);
        const week = await store.figures({ ...periodRange('7d', now, 'UTC'), tz: 'UTC' });
        assert.deepEqual(
          week.daily.map((d) => [d.day, d.conversations]),
          [
            ['2026-03-09', 2], // conv1 15:30Z and conv2 16:10Z
            ['2026-03-10', 1],
          ],
        );
      });
    });

    it('7d: T over answered conversations, resolution, daily series from the first day with data', async () => {
      await withHistory(async (store) => {
        const data = await store.figures({ ...periodRange('7d', NOW, TZ), tz: TZ });
        assert.equal(data.customers, 3);
        assert.deepEqual(data.conversations, { opened: 3, resolved: 1, unanswered: 1 });
        // Median of two values is their mean; p90 is the nearest rank (the 2nd of 2).
        assert.deepEqual(data.firstResponse, {
          count: 2,
          sumMs: 40 * MIN,
          medianMs: 20 * MIN,
          p90Ms: 30 * MIN,
        });
        assert.deepEqual(data.resolution, { count: 1, sumMs: 60 * MIN, medianMs: 60 * MIN, p90Ms: 60 * MIN });
        assert.deepEqual(
          data.daily.map((d) => [d.day, d.conversations, d.medianFirstResponseMs]),
          [
            ['2026-03-09', 1, 10 * MIN],
            ['2026-03-10', 2, 30 * MIN],
          ],
        );
        const s = summariseFigures(data);
        assert.deepEqual(s.firstResponse, { count: 2, meanMin: 20, medianMin: 20, p90Min: 30 });
        assert.deepEqual(
          s.daily.map((d) => d.medianFirstResponseMin),
          [10, 30],
        );
        assert.deepEqual(s.articleIndex, { value: 60, c: 3, t: 20, p: 100 });
      });
    });

    it('30d: every figure, including draft outcomes and intents', async () => {
      await withHistory(async (store) => {
        const data = await store.figures({ ...periodRange('30d', NOW, TZ), tz: TZ });
        assert.equal(data.customers, 3);
        assert.deepEqual(data.conversations, { opened: 4, resolved: 2, unanswered: 1 });
        assert.deepEqual(data.ratingCounts, [0, 0, 1, 0, 1]);
        assert.equal(data.ratingsAsked, 2);
        assert.deepEqual(data.drafts, {
          asDrafted: 1,
          edited: 1,
          discarded: 1,
          automatic: 1,
          ownerWritten: 1,
        });
        assert.deepEqual(sortBy(data.intents), [
          { intent: 'refund_return', count: 4 },
          { intent: 'unclassified', count: 1 },
        ]);
        assert.equal(data.daily.length, 8, 'Mar 3 … Mar 10');
        assert.equal(data.daily[0]?.day, '2026-03-03');
        const s = summariseFigures(data);
        assert.deepEqual(s.firstResponse, { count: 3, meanMin: 20, medianMin: 20, p90Min: 30 });
        assert.deepEqual(s.resolution, { count: 2, meanMin: 90, medianMin: 90, p90Min: 120 });
        assert.equal(s.satisfaction.mean, 4);
        assert.equal(s.satisfaction.satisfied, 50);
        assert.equal(s.satisfaction.responseRate, 100);
        assert.deepEqual(s.articleIndex, { value: 30, c: 3, t: 20, p: 50 }); // 3 × 20 × 50 / 100
        assert.deepEqual(s.messages.byChannel, [
          { channel: 'email', in: 2, out: 3 },
          { channel: 'sms', in: 2, out: 1 },
          { channel: 'webchat', in: 1, out: 0 },
        ]);
      });
    });

    it('one channel: only that channel’s customers, messages, conversations and drafts', async () => {
      await withHistory(async (store) => {
        const data = await store.figures({ ...periodRange('30d', NOW, TZ), tz: TZ, channel: 'sms' });
        assert.equal(data.customers, 1);
        assert.deepEqual(data.conversations, { opened: 1, resolved: 0, unanswered: 0 });
        assert.deepEqual(sortBy(data.messages), [
          { direction: 'in', channel: 'sms', count: 2 },
          { direction: 'out', channel: 'sms', count: 1 },
        ]);
        assert.deepEqual(data.ratingCounts, [0, 0, 0, 0, 0]);
        assert.deepEqual(data.drafts, {
          asDrafted: 0,
          edited: 1,
          discarded: 1,
          automatic: 0,
          ownerWritten: 0,
        });
        assert.equal(summariseFigures(data).articleIndex, undefined, 'no ratings: no P, no E');
      });
    });

    it('an empty period is all zeros with no daily series', async () => {
      await withHistory(async (store) => {
        const data = await store.figures({
          from: new Date('2025-01-01T00:00:00Z'),
          to: new Date('2025-02-01T00:00:00Z'),
          tz: TZ,
        });
        assert.equal(data.customers, 0);
        assert.deepEqual(data.conversations, { opened: 0, resolved: 0, unanswered: 0 });
        assert.deepEqual(data.messages, []);
        assert.deepEqual(data.daily, []);
        const s = summariseFigures(data);
        assert.equal(s.firstResponse, undefined);
        assert.equal(s.satisfaction.mean, undefined);
        assert.equal(s.articleIndex, undefined);
      });
    });

    it('a period in the past counts only what happened in it', async () => {
      await withHistory(async (store) => {
        const data = await store.figures({
          from: local('2026-03-03T00:00:00'),
          to: local('2026-03-04T00:00:00'),
          tz: TZ,
        });
        assert.equal(data.customers, 1); // A, on conv4
        assert.deepEqual(data.conversations, { opened: 1, resolved: 1, unanswered: 0 });
        assert.deepEqual(data.ratingCounts, [0, 0, 1, 0, 0]);
        assert.deepEqual(data.drafts, {
          asDrafted: 0,
          edited: 0,
          discarded: 0,
          automatic: 1,
          ownerWritten: 0,
        });
      });
    });

    it('merged customers count once; a message classified later moves to its intent', async () => {
      await withHistory(async (store) => {
        const before = await store.figures({ ...periodRange('7d', NOW, TZ), tz: TZ });
        assert.equal(before.customers, 3);
        const [conv2] = await conversationsOf(store, 'sms');
        const [conv3] = await conversationsOf(store, 'webchat');
        const [conv1] = await conversationsOf(store, 'email');
        await store.mergeCustomers(conv1!.customerId, conv2!.customerId);
        const unclassified = (await store.listMessages(conv3!.id))[0]!;
        await store.updateMessage(unclassified.id, {
          classification: { ...CLASSIFICATION, intent: 'shipping' },
        });
        const after = await store.figures({ ...periodRange('7d', NOW, TZ), tz: TZ });
        assert.equal(after.customers, 2);
        assert.deepEqual(sortBy(after.intents), [
          { intent: 'refund_return', count: 3 },
          { intent: 'shipping', count: 1 },
        ]);
        const month = await store.figures({ ...periodRange('30d', NOW, TZ), tz: TZ });
        assert.deepEqual(sortBy(month.intents), [
          { intent: 'refund_return', count: 4 },
          { intent: 'shipping', count: 1 },
        ]);
      });
    });

    it('the latest rating counts even when an earlier one is stored after it', async () => {
      await withHistory(async (store) => {
        const [conv3] = await conversationsOf(store, 'webchat');
        await store.insertRating(rating(conv3!, { score: 5, createdAt: local('2026-03-10T11:00:00') }));
        await store.insertRating(rating(conv3!, { score: 1, createdAt: local('2026-03-10T10:00:00') }));
        const data = await store.figures({ ...periodRange('today', NOW, TZ), tz: TZ });
        assert.deepEqual(data.ratingCounts, [0, 0, 0, 0, 2]); // conv1's 5 and conv3's 5
      });
    });

    it('all: from the epoch, the daily series starts at the first day with data', async () => {
      await withHistory(async (store) => {
        const data = await store.figures({ ...periodRange('all', NOW, TZ), tz: TZ });
        assert.equal(data.daily[0]?.day, '2026-03-03');
        assert.equal(data.daily.at(-1)?.day, '2026-03-10');
        assert.equal(data.conversations.opened, 4);
      });
    });
  });
}

const ADDRESSES = { email: 'a@example.com', sms: '+15550000002', webchat: 'visitor-3' } as const;

/** The latest conversation of the seeded customer on that channel (one customer per channel). */
async function conversationsOf(store: Store, channel: keyof typeof ADDRESSES): Promise<Conversation[]> {
  const c = await store.findCustomerByIdentity(channel, ADDRESSES[channel]);
  const conv = c && (await store.latestConversation(c.id));
  return conv ? [conv] : [];
}

function sortBy<T extends object>(rows: T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function seedHistory(store: Store): Promise<void> {
  const a = customer();
  const b = customer();
  const c = customer();
  await store.createCustomer(a, identity({ channel: 'email', address: ADDRESSES.email }));
  await store.createCustomer(b, identity({ channel: 'sms', address: ADDRESSES.sms }));
  await store.createCustomer(c, identity({ channel: 'webchat', address: ADDRESSES.webchat }));

  const open = async (conv: Conversation, inbound: Date[], classify = true) => {
    await store.createConversation(conv);
    const msgs: Message[] = [];
    for (const at of inbound) {
      const m = message(conv, { createdAt: at, ...(classify ? { classification: CLASSIFICATION } : {}) });
      await store.insertMessage(m);
      msgs.push(m);
    }
    return msgs;
  };
  const reply = async (
    conv: Conversation,
    at: Date,
    kind: 'send' | 'edit_send',
    consoleName = 'slack',
    origin: 'auto' | 'owner_note' = 'auto',
  ) => {
    const d = draft(conv, { createdAt: plus(at, -1), origin });
    await store.insertDraft(d);
    const out = outbound(conv, { createdAt: at });
    const { job } = await import('./store-fixtures.js');
    assert.equal(
      await store.commitDecision(
        decision(d.id, { kind, decidedAt: at, actor: { console: consoleName, userId: 'owner' } }),
        'sent',
        {
          message: out,
          job: job(out, { draftId: d.id }),
        },
      ),
      true,
    );
  };

  // conv1
  const o1 = local('2026-03-09T23:30:00');
  const conv1 = conversation(a.id, { channel: 'email', openedAt: o1, lastInboundAt: o1 });
  await open(conv1, [o1]);
  await reply(conv1, plus(o1, 10), 'send');
  await reply(conv1, plus(o1, 20), 'send', 'slack', 'owner_note');
  await store.updateConversation(conv1.id, {
    firstResponseAt: plus(o1, 10),
    status: 'resolved',
    resolvedAt: plus(o1, 60),
    ratingRequestedAt: plus(o1, 60),
  });
  await store.insertRating(rating(conv1, { score: 2, createdAt: local('2026-03-10T01:00:00') }));
  await store.insertRating(rating(conv1, { score: 5, createdAt: local('2026-03-10T02:00:00') }));

  // conv2
  const o2 = local('2026-03-10T00:10:00');
  const conv2 = conversation(b.id, { channel: 'sms', openedAt: o2, lastInboundAt: plus(o2, 10) });
  await open(conv2, [o2, plus(o2, 10)]);
  await reply(conv2, plus(o2, 30), 'edit_send');
  const dropped = draft(conv2, { createdAt: plus(o2, 11) });
  await store.insertDraft(dropped);
  await store.commitDecision(decision(dropped.id, { kind: 'discard', decidedAt: plus(o2, 31) }), 'discarded');
  await store.updateConversation(conv2.id, { firstResponseAt: plus(o2, 30) });

  // conv3: unanswered, its message not classified yet
  const o3 = local('2026-03-10T09:00:00');
  const conv3 = conversation(c.id, { channel: 'webchat', openedAt: o3, lastInboundAt: o3 });
  await open(conv3, [o3], false);
  await store.insertDraft(draft(conv3, { createdAt: plus(o3, 1) }));

  // conv4
  const o4 = local('2026-03-03T10:00:00');
  const conv4 = conversation(a.id, { channel: 'email', openedAt: o4, lastInboundAt: o4 });
  await open(conv4, [o4]);
  await reply(conv4, plus(o4, 20), 'send', 'auto');
  await store.updateConversation(conv4.id, {
    firstResponseAt: plus(o4, 20),
    status: 'resolved',
    resolvedAt: plus(o4, 120),
    ratingRequestedAt: plus(o4, 120),
  });
  await store.insertRating(rating(conv4, { score: 3, createdAt: local('2026-03-03T14:00:00') }));
}
