/**
 * Issue 15, finding 4, in Slack: a website-chat visitor types an address another customer holds;
 * nothing moves, the visitor's thread gets a "Same person — merge" card, and only the owner's
 * signed click merges (through desk.merge), a stranger's changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodeAction } from '../../../src/console/card.js';
import { ChatClient } from '../../connectors/webchat/harness.js';
import {
  OWNER,
  type SlackDesk,
  startSlackDesk,
  STRANGER,
  tapButton,
} from '../../support/slack-emulator/harness.js';

let d: SlackDesk;
let chat: ChatClient;
before(async () => {
  d = await startSlackDesk();
  ({ client: chat } = await ChatClient.join(d.desk.url.replace('http', 'ws') + '/chat/ws', d.desk.url));
});
after(async () => {
  chat.close();
  await d.stop();
});

test('a claimed address posts a merge card in Slack; the owner’s click merges, a stranger’s does not', async () => {
  const ann = await d.connector.intake().receive({
    channel: 'email',
    externalId: '<ann-1@example.com>',
    from: { address: 'ann@example.com', displayName: 'Ann' },
    replyRef: 'email:support@shop.example:ann@example.com',
    text: 'Where is my parcel?',
  });
  assert.ok(ann.kind === 'stored');
  chat.send({ type: 'message', id: 'visitor-msg-0001', text: 'Hi, any news on my parcel?' });
  assert.equal((await chat.next((f) => f.type === 'ack')).status, 'stored');
  await d.settle();
  chat.send({ type: 'email', address: 'ann@example.com' });
  await chat.next((f) => f.type === 'email_saved');
  await d.settle();

  assert.equal(
    (await d.desk.store.findCustomerByIdentity('email', 'ann@example.com'))?.id,
    ann.customerId,
    'typing the address moved nothing',
  );
  const card = d.emu.messages.find((m) => /sd1:merge:/.test(JSON.stringify(m.blocks)));
  assert.ok(card, 'a merge suggestion card in Slack');
  assert.match(JSON.stringify(card.blocks), /Same person — merge/);
  assert.match(JSON.stringify(card.blocks), /which belongs to Ann/);
  const actionId = JSON.stringify(card.blocks).match(/sd1:merge:[A-Za-z0-9_.:-]+/)?.[0];
  const ref = decodeAction(actionId);
  assert.ok(actionId && ref?.action === 'merge' && ref.arg);
  assert.equal(ref.id, ann.customerId);
  const visitorId = ref.arg;
  const root = d.emu.messages.find((m) => m.ts === card.thread_ts);
  assert.match(
    JSON.stringify(root?.blocks),
    /unverified: typed in by the customer/,
    'in the visitor’s thread',
  );

  const click = (user: string) =>
    tapButton(d, { user, actionId, messageTs: card.ts, threadTs: card.thread_ts ?? card.ts });
  await click(STRANGER);
  assert.equal((await d.desk.store.getCustomer(visitorId))?.mergedInto, undefined, 'a stranger cannot merge');
  await click(OWNER);
  assert.equal(
    (await d.desk.store.getCustomer(visitorId))?.mergedInto,
    ann.customerId,
    'merged on the owner’s tap',
  );
  const merged = await d.desk.api.view(ann.customerId);
  assert.deepEqual(merged?.identities.map((i) => i.channel).sort(), ['email', 'webchat']);
  assert.deepEqual(d.emu.violations, []);
});
