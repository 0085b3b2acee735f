/**
 * Fills a store with realistic, deterministic demo history: customers on every channel,
 * English and Chinese, classified messages, drafts and decisions, first-response and
 * resolution times, rating requests and ratings (some customers rate twice).
 *
 *   npm run seed:demo -- --customers 1000 [--days 90] [--seed 1] [--file data/solodesk.db] [--now 2026-11-26T00:00:00Z]
 *
 * Without --file it seeds the desk's own store: DATA_DIR/solodesk.db, or MongoDB when MONGODB_URI is set.
 *
 * The same options give the same data. Each customer has about two conversations of
 * about five messages, so `--customers 100000` makes ~200,000 conversations and ~1,000,000 messages.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type {
  Channel,
  Classification,
  Conversation,
  Customer,
  Decision,
  DecisionKind,
  Draft,
  Intent,
  Message,
  OutboxJob,
} from '../src/core/model.js';
import { CONTACT_CHANNEL_OF } from '../src/core/model.js';
import type { Store } from '../src/core/ports.js';

export interface SeedOptions {
  customers: number;
  /** History spans this many days before `now`. */
  days?: number;
  seed?: number;
  now?: Date;
  /** Called every `batch` customers with the number done (progress output). */
  onProgress?: (done: number) => void;
}

export interface SeedCounts {
  customers: number;
  conversations: number;
  messages: number;
  ratings: number;
}

/** mulberry32: a tiny seeded PRNG, good enough for demo data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rand: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1]![0];
}

const CHANNEL_MIX: readonly (readonly [Channel, number])[] = [
  ['email', 30],
  ['sms', 14],
  ['whatsapp', 15],
  ['webchat', 15],
  ['messenger', 7],
  ['instagram', 5],
  ['telegram', 5],
  ['discord', 4],
  ['phone', 5],
];
const INTENT_MIX: readonly (readonly [Intent, number])[] = [
  ['order', 16],
  ['shipping', 20],
  ['refund_return', 14],
  ['billing_payment', 9],
  ['technical_issue', 12],
  ['account', 7],
  ['complaint', 6],
  ['pricing_presales', 8],
  ['feedback_praise', 4],
  ['other', 4],
];
const SCORE_MIX: readonly (readonly [number, number])[] = [
  [5, 50],
  [4, 25],
  [3, 11],
  [2, 6],
  [1, 8],
];
const TEXTS: Record<'en' | 'zh', Partial<Record<Intent, string>> & { other: string }> = {
  en: {
    order: 'Hi, I placed order #{n} yesterday, can you confirm it went through?',
    shipping: 'Where is my package? Order #{n} still shows "label created".',
    refund_return: 'The shoes from order #{n} are too small, how do I return them?',
    billing_payment: 'I was charged twice for order #{n}, please check.',
    technical_issue: 'The app keeps logging me out when I try to pay.',
    account: 'How do I change the email address on my account?',
    complaint: 'This is the third time my order #{n} arrives damaged. Not happy.',
    pricing_presales: 'Do you ship to Canada, and is there a bulk discount?',
    feedback_praise: 'Just wanted to say the tea set is lovely, thank you!',
    other: 'Hello, quick question about your opening hours.',
  },
  zh: {
    order: '你好，我昨天下了订单 #{n}，请问下单成功了吗？',
    shipping: '我的包裹到哪里了？订单 #{n} 一直没有更新物流。',
    refund_return: '订单 #{n} 的鞋子太小了，请问怎么退货？',
    billing_payment: '订单 #{n} 被扣了两次款，麻烦查一下。',
    technical_issue: '付款的时候 App 总是自动退出登录。',
    account: '请问怎么修改账户绑定的邮箱？',
    complaint: '订单 #{n} 又是破损的，已经第三次了，很不满意。',
    pricing_presales: '请问可以寄到加拿大吗？批量购买有折扣吗？',
    feedback_praise: '茶具很漂亮，谢谢你们！',
    other: '你好，想问一下你们的营业时间。',
  },
};
const REPLIES = {
  en: 'Thanks for reaching out! We are looking into order #{n} and will update you shortly.',
  zh: '感谢您的联系！我们正在处理订单 #{n}，稍后给您答复。',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long the owner takes to answer first, by channel family: chat is fast, email slow. */
