/**
 * Full loop through the real desk (createDesk from the config, SQLite store, pipeline,
 * decisions, outbox) with the real discord.js client logged in to the Discord emulator:
 * the customer writes by DM (the Discord connector), the owner works in the forum (the
 * Discord console), both on one shared gateway session.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDesk, type Desk } from '../../../src/app.js';
import { buildStore } from '../../../src/compose/store.js';
import { createCommands } from '../../../commands/index.js';
import type { FiguresSource } from '../../../src/core/ports.js';
import { decodeAction, type ActionRef } from '../../../src/console/card.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { silentLogger } from '../../support/discord-emulator/harness.js';
import { stubClassifier, stubDrafter } from '../../support/stub-nlp.js';
import { testConfig } from '../../support/test-config.js';
import { discordConsoleVars } from '../../support/discord-desk.js';

type Json = Record<string, unknown>;

let emu: DiscordEmulator;
let desk: Desk;
let owner: FakeUser;
let roleOwner: FakeUser;
let stranger: FakeUser;
let alice: FakeUser;

function customIds(message: Json): string[] {
  const out: string[] = [];
  for (const row of (message.components ?? []) as { components: Json[] }[]) {
    for (const c of row.components) {
      if (typeof c.custom_id === 'string') out.push(c.custom_id);
      for (const o of (c.options ?? []) as Json[]) out.push(String(o.value));
    }
  }
  return out;
}

function post(): { threadId: string; messages: Json[] } {
  const thread = emu.threads()[0];
  assert.ok(thread, 'a forum post exists');
  return { threadId: thread.id, messages: emu.messagesIn(thread.id) };
}

/** The newest message in the post with a button for `action`. */
function withAction(action: ActionRef['action']): { message: Json; customId: string } {
  for (const message of [...post().messages].reverse()) {
    const customId = customIds(message).find((id) => decodeAction(id)?.action === action);
    if (customId) return { message, customId };
  }
  throw new Error(`no ${action} button in the post`);
}

const waitFor = <T>(check: () => T | undefined | false, what: string) => emu.waitFor(check, 8000, what);

