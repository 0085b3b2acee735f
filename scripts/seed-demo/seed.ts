/**
 * Seeds demo history through the Store port, so it fills any store; SQLite gets batched
 * transactions. See ../seed-demo.ts for the command line.
 */
import type { Conversation, Customer, Decision, DecisionKind, Draft, Message } from '../../src/core/model.js';
import type { Store } from '../../src/core/ports.js';
import {
  address,
  CHANNEL_MIX,
  classification,
  DAY,
  firstResponseDelay,
  HOUR,
  INTENT_MIX,
  MINUTE,
  REPLIES,
  SCORE_MIX,
  TEXTS,
} from './demo-data.js';
import { outboundPair } from './outbound.js';
import { prng } from '../../src/core/prng.js';
import { weighted } from './random.js';

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
