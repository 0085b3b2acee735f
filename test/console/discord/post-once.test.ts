/**
 * A card is posted once even when the desk dies after Discord accepted the post but before
 * the post's id was stored (issue 15, found by the soak). Cards carry a nonce derived from
 * the card with enforce_nonce, so the re-presented message gets its first post back; a
 * forum post whose creation was never stored is found among the active posts and adopted.
 * The "death" is a refs store whose write fails once; each retry runs in a console started
 * anew, as after a restart.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDiscordClient } from '../../../connectors/discord/client.js';
import { createDiscordConsole } from '../../../src/console/discord/index.js';
import { DiscordRefs } from '../../../src/console/discord/refs.js';
import type { DeskEvent } from '../../../src/core/ports.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { recordingPacer, silentLogger } from '../../support/discord-emulator/harness.js';
import { inboundSms, smsCustomerView } from '../../support/desk-events.js';
import { memoryRefs, postingDesk } from '../../support/posting-desk.js';

type Json = Record<string, unknown>;

let emu: DiscordEmulator;
let owner: FakeUser;
const { refs: refsPort, failNext } = memoryRefs();
const refs = new DiscordRefs(refsPort);
const desk = postingDesk(refsPort);

before(async () => {
  emu = await DiscordEmulator.start();
  owner = emu.user('owner');
});
after(async () => {
  await emu.close();
});

/** A console started anew (a restart), publishing one event; rejects when the publish fails. */
async function publishOnce(event: DeskEvent): Promise<void> {
  const handle = createDiscordClient({ token: emu.token, apiUrl: emu.apiUrl, rest: { retries: 0 } });
  const { console } = createDiscordConsole(
    {
      client: handle,
      guildId: emu.guildId,
      forumChannelId: emu.forumId,
      ownerIds: [owner.id],
      language: 'en',
    },
    { logger: silentLogger(), pacer: recordingPacer(), clock: { now: () => new Date() }, commands: [] },
  );
  await console.start(desk);
  try {
    await console.publish(event);
  } finally {
    await console.stop();
  }
}

const viewOf = (id: string) => smsCustomerView(id, `Bo ${id}`);
const inbound = inboundSms;

const saying = (threadId: string, text: string) =>
  emu.messagesIn(threadId).filter((m: Json) => String(m.content ?? '').includes(text));
const postsNamed = (name: string) =>
  [...emu.channels.values()].filter((c) => c.type === 11 && String(c.name).startsWith(name));

test('an inbound card whose ref was lost after the post is not posted twice on retry', async () => {
  const view = viewOf('cus1');
  await publishOnce(inbound(view, 'm1', 'first message'));
  const threadId = (await refs.post('cus1'))!;

  failNext.add('card:message:m2');
  const event = inbound(view, 'm2', 'my parcel is late');
  await assert.rejects(publishOnce(event), /desk died/);
  assert.equal(saying(threadId, 'my parcel is late').length, 1, 'Discord accepted the post');
  assert.equal(await refs.card('message:m2'), undefined, 'but its ref was not stored');

  await publishOnce(event); // restart: the pipeline re-presents the message
  const cards = saying(threadId, 'my parcel is late');
  assert.equal(cards.length, 1, 'exactly one card for the message in the post');
  assert.deepEqual(await refs.card('message:m2'), { threadId, messageId: cards[0]!.id });
  const sent = emu.calls.filter(
    (c) => c.method === 'POST' && c.path.endsWith(`/channels/${threadId}/messages`),
  );
  assert.ok(sent.every((c) => typeof (c.body as Json).nonce === 'string' && (c.body as Json).enforce_nonce));
  assert.deepEqual(emu.violations, []);
});

test('a forum post whose id was lost after it was created is adopted on retry: one post', async () => {
  const view = viewOf('cus2');
  const event = inbound(view, 'm10', 'hello from a new customer');
  // setPost writes thread:<id> first; fail that write whatever the id.
  const realSet = refsPort.set;
  let failed = false;
  refsPort.set = async (c, k, v) => {
    if (!failed && k.startsWith('thread:')) {
      failed = true;
      throw new Error('desk died before the ref was stored');
    }
    return realSet(c, k, v);
  };
  try {
    await assert.rejects(publishOnce(event), /desk died/);
  } finally {
    refsPort.set = realSet;
  }
  assert.equal(postsNamed('Bo cus2').length, 1, 'Discord created the post');
  assert.equal(await refs.post('cus2'), undefined, 'but its id was not stored');

  await publishOnce(event);
  const posts = postsNamed('Bo cus2');
  assert.equal(posts.length, 1, 'exactly one post for the customer');
  assert.equal(await refs.post('cus2'), posts[0]!.id);
  assert.equal(await refs.customerOfThread(posts[0]!.id), 'cus2');
  assert.equal(saying(posts[0]!.id, 'hello from a new customer').length, 1);
});

test('the emulator forgets a nonce after its window, as Discord does', async () => {
  let clock = 0;
  const short = await DiscordEmulator.start({ nonceWindowMs: 60_000, now: () => clock });
  try {
    const view = viewOf('cus3');
    const post = async (nonce: string) => {
      const res = await fetch(`${short.apiUrl}/v10/channels/${short.forumId}/threads`, {
        method: 'POST',
        headers: { authorization: `Bot ${short.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: view.customer.name, message: { content: `n ${nonce}` } }),
      });
      return (await res.json()) as Json;
    };
    const thread = await post('x');
    const send = async (nonce: string) => {
      const res = await fetch(`${short.apiUrl}/v10/channels/${String(thread.id)}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${short.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'card', nonce, enforce_nonce: true }),
      });
      return (await res.json()) as Json;
    };
    const first = await send('abc');
    assert.equal((await send('abc')).id, first.id, 'same nonce within the window: the same message');
    clock += 60_001;
    assert.notEqual((await send('abc')).id, first.id, 'after the window: a new message');
  } finally {
    await short.close();
  }
});