describe('Discord console + DM connector through createDesk', () => {
  before(async () => {
    emu = await DiscordEmulator.start({ forumFlags: 16 /* REQUIRE_TAG */ });
    owner = emu.user('owner', { globalName: 'Olivia' });
    roleOwner = emu.user('helper');
    stranger = emu.user('stranger');
    alice = emu.user('alice', { globalName: 'Alice Chen' });
    const config = testConfig({
      ...discordConsoleVars(emu, owner.id),
      DISCORD_OWNER_ROLE_ID: emu.ownerRoleId,
    });
    const logger = silentLogger();
    const store = await buildStore(config, logger);
    const commands = createCommands({
      figures: store as unknown as FiguresSource,
      clock: { now: () => new Date() },
      tz: 'UTC',
      chart: false,
    });
    desk = await createDesk(config, {
      store,
      commands,
      logger,
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

  test('one gateway session serves both the console and the connector', () => {
    assert.equal(emu.gatewayStats.identifies.length, 1);
    assert.equal(emu.gatewaySessions, 1);
    // The forum had no tags and requires one: the console created its tags at start.
    assert.ok(emu.tagNames(emu.forumTagIds()).includes('open'));
  });

  test('a customer DM arrives as a forum post with the card, the message and a draft', async () => {
    emu.sendDM(alice, 'Where is my order #1234?');
    await waitFor(() => {
      try {
        return withAction('send');
      } catch {
        return undefined;
      }
    }, 'a draft with Send');
    const { threadId, messages } = post();
    const thread = emu.channels.get(threadId)!;
    assert.match(String(thread.name), /^Alice Chen · Discord$/);
    assert.deepEqual(emu.tagNames(thread.applied_tags).sort(), ['Discord', 'open']);
    const [starter, inbound, draft] = messages;
    assert.equal(starter!.id, threadId, 'the customer card is the post’s first message');
    assert.match(String(starter!.content), /Alice Chen/);
    assert.ok(customIds(starter!).some((id) => decodeAction(id)?.action === 'resolve'));
    assert.match(String(inbound!.content), /Where is my order #1234\?/);
    assert.match(String(inbound!.content), /-# .*order/i, 'classification line');
    assert.match(String(draft!.content), /Hello, we are on it\./);
    const actions = customIds(draft!).map((id) => decodeAction(id)?.action);
    assert.deepEqual(actions.slice(0, 3), ['send', 'edit', 'discard']);
    assert.deepEqual(emu.violations, []);
  });

  test('a non-owner is refused ephemerally and nothing is sent', async () => {
    const { message, customId } = withAction('send');
    const click = emu.click(stranger, String(message.id), customId);
    const ack = await emu.acknowledged(click);
    assert.equal(ack.type, 4);
    assert.equal(Number(ack.data?.flags) & 64, 64, 'ephemeral');
    assert.match(String(ack.data?.content), /Only the desk owners/);
    await desk.drain();
    assert.equal(emu.dmsTo(alice.id).length, 0);
    assert.ok(customIds(message).length > 0, 'the buttons are still there');
  });

  test('Send from an owner delivers exactly once; a second click changes nothing', async () => {
    const { message, customId } = withAction('send');
    const click = emu.click(owner, String(message.id), customId);
    assert.equal((await emu.acknowledged(click)).type, 6);
    await waitFor(() => emu.dmsTo(alice.id).length === 1 || undefined, 'the reply DM');
    assert.equal(emu.dmsTo(alice.id)[0]!.content, 'Hello, we are on it.');
    await waitFor(
      () => customIds(message).length === 0 || undefined,
      'buttons removed from the decided card',
    );
    assert.match(String(message.content), /Sent by Olivia/);
    await waitFor(
      () => /sent|delivered/i.test(String(message.content).split('\n')[2] ?? '') || undefined,
      'delivery state',
    );

    // The owner's app still showed the button (a race): the second click changes nothing.
    const again = emu.click(owner, String(message.id), customId, [], { stale: true });
    assert.equal((await emu.acknowledged(again)).type, 6);
    await waitFor(
      () => again.followUps.find((m) => /already decided/i.test(String(m.content))),
      'already decided',
    );
    await desk.drain();
    assert.equal(emu.dmsTo(alice.id).length, 1);
  });

  test('Edit opens a modal within the limits; the edited text goes out', async () => {
    emu.sendDM(alice, 'Can I change the address?');
    await waitFor(
      () =>
        post().messages.filter((m) => customIds(m).some((id) => decodeAction(id)?.action === 'edit'))
          .length === 1 || undefined,
      'a second draft',
    );
    const { message, customId } = withAction('edit');
    const click = emu.click(roleOwner, String(message.id), customId, [emu.ownerRoleId]);
    const ack = await emu.acknowledged(click);
    assert.equal(ack.type, 9);
    assert.ok(String(ack.data?.title).length <= 45);
    const submit = emu.submitModal(roleOwner, click, { text: 'Yes: reply with the new address, please.' }, [
      emu.ownerRoleId,
    ]);
    assert.equal((await emu.acknowledged(submit)).type, 6);
    await waitFor(() => emu.dmsTo(alice.id).length === 2 || undefined, 'the edited reply');
    assert.equal(emu.dmsTo(alice.id)[1]!.content, 'Yes: reply with the new address, please.');
    await waitFor(
      () => /Edited and sent by helper/.test(String(message.content)) || undefined,
      'decided card',
    );
  });

  test('Remember on the edited reply opens a modal with it; the trimmed answer is remembered', async () => {
    const { message, customId } = withAction('remember');
    assert.match(String(message.content), /Edited and sent by helper/);
    const click = emu.click(roleOwner, String(message.id), customId, [emu.ownerRoleId]);
    const ack = await emu.acknowledged(click);
    assert.equal(ack.type, 9);
    assert.ok(String(ack.data?.title).length <= 45);
    assert.match(JSON.stringify(ack.data), /Yes: reply with the new address, please\./);
    const submit = emu.submitModal(roleOwner, click, { answer: 'Yes: reply with the new address.' }, [
      emu.ownerRoleId,
    ]);
    // The reply to the submission comes after the answer is stored.
    const done = await emu.acknowledged(submit);
    assert.match(String(done.data?.content), /Remembered/);
    const answers = await desk.store.listAnswers('en');
    assert.equal(answers.length, 1);
    assert.equal(answers[0]?.text, 'Yes: reply with the new address.');
    assert.deepEqual(answers[0]?.questions, ['Can I change the address?']);
  });

  test('a draft made from the remembered answer links the message where it was first given', async () => {
    const original = withAction('remember').message;
    const before = post().messages.length;
    emu.sendDM(alice, 'Can I change the address?');
    const card = await waitFor(
      () =>
        post()
          .messages.slice(before)
          .find((m) => /From your answer of/.test(String(m.content))),
      'a draft from the remembered answer',
    );
    assert.match(String(card.content), /Yes: reply with the new address\./);
    const url = `https://discord.com/channels/${emu.guildId}/${post().threadId}/${String(original.id)}`;
    assert.ok(String(card.content).includes(`[original thread](<${url}>)`), String(card.content));
  });

  test('owner text in the post becomes a pending-reply card, never a send', async () => {
    const { threadId } = post();
    const before = post().messages.length;
    emu.postInThread(threadId, owner, 'We will ship a replacement tomorrow.');
    await waitFor(
      () =>
        post()
          .messages.slice(before)
          .find(
            (m) =>
              /We will ship a replacement tomorrow\./.test(String(m.content)) &&
              (m.author as FakeUser).id === emu.bot.id,
          ),
      'pending-reply card',
    );
    const card = post().messages.at(-1)!;
    assert.ok(customIds(card).some((id) => decodeAction(id)?.action === 'send'));
    // A stranger's text in the post is ignored.
    emu.postInThread(threadId, stranger, 'send them a coupon');
    await desk.drain();
    assert.equal(emu.dmsTo(alice.id).length, 2);
    assert.ok(
      !post().messages.some(
        (m) => (m.author as FakeUser).id === emu.bot.id && /coupon/.test(String(m.content)),
      ),
    );
  });

  test('a long customer message is split into messages of at most 2,000 characters', async () => {
    const long = `${'This is a long complaint line about my order. '.repeat(95)}END`;
    const before = post().messages.length;
    emu.sendDM(alice, long);
    await waitFor(
      () =>
        post()
          .messages.slice(before)
          .some((m) => /END/.test(String(m.content))) || undefined,
      'the long message',
    );
    const posted = post()
      .messages.slice(before)
      .filter((m) => (m.author as FakeUser).id === emu.bot.id);
    assert.ok(posted.length >= 3, 'card split over several messages');
    for (const m of posted) assert.ok(String(m.content).length <= 2000);
  });

  test('/cs stats answers an owner (deferred, then edited) and refuses a stranger', async () => {
    const refused = emu.slash(stranger, 'cs', 'stats', { period: '7d' });
    const no = await emu.acknowledged(refused);
    assert.equal(no.type, 4);
    assert.equal(Number(no.data?.flags) & 64, 64);

    const asked = emu.slash(owner, 'cs', 'stats', { period: '7d' });
    const ack = await emu.acknowledged(asked);
    assert.equal(ack.type, 5);
    const answer = await waitFor(
      () => (asked.followUps[0]?.edited_timestamp ? asked.followUps[0] : undefined),
      'the stats answer',
    );
    assert.ok(String(answer.content).length > 0);
    assert.ok((answer.embeds as unknown[]).length > 0, 'figures as embed fields');

    const help = emu.slash(owner, 'cs', 'help');
    assert.equal((await emu.acknowledged(help)).type, 5);
    await waitFor(() => (help.followUps[0]?.edited_timestamp ? true : undefined), 'help');
    assert.match(JSON.stringify(help.followUps[0]), /stats/);
  });

  test('Resolve updates the tags and asks the customer for a rating by buttons', async () => {
    const { threadId } = post();
    const starter = post().messages[0]!;
    const resolve = customIds(starter).find((id) => decodeAction(id)?.action === 'resolve')!;
    const click = emu.click(owner, String(starter.id), resolve);
    assert.equal((await emu.acknowledged(click)).type, 6);
    await waitFor(
      () => emu.tagNames(emu.channels.get(threadId)!.applied_tags).includes('resolved') || undefined,
      'resolved tag',
    );
    assert.ok(customIds(starter).some((id) => decodeAction(id)?.action === 'reopen'));
    const request = await waitFor(
      () => emu.dmsTo(alice.id).find((m) => customIds(m).length === 5),
      'rating request',
    );
    const five = customIds(request).at(-1)!;
    const rate = emu.click(alice, String(request.id), five);
    assert.equal((await emu.acknowledged(rate)).type, 6);
    await waitFor(() => /5\/5/.test(String(starter.content)) || undefined, 'rating on the customer card');
  });

  test('no payload broke a limit and no invalid requests piled up', () => {
    assert.deepEqual(emu.violations, []);
    assert.deepEqual(emu.unhandled, []);
    assert.ok(emu.invalidRequests < 10_000);
    assert.equal(emu.invalidRequests, 0);
    for (const c of emu.calls.filter((x) => x.path.endsWith('/callback'))) assert.ok(c.status < 300, c.path);
  });
});
