/**
 * The feedback loop's first half, end to end through the real desk (SQLite, pipeline, real
 * classifier) and the real Bolt app against the Slack emulator: the owner edits a reply,
 * taps Remember, trims it in the modal; a different customer's similar question is drafted
 * from it, and the card says which answer it came from. A Chinese question does not get it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeAction, type ActionRef } from '../../src/console/card.js';
import { createClassifier } from '../../src/nlp/index.js';
import { sms } from '../support/desk-harness.js';
import type { EmulatedMessage } from '../support/slack-emulator/index.js';
import { type SlackDesk, startSlackDesk, submitView, tapButton } from '../support/slack-emulator/harness.js';

let d: SlackDesk;
before(async () => {
  d = await startSlackDesk({ overrides: { classifier: createClassifier() } });
});
after(async () => {
  await d.stop();
});

const text = (m: EmulatedMessage) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');

function buttonsOf(m: EmulatedMessage): { actionId: string; ref: ActionRef }[] {
  const out: { actionId: string; ref: ActionRef }[] = [];
  for (const block of (m.blocks ?? []) as { type: string; elements?: { action_id?: string }[] }[]) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements ?? []) {
      const ref = decodeAction(el.action_id);
      if (ref && el.action_id) out.push({ actionId: el.action_id, ref });
    }
  }
  return out;
}

/** The latest card (by ts, as redrawn) with a button for `action` on `draftId`. */
function cardFor(draftId: string): EmulatedMessage | undefined {
  return [...d.emu.messages].reverse().find((m) => buttonsOf(m).some((b) => b.ref.id === draftId));
}

async function click(m: EmulatedMessage, actionId: string): Promise<void> {
  await tapButton(d, {
    actionId,
    channel: m.channel,
    messageTs: m.ts,
    ...(m.thread_ts ? { threadTs: m.thread_ts } : {}),
  });
}

async function submit(callbackId: string, privateMetadata: string, values: Record<string, unknown>) {
  return submitView(d, { callback_id: callbackId, private_metadata: privateMetadata }, values);
}

type OpenedView = {
  callback_id: string;
  private_metadata: string;
  blocks: { element?: { initial_value?: string } }[];
};
const lastOpened = () => d.emu.callsTo('views.open').at(-1)!.args.view as OpenedView;

async function ask(body: string, from: string) {
  await d.connector.intake().receive(sms(body, from));
  await d.settle();
  const drafts = await d.desk.store.listPendingDrafts();
  const draft = drafts.at(-1)!;
  return { draft, card: cardFor(draft.id)! };
}

test('an edited reply is remembered and drafts the answer to a similar question from another customer', async () => {
  const first = await ask('Do you ship to Canada?', '+15550001001');
  const edit = buttonsOf(first.card).find((b) => b.ref.action === 'edit')!;
  await click(first.card, edit.actionId);
  const editView = lastOpened();
  await submit('sd_edit', editView.private_metadata, {
    part_0: { text: { type: 'plain_text_input', value: 'Yes — 5 to 8 days, $12.' } },
  });
  assert.equal(d.connector.sent.at(-1)?.text, 'Yes — 5 to 8 days, $12.');

  // The decided card offers Remember; the modal opens with the sent reply.
  const decided = cardFor(first.draft.id)!;
  assert.match(text(decided), /Edited and sent by owner/);
  const remember = buttonsOf(decided).find((b) => b.ref.action === 'remember');
  assert.ok(remember, 'Remember is offered on an edited reply');
  await click(decided, remember.actionId);
  const view = lastOpened();
  assert.equal(view.callback_id, 'sd_remember');
  assert.equal(view.blocks[0]?.element?.initial_value, 'Yes — 5 to 8 days, $12.');
  await submit('sd_remember', view.private_metadata, {
    answer: { text: { type: 'plain_text_input', value: 'Yes — 5 to 8 days, $12.' } },
  });
  const answers = await d.desk.store.listAnswers('en');
  assert.equal(answers.length, 1);
  assert.deepEqual(answers[0]?.questions, ['Do you ship to Canada?']);

  // A different customer, a differently worded question.
  const later = await ask('how long does delivery to Toronto take?', '+15550001002');
  assert.notEqual(later.draft.customerId, first.draft.customerId);
  assert.match(later.draft.text, /5 to 8 days/);
  assert.match(later.draft.text, /\$12/);
  assert.equal(later.draft.basis?.answerId, answers[0]?.id);
  assert.equal(later.draft.basis?.customerId, first.draft.customerId);
  const day = new Date().getUTCDate();
  assert.match(text(later.card), new RegExp(`From your answer of ${day} `));
  // …with a link to the thread where the owner gave it.
  const firstRoot = d.emu.messages.find((m) => m.ts === first.card.thread_ts)!;
  assert.match(
    text(later.card),
    new RegExp(
      `<https://emulated.slack.com/archives/${firstRoot.channel}/p${firstRoot.ts.replace('.', '')}\\|original thread>`,
    ),
  );
  assert.deepEqual(d.emu.violations, []);
});

test('a Chinese question does not get the English answer', async () => {
  const zh = await ask('寄到多伦多要几天？运费多少？', '+15550001003');
  assert.equal(zh.draft.language, 'zh');
  assert.doesNotMatch(zh.draft.text, /5 to 8 days/);
  assert.equal(zh.draft.basis, undefined);
  assert.doesNotMatch(text(zh.card), /From your answer/);
});

test('a reply sent as drafted offers no Remember; an unrelated question drafts as before', async () => {
  const other = await ask('What are your opening hours on Sunday?', '+15550001004');
  assert.equal(other.draft.basis, undefined);
  const send = buttonsOf(other.card).find((b) => b.ref.action === 'send')!;
  await click(other.card, send.actionId);
  const decided = d.emu.messages.find((m) => m.ts === other.card.ts)!;
  assert.match(text(decided), /Sent by /);
  assert.ok(!buttonsOf(decided).some((b) => b.ref.action === 'remember'));
  assert.equal((await d.desk.store.listAnswers()).length, 1);
});
