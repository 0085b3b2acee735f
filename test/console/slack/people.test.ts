/**
 * Issue 19, merge and split from Slack, through the real desk, Bolt and the emulator: the root
 * card's "Same person as…" opens a modal whose external_select loads its options from our
 * block_suggestion answer (searching name, email, phone); submitting merges (pointer post in
 * the merged-away thread, history and the next message follow). "Split…" moves the identity
 * and its messages back to a separate customer with a thread of its own, where its next
 * message lands; figures of the past period stay as they were. Only the owner may do either.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeAction } from '../../../src/console/card.js';
import { PERSON_PICK, SAME_PERSON_CALLBACK, SPLIT_CALLBACK } from '../../../src/console/slack/people.js';
import type { FiguresSource } from '../../../src/core/ports.js';
import type { SplitSource } from '../../../src/core/people.js';
import { sms } from '../../support/desk-harness.js';
import type { EmulatedMessage } from '../../support/slack-emulator/index.js';
import { checkOptionsResponse } from '../../support/slack-emulator/block-limits.js';
import {
  OWNER,
  SIGNING_SECRET,
  STRANGER,
  SUPPORT,
  startSlackDesk,
  type SlackDesk,
} from '../../support/slack-emulator/harness.js';
import {
  FORM,
  blockSuggestion,
  buttonClick,
  interactionForm,
  postSigned,
  viewSubmission,
} from '../../support/slack-emulator/requests.js';

let d: SlackDesk;
before(async () => {
  d = await startSlackDesk();
});
after(() => d.stop());

const PHONE = '+15550104477';
const text = (m: EmulatedMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');

async function rootOf(customerId: string): Promise<EmulatedMessage> {
  const ref = await d.desk.api.refs.get('slack', `root:${customerId}`);
  assert.ok(ref, `a Slack root for ${customerId}`);
  const ts = ref.slice(ref.indexOf(':') + 1);
  const root = d.emu.messages.find((m) => m.ts === ts);
  assert.ok(root);
  return root;
}

const thread = (root: EmulatedMessage) => d.emu.thread(SUPPORT, root.ts).filter((m) => m.ts !== root.ts);

async function post(payload: Record<string, unknown>): Promise<Response> {
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), { contentType: FORM });
  assert.equal(res.status, 200);
  return res;
}

async function tap(root: EmulatedMessage, action: 'same_person' | 'split', user = OWNER) {
  const actionId = JSON.stringify(root.blocks).match(new RegExp(`sd1:${action}:[A-Za-z0-9_.-]+`))?.[0];
  assert.ok(actionId, `${action} button on the root card`);
  assert.equal(decodeAction(actionId)?.action, action);
  const before = d.emu.callsTo('views.open').length;
  await post(
    buttonClick({
      user,
      actionId,
      channel: SUPPORT,
      messageTs: root.ts,
      triggerId: d.emu.triggerId(),
      responseUrl: d.emu.responseUrl(),
    }),
  );
  await d.settle();
  const opened = d.emu.callsTo('views.open').slice(before);
  return opened.at(-1);
}

test('Same person as… searches, merges with a pointer, history and the next message follow; Split undoes it', async () => {
  const ann = await d.connector.intake().receive({
    channel: 'email',
    externalId: '<ann-people-1@example.com>',
    from: { address: 'ann.lee@example.com', displayName: 'Ann Lee' },
    replyRef: 'email:support@shop.example:ann.lee@example.com',
    text: 'Where is my parcel? Order 5521.',
  });
  const text1 = await d.connector.intake().receive(sms('Hi it is me again about the parcel', PHONE));
  assert.ok(ann.kind === 'stored' && text1.kind === 'stored');
  await d.settle();
  const annId = ann.customerId;
  const smsId = text1.customerId;

  // A stranger's tap opens nothing.
  const smsRoot = await rootOf(smsId);
  assert.match(text(smsRoot), /Same person as…/);
  assert.doesNotMatch(text(smsRoot), /Split…/, 'one identity: nothing to split');
  assert.equal(await tap(smsRoot, 'same_person', STRANGER), undefined);

  const opened = await tap(smsRoot, 'same_person');
  assert.ok(opened?.ok, opened?.error);
  const view = opened.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
  assert.equal(view.callback_id, SAME_PERSON_CALLBACK);
  assert.match(JSON.stringify(view.blocks), /external_select/);

  // Slack asks for options as the owner types: by name, by email, by phone.
  const suggest = async (value: string, user = OWNER) => {
    const res = await post(blockSuggestion({ user, actionId: PERSON_PICK, blockId: 'person', value, view }));
    const body = (await res.json()) as { options: { text: { text: string }; value: string }[] };
    assert.deepEqual(checkOptionsResponse(body), [], 'within Slack’s limits for an options answer');
    return body.options;
  };
  for (const query of ['Ann', 'ann.lee@example.com', 'parcel']) {
    const options = await suggest(query);
    assert.ok(
      options.some((o) => o.value === annId && /Ann Lee/.test(o.text.text)),
      query,
    );
    assert.ok(!options.some((o) => o.value === smsId), 'never the customer itself');
  }
  assert.deepEqual(await suggest('Ann', STRANGER), [], 'a stranger finds nobody');

  await post(
    viewSubmission({
      user: OWNER,
      triggerId: d.emu.triggerId(),
      view,
      values: { person: { [PERSON_PICK]: { type: 'external_select', selected_option: { value: annId } } } },
    }),
  );
  await d.settle();
  assert.equal((await d.desk.store.getCustomer(smsId))?.mergedInto, annId, 'merged into the chosen one');
  const pointer = thread(smsRoot).find((m) => /Merged into Ann Lee/.test(text(m)));
  assert.ok(pointer, 'a pointer post in the merged-away thread');
  const annRoot = await rootOf(annId);
  assert.match(text(pointer), new RegExp(annRoot.ts.replace('.', '')), 'linking the survivor’s thread');
  assert.match(JSON.stringify(pointer.blocks), new RegExp(`sd1:split:${annId}`), 'the pointer offers Split…');
  const merged = await d.desk.api.view(annId);
  assert.deepEqual(merged?.identities.map((i) => i.channel).sort(), ['email', 'sms']);
  assert.equal(merged?.counts.messagesIn, 2, 'the history followed');
  const log = d.desk.store as unknown as SplitSource;
  assert.equal(
    (await log.mergeOrigin(annId, { channel: 'sms', address: PHONE }))?.fromId,
    smsId,
    'the merge is recorded: the number came from the SMS profile',
  );

  // The next text from the number lands in Ann's thread.
  const text2 = await d.connector.intake().receive(sms('Any update on it?', PHONE));
  assert.ok(text2.kind === 'stored');
  await d.settle();
  assert.equal(text2.customerId, annId);
  assert.ok(thread(annRoot).some((m) => /Any update on it/.test(text(m))));

  // What the figures say of the period so far, to compare after the split.
  const period = { from: new Date(Date.now() - 600_000), to: new Date(Date.now() + 1), tz: 'UTC' };
  const figures = () => (d.desk.store as unknown as FiguresSource).figures(period);
  const figuresBefore = await figures();

  // Split, from the merged customer's root card: the SMS identity goes back on its own.
  const annRootNow = await rootOf(annId);
  assert.match(text(annRootNow), /Split…/);
  const splitOpen = await tap(annRootNow, 'split');
  assert.ok(splitOpen?.ok, splitOpen?.error);
  const splitView = splitOpen.args.view as {
    callback_id: string;
    private_metadata: string;
    blocks: { element?: { options?: { text: { text: string }; value: string }[] } }[];
  };
  assert.equal(splitView.callback_id, SPLIT_CALLBACK);
  const choice = splitView.blocks[0]?.element?.options?.find((o) => o.text.text.includes(PHONE));
  assert.ok(choice, 'the SMS identity is offered');
  await post(
    viewSubmission({
      user: OWNER,
      triggerId: d.emu.triggerId(),
      view: splitView,
      values: {
        identity: { sd_identity_pick: { type: 'static_select', selected_option: { value: choice.value } } },
      },
    }),
  );
  await d.settle();
  const split = await d.desk.store.findCustomerByIdentity('sms', PHONE);
  assert.ok(split && split.id !== annId && split.id !== smsId, 'a separate, new customer');
  assert.equal(split.mergedInto, undefined);
  assert.equal(split.language, 'en', 'the profile’s language back from the merge record');
  assert.equal(await log.mergeOrigin(annId, { channel: 'sms', address: PHONE }), undefined);
  const splitView2 = await d.desk.api.view(split.id);
  assert.equal(splitView2?.counts.messagesIn, 2, 'both texts moved with it');
  const annView = await d.desk.api.view(annId);
  assert.deepEqual(
    annView?.identities.map((i) => i.channel),
    ['email'],
  );
  assert.equal(annView?.counts.messagesIn, 1, 'the email stays');
  const splitRoot = await rootOf(split.id);
  assert.notEqual(splitRoot.ts, annRoot.ts);
  assert.notEqual(splitRoot.ts, smsRoot.ts, 'a new thread');
  assert.ok(thread(splitRoot).some((m) => /Split off from Ann Lee/.test(text(m))));
  assert.ok(thread(annRoot).some((m) => new RegExp(`Split off \\${PHONE}`).test(text(m))));

  // Its next text lands in the new thread, not Ann's.
  const text3 = await d.connector.intake().receive(sms('Still waiting!', PHONE));
  assert.ok(text3.kind === 'stored');
  await d.settle();
  assert.equal(text3.customerId, split.id);
  assert.ok(thread(splitRoot).some((m) => /Still waiting!/.test(text(m))));
  assert.ok(!thread(annRoot).some((m) => /Still waiting!/.test(text(m))));

  // The past period's figures: the same conversations, messages, response times and drafts.
  const { customers: _c1, ...after } = await figures();
  const { customers: _c0, ...before } = figuresBefore;
  assert.deepEqual(after, before);
  assert.deepEqual(d.emu.violations, []);
});
