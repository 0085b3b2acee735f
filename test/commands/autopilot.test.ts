/**
 * `/cs autopilot on|off <answer>` on its own (a real SQLite store, outcomes seeded as the marks
 * decisions leave): the owner's choice, refused in the owner's language for an answer that has
 * not qualified or is flagged; the listing says learning / qualifies / on / flagged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAutopilotCommand } from '../../commands/autopilot.js';
import type { RememberedAnswer } from '../../src/core/answers/record.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';

const at = new Date(Date.UTC(2026, 11, 3));
const owner = { console: 'terminal', userId: 'owner' };
const answer = (id: string, question: string): RememberedAnswer => ({
  id,
  language: 'zh',
  intent: 'shipping',
  questions: [question],
  text: '可以，5到8天。',
  draftId: `${id}-d`,
  customerId: 'c1',
  answeredAt: at,
  createdAt: new Date(at.getTime() + id.charCodeAt(0)),
  updatedAt: at,
});

describe('/cs autopilot on|off', () => {
  it('is the owner’s choice, refused (in Chinese) unless the answer qualifies', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const clock = { now: () => new Date(at.getTime() + 86_400_000) };
    const command = createAutopilotCommand({ store, clock, minApprovals: 3, language: 'zh' });
    const run = (...args: string[]) => command.run(args, owner);
    await store.putAnswer(answer('a-learning', '寄加拿大吗？'));
    await store.putAnswer(answer('b-ready', '多久到？'));
    await store.putAnswer(answer('c-flagged', '运费多少？'));
    const mark = (id: string, outcome: string, n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => store.claimMark(`answer:${id}:${outcome}:d${i}`, at)));
    await mark('a-learning', 'sent', 2);
    await mark('b-ready', 'sent', 3);
    await mark('c-flagged', 'sent', 4);
    await mark('c-flagged', 'discarded', 1);

    assert.equal(
      (await run('on', '1')).title,
      '回答 1 还不符合条件：已原样发送 2/3 次。原样发送满 3 次后才能自动发送。',
    );
    assert.equal(
      (await run('on', 'c-flagged')).title,
      '回答 3 已被标记（编辑 0 次，丢弃 1 次）：被您修改或丢弃过的回答不会自动发送。',
    );
    assert.equal((await store.getAnswer('c-flagged'))?.autopilot, undefined);
    const listed = await run();
    assert.deepEqual(
      listed.sections[0]!.fields.map((f) => f.value),
      [
        '学习中 2/3 · 自动发送 0 次',
        '✅ 符合条件（已原样发送 3 次）：autopilot on 2 · 自动发送 0 次',
        '⚠️ 已标记：编辑 0 次，丢弃 1 次 · 自动发送 0 次',
      ],
    );
    assert.deepEqual(listed.confirm, {
      label: '为回答 2 开启自动回复',
      command: 'autopilot',
      args: ['on', 'b-ready'],
    });

    assert.match((await run('on', 'b-')).title, /已为回答 2 开启自动回复/);
    assert.equal((await store.getAnswer('b-ready'))?.autopilot, true);
    assert.match((await run()).sections[0]!.fields[1]!.value, /^🤖 已开启/);
    // Flagged later (a discard): it loses "on" though the owner's choice is still stored.
    await mark('b-ready', 'discarded', 1);
    assert.match((await run()).sections[0]!.fields[1]!.value, /^⚠️ 已标记/);
    assert.match((await run('off', '2')).title, /已为回答 2 关闭自动回复/);
    assert.equal((await store.getAnswer('b-ready'))?.autopilot, undefined);
    assert.equal(
      (await run('on', 'zz')).title,
      '没有记住的回答 zz：请给出它在 autopilot 列表中的编号或它的 id。',
    );
    assert.equal((await run('maybe')).usage, true);
    await store.close();
  });

  it('says so when autopilot is off for the whole desk', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    await store.putAnswer(answer('a', 'q'));
    const command = createAutopilotCommand({ store, clock: { now: () => at }, minApprovals: 0 });
    assert.match((await command.run(['on', 'a'], owner)).title, /AUTOPILOT_MIN_APPROVALS=0/);
    await store.close();
  });
});
