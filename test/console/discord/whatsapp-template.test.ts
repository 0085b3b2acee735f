/**
 * WhatsApp beyond 24 h in Discord (the real discord.js client on the Discord emulator, the
 * real Twilio connector on the Twilio emulator): the draft card offers "Send template…", its
 * modal is prefilled with the approved template and its variables, and submitting it twice
 * sends exactly one WhatsApp message with the content SID.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Desk } from '../../../src/app.js';
import { decodeAction, type ActionRef } from '../../../src/console/card.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import {
  startWhatsappTemplates,
  whatsappInbound,
  WA_CUSTOMER,
  type WhatsappTemplates,
} from '../../support/whatsapp-templates.js';
import { startDiscordDesk } from '../../support/discord-desk.js';

type Json = Record<string, unknown>;

let emu: DiscordEmulator;
let desk: Desk;
let owner: FakeUser;
let wa: WhatsappTemplates;

function customIds(message: Json): string[] {
  const out: string[] = [];
  for (const row of (message.components ?? []) as { components: Json[] }[])
    for (const c of row.components) if (typeof c.custom_id === 'string') out.push(c.custom_id);
  return out;
}

function withAction(action: ActionRef['action']): { message: Json; customId: string } | undefined {
  const thread = emu.threads()[0];
  if (!thread) return undefined;
  for (const message of [...emu.messagesIn(thread.id)].reverse()) {
    const customId = customIds(message).find((id) => decodeAction(id)?.action === action);
    if (customId) return { message, customId };
  }
  return undefined;
}

before(async () => {
  emu = await DiscordEmulator.start();
  owner = emu.user('owner', { globalName: 'Olivia' });
  wa = await startWhatsappTemplates();
  desk = await startDiscordDesk(emu, owner.id, { connectors: [wa.module] });
});

after(async () => {
  await desk?.stop();
  await emu?.close();
  await wa?.stop();
});

test('beyond 24 h: Send template… opens a prefilled modal; two submits send one template message', async () => {
  // The owner sees the message a day later (the connector's and Twilio's clock).
  wa.clock.advance(25 * 3_600_000);
  await desk.intake.receive(whatsappInbound('Any news about my refund?'));
  const found = await emu.waitFor(() => withAction('send_template'), 8000, 'Send template… on the draft');
  const button = (found.message.components as { components: Json[] }[])
    .flatMap((r) => r.components)
    .find((c) => c.custom_id === found.customId);
  assert.equal(button?.label, 'Send template…');

  const click = emu.click(owner, String(found.message.id), found.customId);
  const ack = await emu.acknowledged(click);
  assert.equal(ack.type, 9, 'a modal');
  const inputs = (ack.data?.components as Json[]).map((c) => c.component as Json);
  assert.deepEqual(
    inputs.map((i) => [i.custom_id, i.value]),
    [
      ['tpl', 'request_update'],
      ['var1', 'Ana'],
      ['var2', 'Hello, we are on it.'],
    ],
  );
  assert.deepEqual(emu.violations, []);

  const values = { var2: 'Your refund is on its way.' };
  const first = emu.submitModal(owner, click, values);
  const second = emu.submitModal(owner, click, values);
  await emu.acknowledged(first);
  await emu.acknowledged(second);
  await emu.waitFor(() => wa.emulator.messages.length > 0 || undefined, 8000, 'the template message');
  await desk.drain();
  assert.equal(wa.emulator.messages.length, 1, 'exactly one message');
  const sent = wa.emulator.messages[0]!;
  assert.equal(sent.to, `whatsapp:${WA_CUSTOMER}`);
  assert.equal(sent.contentSid, wa.approved.sid);
  assert.deepEqual(sent.contentVariables, { '1': 'Ana', '2': 'Your refund is on its way.' });
  assert.deepEqual(wa.emulator.violations, []);
  await emu.waitFor(
    // Discord markdown escapes the underscore.
    () => /Template “request\\?_update”/.test(String(found.message.content)) || undefined,
    8000,
    'the decided card names the template',
  );
});
