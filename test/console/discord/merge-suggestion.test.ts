/**
 * Issue 15, finding 4, in Discord: an address claimed by one customer that belongs to another
 * posts a "Same person — merge" button in the claimer's forum post; the owner's click merges
 * through desk.merge.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Desk } from '../../../src/app.js';
import { decodeAction } from '../../../src/console/card.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { recordingConnector, type RecordingConnector } from '../../support/recording-connector.js';
import { sms } from '../../support/desk-harness.js';
import { startDiscordDesk } from '../../support/discord-desk.js';

let emu: DiscordEmulator;
let owner: FakeUser;
let desk: Desk;
let connector: RecordingConnector;

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

test('the merge suggestion is a Discord button; the owner’s click merges', async () => {
  const bo = await connector.intake().receive({
    channel: 'email',
    externalId: '<bo-1@example.com>',
    from: { address: 'bo@example.com', displayName: 'Bo' },
    replyRef: 'email:support@shop.example:bo@example.com',
    text: 'Hello from Bo',
  });
  const texter = await connector.intake().receive(sms('Hi, it is me', '+15550004444'));
  assert.ok(bo.kind === 'stored' && texter.kind === 'stored');
  await desk.drain();
  await connector
    .intake()
    .claimIdentity('sms', '+15550004444', { channel: 'email', address: 'bo@example.com' });
  await desk.drain();

  const thread = await emu.waitFor(
    () => emu.threads().find((t) => /\+15550004444/.test(String(t.name))),
    8000,
    'the texter’s post',
  );
  const found = await emu.waitFor(
    () =>
      [...emu.messagesIn(thread.id)].find((m) =>
        (JSON.stringify(m.components ?? []).match(/sd1:[A-Za-z0-9_.:-]+/g) ?? []).some(
          (x) => decodeAction(x)?.action === 'merge',
        ),
      ),
    8000,
    'a merge button',
  );
  const id = (JSON.stringify(found.components).match(/sd1:merge:[A-Za-z0-9_.:-]+/) ?? [])[0]!;
  assert.deepEqual(decodeAction(id), { action: 'merge', id: bo.customerId, arg: texter.customerId });
  assert.match(JSON.stringify(found), /Same person — merge/);
  const press = emu.click(owner, String(found.id), id);
  assert.equal((await emu.acknowledged(press)).type, 6);
  // The click is acknowledged first, then handled: poll the store for the merge.
  const end = Date.now() + 8000;
  while ((await desk.store.getCustomer(texter.customerId))?.mergedInto !== bo.customerId) {
    assert.ok(Date.now() < end, 'merged on the owner’s click');
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.deepEqual((await desk.store.listIdentities(bo.customerId)).map((i) => i.channel).sort(), [
    'email',
    'sms',
  ]);
});
