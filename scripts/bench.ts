/**
 * npm run bench [-- --messages N]
 *
 * Drives synthetic inbound messages (English and Chinese, several channels, many customers)
 * through the real pipeline — store, identify, classify, draft, console — on the embedded
 * store, with a console that records calls. Prints throughput, latency p50/p99 (receive →
 * shown on the console) at full speed and at a steady 200 messages/s, peak RSS, and a bare
 * insert loop into the same store so the ratio shows what the pipeline adds.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDesk, type Desk } from '../src/app.js';
import { useNlpThread } from '../src/compose/nlp.js';
import { loadConfig } from '../src/config.js';
import type { Channel, Message } from '../src/core/model.js';
import type { DeskEvent, InboundMessage } from '../src/core/ports.js';
import { createLogger } from '../src/logging/logger.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    rate: { type: 'string', default: '200' },
    'no-stats': { type: 'boolean', default: false },
  },
});
const N = Number(values.messages);
/** `NLP_THREAD=off npm run bench` compares with the NLP on the event loop; NLP_WORKERS_MAX=2 with two workers. */
const nlpSetting = {
  ...(process.env.NLP_THREAD ? { NLP_THREAD: process.env.NLP_THREAD } : {}),
  ...(process.env.NLP_WORKERS_MAX ? { NLP_WORKERS_MAX: process.env.NLP_WORKERS_MAX } : {}),
};
const RATE = Number(values.rate);

const TEXTS = [
  'Hi, where is my order #A10023? It was supposed to arrive yesterday.',
  'I want a refund for the blender, it stopped working after two days.',
  'Can you call me back at +1 415 555 0199? It is urgent.',
  'The app crashes every time I open the settings page.',
  'How much is the premium plan per month?',
  '我的订单什么时候发货？订单号 20231188。',
  '我要退货，尺码不合适。',
  '请给我回电话，谢谢。',
  '发票还没有收到，麻烦发邮件给我。',
  '你们的服务太棒了，谢谢！',
];
const CHANNELS: { channel: Channel; address: (i: number) => string }[] = [
  { channel: 'sms', address: (i) => `+1555${String(1_000_000 + i).slice(-7)}` },
  { channel: 'email', address: (i) => `customer${i}@example.com` },
  { channel: 'webchat', address: (i) => `visitor-${i}` },
  { channel: 'telegram', address: (i) => String(900_000 + i) },
];

function inbound(i: number, customers: number): InboundMessage {
  const who = i % customers;
  const c = CHANNELS[who % CHANNELS.length]!;
  const address = c.address(who);
  return {
    channel: c.channel,
    externalId: `bench-${i}-${randomUUID()}`,
    from: { address },
    replyRef: `${c.channel}:desk:${address}`,
    text: TEXTS[i % TEXTS.length]!,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function freshDesk(): Promise<{ desk: Desk; shown: Map<string, number> }> {
  const shown = new Map<string, number>();
  const config = loadConfig(
    {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'solodesk-bench-')),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      TERMINAL_CONSOLE: 'off',
      ...nlpSetting,
    },
    { dotEnvPath: '/nonexistent' },
  );
  const desk = await createDesk(config, {
    logger: createLogger('silent'),
    terminal: false,
    port: 0,
    consoles: [
      {
        console: {
          name: 'bench',
          async start() {},
          async stop() {},
          async publish(event: DeskEvent) {
            if (event.type === 'inbound') shown.set(event.message.externalId, performance.now());
          },
        },
      },
    ],
  });
  await desk.start();
  return { desk, shown };
}

async function pipelineRun(label: string, count: number, ratePerSecond?: number) {
  const { desk, shown } = await freshDesk();
  const started = new Map<string, number>();
  const customers = Math.max(1, Math.floor(count / 5));
  const t0 = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    if (ratePerSecond) {
      const due = t0 + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const message = inbound(i, customers);
    started.set(message.externalId, performance.now());
    pending.push(desk.intake.receive(message));
    // Bounded concurrency at full speed, like many webhooks arriving at once.
    if (!ratePerSecond && pending.length >= 64) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await desk.intake.drain();
  const elapsed = (performance.now() - t0) / 1000;
  const latencies = [...started].map(([id, t]) => (shown.get(id) ?? NaN) - t).filter(Number.isFinite);
  latencies.sort((a, b) => a - b);
  await desk.stop();
  return {
    label,
    messages: count,
    shown: latencies.length,
    perSecond: count / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function bareInsertRun(count: number) {
  const { desk } = await freshDesk();
  const store = desk.store;
  const customerId = randomUUID();
  const conversationId = randomUUID();
  const now = new Date();
  await store.createCustomer(
    { id: customerId, createdAt: now, optedOut: [] },
    { channel: 'sms', address: '+15550000000' },
  );
  await store.createConversation({
    id: conversationId,
    customerId,
    channel: 'sms',
    status: 'open',
    openedAt: now,
    lastInboundAt: now,
  });
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const m: Message = {
      id: randomUUID(),
      conversationId,
      customerId,
      direction: 'in',
      channel: 'sms',
      kind: 'text',
      externalId: `bare-${i}`,
      replyRef: 'sms:desk:+15550000000',
      address: '+15550000000',
      text: TEXTS[i % TEXTS.length]!,
      attachments: [],
      meta: {},
      createdAt: now,
      stage: 'stored',
    };
    await store.insertMessage(m);
  }
  const perSecond = count / ((performance.now() - t0) / 1000);
  await desk.stop();
  return perSecond;
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

const nlpWhere = useNlpThread(loadConfig(nlpSetting, { dotEnvPath: '/nonexistent' }).NLP_THREAD)
  ? 'worker thread'
  : 'event loop';
console.log(
  `solodesk bench — node ${process.version}, ${N} messages, ${availableParallelism()} cores, ` +
    `load average ${loadavg()[0]!.toFixed(1)} at start, NLP on the ${nlpWhere} (NLP_THREAD)`,
);
const full = await pipelineRun('pipeline, full speed', N);
const steady = await pipelineRun(`pipeline, steady ${RATE}/s`, Math.min(N, RATE * 10), RATE);
const bare = await bareInsertRun(N);
clearInterval(rssTimer);

for (const r of [full, steady]) {
  console.log(
    `${r.label.padEnd(28)} ${fmt(r.perSecond, 0).padStart(7)} msg/s   p50 ${fmt(r.p50, 2)} ms   p99 ${fmt(r.p99, 2)} ms   (${r.shown}/${r.messages} shown)`,
  );
}
console.log(`${'bare insert loop'.padEnd(28)} ${fmt(bare, 0).padStart(7)} msg/s`);
console.log(`pipeline / bare insert        ${fmt((100 * full.perSecond) / bare, 1)} %`);
console.log(`peak RSS                      ${fmt(peakRss / 1024 / 1024, 0)} MiB`);
console.log(`load average at the end        ${loadavg()[0]!.toFixed(1)} (figures need a quiet machine)`);

if (!values['no-stats']) {
  try {
    // Optional module: the /cs stats timing on a seeded million-message store.
    const path = './bench-stats.js';
    const statsBench = (await import(path)) as { benchStats?: () => Promise<void> };
    await statsBench.benchStats?.();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    console.log(
      e.code === 'ERR_MODULE_NOT_FOUND'
        ? '/cs stats bench: not available in this build'
        : `stats bench failed: ${e.message}`,
    );
  }
}
