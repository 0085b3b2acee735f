/**
 * OWNER_LANGUAGE reaches what the desk says back to a Discord owner about their own actions: a
 * merge started from Discord leaves its pointer post in Chinese, and a refused action answers in
 * Chinese. Before the fix Discord actors carried no language, so the core answered in English.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Desk } from '../../../src/app.js';
import { decodeAction } from '../../../src/console/card.js';
import { PEOPLE_PICK_ID } from '../../../src/console/discord/people.js';
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
  desk = await startDiscordDesk(emu, owner.id, { connectors: [connector], vars: { OWNER_LANGUAGE: 'zh' } });
});

after(async () => {
  await desk?.stop();
  await emu.close();
});

test('a merge from Discord leaves its pointer in Chinese; a refusal answers in Chinese', async () => {
  const PHONE = '+15550107788';
  const wu = await connector.intake().receive({
    channel: 'email',
    externalId: '<wu-lang-1@example.com>',
    from: { address: 'wu.fang@example.com', displayName: 'Wu Fang' },
    replyRef: 'email:support@shop.example:wu.fang@example.com',
    text: '你好',
  });
  const texter = await connector.intake().receive(sms('我换了手机号', PHONE));
  assert.ok(wu.kind === 'stored' && texter.kind === 'stored');
  await desk.drain();
  const texterPost = await waitFor(
    () => emu.threads().find((t) => String(t.name).includes(PHONE)),
    'the texter’s post',
  );

  const { picker } = await samePersonPicker(emu, owner, texterPost.id, 'wu.fang');
  const option = actionIds(picker).find((x) => decodeAction(x)?.action === 'merge')!;
  emu.select(owner, String(picker.id), PEOPLE_PICK_ID, [option]);
  const pointer = await waitFor(
    () => [...emu.messagesIn(texterPost.id)].find((m) => /已合并到/.test(JSON.stringify(m))),
    'the pointer post in Chinese',
  );
  assert.doesNotMatch(JSON.stringify(pointer), /Merged into/);

  // Resolve twice: the second is refused, in the owner's language.
  await desk.drain();
  const wuPost = await waitFor(
    () => emu.threads().find((t) => String(t.name).includes('Wu Fang')),
    'Wu’s post',
  );
  const resolve = await cardButton(emu, wuPost.id, 'resolve');
  await emu.acknowledged(emu.click(owner, String(resolve.message.id), resolve.id));
  const again = emu.click(owner, String(resolve.message.id), resolve.id);
  await emu.acknowledged(again);
  const refusal = await waitFor(() => again.followUps[0], 'the refusal');
  assert.match(JSON.stringify(refusal), /已经标记为解决/);
  assert.doesNotMatch(JSON.stringify(refusal), /Already resolved/);
});
