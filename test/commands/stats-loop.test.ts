/**
 * `/cs stats` reports the feedback loop: draft outcomes by source and the ratings given after
 * replies from each source (automatic apart) and after the most-rated remembered answers. The
 * store is seeded through the same calls decisions and ratings make (recordOutcome,
 * recordRatedReply); the expected figures are computed here from the seed, independently.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCommands, findCommand } from '../../commands/index.js';
import type { CommandReply } from '../../commands/command.js';
import { recordOutcome } from '../../src/core/answers/outcomes.js';
import { recordRatedReply } from '../../src/core/answers/rated.js';
import type { Decision, Draft, Rating } from '../../src/core/model.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';

const now = new Date('2026-03-10T12:00:00Z');
const day = (n: number) => new Date(now.getTime() - n * 86_400_000);
const owner = { console: 'terminal', userId: 'me' };

type Source = 'template' | 'answer' | 'auto' | 'note';
interface Reply {
  conv: string;
  source: Source;
  answer?: string;
  kind: Decision['kind'];
  at: Date;
}
/** Replies in order; a conversation's rating counts under its latest reply that was sent. */
const replies: Reply[] = [
  { conv: 'k1', source: 'template', kind: 'send', at: day(5) },
  { conv: 'k1', source: 'answer', answer: 'ans-a', kind: 'send', at: day(5) },
  { conv: 'k2', source: 'auto', answer: 'ans-a', kind: 'send', at: day(4) },
  { conv: 'k3', source: 'auto', answer: 'ans-b', kind: 'send', at: day(4) },
  { conv: 'k3', source: 'template', kind: 'discard', at: day(4) },
  { conv: 'k4', source: 'template', kind: 'edit_send', at: day(3) },
  { conv: 'k5', source: 'note', kind: 'send', at: day(3) },
  { conv: 'k6', source: 'answer', answer: 'ans-b', kind: 'edit_send', at: day(2) },
  { conv: 'k7', source: 'auto', answer: 'ans-a', kind: 'send', at: day(2) },
  { conv: 'k8', source: 'template', kind: 'send', at: day(2) },
  { conv: 'k9', source: 'answer', answer: 'ans-c', kind: 'discard', at: day(1) },
];
const ratings: { conv: string; score: number; at: Date }[] = [
  { conv: 'k1', score: 4, at: day(4) },
  { conv: 'k2', score: 5, at: day(3) },
  { conv: 'k3', score: 2, at: day(3) },
  { conv: 'k4', score: 3, at: day(2) },
  { conv: 'k5', score: 5, at: day(2) },
  { conv: 'k6', score: 1, at: day(1) },
  { conv: 'k7', score: 4, at: day(1) },
  { conv: 'k8', score: 5, at: day(120) }, // before the period
  { conv: 'k9', score: 3, at: day(1) }, // only a discarded draft: no reply to rate
];

function seedObjects(r: Reply, i: number): { draft: Draft; decision: Decision } {
  const draft = {
    id: `d${i}`,
    customerId: `c-${r.conv}`,
    conversationId: r.conv,
    text: 'x',
    language: 'en',
    channel: 'sms',
    replyRef: 'sms:a:b',
    origin: r.source === 'note' ? 'owner_note' : 'auto',
    status: 'pending',
    createdAt: r.at,
    ...(r.answer ? { basis: { answerId: r.answer, answeredAt: day(30), customerId: 'c0', score: 0.9 } } : {}),
  } as Draft;
  const decision = {
    id: `x${i}`,
    draftId: draft.id,
    kind: r.kind,
    actor: r.source === 'auto' ? { console: 'auto', userId: 'autopilot' } : owner,
    decidedAt: r.at,
  } as Decision;
  return { draft, decision };
}

/** The expected figures, from the seed alone. */
function expected() {
  const from = day(29).getTime() - 86_400_000;
  const last = new Map<string, Reply>();
  for (const r of replies) if (r.kind !== 'discard') last.set(r.conv, r);
  const bySource = new Map<string, number[]>();
  const byAnswer = new Map<string, number[]>();
  for (const g of ratings) {
    const r = last.get(g.conv);
    if (!r || g.at.getTime() < from) continue;
    bySource.set(r.source, [...(bySource.get(r.source) ?? []), g.score]);
    if (r.answer) byAnswer.set(r.answer, [...(byAnswer.get(r.answer) ?? []), g.score]);
  }
  const show = (scores: number[] | undefined) =>
    scores?.length
      ? `${Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10} / 5 · ${scores.length} rating${scores.length === 1 ? '' : 's'}`
      : '—';
  const outcomes = (source: string) => {
    const of = replies.filter((r) => (r.answer ? 'answer' : r.source) === source);
    const n = (f: (r: Reply) => boolean) => of.filter(f).length;
    return `sent as drafted ${n((r) => r.kind === 'send' && r.source !== 'auto')} · edited ${n((r) => r.kind === 'edit_send')} · discarded ${n((r) => r.kind === 'discard')} · automatic ${n((r) => r.source === 'auto')}`;
  };
  return { bySource, byAnswer, show, outcomes };
}

