/**
 * An automatic reply survives a restart: its send time is stored on the draft (basis.autoSendAt)
 * and a desk started on the same DATA_DIR arms it again — one already past due goes at once,
 * through decide and the outbox, exactly once; one the owner cancelled never goes.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Actor, Draft } from '../../../src/core/model.js';
import type { Clock } from '../../../src/core/ports.js';
import { askForDraft, canadaAnswer } from '../../support/autopilot-fixtures.js';
import { startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { tempDir } from '../../support/test-config.js';

const QUESTION = 'how long does delivery to Toronto take?';
const OWNER: Actor = { console: 'test', userId: 'o' };
const at = new Date(Date.UTC(2026, 11, 3));
const dataDir = tempDir();
// A delay no test waits for: only a restart with the clock moved past it can send.
const env = { DATA_DIR: dataDir, AUTOPILOT_MIN_APPROVALS: '1', AUTOPILOT_DELAY: '1h' };
const later: Clock = { now: () => new Date(Date.now() + 2 * 3_600_000) };
const running: TestDesk[] = [];
let n = 0;

async function start(clock?: Clock): Promise<TestDesk> {
  const t = await startTestDesk({ env, ...(clock ? { overrides: { clock } } : {}) });
  running.push(t);
  return t;
}
async function stop(t: TestDesk): Promise<void> {
  running.splice(running.indexOf(t), 1);
  await t.stop();
}

async function ask(t: TestDesk, text: string): Promise<Draft> {
  n += 1;
  return askForDraft(t, text, `+1555000${String(3000 + n)}`);
}

/** Polls until the outbox has sent to this draft's customer (or gives up). */
async function sentTo(t: TestDesk, draft: Draft, want: number): Promise<number> {
  const count = () => t.connector.sent.filter((m) => m.replyRef === draft.replyRef).length;
  for (let i = 0; i < 100 && count() < want; i++) {
    await new Promise((r) => setTimeout(r, 50));
    await t.desk.drain();
  }
  return count();
}

describe('autopilot across a restart', () => {
  after(async () => {
    for (const t of [...running]) await t.stop();
  });

  it('a pending automatic reply is armed again and sent once; a cancelled one never', async () => {
    let t = await start();
    await t.desk.store.putAnswer(canadaAnswer(at));
    const first = await ask(t, QUESTION);
    assert.equal(first.basis?.answerId, 'canada-a');
    assert.equal(
      (await t.desk.api.decide({ draftId: first.id, actor: OWNER, action: 'send' })).kind,
      'queued',
    );
    await t.desk.drain();
    const autopilot = t.desk.commands.find((c) => c.name === 'autopilot')!;
    await autopilot.run(['on', 'canada-a'], OWNER);

    const auto = await ask(t, QUESTION);
    const cancelled = await ask(t, QUESTION);
    assert.ok(auto.basis?.autoSendAt, 'an automatic reply');
    assert.ok(cancelled.basis?.autoSendAt, 'an automatic reply');
    assert.deepEqual(await t.desk.api.cancelAuto(cancelled.id, OWNER), { kind: 'ok' });
    await stop(t);

    // Restarted two hours later: the first is past due and goes at once, through the outbox.
    t = await start(later);
    assert.equal(await sentTo(t, auto, 1), 1, 'sent once after the restart');
    const decided = await t.desk.store.getDraft(auto.id);
    assert.equal(decided?.status, 'sent');
    assert.equal((await t.desk.store.getDecision(decided!.decisionId!))?.actor.console, 'auto');
    assert.equal(await sentTo(t, cancelled, 1), 0, 'the cancelled one is not sent');
    assert.equal((await t.desk.store.getDraft(cancelled.id))?.status, 'pending');
    await stop(t);

    // Another restart sends nothing more.
    t = await start(later);
    await new Promise((r) => setTimeout(r, 300));
    await t.desk.drain();
    assert.equal(t.connector.sent.length, 0, 'nothing sent twice');
    assert.equal((await t.desk.store.getDraft(cancelled.id))?.status, 'pending');
    await stop(t);
  });
});

describe('/cs autopilot off', () => {
  it('stops the replies already waiting to send themselves, and their cards say so', async () => {
    const dir = tempDir();
    const offEnv = { DATA_DIR: dir, AUTOPILOT_MIN_APPROVALS: '1', AUTOPILOT_DELAY: '1h' };
    let t = await startTestDesk({ env: offEnv });
    try {
      await t.desk.store.putAnswer({
        id: 'hours-a',
        language: 'en',
        intent: 'other',
        questions: ['When are you open?'],
        text: 'Mon–Fri 9–5.',
        draftId: 'hours',
        customerId: 'c0',
        answeredAt: at,
        createdAt: at,
        updatedAt: at,
      });
      const first = await askForDraft(t, 'what are your opening hours?', '+15550004001');
      assert.equal(first.basis?.answerId, 'hours-a');
      await t.desk.api.decide({ draftId: first.id, actor: OWNER, action: 'send' });
      await t.desk.drain();
      const autopilot = t.desk.commands.find((c) => c.name === 'autopilot')!;
      await autopilot.run(['on', 'hours-a'], OWNER);
      const waiting = await askForDraft(t, 'what are your opening hours?', '+15550004002');
      assert.ok(waiting.basis?.autoSendAt, 'an automatic reply is waiting');

      await autopilot.run(['off', 'hours-a'], OWNER);
      await t.desk.drain();
      // The card is drawn again without its automatic send time.
      const redrawn = t.console.events.filter((e) => e.type === 'draft' && e.draft.id === waiting.id).at(-1);
      assert.ok(redrawn && redrawn.type === 'draft', 'the draft card is redrawn');
      assert.equal(redrawn.draft.basis?.autoSendAt, undefined);
      await t.stop();

      // Past its time, after a restart, it is still the owner's to send.
      t = await startTestDesk({ env: offEnv, overrides: { clock: later } });
      await new Promise((r) => setTimeout(r, 300));
      await t.desk.drain();
      assert.equal(t.connector.sent.length, 0, 'nothing sent by itself');
      assert.equal((await t.desk.store.getDraft(waiting.id))?.status, 'pending');
    } finally {
      await t.stop();
    }
  });
});
