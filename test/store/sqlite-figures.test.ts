import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { runFiguresContract } from '../contracts/figures-contract.js';
import { conversation, customer, identity } from '../contracts/store-fixtures.js';
import { periodRange } from '../../src/core/figures.js';

runFiguresContract('sqlite :memory:', async () => createSqliteStore({ file: ':memory:' }));
// Large periods take medians by walking the duration indexes instead of sorting: same answers.
runFiguresContract('sqlite, index-walk path', async () =>
  createSqliteStore({ file: ':memory:', figuresSortLimit: 0 }),
);

describe('daily medians of busy days', () => {
  it('are exact up to 92 days and estimated from a sample of about 100 beyond', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    try {
      const now = new Date('2026-06-30T12:00:00Z');
      const busy = Date.parse('2026-06-20T00:00:00Z');
      const c = customer();
      await store.createCustomer(c, identity());
      // 300 answered conversations on one day, answered after 1 … 300 minutes (median 150.5).
      for (let i = 1; i <= 300; i += 1) {
        const opened = new Date(busy + i * 60_000);
        await store.createConversation(
          conversation(c.id, {
            openedAt: opened,
            lastInboundAt: opened,
            firstResponseAt: new Date(opened.getTime() + i * 60_000),
          }),
        );
      }
      // Something 200 days earlier makes `all` a long period.
      const early = new Date('2025-12-01T00:00:00Z');
      await store.createConversation(conversation(c.id, { openedAt: early, lastInboundAt: early }));
      const pick = (daily: { day: string; medianFirstResponseMs?: number }[]) =>
        (daily.find((d) => d.day === '2026-06-20')?.medianFirstResponseMs ?? NaN) / 60_000;

      const month = await store.figures({ ...periodRange('30d', now, 'UTC'), tz: 'UTC' });
      assert.equal(pick(month.daily), 150.5);
      const all = await store.figures({ ...periodRange('all', now, 'UTC'), tz: 'UTC' });
      assert.ok(all.daily.length > 92);
      const estimate = pick(all.daily);
      assert.ok(Math.abs(estimate - 150.5) <= 15, `sampled median ${estimate} within 10% of 150.5`);
      assert.equal(all.firstResponse?.medianMs, 150.5 * 60_000, 'the period’s own median stays exact');
    } finally {
      await store.close();
    }
  });
});