const fields = (reply: CommandReply, heading: string) =>
  reply.sections.find((s) => s.heading === heading)?.fields.map((f) => [f.label, f.value]);

describe('/cs stats: the feedback loop', () => {
  it('reports draft outcomes by source and the ratings after each source and answer', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    for (const [i, id] of ['ans-a', 'ans-b', 'ans-c'].entries())
      await store.putAnswer({
        id,
        language: 'en',
        intent: 'shipping',
        questions: [`Question ${id}?`],
        text: 'y',
        draftId: `src-${id}`,
        customerId: 'c0',
        answeredAt: day(30),
        createdAt: new Date(day(30).getTime() + i),
        updatedAt: day(30),
      });
    for (const [i, r] of replies.entries()) {
      const { draft, decision } = seedObjects(r, i);
      await recordOutcome(store, draft, decision);
    }
    for (const [i, g] of ratings.entries()) {
      const rating: Rating = {
        id: `r${i}`,
        customerId: `c-${g.conv}`,
        conversationId: g.conv,
        channel: 'sms',
        score: g.score,
        createdAt: g.at,
      };
      await recordRatedReply(store, rating);
    }
    const commands = createCommands({
      figures: store,
      clock: { now: () => now },
      tz: 'UTC',
      chart: false,
      autopilot: { store, minApprovals: 5 },
    });
    const stats = findCommand(commands, 'stats')!;
    const reply = await stats.run(['30d'], owner);
    const e = expected();

    assert.deepEqual(fields(reply, 'Drafts by source'), [
      ['Template / knowledge base', e.outcomes('template')],
      ['Remembered answer', e.outcomes('answer')],
      ['Owner note', e.outcomes('note')],
    ]);
    // Spelled out once, so the independent computation is itself checked.
    assert.equal(e.outcomes('answer'), 'sent as drafted 1 · edited 1 · discarded 1 · automatic 3');
    assert.deepEqual(fields(reply, 'Ratings after replies'), [
      ['Template / knowledge base', e.show(e.bySource.get('template'))],
      ['Remembered answer', e.show(e.bySource.get('answer'))],
      ['Automatic reply', e.show(e.bySource.get('auto'))],
      ['Owner note', e.show(e.bySource.get('note'))],
      ['Answer 1 (ans-a) · Question ans-a?', e.show(e.byAnswer.get('ans-a'))],
      ['Answer 2 (ans-b) · Question ans-b?', e.show(e.byAnswer.get('ans-b'))],
    ]);
    assert.equal(e.show(e.bySource.get('auto')), '3.7 / 5 · 3 ratings');
    assert.equal(e.show(e.byAnswer.get('ans-a')), '4.3 / 5 · 3 ratings');

    // Per channel the loop is not shown (it is desk-wide); in Chinese it is.
    assert.equal(fields(await stats.run(['30d', 'sms'], owner), 'Ratings after replies'), undefined);
    const zh = createCommands({
      figures: store,
      clock: { now: () => now },
      tz: 'UTC',
      chart: false,
      language: 'zh',
      autopilot: { store, minApprovals: 5 },
    });
    const zhReply = await findCommand(zh, 'stats')!.run([], owner);
    assert.deepEqual(fields(zhReply, '回复后的评分')?.[2], ['自动回复', '3.7 / 5 · 3 个评分']);
    assert.deepEqual(fields(zhReply, '按来源的草稿')?.[1], [
      '记住的回答',
      '原样发送 1 · 编辑 1 · 丢弃 1 · 自动 3',
    ]);
    await store.close();
  });

  it('stays compact: no loop sections when nothing was decided or rated', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const commands = createCommands({
      figures: store,
      clock: { now: () => now },
      tz: 'UTC',
      chart: false,
      autopilot: { store, minApprovals: 5 },
    });
    const reply = await findCommand(commands, 'stats')!.run([], owner);
    assert.equal(fields(reply, 'Drafts by source'), undefined);
    assert.equal(fields(reply, 'Ratings after replies'), undefined);
    await store.close();
  });
});
