/**
 * /cs export and /cs forget from Discord (through the Discord emulator): the export's files
 * ride on the ephemeral reply (only the owner sees it); forget answers with an Erase button,
 * and pressing it deletes the customer's forum post and erases the store's personal data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Desk } from '../../../src/app.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { startDiscordDesk } from '../../support/discord-desk.js';

type Json = Record<string, unknown>;

describe('export and forget in the Discord console', () => {
  let emu: DiscordEmulator;
  let desk: Desk;
  let owner: FakeUser;
  let bilby: FakeUser;
  const waitFor = <T>(check: () => T | undefined | false, what: string) => emu.waitFor(check, 8000, what);

  before(async () => {
    emu = await DiscordEmulator.start({});
    owner = emu.user('owner', { globalName: 'Olivia' });
    bilby = emu.user('bilby', { globalName: 'Bilby Marsh' });
    desk = await startDiscordDesk(emu, owner.id);
    emu.sendDM(bilby, 'My bilby-6631 parcel is missing');
    await waitFor(() => emu.threads()[0], 'the customer post');
    await desk.drain();
  });

  after(async () => {
    await desk?.stop();
    await emu?.close();
  });

  const customerId = async () => (await desk.store.findCustomerByIdentity('discord', bilby.id))?.id;

  test('/cs export answers ephemerally with the JSON and CSV attached', async () => {
    const id = (await customerId())!;
    const asked = emu.slash(owner, 'cs', 'export', { args: id });
    assert.equal((await emu.acknowledged(asked)).type, 5);
    const answer = await waitFor(
      () => (asked.followUps[0]?.edited_timestamp ? asked.followUps[0] : undefined),
      'the export reply',
    );
    assert.equal(Number(answer.flags ?? 0) & 64, 64, 'ephemeral');
    assert.match(String(answer.content), /Export of customer/);
    const edit = emu.calls.find((c) => c.method === 'PATCH' && /\/webhooks\//.test(c.path) && c.files.length);
    const names = (edit?.files ?? []).map((f) => f.filename).join(',');
    assert.match(names, /\.json/);
    assert.match(names, /\.csv/);
    assert.deepEqual(emu.violations, []);
  });

  test('/cs forget asks with an Erase button; pressing it deletes the post and erases the data', async () => {
    const id = (await customerId())!;
    const threadId = emu.threads()[0]!.id;
    const asked = emu.slash(owner, 'cs', 'forget', { args: id });
    const question = await waitFor(
      () => (asked.followUps[0]?.edited_timestamp ? asked.followUps[0] : undefined),
      'the question',
    );
    assert.match(String(question.content), /Erase customer/);
    const button = ((question.components ?? []) as { components: Json[] }[])
      .flatMap((r) => r.components)
      .find((c) => String(c.custom_id).startsWith('sdcf:'));
    assert.ok(button, 'an Erase button');
    assert.ok(await customerId(), 'nothing erased before pressing it');

    const pressed = emu.click(owner, String(question.id), String(button.custom_id));
    await waitFor(() => (/erased/.test(String(question.content)) ? true : undefined), 'the erasure');
    assert.ok(pressed);
    assert.equal(await customerId(), undefined);
    assert.ok(!emu.threads().some((t) => t.id === threadId), 'the forum post is deleted');
    assert.deepEqual(emu.violations, []);
  });
});
