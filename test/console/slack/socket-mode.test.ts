/**
 * Socket Mode: the emulator answers apps.connections.open with a local ws:// URL, the real
 * socket-mode client connects, receives events in envelopes and acks them by envelope_id.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sms } from '../../support/desk-harness.js';
import { eventEnvelope } from '../../support/slack-emulator/requests.js';
import { OWNER, SUPPORT, startSlackDesk, type SlackDesk } from '../../support/slack-emulator/harness.js';

let d: SlackDesk;
before(async () => {
  d = await startSlackDesk({ console: { appToken: 'xapp-test-token', signingSecret: undefined } });
});
after(async () => {
  await d.stop();
});

test('socket mode connects through apps.connections.open and mounts no HTTP route', async () => {
  assert.equal(d.slack.socketMode, true);
  await d.emu.socketConnected();
  const open = d.emu.callsTo('apps.connections.open');
  assert.equal(open.length, 1);
  assert.equal(open[0]?.ok, true);
  const res = await fetch(d.eventsUrl, { method: 'POST', body: '{}' });
  assert.equal(res.status, 404);
});

test('an owner message event over the socket is acked and becomes a pending-reply card; a retry does not', async () => {
  await d.connector.intake().receive(sms('Hello, is the shop open on Sunday?', '+15550002222'));
  await d.settle();
  const root = d.emu.messages.find((m) => m.channel === SUPPORT && !m.thread_ts);
  assert.ok(root, 'root posted through the Web API in socket mode too');

  const envelope = eventEnvelope({
    type: 'message',
    user: OWNER,
    text: 'Yes, 10 to 4.',
    ts: `${Date.now() / 1000}`,
    thread_ts: root.ts,
    channel: SUPPORT,
    channel_type: 'channel',
  });
  const ack = await d.emu.socketEvent(envelope);
  assert.deepEqual(ack, {});
  await d.settle();
  const pending = () =>
    d.emu.messages.filter((m) => JSON.stringify(m.blocks ?? []).includes('Pending reply'));
  assert.equal(pending().length, 1);
  assert.match(JSON.stringify(pending()[0]?.blocks), /Yes, 10 to 4\./);

  await d.emu.socketEvent(envelope, { retryAttempt: 1 });
  await d.settle();
  assert.equal(pending().length, 1);
  assert.deepEqual(d.emu.violations, []);
});
