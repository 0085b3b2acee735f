/**
 * Issue 19, merge and split from Discord: the root card's "Same person as…" asks for search
 * words in a modal and answers privately with a select of the matching customers; picking one
 * merges. "Split…" answers privately with a select of the identities; picking one moves it and
 * its messages to a separate customer with a post of its own, where its next message lands.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Desk } from '../../../src/app.js';
import { decodeAction } from '../../../src/console/card.js';
import { PEOPLE_PICK_ID, SPLIT_PICK_ID } from '../../../src/console/discord/people.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { recordingConnector, type RecordingConnector } from '../../support/recording-connector.js';
import { sms } from '../../support/desk-harness.js';
import { actionIds, cardButton, samePersonPicker, startDiscordDesk } from '../../support/discord-desk.js';

let emu: DiscordEmulator;
let owner: FakeUser;
let desk: Desk;
let connector: RecordingConnector;
const waitFor = <T>(check: () => T | undefined | false, what: string) => emu.waitFor(check, 8000, what);

before(async () => {
  emu = await DiscordEmulator.start();
  owner = emu.user('owner', { globalName: 'Olivia' });
  connector = recordingConnector(['sms', 'email']);
  desk = await startDiscordDesk(emu, owner.id, { connectors: [connector] });
});

after(async () => {
  await desk?.stop();
  await emu.close();
});

const PHONE = '+15550106655';

async function until(check: () => Promise<boolean>, what: string) {
  const end = Date.now() + 8000;
  while (!(await check())) {
    assert.ok(Date.now() < end, what);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('Same person as… searches and merges; Split… moves the identity back to a post of its own', async () => {
  const bo = await connector.intake().receive({
    channel: 'email',
    externalId: '<bo-people-1@example.com>',
    from: { address: 'bo.chen@example.com', displayName: 'Bo Chen' },
    replyRef: 'email:support@shop.example:bo.chen@example.com',
    text: 'Hello from Bo',
  });
  const texter = await connector.intake().receive(sms('Hi, it is me on my phone', PHONE));
  assert.ok(bo.kind === 'stored' && texter.kind === 'stored');
  await desk.drain();
  const texterPost = await waitFor(
    () => emu.threads().find((t) => String(t.name).includes(PHONE)),
    'the texter’s post',
  );

  // Same person as…: a modal, then a private select of the matches.
  const { opened, searched, picker } = await samePersonPicker(emu, owner, texterPost.id, 'bo.chen');
  assert.equal(opened, 9, 'a modal');
  assert.equal(searched, 5);
  assert.match(JSON.stringify(picker), /Bo Chen/);
  const option = actionIds(picker).find((x) => decodeAction(x)?.action === 'merge');
  assert.deepEqual(decodeAction(option), { action: 'merge', id: bo.customerId, arg: texter.customerId });
  const pick = emu.select(owner, String(picker.id), PEOPLE_PICK_ID, [option!]);
  assert.equal((await emu.acknowledged(pick)).type, 6);
  await until(
    async () => (await desk.store.getCustomer(texter.customerId))?.mergedInto === bo.customerId,
    'merged on the owner’s pick',
  );
  await desk.drain();
  await waitFor(
    () => [...emu.messagesIn(texterPost.id)].find((m) => /Merged into Bo Chen/.test(String(m.content))),
    'the pointer post in the merged-away post',
  );

  // Split…: the SMS identity goes back to a customer of its own.
  const boPost = await waitFor(
    () => emu.threads().find((t) => String(t.name).includes('Bo Chen')),
    'Bo’s post',
  );
  const split = await cardButton(emu, boPost.id, 'split');
  const ask = emu.click(owner, String(split.message.id), split.id);
  assert.equal((await emu.acknowledged(ask)).type, 4, 'a private select');
  const choices = ask.followUps[0]!;
  assert.match(JSON.stringify(choices), new RegExp(`\\${PHONE}`));
  const choice = (
    choices.components as { components: { options: { label: string; value: string }[] }[] }[]
  )[0]!.components[0]!.options.find((o) => o.label.includes(PHONE))!;
  const go = emu.select(owner, String(choices.id), SPLIT_PICK_ID, [choice.value]);
  assert.equal((await emu.acknowledged(go)).type, 6);
  await until(async () => {
    const holder = await desk.store.findCustomerByIdentity('sms', PHONE);
    return holder !== undefined && holder.id !== bo.customerId;
  }, 'split on the owner’s pick');
  await desk.drain();
  const separate = (await desk.store.findCustomerByIdentity('sms', PHONE))!;
  assert.notEqual(separate.id, texter.customerId, 'a new customer');
  assert.deepEqual(await desk.store.countMessages(separate.id), { in: 1, out: 0 });
  assert.deepEqual(
    (await desk.store.listIdentities(bo.customerId)).map((i) => i.channel),
    ['email'],
  );

  const next = await connector.intake().receive(sms('Me again, from the phone', PHONE));
  assert.ok(next.kind === 'stored');
  assert.equal(next.customerId, separate.id);
  await desk.drain();
  const posts = emu.threads().filter((t) => String(t.name).includes(PHONE));
  assert.equal(posts.length, 2, 'the old post and a new one');
  const newPost = posts.find((t) => t.id !== texterPost.id)!;
  await waitFor(
    () => [...emu.messagesIn(newPost.id)].find((m) => /Me again, from the phone/.test(JSON.stringify(m))),
    'the next text in the new post',
  );
  assert.deepEqual(emu.violations, []);
});
