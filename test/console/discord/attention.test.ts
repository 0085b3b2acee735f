/**
 * Attention in Discord, through createDesk and the real discord.js client on the emulator:
 * a DM at night is acknowledged, the customer's post shows the due time and a Snooze menu
 * (presets and the custom-time modal), a new DM wakes a snooze, an overdue reminder mentions
 * the owner, /cs due answers ephemerally and the digest is a forum post of its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDesk, type Desk } from '../../../src/app.js';
import { decodeAction } from '../../../src/console/card.js';
import { SNOOZE_ID } from '../../../src/console/discord/snooze.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { silentLogger } from '../../support/discord-emulator/harness.js';
import { stubClassifier, stubDrafter } from '../../support/stub-nlp.js';
import { testConfig } from '../../support/test-config.js';
import { FRIDAY_23, LONDON, TestClock } from '../../core/attention/support.js';
import { discordConsoleVars } from '../../support/discord-desk.js';

type Json = Record<string, unknown>;

describe('attention in the Discord console', () => {
  let emu: DiscordEmulator;
  let desk: Desk;
  let owner: FakeUser;
  let alice: FakeUser;
  const clock = new TestClock(new Date(FRIDAY_23));
  const waitFor = <T>(check: () => T | undefined | false, what: string) => emu.waitFor(check, 8000, what);
  const customerPost = () => emu.threads().find((t) => /Alice Chen/.test(String(t.name)))!;
  const starter = (): Json => (customerPost() ? (emu.messagesIn(customerPost().id)[0] ?? {}) : {});
  const snoozeValue = (arg: string) => {
    for (const row of (starter().components ?? []) as { components: Json[] }[])
      for (const c of row.components)
        if (c.custom_id === SNOOZE_ID)
          for (const o of (c.options ?? []) as Json[])
            if (decodeAction(o.value)?.arg === arg) return String(o.value);
    return undefined;
  };

  before(async () => {
    emu = await DiscordEmulator.start({});
    owner = emu.user('owner', { globalName: 'Olivia' });
    alice = emu.user('alice', { globalName: 'Alice Chen' });
    const config = testConfig({
      ...LONDON,
      AUTO_ACK: 'outside-hours',
      DIGEST_AT: '08:30',
      ...discordConsoleVars(emu, owner.id),
    });
    desk = await createDesk(config, {
      logger: silentLogger(),
      clock,
      classifier: stubClassifier,
      drafter: stubDrafter,
      terminal: false,
      port: 0,
      outbox: { pollMs: 50, baseDelayMs: 10, maxDelayMs: 50 },
    });
    await desk.start();
  });

  after(async () => {
    await desk?.stop();
    await emu?.close();
  });

  test('a DM at 23:00 on Friday is acknowledged once; the post shows the due time and Snooze', async () => {
    emu.sendDM(alice, 'Where is my order #1234?');
    await waitFor(() => emu.dmsTo(alice.id).length === 1 || undefined, 'the acknowledgement DM');
    assert.match(String(emu.dmsTo(alice.id)[0]!.content), /09:00 Monday \(London time\)/);
    // The post may come a moment after the acknowledgement DM: wait for it rather than assume it.
    await waitFor(
      () => (customerPost() && /Reply due/.test(String(starter().content))) || undefined,
      'the due line',
    );
    await waitFor(() => snoozeValue('1h'), 'the Snooze menu');
    await waitFor(
      () =>
        emu.messagesIn(customerPost().id).some((m) => /Sent automatically/.test(String(m.content))) ||
        undefined,
      'the acknowledgement card',
    );
  });

  test('Snooze: a preset, then a custom time in a modal; a new DM wakes it', async () => {
    const pick = emu.select(owner, String(starter().id), SNOOZE_ID, [snoozeValue('3h')!]);
    assert.equal((await emu.acknowledged(pick)).type, 6);
    await waitFor(() => /snoozed until/.test(String(starter().content)) || undefined, 'snoozed');

    const custom = emu.select(owner, String(starter().id), SNOOZE_ID, [snoozeValue('custom')!]);
    assert.equal((await emu.acknowledged(custom)).type, 9, 'a modal');
    const submit = emu.submitModal(owner, custom, { when: '2027-01-04 09:00' });
    assert.equal((await emu.acknowledged(submit)).type, 6);
    await waitFor(
      () => /snoozed until 2027-01-04 09:00/.test(String(starter().content)) || undefined,
      'custom snooze',
    );

    emu.sendDM(alice, 'Any news?');
    await waitFor(
      () =>
        emu.messagesIn(customerPost().id).some((m) => /Snooze ended early/.test(String(m.content))) ||
        undefined,
      'the wake notice',
    );
    assert.equal(emu.dmsTo(alice.id).length, 1, 'no second acknowledgement');
  });

  test('overdue: one reminder mentioning the owner; /cs due lists the customer; the digest is its own post', async () => {
    clock.set('2027-06-01T13:00:00Z'); // a Tuesday, 14:00 in London
    await desk.scheduler.tick();
    await desk.scheduler.tick();
    await desk.drain();
    await waitFor(
      () => emu.messagesIn(customerPost().id).find((m) => /Reply overdue/.test(String(m.content))),
      'the reminder',
    );
    const reminders = emu
      .messagesIn(customerPost().id)
      .filter((m) => /Reply overdue/.test(String(m.content)));
    assert.equal(reminders.length, 1);
    assert.match(String(reminders[0]!.content), new RegExp(`<@${owner.id}>`));

    const asked = emu.slash(owner, 'cs', 'due');
    assert.equal((await emu.acknowledged(asked)).type, 5);
    const answer = await waitFor(
      () => (asked.followUps[0]?.edited_timestamp ? asked.followUps[0] : undefined),
      'due',
    );
    assert.match(String(answer.content), /Waiting for a reply \(1\)/);
    assert.match(JSON.stringify(answer.embeds), /Alice Chen/);
    assert.match(
      JSON.stringify(answer.embeds),
      new RegExp(`https://discord.com/channels/${emu.guildId}/${customerPost().id}`),
    );

    await waitFor(
      () => emu.threads().find((t) => /Daily digest · 2027-06-01/.test(String(t.name))),
      'the digest post',
    );
    await desk.scheduler.tick();
    assert.equal(emu.threads().filter((t) => /Daily digest · 2027-06-01/.test(String(t.name))).length, 1);
  });
});
