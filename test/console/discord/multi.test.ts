/**
 * The Discord console beside other channels and consoles, through createDesk: Send via…
 * to another channel, a decision taken elsewhere (Slack, terminal) showing on the Discord
 * card, the post mapping surviving a restart, and a deleted post being recreated.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDesk, type Desk } from '../../../src/app.js';
import type { Config } from '../../../src/config.js';
import { decodeAction } from '../../../src/console/card.js';
import { DiscordEmulator, type FakeUser } from '../../support/discord-emulator/index.js';
import { recordingConnector, type RecordingConnector } from '../../support/recording-connector.js';
import { tempDir, testConfig } from '../../support/test-config.js';
import { sms } from '../../support/desk-harness.js';
import { discordConsoleVars, quickDeskOverrides } from '../../support/discord-desk.js';

type Json = Record<string, unknown>;

let emu: DiscordEmulator;
let owner: FakeUser;
let desk: Desk | undefined;
let connector: RecordingConnector;
const dataDir = tempDir();

function config(): Config {
  return testConfig({
    DATA_DIR: dataDir,
    ...discordConsoleVars(emu, owner.id),
  });
}

async function start(): Promise<Desk> {
  connector = recordingConnector(['sms', 'email']);
  const d = await createDesk(config(), quickDeskOverrides({ connectors: [connector] }));
  await d.start();
  return d;
}

function ids(message: Json): string[] {
  return JSON.stringify(message.components ?? []).match(/sd1:[A-Za-z0-9_.:-]+/g) ?? [];
}

function latestWith(threadId: string, action: string): { message: Json; id: string } | undefined {
  for (const message of [...emu.messagesIn(threadId)].reverse()) {
    const id = ids(message).find((x) => decodeAction(x)?.action === action);
    if (id) return { message, id };
  }
  return undefined;
}

before(async () => {
  emu = await DiscordEmulator.start();
  owner = emu.user('owner', { globalName: 'Olivia' });
  desk = await start();
});

after(async () => {
  await desk?.stop();
  await emu.close();
});

test('Send via… lists the customer’s channels and sends on the one picked', async () => {
  const png = {
    name: 'label.png',
    contentType: 'image/png',
    size: 4,
    dataBase64: Buffer.from('\x89PNG').toString('base64'),
  };
  // Discord answers the first post creation with a 429: discord.js waits retry_after and retries once.
  emu.rateLimit('POST', /^\/channels\/\d+\/threads$/, 0.2);
  await connector.intake().receive(sms('Where is order #77?', '+15550002222', { attachments: [png] }));
  await connector
    .intake()
    .addIdentity('sms', '+15550002222', { channel: 'email', address: 'bo@example.com' });
  await connector.intake().receive(sms('Please email me the invoice', '+15550002222'));
  const thread = await emu.waitFor(
    () => emu.threads().find((t) => /\+15550002222/.test(String(t.name))),
    8000,
    'post',
  );
  const select = await emu.waitFor(
    () => {
      const m = [...emu.messagesIn(thread.id)]
        .reverse()
        .find((x) => JSON.stringify(x.components).includes('"type":3'));
      return m;
    },
    8000,
    'a draft with a Send via menu',
  );
  const options = ids(select).filter((x) => decodeAction(x)?.action === 'send_via');
  assert.deepEqual(options.map((x) => decodeAction(x)?.arg).sort(), ['email', 'sms']);
  const viaEmail = options.find((x) => decodeAction(x)?.arg === 'email')!;
  const pick = emu.select(owner, String(select.id), 'sd-send-via', [viaEmail]);
  assert.equal((await emu.acknowledged(pick)).type, 6);
  await emu.waitFor(
    () => connector.sent.some((m) => m.channel === 'email') || undefined,
    8000,
    'email reply',
  );
  assert.equal(connector.sent.filter((m) => m.channel === 'email').length, 1);
  assert.equal(connector.sent.find((m) => m.channel === 'email')?.replyRef.startsWith('email:'), true);
  await emu.waitFor(() => (ids(select).length === 0 ? true : undefined), 8000, 'decided card');
  assert.match(String(select.content), /Sent by Olivia .*Email/);
  assert.deepEqual(emu.tagNames(thread.applied_tags).sort(), ['Email', 'SMS', 'open']);
  const creates = emu.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/threads'));
  assert.deepEqual(
    creates.map((c) => c.status),
    [429, 201],
  );
  assert.ok(creates[1]!.at - creates[0]!.at >= 200, 'waited retry_after');
  assert.equal(emu.threads().length, 1, 'one post, not two');
  // The inline attachment went up as a file with the message (multipart upload).
  const upload = emu.calls.find((c) => c.files.some((f) => f.filename === 'label.png'));
  assert.ok(upload && upload.status === 200);
  assert.ok(emu.messagesIn(thread.id).some((m) => JSON.stringify(m.attachments).includes('label.png')));
});

test('a decision taken in another console shows on the Discord card and removes its buttons', async () => {
  const thread = emu.threads().find((t) => /\+15550002222/.test(String(t.name)))!;
  const pending = await emu.waitFor(() => latestWith(thread.id, 'send'), 8000, 'a pending draft');
  const draftId = decodeAction(pending.id)!.id;
  const result = await desk!.api.decide({
    draftId,
    action: 'send',
    actor: { console: 'slack', userId: 'U1', name: 'Sam' },
  });
  assert.equal(result.kind, 'queued');
  await emu.waitFor(
    () => (/Sent by Sam/.test(String(pending.message.content)) ? true : undefined),
    8000,
    'card updated',
  );
  assert.equal(ids(pending.message).length, 0);
  const click = emu.click(owner, String(pending.message.id), pending.id, [], { stale: true });
  await emu.waitFor(() => click.followUps[0], 8000, 'already decided');
  assert.match(String(click.followUps[0]!.content), /Already decided by Sam/);
});

test('a DM that cannot be delivered shows as failed with Retry; Retry delivers it once', async () => {
  const bob = emu.user('bob', { globalName: 'Bob' });
  emu.closedDMs.add(bob.id);
  emu.sendDM(bob, 'Do you ship to Canada?');
  const thread = await emu.waitFor(
    () => emu.threads().find((t) => /^Bob · Discord$/.test(String(t.name))),
    8000,
    'post',
  );
  const send = await emu.waitFor(() => latestWith(thread.id, 'send'), 8000, 'draft');
  const click = emu.click(owner, String(send.message.id), send.id);
  assert.equal((await emu.acknowledged(click)).type, 6);
  const retry = await emu.waitFor(() => latestWith(thread.id, 'retry'), 8000, 'Retry button');
  assert.match(String(retry.message.content), /⚠️/);
  assert.equal(emu.dmsTo(bob.id).length, 0);
  emu.closedDMs.delete(bob.id);
  const again = emu.click(owner, String(retry.message.id), retry.id);
  assert.equal((await emu.acknowledged(again)).type, 6);
  await emu.waitFor(() => emu.dmsTo(bob.id).length === 1 || undefined, 8000, 'the retried DM');
  await emu.waitFor(() => (ids(retry.message).length === 0 ? true : undefined), 8000, 'Retry gone');
  await desk!.drain();
  assert.equal(emu.dmsTo(bob.id).length, 1);
});

test('after a restart the customer’s messages go to the same post', async () => {
  const posts = emu.threads().length;
  await desk!.stop();
  desk = await start();
  assert.equal(emu.gatewayStats.identifies.length, 2);
  await connector.intake().receive(sms('Any news on #77?', '+15550002222'));
  const thread = emu.threads().find((t) => /\+15550002222/.test(String(t.name)))!;
  await emu.waitFor(
    () => emu.messagesIn(thread.id).some((m) => /Any news on #77\?/.test(String(m.content))) || undefined,
    8000,
    'message in the old post',
  );
  assert.equal(emu.threads().length, posts);
});

test('a post archived for quiet is reopened when the customer writes again', async () => {
  await desk!.drain(); // the earlier test's cards are all posted
  const thread = emu.threads().find((t) => /\+15550002222/.test(String(t.name)))!;
  emu.archiveThread(thread.id);
  const patches = emu.calls.length;
  await connector.intake().receive(sms('Back after two weeks', '+15550002222'));
  await emu.waitFor(
    () => emu.messagesIn(thread.id).some((m) => /Back after two weeks/.test(String(m.content))) || undefined,
    8000,
    'message in the reopened post',
  );
  const after = emu.calls.slice(patches);
  assert.ok(
    after.some((c) => c.status === 400 && c.method === 'PATCH'),
    'the card edit met the archived post',
  );
  assert.ok(
    after.some((c) => c.method === 'PATCH' && c.body.archived === false),
    'the post was unarchived',
  );
  assert.equal((thread.thread_metadata as Json).archived, false);
});

test('a deleted post is recreated, with a note, instead of losing the customer', async () => {
  const old = emu.threads().find((t) => /\+15550002222/.test(String(t.name)))!;
  emu.deleteThread(old.id);
  await connector.intake().receive(sms('Hello again', '+15550002222'));
  const fresh = await emu.waitFor(
    () => emu.threads().find((t) => /\+15550002222/.test(String(t.name))),
    8000,
    'new post',
  );
  assert.notEqual(fresh.id, old.id);
  await emu.waitFor(
    () => emu.messagesIn(fresh.id).some((m) => /Hello again/.test(String(m.content))) || undefined,
    8000,
    'message in the new post',
  );
  assert.ok(emu.messagesIn(fresh.id).some((m) => /earlier post/.test(String(m.content))));
  assert.deepEqual(emu.violations, []);
});
