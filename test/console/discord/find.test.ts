/**
 * /cs find in Discord, through createDesk and the real discord.js client on the emulator: the
 * answer is ephemeral and names the message, its channel and a link to the customer's post.
 * The post's Note and Tags buttons open modals; what is saved shows on the card and is found.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Desk } from '../../../src/app.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { encodeAction } from '../../../src/console/card.js';
import { startDiscordDesk } from '../../support/discord-desk.js';

describe('/cs find in the Discord console', () => {
  let emu: DiscordEmulator;
  let desk: Desk;
  let owner: FakeUser;
  let aliceRef: FakeUser | undefined;
  const aliceUser = () => (aliceRef ??= emu.user('alice', { globalName: 'Alice Chen' }));
  const alice = () => aliceUser();
  const waitFor = <T>(check: () => T | undefined | false, what: string) => emu.waitFor(check, 8000, what);

  before(async () => {
    emu = await DiscordEmulator.start({});
    owner = emu.user('owner', { globalName: 'Olivia' });
    desk = await startDiscordDesk(emu, owner.id);
  });

  after(async () => {
    await desk?.stop();
    await emu?.close();
  });

  async function find(query: string) {
    const asked = emu.slash(owner, 'cs', 'find', { args: query });
    const ack = (await emu.acknowledged(asked)) as { type: number; data?: { flags?: number } };
    assert.equal(ack.type, 5);
    assert.equal((ack.data?.flags ?? 0) & 64, 64, 'ephemeral');
    return waitFor(() => (asked.followUps[0]?.edited_timestamp ? asked.followUps[0] : undefined), query);
  }

  test('an order number and a Chinese word each find their message, with a link to the post', async () => {
    const alice = aliceUser();
    const wang = emu.user('wang', { globalName: '王芳' });
    emu.sendDM(alice, 'Where is my order #7781?');
    emu.sendDM(wang, '我想退货，衣服太小了');
    await waitFor(() => emu.threads().length >= 2 || undefined, 'two customer posts');
    await desk.drain();
    const postOf = (name: RegExp) => emu.threads().find((t) => name.test(String(t.name)))!;

    const order = JSON.stringify(await find('7781'));
    assert.match(order, /Where is my order #7781/);
    assert.ok(order.includes(`https://discord.com/channels/${emu.guildId}/${postOf(/Alice/).id}`), order);
    assert.doesNotMatch(order, /退货/);

    const zh = JSON.stringify(await find('退货'));
    assert.match(zh, /我想退货/);
    assert.ok(zh.includes(`https://discord.com/channels/${emu.guildId}/${postOf(/王芳/).id}`), zh);
  });

  test('Note and Tags from the post: a modal, shown on the card, found by /cs find', async () => {
    const post = emu.threads().find((t) => /Alice/.test(String(t.name)))!;
    const starter = () => emu.messagesIn(post.id)[0]!;
    const customerId = (await desk.store.findCustomerByIdentity('discord', alice().id))!.id;
    for (const [kind, value] of [
      ['note', 'Prefers calls after 6pm'],
      ['tags', 'VIP, wholesale'],
    ] as const) {
      const click = emu.click(owner, String(starter().id), encodeAction({ action: kind, id: customerId }));
      assert.equal((await emu.acknowledged(click)).type, 9, 'a modal');
      const submit = emu.submitModal(owner, click, { notes: value });
      const ack = (await emu.acknowledged(submit)) as { type: number; data?: { flags?: number } };
      assert.equal(ack.type, 5);
      assert.equal((ack.data?.flags ?? 0) & 64, 64, 'answered privately');
    }
    await waitFor(
      () =>
        (/Prefers calls after 6pm/.test(JSON.stringify(starter())) &&
          /VIP, wholesale/.test(JSON.stringify(starter()))) ||
        undefined,
      'the note and tags on the card',
    );
    const found = JSON.stringify(await find('wholesale'));
    assert.match(found, /tag: wholesale/);
  });
});
