import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import type { Actor } from '../../src/core/model.js';
import type { FiguresData, FiguresQuery, FiguresSource } from '../../src/core/ports.js';
import { durationSummary, emptyFiguresData } from '../../src/core/figures.js';
import { createCommands, findCommand } from '../../commands/index.js';
import { createStatsCommand, parseStatsArgs } from '../../commands/stats.js';
import { chartSvg, RESVG_OPTIONS } from '../../commands/stats-chart.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';

const MIN = 60_000;
const owner: Actor = { console: 'terminal', userId: 'me' };
const clock = { now: () => new Date('2026-03-10T04:00:00Z') }; // 12:00 in Shanghai

/** The article's worked example as store aggregates: C = 1000, T = 5 min, P = 90. */
function workedExample(): FiguresData {
  const data = emptyFiguresData();
  data.customers = 1000;
  data.conversations = { opened: 1200, resolved: 1100, unanswered: 30 };
  data.messages = [
    { direction: 'in', channel: 'email', count: 1500 },
    { direction: 'out', channel: 'email', count: 1400 },
    { direction: 'in', channel: 'sms', count: 700 },
  ];
  data.intents = [
    { intent: 'shipping', count: 900 },
    { intent: 'refund_return', count: 1300 },
  ];
  data.firstResponse = durationSummary([5 * MIN, 5 * MIN, 5 * MIN]);
  data.resolution = durationSummary([3 * 60 * MIN]);
  data.ratingCounts = [5, 3, 2, 30, 60];
  data.ratingsAsked = 200;
  data.drafts = { asDrafted: 700, edited: 250, discarded: 40, automatic: 10, ownerWritten: 0 };
  data.daily = [
    {
      day: '2026-03-09',
      start: new Date('2026-03-08T16:00:00Z'),
      conversations: 600,
      medianFirstResponseMs: 4 * MIN,
    },
    { day: '2026-03-10', start: new Date('2026-03-09T16:00:00Z'), conversations: 600 },
  ];
  return data;
}

function fakeSource(data: FiguresData): FiguresSource & { queries: FiguresQuery[] } {
  const queries: FiguresQuery[] = [];
  return {
    queries,
    async figures(query) {
      queries.push(query);
      return data;
    },
  };
}

const field = (reply: { sections: { fields: { label: string; value: string }[] }[] }, label: string) =>
  reply.sections.flatMap((s) => s.fields).find((f) => f.label === label)?.value;

