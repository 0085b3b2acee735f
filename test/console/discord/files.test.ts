/**
 * Files to customers from the Discord console (issue 19): an attachment on the owner's message
 * in a customer's forum post (hosted on the emulator's CDN) becomes a pending reply carrying
 * the file; Send delivers it as a file in the customer's DM — through the real desk.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { type Desk } from '../../../src/app.js';
import { decodeAction } from '../../../src/console/card.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { startDiscordDesk } from '../../support/discord-desk.js';

type Json = Record<string, unknown>;

let emu: DiscordEmulator;
let desk: Desk;
let owner: FakeUser;
let stranger: FakeUser;
let erin: FakeUser;

const customIds = (message: Json): string[] =>
  ((message.components ?? []) as { components: Json[] }[]).flatMap((row) =>
    row.components.flatMap((c) => (typeof c.custom_id === 'string' ? [c.custom_id] : [])),
  );
const waitFor = <T>(check: () => T | undefined | false, what: string) => emu.waitFor(check, 10_000, what);

describe('Discord console: files the owner sends', () => {
  before(async () => {
    emu = await DiscordEmulator.start({});
    owner = emu.user('owner', { globalName: 'Olivia' });
    stranger = emu.user('stranger');
    erin = emu.user('erin', { globalName: 'Erin' });
    desk = await startDiscordDesk(emu, owner.id);
  });
  after(async () => {
    await desk?.stop();
    await emu?.close();
  });

  test('an attachment on the owner’s message in the post → a pending file reply → Send → a DM with the file', async () => {
    emu.sendDM(erin, 'Could I get the warranty card?');
    const thread = await waitFor(() => emu.threads()[0], 'the customer’s post');
    await waitFor(() => emu.messagesIn(thread.id).length >= 2 || undefined, 'the post’s cards');
    const before = emu.messagesIn(thread.id).length;
    // A PDF's own signature: Discord (and discord.js) tell a file's type from its bytes.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(12_336)]);
    emu.postInThread(
      thread.id,
      owner,
      'Attached.',
      [],
      [{ name: 'warranty.pdf', contentType: 'application/pdf', bytes }],
    );
    const card = await waitFor(
      () =>
        emu
          .messagesIn(thread.id)
          .slice(before)
          .find((m) => (m.author as FakeUser).id === emu.bot.id && /warranty\.pdf/.test(String(m.content))),
      'the pending file reply card',
    );
    assert.equal(emu.cdnFetches.length, 1, 'the desk downloaded the attachment once');
    const send = customIds(card).find((id) => decodeAction(id)?.action === 'send');
    assert.ok(send, 'the card offers Send');
    await desk.drain();
    assert.equal(emu.dmsTo(erin.id).length, 0, 'nothing goes out before Send');

    // A stranger's attachment is ignored.
    emu.postInThread(thread.id, stranger, '', [], [{ name: 'x.png', contentType: 'image/png', bytes }]);
    await desk.drain();
    assert.equal(emu.cdnFetches.length, 1);

    const click = emu.click(owner, String(card.id), send);
    assert.equal((await emu.acknowledged(click)).type, 6);
    const dm = await waitFor(() => emu.dmsTo(erin.id)[0], 'the DM with the file');
    assert.equal(dm.content, 'Attached.');
    assert.deepEqual(
      (dm.attachments as { filename: string; size: number; content_type: string }[]).map((a) => [
        a.filename,
        a.size,
        a.content_type,
      ]),
      [['warranty.pdf', bytes.length, 'application/pdf']],
    );
    await desk.drain();
    assert.equal(emu.dmsTo(erin.id).length, 1, 'exactly one DM');
    assert.deepEqual(emu.violations, []);
  });
});