function firstResponseDelay(rand: () => number, channel: Channel): number {
  const family = CONTACT_CHANNEL_OF[channel];
  const medianMin = family === 'chat' ? 3 : family === 'email' ? 45 : family === 'phone' ? 20 : 12;
  // Log-normal-ish: exp of a symmetric spread around the median.
  const spread = (rand() + rand() + rand() - 1.5) * 2.2;
  return Math.max(20_000, Math.round(medianMin * MINUTE * Math.exp(spread)));
}

function address(channel: Channel, i: number): string {
  switch (channel) {
    case 'email':
      return `customer${i}@example.com`;
    case 'sms':
    case 'whatsapp':
    case 'phone':
      return `+1555${String(1_000_000 + i).slice(-7)}`;
    default:
      return `${channel}-user-${i}`;
  }
}

function classification(intent: Intent, language: string, channel: Channel): Classification {
  return {
    language,
    intent,
    confidence: 0.8,
    urgency: intent === 'complaint' ? 'high' : 'normal',
    sentiment: intent === 'complaint' ? 'negative' : intent === 'feedback_praise' ? 'positive' : 'neutral',
    requestedChannel: 'none',
    recommendedChannel: CONTACT_CHANNEL_OF[channel],
    reason: 'Answer on the channel it came from.',
    entities: { orderNumbers: [], emails: [], phones: [], money: [], dates: [] },
  };
}

