import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCommand } from '../../../commands/index.js';
import type { Console, DeskEvent, OwnerPost } from '../../../src/core/ports.js';
import { sms, startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { tempDir } from '../../support/test-config.js';
import { LONDON, MONDAY_10, settle, TestClock } from './support.js';

const OWNER = { console: 'test', userId: 'owner', name: 'Owner' };

function announcer(posts: OwnerPost[]): { console: Console } {
  return {
    console: {
      name: 'announcer',
      async start() {},
      async stop() {},
      async publish() {},
      async publishPost(post) {
        posts.push(post);
      },
    },
  };
}

const reminders = (events: DeskEvent[]) =>
  events.filter((e) => e.type === 'notice' && e.mention === true && e.text.includes('⏰'));

describe('reply-due timers, reminders, snooze and the digest, from the store', () => {
  const clock = new TestClock(new Date(MONDAY_10));
  const dataDir = tempDir();
  const posts: OwnerPost[] = [];
  const env = { ...LONDON, DATA_DIR: dataDir, REMIND_AGAIN: '4h', DIGEST_AT: '08:30' };
  const start = () => startTestDesk({ env, overrides: { clock, consoles: [announcer(posts)] } });
  let customerId = '';

  it('gives a waiting conversation a due time from its urgency, shown on the root card', async () => {
    const t = await start();
    const stored = await t.connector.intake().receive(sms('Where is my order?', '+447700900101'));
    assert.equal(stored.kind, 'stored');
    if (stored.kind !== 'stored') return;
    customerId = stored.customerId;
    await settle(t.desk);
    const record = await t.desk.store.getAttention(stored.conversationId);
    // normal = 4 business hours: 10:00 → 14:00.
    assert.deepEqual(record?.dueAt, new Date('2026-12-07T14:00:00Z'));
    const root = t.console.events.filter((e) => e.type === 'customer').at(-1);
    assert.deepEqual(root?.view.attention?.dueAt, new Date('2026-12-07T14:00:00Z'));
    const due = await findCommand(t.desk.commands, 'due')!.run([], OWNER);
    assert.equal(due.title, 'Waiting for a reply (1)');
    assert.match(due.sections[0]!.fields[0]!.value, /reply due in 4 h/);
    await t.stop();
  });

  it('redraws the root card once when the due time is near', async () => {
    clock.set('2026-12-07T13:40:00Z');
    const t = await start();
    await t.desk.scheduler.tick();
    await t.desk.scheduler.tick();
    await settle(t.desk);
    const redraws = t.console.events.filter((e) => e.type === 'customer' && e.view.attention?.dueAt);
    assert.equal(redraws.length, 1);
    await t.stop();
  });

  it('reminds once after a restart when the due time passed while the desk was down', async () => {
    clock.set('2026-12-07T15:00:00Z');
    const a = await start();
    await a.desk.scheduler.tick();
    await a.desk.scheduler.tick();
    await settle(a.desk);
    assert.equal(reminders(a.console.events).length, 1);
    assert.match((reminders(a.console.events)[0] as { text: string }).text, /overdue.*1 h ago/);
    await a.stop();

    const b = await start();
    await b.desk.scheduler.tick();
    await settle(b.desk);
    assert.equal(reminders(b.console.events).length, 0, 'a restart does not remind again');
    // After hours nothing is repeated for a normal-urgency wait, even past REMIND_AGAIN …
    clock.set('2026-12-07T19:30:00Z');
    await b.desk.scheduler.tick();
    assert.equal(reminders(b.console.events).length, 0);
    // … and the next morning it is, once.
    clock.set('2026-12-08T09:05:00Z');
    await b.desk.scheduler.tick();
    await b.desk.scheduler.tick();
    await settle(b.desk);
    assert.equal(reminders(b.console.events).length, 1);
    assert.match((reminders(b.console.events)[0] as { text: string }).text, /Still waiting/);
    await b.stop();
  });

  it('posts the digest once a day across a restart, and a missed one on return the same day', async () => {
    // 09:05 on Tuesday is after DIGEST_AT: the earlier runs posted Tuesday's already.
    const before = posts.length;
    assert.ok(before >= 1);
    const t = await start();
    await t.desk.scheduler.tick();
    assert.equal(posts.length, before, 'not twice on one day');
    const digest = posts.at(-1)!;
    assert.equal(digest.title, 'Daily digest · 2026-12-08');
    assert.equal(digest.sections[0]!.heading, 'Waiting (1)');
    await t.stop();

    // Wednesday 08:00: not yet; the desk is down at 08:30 and back at 11:00: sent once then.
    clock.set('2026-12-09T08:00:00Z');
    const u = await start();
    await u.desk.scheduler.tick();
    assert.equal(posts.length, before);
    await u.stop();
    clock.set('2026-12-09T11:00:00Z');
    const v = await start();
    await v.desk.scheduler.tick();
    await v.desk.scheduler.tick();
    assert.equal(posts.length, before + 1);
    assert.equal(posts.at(-1)!.title, 'Daily digest · 2026-12-09');
    await v.stop();
  });

  it('snooze hides a conversation; a customer message wakes it and says so', async () => {
    const t: TestDesk = await start();
    const desk = t.console.desk();
    assert.deepEqual(await desk.snooze!(customerId, '3h', OWNER), { kind: 'ok' });
    const due = findCommand(t.desk.commands, 'due')!;
    assert.equal((await due.run([], OWNER)).title, 'Waiting for a reply (0)');
    await t.desk.scheduler.tick();
    assert.equal(reminders(t.console.events).length, 0, 'no reminders while snoozed');
    await t.connector.intake().receive(sms('Hello? Any news?', '+447700900101'));
    await settle(t.desk);
    assert.ok(t.console.events.some((e) => e.type === 'notice' && /Snooze ended early/.test(e.text)));
    assert.equal((await due.run([], OWNER)).title, 'Waiting for a reply (1)');

    // The owner answers: the wait ends, scored against its due time.
    const draft = (await desk.pendingDrafts()).find((d) => d.customerId === customerId);
    assert.ok(draft);
    assert.equal((await desk.decide({ draftId: draft.id, actor: OWNER, action: 'send' })).kind, 'queued');
    await settle(t.desk);
    assert.equal((await due.run([], OWNER)).title, 'Waiting for a reply (0)');
    const view = await desk.view(customerId);
    const record = await t.desk.store.getAttention(view!.conversation!.id);
    assert.equal(record?.answeredInDue, false);
    assert.equal(record?.waitingSince, undefined);
    await t.stop();
  });
});
