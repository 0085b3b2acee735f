/**
 * The full loop with a real website-chat visitor: the visitor's message arrives in
 * Slack as root and thread posts; a signed Send click delivers the reply to the visitor's
 * socket exactly once; a second click changes nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAction } from '../../../src/console/card.js';
import { ChatClient, type Frame } from '../../connectors/webchat/harness.js';
import { type SlackDesk, startSlackDesk, SUPPORT, tapButton } from '../../support/slack-emulator/harness.js';

let d: SlackDesk;
let chat: ChatClient;
before(async () => {
  d = await startSlackDesk();
  const url = d.desk.url.replace('http', 'ws') + '/chat/ws';
  ({ client: chat } = await ChatClient.join(url, d.desk.url));
});
after(async () => {
  chat.close();
  await d.stop();
});

const ownerFrames = () =>
  chat.frames.filter((f: Frame) => f.type === 'message' && (f.entry as { from: string }).from === 'owner');

test('website chat → Slack root + thread; Send delivers to the visitor exactly once', async () => {
  chat.send({ type: 'message', id: 'visitor-msg-0001', text: 'Hi, where is my order 77?' });
  const ack = await chat.next((f) => f.type === 'ack');
  assert.equal(ack.status, 'stored');
  await d.settle();

  const root = d.emu.messages.find((m) => m.channel === SUPPORT && !m.thread_ts);
  assert.ok(root, 'root posted');
  const thread = d.emu.thread(SUPPORT, root.ts).filter((m) => m.thread_ts);
  assert.match(JSON.stringify(thread[0]?.blocks), /Website chat/);
  assert.match(JSON.stringify(thread[0]?.blocks), /where is my order 77\?/);
  const draftCard = thread[1]!;
  const sendId = JSON.stringify(draftCard.blocks).match(/sd1:send:[A-Za-z0-9_.-]+/)?.[0];
  assert.ok(sendId && decodeAction(sendId)?.action === 'send');

  const clickOnce = () => tapButton(d, { actionId: sendId, messageTs: draftCard.ts, threadTs: root.ts });
  await clickOnce();
  const reply = await chat.next(
    (f) => f.type === 'message' && (f.entry as { from: string }).from === 'owner',
  );
  assert.equal((reply.entry as { text: string }).text, 'Hello, we are on it.');

  await clickOnce();
  await d.settle();
  assert.equal(ownerFrames().length, 0, 'no second reply frame arrived');
  assert.match(JSON.stringify(d.emu.messages.find((m) => m.ts === draftCard.ts)?.blocks), /Sent by u0owner/);
  assert.deepEqual(d.emu.violations, []);
});
