/**
 * Autopilot, earned, through the real desk (SQLite, pipeline, decisions, outbox): a remembered
 * answer sent unchanged AUTOPILOT_MIN_APPROVALS times qualifies; once the owner sets it on
 * (`/cs autopilot on`), it drafts the next matching reply as an automatic one that goes after
 * AUTOPILOT_DELAY unless Cancel is tapped; `off` stops it, even for a reply already waiting;
 * complaints and high-urgency messages are never sent by themselves; an edit flags the answer,
 * which loses "on" and cannot be set on again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cardsFor } from '../../../src/console/card.js';
import type { Classifier } from '../../../src/core/ports.js';
import type { Draft } from '../../../src/core/model.js';
import { askForDraft, canadaAnswer } from '../../support/autopilot-fixtures.js';
import { startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { stubClassification } from '../../support/stub-nlp.js';
import { autopilotRefusal } from '../../../src/core/answers/autopilot.js';

const classifier: Classifier = {
  classify: (text) => {
    const c = stubClassification(text);
    return /terrible|complain/i.test(text) ? { ...c, intent: 'complaint', sentiment: 'negative' } : c;
  },
};
const QUESTION = 'how long does delivery to Toronto take?';
const DELAY_MS = 600;
const at = new Date(Date.UTC(2026, 11, 3));
let t: TestDesk;
let n = 0;

async function ask(text: string): Promise<Draft> {
  n += 1;
  return askForDraft(t, text, `+1555000${String(2000 + n)}`);
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const OWNER = { console: 'test', userId: 'o' };
async function autopilot(...args: string[]) {
  const command = t.desk.commands.find((c) => c.name === 'autopilot')!;
  return command.run(args, OWNER);
}
const sentTo = (draft: Draft) =>
  t.connector.sent.filter((m) => m.replyRef.endsWith(draft.replyRef.split(':').pop()!));

describe('autopilot', () => {
  before(async () => {
    t = await startTestDesk({
      env: { AUTOPILOT_MIN_APPROVALS: '5', AUTOPILOT_DELAY: `${DELAY_MS / 1000}s` },
      overrides: { classifier },
    });
    await t.desk.store.putAnswer(canadaAnswer(at));
  });
  after(() => t.stop());

  it('qualifies after 5 unchanged sends; sends itself after the delay once the owner sets it on', async () => {
    for (let i = 0; i < 6; i++) {
      const draft = await ask(QUESTION);
      assert.equal(draft.basis?.answerId, 'canada-a');
      assert.equal(draft.basis?.autoSendAt, undefined, `not on after ${i} approvals`);
      if (i === 2)
        assert.equal(
          (await autopilot('on', 'canada-a')).title,
          'Answer 1 does not qualify yet: sent unchanged 2 of 5 times. It may send by itself once you have sent it unchanged 5 times.',
        );
      const r = await t.desk.api.decide({ draftId: draft.id, actor: OWNER, action: 'send' });
      assert.equal(r.kind, 'queued');
    }
    // Qualifying is not on: the listing says so and offers the one qualifying answer's button.
    const listed = await autopilot();
    const row = listed.sections.flatMap((x) => x.fields).find((f) => f.label.startsWith('1. canada-a'));
    assert.equal(row?.value, '✅ qualifies (sent unchanged 6 times): autopilot on 1 · sent automatically 0');
    assert.deepEqual(listed.confirm?.args, ['on', 'canada-a']);
    assert.equal((await t.desk.store.getAnswer('canada-a'))?.autopilot, undefined);
    assert.match((await autopilot('on', '1')).title, /Autopilot on for answer 1/);
    assert.equal((await t.desk.store.getAnswer('canada-a'))?.autopilot, true);
    assert.match((await autopilot()).sections[0]!.fields[0]!.value, /^🤖 on · /);

    const auto = await ask(QUESTION);
    assert.ok(auto.basis?.autoSendAt, 'the sixth is an automatic reply');
    // The card shows when it goes, with Cancel next to Edit.
    const event = t.console.events.find((e) => e.type === 'inbound' && e.draft?.id === auto.id);
    const card = cardsFor(event!, { language: 'en', now: new Date() }).find((c) => c.kind === 'draft')!;
    assert.ok(card.context.some((l) => /Sends automatically at/.test(l)));
    assert.deepEqual(
      card.actions.map((a) => a.ref.action),
      ['send', 'edit', 'discard', 'cancel_auto'],
    );
    assert.equal(sentTo(auto).length, 0, 'nothing before the delay');
    await wait(DELAY_MS + 300);
    await t.desk.drain();
    const decided = await t.desk.store.getDraft(auto.id);
    assert.equal(decided?.status, 'sent');
    const decision = await t.desk.store.getDecision(decided!.decisionId!);
    assert.equal(decision?.actor.console, 'auto');
    assert.deepEqual(
      sentTo(auto).map((m) => m.text),
      ['Yes — 5 to 8 days, $12.'],
    );
    const decidedEvent = t.console.events.find((e) => e.type === 'decided' && e.draft.id === auto.id)!;
    assert.match(cardsFor(decidedEvent, { language: 'en' })[0]!.context[0]!, /Sent automatically/);

    // The customer's rating after the automatic reply is reported in /cs stats, per source and answer.
    const rated = await t.desk.intake.rating({
      conversationId: auto.conversationId,
      channel: 'sms',
      score: 5,
    });
    assert.equal(rated.kind, 'recorded');
    const stats = await t.desk.commands.find((c) => c.name === 'stats')!.run([], OWNER);
    const ratings = stats.sections.find((x) => x.heading === 'Ratings after replies')!.fields;
    assert.equal(ratings.find((f) => f.label === 'Automatic reply')?.value, '5 / 5 · 1 rating');
    assert.equal(ratings.find((f) => f.label.startsWith('Answer 1 (canada-a)'))?.value, '5 / 5 · 1 rating');
  });

  it('Cancel keeps the reply as a draft: nothing is sent', async () => {
    const auto = await ask(QUESTION);
    assert.ok(auto.basis?.autoSendAt);
    assert.deepEqual(await t.desk.api.cancelAuto(auto.id, { console: 'test', userId: 'o' }), { kind: 'ok' });
    await wait(DELAY_MS + 300);
    await t.desk.drain();
    assert.equal((await t.desk.store.getDraft(auto.id))?.status, 'pending');
    assert.equal(sentTo(auto).length, 0);
  });

  it('off stops it, also for a reply already waiting; on again restarts it', async () => {
    const waiting = await ask(QUESTION);
    assert.ok(waiting.basis?.autoSendAt);
    assert.match((await autopilot('off', 'canada')).title, /Autopilot off for answer 1/);
    const after = await ask(QUESTION);
    assert.equal(after.basis?.autoSendAt, undefined, 'off: an ordinary draft');
    await wait(DELAY_MS + 300);
    await t.desk.drain();
    assert.equal((await t.desk.store.getDraft(waiting.id))?.status, 'pending', 'the waiting one stays');
    assert.equal(sentTo(waiting).length, 0);
    assert.equal(
      (await autopilot('on', 'nope')).title,
      'No remembered answer nope: give its number in the autopilot list or its id.',
    );
    assert.equal((await autopilot('on')).usage, true);
    await autopilot('on', 'canada-a');
    const again = await ask(QUESTION);
    assert.ok(again.basis?.autoSendAt, 'on again');
    await t.desk.api.cancelAuto(again.id, OWNER);
  });

  it('a complaint or a high-urgency message matching the answer is never sent by itself', async () => {
    const complaint = await ask(`${QUESTION} This is terrible.`);
    const urgent = await ask(`urgent: ${QUESTION}`);
    // The urgent one is drafted from the answer all the same; the complaint may not even match
    // (another intent weighs less), and neither may send itself.
    assert.equal(urgent.basis?.answerId, 'canada-a', 'still drafted from the answer');
    for (const d of [complaint, urgent]) assert.equal(d.basis?.autoSendAt, undefined);
    const c = stubClassification(QUESTION);
    assert.equal(autopilotRefusal({ ...c, intent: 'complaint' }, 'ok', 0.5), 'complaint');
    assert.equal(autopilotRefusal({ ...c, urgency: 'high' }, 'ok', 0.5), 'high urgency');
    assert.equal(autopilotRefusal({ ...c, sentiment: 'negative' }, 'ok', 0.5), 'negative sentiment');
    assert.equal(autopilotRefusal({ ...c, confidence: 0.2 }, 'ok', 0.5), 'low confidence');
    assert.equal(autopilotRefusal(c, 'Hi [[name]]', 0.5), 'blanks');
    assert.equal(autopilotRefusal(c, 'ok', 0.5), undefined);
    await wait(DELAY_MS + 300);
    await t.desk.drain();
    assert.equal((await t.desk.store.getDraft(complaint.id))?.status, 'pending');
    assert.equal((await t.desk.store.getDraft(urgent.id))?.status, 'pending');
  });

  it('an answer the owner edits loses autopilot', async () => {
    const draft = await ask(QUESTION);
    await t.desk.api.cancelAuto(draft.id, { console: 'test', userId: 'o' });
    await t.desk.api.decide({
      draftId: draft.id,
      actor: { console: 'test', userId: 'o' },
      action: 'edit_send',
      text: 'Yes — 5 to 8 days, $15 now.',
    });
    const next = await ask(QUESTION);
    assert.equal(next.basis?.answerId, 'canada-a');
    assert.equal(next.basis?.autoSendAt, undefined);

    // /cs autopilot says so, with the draft outcomes by source; it cannot be set on again.
    const reply = await autopilot();
    const fields = reply.sections.flatMap((x) => x.fields);
    assert.match(
      fields.find((f) => f.label.startsWith('1. canada-a'))!.value,
      /flagged: edited 1, discarded 0 · sent automatically 1/,
    );
    assert.equal(reply.confirm, undefined);
    assert.equal(
      fields.find((f) => f.label === 'Remembered answer')?.value,
      'sent as drafted 6 · edited 1 · discarded 0 · automatic 1',
    );
    assert.equal(
      (await autopilot('on', '1')).title,
      'Answer 1 is flagged (edited 1, discarded 0): an answer you change or discard never sends by itself.',
    );
  });
});