/** Seeds through the Store port, so it fills any store; SQLite gets batched transactions. */
export async function seedDemo(store: Store, options: SeedOptions): Promise<SeedCounts> {
  const rand = prng(options.seed ?? 1);
  const days = options.days ?? 90;
  const now = (options.now ?? new Date()).getTime();
  const start = now - days * DAY;
  const counts: SeedCounts = { customers: 0, conversations: 0, messages: 0, ratings: 0 };
  const db = (store as { db?: { exec(sql: string): unknown } }).db;
  const batch = 2000;
  let ids = 0;
  const id = (prefix: string) => `${prefix}${(ids += 1).toString(36)}`;

  if (db) db.exec('BEGIN');
  try {
    for (let i = 0; i < options.customers; i += 1) {
      const channel = weighted(rand, CHANNEL_MIX);
      const language = rand() < 0.32 ? 'zh' : 'en';
      const customer: Customer = {
        id: id('cus'),
        ...(rand() < 0.7 ? { name: language === 'zh' ? `客户${i}` : `Customer ${i}` } : {}),
        language,
        createdAt: new Date(start),
        optedOut: [],
      };
      const who = address(channel, i);
      await store.createCustomer(customer, { channel, address: who });
      counts.customers += 1;

      const conversationCount = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < conversationCount; k += 1) {
        // Busier in the daytime (UTC 8–20) and recent weeks slightly busier than old ones.
        const dayOffset = Math.floor(Math.sqrt(rand()) * days);
        const hour = rand() < 0.8 ? 8 + rand() * 12 : rand() * 24;
        const openedAt = Math.min(now - MINUTE, start + dayOffset * DAY + Math.floor(hour * HOUR));
        const intent = weighted(rand, INTENT_MIX);
        const conv: Conversation = {
          id: id('con'),
          customerId: customer.id,
          channel,
          status: 'open',
          openedAt: new Date(openedAt),
          lastInboundAt: new Date(openedAt),
        };
        const answered = rand() < 0.92;
        const inbound = 1 + Math.floor(rand() * 4);
        let t = openedAt;
        let firstResponseAt: number | undefined;
        for (let m = 0; m < inbound; m += 1) {
          if (m > 0) t += Math.floor(rand() * 3 * HOUR) + MINUTE;
          if (t > now) break;
          const order = 1000 + Math.floor(rand() * 9000);
          const text = (TEXTS[language as 'en' | 'zh'][intent] ?? TEXTS.en.other).replace(
            '{n}',
            String(order),
          );
          const inMsg: Message = {
            id: id('msg'),
            conversationId: conv.id,
            customerId: customer.id,
            direction: 'in',
            channel,
            kind: channel === 'phone' ? 'voicemail' : 'text',
            externalId: id('ext'),
            replyRef: `${channel}:shop:${who}`,
            address: who,
            text,
            attachments: [],
            meta: {},
            createdAt: new Date(t),
            classification: classification(intent, language, channel),
            stage: 'presented',
          };
          conv.lastInboundAt = new Date(t);
          if (m === 0) await store.createConversation({ ...conv });
          await store.insertMessage(inMsg);
          counts.messages += 1;

          const draft: Draft = {
            id: id('dra'),
            customerId: customer.id,
            conversationId: conv.id,
            inReplyTo: inMsg.id,
            text: REPLIES[language as 'en' | 'zh'].replace('{n}', String(order)),
            language,
            channel,
            replyRef: inMsg.replyRef,
            origin: 'auto',
            status: 'pending',
            createdAt: new Date(t + 2000),
          };
          await store.insertDraft(draft);
          if (!answered) continue;
          const replyAt = t + firstResponseDelay(rand, channel);
          if (replyAt > now) continue;
          firstResponseAt ??= replyAt;
          const kind = weighted<DecisionKind>(rand, [
            ['send', 62],
            ['edit_send', 26],
            ['send_via', 4],
            ['discard', 8],
          ]);
          const decision: Decision = {
            id: id('dec'),
            draftId: draft.id,
            kind,
            actor: { console: rand() < 0.8 ? 'slack' : 'discord', userId: 'owner' },
            decidedAt: new Date(replyAt - 5000),
            ...(kind === 'edit_send' ? { text: draft.text + ' 🙂' } : {}),
          };
          if (kind === 'discard') {
            await store.commitDecision(decision, 'discarded');
            continue;
          }
          const out = outboundPair(
            id,
            conv,
            draft,
            replyAt,
            kind === 'edit_send' ? decision.text! : draft.text,
          );
          await store.commitDecision(decision, 'sent', out);
          counts.messages += 1;
        }
        if (firstResponseAt !== undefined) {
          const patch: Partial<Conversation> = { firstResponseAt: new Date(firstResponseAt) };
          const resolvedAt = conv.lastInboundAt.getTime() + Math.floor((0.5 + rand() * 30) * HOUR);
          if (rand() < 0.85 && resolvedAt < now) {
            patch.status = 'resolved';
            patch.resolvedAt = new Date(resolvedAt);
            if (rand() < 0.75) {
              patch.ratingRequestedAt = new Date(resolvedAt);
              const ask = outboundPair(id, conv, undefined, resolvedAt, 'How did we do? Reply 1–5.');
              await store.enqueue(ask.message, { ...ask.job, purpose: 'rating_request' });
              counts.messages += 1;
              const attempts = rand() < 0.45 ? (rand() < 0.08 ? 2 : 1) : 0;
              for (let r = 0; r < attempts; r += 1) {
                const ratedAt = resolvedAt + Math.floor((r + rand()) * 6 * HOUR);
                if (ratedAt > now) break;
                await store.insertRating({
                  id: id('rat'),
                  customerId: customer.id,
                  conversationId: conv.id,
                  channel,
                  score: weighted(rand, SCORE_MIX),
                  ...(rand() < 0.1
                    ? { comment: language === 'zh' ? '服务很好' : 'Quick and friendly.' }
                    : {}),
                  createdAt: new Date(ratedAt),
                });
                counts.ratings += 1;
              }
            }
          }
          await store.updateConversation(conv.id, patch);
        }
        counts.conversations += 1;
      }
      if ((i + 1) % batch === 0) {
        if (db) db.exec('COMMIT; BEGIN');
        options.onProgress?.(i + 1);
      }
    }
    if (db) db.exec('COMMIT');
  } catch (err) {
    if (db) db.exec('ROLLBACK');
    throw err;
  }
  return counts;
}

