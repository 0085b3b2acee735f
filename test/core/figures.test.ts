import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  articleIndex,
  durationStats,
  durationSummary,
  emptyFiguresData,
  localDay,
  localDays,
  medianOffsets,
  p90Offset,
  periodRange,
  startOfLocalDay,
  summariseFigures,
} from '../../src/core/figures.js';

const MIN = 60_000;

describe('the article’s index', () => {
  it('reproduces the worked example: C = 1000, T = 5, P = 90 → E = 4500', () => {
    assert.equal(articleIndex(1000, 5, 90), 4500);
  });

  it('summariseFigures computes E from C, mean T in minutes and the share of 4–5 ratings', () => {
    const data = emptyFiguresData();
    data.customers = 1000;
    data.conversations = { opened: 1000, resolved: 0, unanswered: 0 };
    data.firstResponse = durationSummary(Array.from({ length: 1000 }, () => 5 * MIN));
    data.ratingCounts = [4, 3, 3, 40, 50]; // 90 of 100 rated 4–5
    const s = summariseFigures(data);
    assert.deepEqual(s.articleIndex, { value: 4500, c: 1000, t: 5, p: 90 });
    assert.equal(s.satisfaction.satisfied, 90);
    assert.equal(s.satisfaction.mean, (4 * 1 + 3 * 2 + 3 * 3 + 40 * 4 + 50 * 5) / 100);
  });

  it('has no E without an answered conversation or without ratings', () => {
    const noAnswers = emptyFiguresData();
    noAnswers.customers = 3;
    noAnswers.ratingCounts = [0, 0, 0, 0, 2];
    assert.equal(summariseFigures(noAnswers).articleIndex, undefined);
    const noRatings = emptyFiguresData();
    noRatings.customers = 3;
    noRatings.firstResponse = durationSummary([MIN]);
    assert.equal(summariseFigures(noRatings).articleIndex, undefined);
    assert.equal(summariseFigures(noRatings).satisfaction.satisfied, undefined);
  });
});

describe('medians and p90', () => {
  it('ranks: the median averages the middle pair, p90 is the nearest rank', () => {
    assert.deepEqual(medianOffsets(1), [0]);
    assert.deepEqual(medianOffsets(4), [1, 2]);
    assert.deepEqual(medianOffsets(5), [2]);
    assert.equal(p90Offset(1), 0);
    assert.equal(p90Offset(10), 8); // the 9th smallest of 10
    assert.equal(p90Offset(11), 9); // ⌈9.9⌉ = 10th
  });

  it('summarises durations held in memory, in any order', () => {
    assert.equal(durationSummary([]), undefined);
    assert.deepEqual(durationSummary([4 * MIN, 1 * MIN, 3 * MIN, 2 * MIN]), {
      count: 4,
      sumMs: 10 * MIN,
      medianMs: 2.5 * MIN,
      p90Ms: 4 * MIN,
    });
    assert.deepEqual(durationStats(durationSummary([4 * MIN, 1 * MIN, 3 * MIN, 2 * MIN])), {
      count: 4,
      meanMin: 2.5,
      medianMin: 2.5,
      p90Min: 4,
    });
    const ten = durationSummary(Array.from({ length: 10 }, (_, i) => (10 - i) * MIN));
    assert.equal(ten?.p90Ms, 9 * MIN);
    assert.equal(ten?.medianMs, 5.5 * MIN);
  });
});

describe('periods and local days', () => {
  it('today in Shanghai starts at 16:00 UTC the day before', () => {
    const now = new Date('2026-03-10T01:00:00Z'); // 09:00 local
    const { from, to } = periodRange('today', now, 'Asia/Shanghai');
    assert.deepEqual(from, new Date('2026-03-09T16:00:00Z'));
    assert.deepEqual(to, new Date('2026-03-10T16:00:00Z'));
  });

  it('7d is today and the six days before; 30d and 90d likewise; all starts at the epoch', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    assert.deepEqual(periodRange('7d', now, 'UTC').from, new Date('2026-03-04T00:00:00Z'));
    assert.deepEqual(periodRange('30d', now, 'UTC').from, new Date('2026-02-09T00:00:00Z'));
    assert.deepEqual(periodRange('90d', now, 'UTC').from, new Date('2025-12-11T00:00:00Z'));
    assert.deepEqual(periodRange('all', now, 'UTC').from, new Date(0));
    assert.deepEqual(periodRange('all', now, 'UTC').to, new Date('2026-03-11T00:00:00Z'));
  });

  it('the same instant is a different day in different zones', () => {
    const instant = new Date('2026-03-09T16:10:00Z');
    assert.equal(localDay(instant, 'Asia/Shanghai'), '2026-03-10');
    assert.equal(localDay(instant, 'UTC'), '2026-03-09');
    assert.equal(localDay(instant, 'America/Los_Angeles'), '2026-03-09');
  });

  it('a day with a DST change is 23 or 25 hours long (New York, March and November 2026)', () => {
    const spring = localDays(
      new Date('2026-03-07T12:00:00Z'),
      new Date('2026-03-10T04:00:00Z'),
      'America/New_York',
    );
    assert.deepEqual(
      spring.map((d) => [d.day, d.start.toISOString()]),
      [
        ['2026-03-07', '2026-03-07T05:00:00.000Z'],
        ['2026-03-08', '2026-03-08T05:00:00.000Z'],
        ['2026-03-09', '2026-03-09T04:00:00.000Z'],
      ],
    );
    const fall = localDays(
      new Date('2026-10-31T12:00:00Z'),
      new Date('2026-11-03T05:00:00Z'),
      'America/New_York',
    );
    assert.deepEqual(
      fall.map((d) => d.start.toISOString()),
      ['2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    );
  });

  it('where midnight does not exist the day starts at the first local instant (Santiago, 2026-09-06)', () => {
    // Chile springs forward at 24:00 → 01:00: Sep 6 begins at 01:00 local (04:00 UTC).
    const start = startOfLocalDay(new Date('2026-09-06T15:00:00Z'), 'America/Santiago');
    assert.equal(localDay(start, 'America/Santiago'), '2026-09-06');
    assert.equal(localDay(new Date(start.getTime() - 1), 'America/Santiago'), '2026-09-05');
  });

  it('an empty period summarises to zeros and no daily series', () => {
    const s = summariseFigures(emptyFiguresData());
    assert.equal(s.customers, 0);
    assert.deepEqual(s.messages, { in: 0, out: 0, byChannel: [], byIntent: [] });
    assert.equal(s.firstResponse, undefined);
    assert.deepEqual(s.daily, []);
  });
});