describe('/cs stats', () => {
  it('parses period and channel in any order, defaulting to 30d', () => {
    assert.deepEqual(parseStatsArgs([]), { period: '30d' });
    assert.deepEqual(parseStatsArgs(['7D', 'sms']), { period: '7d', channel: 'sms' });
    assert.deepEqual(parseStatsArgs(['whatsapp', 'all']), { period: 'all', channel: 'whatsapp' });
    assert.deepEqual(parseStatsArgs(['yesterday']), { bad: 'yesterday' });
    assert.deepEqual(parseStatsArgs(['7d', '30d']), { bad: '30d' });
  });

  it('answers a bad period with usage and asks the store nothing', async () => {
    const source = fakeSource(emptyFiguresData());
    const stats = createStatsCommand({ figures: source, clock, tz: 'Asia/Shanghai', chart: false });
    const reply = await stats.run(['fortnight'], owner);
    assert.equal(reply.usage, true);
    assert.match(reply.text ?? '', /fortnight/);
    assert.match(reply.text ?? '', /stats \[today\|7d\|30d\|90d\|all\] \[channel\]/);
    assert.equal(source.queries.length, 0);
  });

  it('asks for the period in the owner’s zone and one channel', async () => {
    const source = fakeSource(emptyFiguresData());
    const stats = createStatsCommand({ figures: source, clock, tz: 'Asia/Shanghai', chart: false });
    await stats.run(['7d', 'sms'], owner);
    assert.deepEqual(source.queries, [
      {
        from: new Date('2026-03-03T16:00:00Z'),
        to: new Date('2026-03-10T16:00:00Z'),
        tz: 'Asia/Shanghai',
        channel: 'sms',
      },
    ]);
  });

  it('shows C, T, P, drafts and the article’s E with its worked example', async () => {
    const stats = createStatsCommand({
      figures: fakeSource(workedExample()),
      clock,
      tz: 'UTC',
      chart: false,
    });
    const reply = await stats.run(['30d'], owner);
    assert.equal(reply.title, 'Figures · last 30 days');
    assert.equal(field(reply, 'Customers (C)'), '1,000');
    assert.equal(field(reply, 'Conversations'), '1,200 · 1,100 resolved · 30 unanswered');
    assert.equal(field(reply, 'Messages'), '2,200 in · 1,400 out');
    assert.equal(field(reply, 'First response (T)'), '5 min avg · 5 min median · 5 min p90');
    assert.equal(field(reply, 'Resolution'), '3 h avg · 3 h median · 3 h p90');
    assert.equal(field(reply, 'Rated 4–5 (P)'), '90%');
    assert.equal(field(reply, 'Mean rating'), '4.4 / 5');
    assert.equal(field(reply, 'Ratings'), '100 of 200 asked (50%)');
    assert.equal(field(reply, 'Sent as drafted'), '700');
    assert.equal(field(reply, 'Edited'), '250');
    assert.equal(field(reply, 'Discarded'), '40');
    assert.equal(field(reply, 'Sent automatically'), '10');
    assert.equal(field(reply, 'E = C × T × P / 100'), '1,000 × 5 × 90 / 100 = 4,500');
    assert.equal(field(reply, 'email'), '1,500 in · 1,400 out');
    assert.equal(field(reply, 'refund/return'), '1,300');
    assert.match(reply.text ?? '', /article’s index/);
    assert.equal(reply.image, undefined, 'chart disabled');
  });

  it('speaks Chinese to a Chinese-speaking owner', async () => {
    const stats = createStatsCommand({
      figures: fakeSource(workedExample()),
      clock,
      tz: 'UTC',
      chart: false,
      language: 'zh',
    });
    const reply = await stats.run(['today'], owner);
    assert.equal(reply.title, '数据 · 今天');
    assert.equal(field(reply, '客户数 (C)'), '1,000');
    assert.equal(field(reply, '首次响应 (T)'), '平均 5分钟 · 中位数 5分钟 · p90 5分钟');
  });

  it('says so when the period is empty, and shows dashes instead of figures', async () => {
    const stats = createStatsCommand({ figures: fakeSource(emptyFiguresData()), clock, tz: 'UTC' });
    const reply = await stats.run(['today'], owner);
    assert.match(reply.text ?? '', /No customer messages in this period/);
    assert.equal(field(reply, 'First response (T)'), '—');
    assert.equal(field(reply, 'E = C × T × P / 100'), '—');
    assert.equal(reply.image, undefined, 'nothing to chart');
  });

  it('attaches a PNG chart of the daily series', async () => {
    const stats = createStatsCommand({ figures: fakeSource(workedExample()), clock, tz: 'UTC' });
    const reply = await stats.run(['7d'], owner);
    assert.ok(reply.image);
    assert.deepEqual([...reply.image.png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(reply.image.filename, 'stats-7d.png');
    assert.match(reply.image.alt, /daily conversations/);
  });

  it('runs end to end on the embedded store', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    try {
      const [stats] = createCommands({ figures: store, clock, tz: 'Asia/Shanghai', chart: false });
      const reply = await stats!.run(['all'], owner);
      assert.equal(reply.title, 'Figures · all time');
      assert.equal(field(reply, 'Customers (C)'), '0');
    } finally {
      await store.close();
    }
  });
});

describe('the chart renders text', () => {
  /** Dark pixels in the RGBA buffer of an SVG rendered like the chart. */
  function ink(svg: string): number {
    const { pixels } = new Resvg(svg, RESVG_OPTIONS).render();
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128 && pixels[i + 3]! > 0) dark += 1;
    return dark;
  }
  const textSvg = (text: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="DejaVu Sans, WenQuanYi Micro Hei, sans-serif" font-size="20">${text}</text></svg>`;

  it('has fonts for Latin and Chinese labels (fonts-dejavu-core, fonts-wqy-microhei)', () => {
    assert.ok(ink(textSvg('Conversations')) > 100, 'Latin text rendered');
    assert.ok(ink(textSvg('首次响应中位数')) > 100, 'Chinese text rendered');
    assert.equal(ink(textSvg('')), 0);
  });

  it('the chart SVG carries its title and axis titles as text', async () => {
    const svg = await chartSvg(
      [
        { day: '2026-03-09', conversations: 3, medianFirstResponseMin: 12 },
        { day: '2026-03-10', conversations: 5 },
      ],
      {
        title: 'Daily conversations',
        conversations: 'Conversations',
        firstResponse: 'Median first response (min)',
      },
    );
    assert.match(svg, /<text[^>]*>Daily conversations<\/text>/);
    assert.match(svg, /Median first response \(min\)/);
    assert.ok(ink(svg) > 1000);
  });
});

describe('the chart’s days', () => {
  it('do not move with the process’s own time zone', async () => {
    const days = [
      { day: '2026-03-01', conversations: 3, medianFirstResponseMin: 12 },
      { day: '2026-03-02', conversations: 5, medianFirstResponseMin: 9 },
    ];
    const labels = { title: 't', conversations: 'c', firstResponse: 'f' };
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = await chartSvg(days, labels);
      process.env.TZ = 'Asia/Tokyo';
      const east = await chartSvg(days, labels);
      assert.equal(west, east);
      assert.match(west, />Mar 01</);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('/cs help', () => {
  it('lists every command of its registry with usage, in the owner’s language', async () => {
    const commands = createCommands({
      figures: fakeSource(emptyFiguresData()),
      clock,
      tz: 'UTC',
      language: 'zh',
    });
    const help = findCommand(commands, 'HELP');
    assert.ok(help);
    const reply = await help.run([], owner);
    assert.equal(reply.title, '命令');
    const labels = reply.sections[0]?.fields.map((f) => f.label);
    assert.deepEqual(labels, ['/cs stats [today|7d|30d|90d|all] [channel]', '/cs help']);
    assert.equal(reply.sections[0]?.fields[1]?.value, '列出所有命令');
  });
});