function outboundPair(
  id: (prefix: string) => string,
  conv: Conversation,
  draft: Draft | undefined,
  at: number,
  text: string,
): { message: Message; job: OutboxJob } {
  const message: Message = {
    id: id('msg'),
    conversationId: conv.id,
    customerId: conv.customerId,
    direction: 'out',
    channel: conv.channel,
    kind: 'text',
    externalId: id('out'),
    replyRef: draft?.replyRef ?? `${conv.channel}:shop:demo`,
    address: draft?.replyRef ?? 'demo',
    text,
    attachments: [],
    meta: {},
    createdAt: new Date(at),
    stage: 'presented',
    delivery: 'delivered',
  };
  const jobId = id('job');
  const job: OutboxJob = {
    id: jobId,
    idempotencyKey: jobId,
    customerId: conv.customerId,
    conversationId: conv.id,
    ...(draft ? { draftId: draft.id } : {}),
    messageId: message.id,
    channel: conv.channel,
    replyRef: message.replyRef,
    text,
    purpose: 'reply',
    status: 'sent',
    attempts: 1,
    nextAttemptAt: new Date(at),
    externalId: id('pid'),
    delivery: 'delivered',
    createdAt: new Date(at),
    updatedAt: new Date(at),
  };
  return { message, job };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '1000' },
      days: { type: 'string', default: '90' },
      seed: { type: 'string', default: '1' },
      file: { type: 'string' },
      now: { type: 'string' },
    },
  });
  const customers = Number(values.customers);
  const days = Number(values.days);
  if (!Number.isInteger(customers) || customers < 1 || !Number.isInteger(days) || days < 1) {
    console.error(
      'usage: npm run seed:demo -- --customers N [--days D] [--seed S] [--file path] [--now ISO]',
    );
    process.exit(2);
  }
  const { loadConfig } = await import('../src/config.js');
  const config = loadConfig();
  // Today's UTC midnight by default: re-running on the same day gives identical data.
  const now = values.now ? new Date(values.now) : new Date(Math.floor(Date.now() / DAY) * DAY);
  // --file seeds that SQLite file; otherwise the desk's own store (MongoDB when MONGODB_URI is set).
  let store: Store;
  let where: string;
  if (values.file) {
    const { createSqliteStore } = await import('../src/store/sqlite/index.js');
    store = createSqliteStore({ file: values.file });
    where = values.file;
  } else {
    const { buildStore } = await import('../src/compose/store.js');
    const { createLogger } = await import('../src/logging/logger.js');
    store = await buildStore(config, createLogger('warn'));
    where = config.MONGODB_URI ? 'the MongoDB store' : join(config.DATA_DIR, 'solodesk.db');
  }
  if (await store.getCustomer('cus1')) {
    await store.close();
    console.error(`${where} already holds demo data; seed another --file or delete this one first.`);
    process.exit(1);
  }
  const started = performance.now();
  const counts = await seedDemo(store, {
    customers,
    days,
    seed: Number(values.seed),
    now,
    onProgress: (done) => process.stderr.write(`\r${done}/${customers} customers`),
  });
  await store.close();
  process.stderr.write('\n');
  console.log(
    `seeded ${where}: ${counts.customers} customers, ${counts.conversations} conversations, ` +
      `${counts.messages} messages, ${counts.ratings} ratings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
