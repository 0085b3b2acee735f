/**
 * The real Bolt app behind POST /slack/events on the desk's own server, hit with requests
 * signed by Slack's scheme (PLATFORMS.md §7.1–7.3).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from '../../../commands/command.js';
import { FORM, commandForm, eventEnvelope, postSigned } from '../../support/slack-emulator/requests.js';
import {
  OWNER,
  SIGNING_SECRET,
  STRANGER,
  SUPPORT,
  startSlackDesk,
  type SlackDesk,
} from '../../support/slack-emulator/harness.js';

let runs = 0;
const slowStats: Command = {
  name: 'stats',
  usage: 'stats [today|7d|30d|90d|all]',
  summary: { en: 'Figures for a period', zh: '某段时间的数据' },
  async run(args) {
    runs += 1;
    // Slower than Slack's 3 s: the HTTP answer must not wait for it.
    await new Promise((resolve) => setTimeout(resolve, 3300));
    return {
      title: `Figures · ${args[0] ?? '30d'}`,
      sections: [{ fields: [{ label: 'Customers (C)', value: '3' }] }],
    };
  },
};

let d: SlackDesk;
before(async () => {
  d = await startSlackDesk({ commands: [slowStats] });
});
after(async () => {
  await d.stop();
});

/** Posts `/cs <text>` as `user`, signed, with the exact form type Slack uses. */
function slashCommand(
  text: string,
  user: string,
  responseUrl = d.emu.responseUrl(),
  extra: Record<string, string> = {},
): Promise<Response> {
  const body = commandForm({
    command: '/cs',
    text,
    user_id: user,
    channel_id: SUPPORT,
    response_url: responseUrl,
    trigger_id: 't',
    ...extra,
  });
  return postSigned(d.eventsUrl, SIGNING_SECRET, body, { contentType: FORM });
}

/** What was posted to a response_url, once the first post has arrived (or a few seconds passed). */
async function responsePosts(responseUrl: string): Promise<Record<string, unknown>[]> {
  const record = d.emu.responses.get(responseUrl.split('/').pop() as string);
  for (let i = 0; i < 100 && record?.posts.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
  return record?.posts ?? [];
}

const challenge = JSON.stringify({ token: 't', challenge: 'abc123', type: 'url_verification' });

test('a correctly signed url_verification gets the challenge back', async () => {
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, challenge);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { challenge: 'abc123' });
});

test('tampered body, wrong secret, stale timestamp and missing headers get 401', async () => {
  const tampered = await postSigned(d.eventsUrl, SIGNING_SECRET, challenge, {
    sendBody: challenge.replace('abc123', 'evil99'),
  });
  assert.equal(tampered.status, 401);
  const wrongSecret = await postSigned(d.eventsUrl, 'not-the-secret', challenge);
  assert.equal(wrongSecret.status, 401);
  const stale = await postSigned(d.eventsUrl, SIGNING_SECRET, challenge, {
    timestamp: Math.floor(Date.now() / 1000) - 301,
  });
  assert.equal(stale.status, 401);
  const unsigned = await fetch(d.eventsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: challenge,
  });
  assert.equal(unsigned.status, 401);
});

test('a form post with "; charset=utf-8" is a 400 (Bolt only parses the exact form type)', async () => {
  const body = commandForm({
    command: '/cs',
    text: 'help',
    user_id: OWNER,
    channel_id: SUPPORT,
    response_url: d.emu.responseUrl(),
    trigger_id: 't',
  });
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, body, { contentType: `${FORM}; charset=utf-8` });
  assert.equal(res.status, 400);
});

test('/cs is acknowledged before a slow command finishes; the answer comes through response_url', async () => {
  const responseUrl = d.emu.responseUrl();
  const res = await slashCommand('stats 7d', OWNER, responseUrl, {
    user_name: 'owner',
    team_id: 'T0TEAM',
    trigger_id: d.emu.triggerId(),
  });
  // Bolt answers 404 if ack() is not called within 3001 ms; we ack first.
  assert.equal(res.status, 200);
  assert.equal(runs, 1);
  const posts = await responsePosts(responseUrl);
  assert.equal(posts.length, 1);
  assert.equal(posts[0]?.response_type, 'ephemeral');
  assert.match(JSON.stringify(posts[0]?.blocks), /Figures · 7d/);
  assert.deepEqual(d.emu.violations, []);
});

test('/cs help lists the commands; a non-owner is refused ephemerally and nothing runs', async () => {
  const before = runs;
  const strangerRes = await slashCommand('stats', STRANGER);
  assert.equal(strangerRes.status, 200);
  const refusal = (await strangerRes.json()) as { response_type: string; text: string };
  assert.equal(refusal.response_type, 'ephemeral');
  assert.match(refusal.text, /Only the desk owner/);
  assert.equal(runs, before);

  const responseUrl = d.emu.responseUrl();
  const help = await slashCommand('help', OWNER, responseUrl);
  assert.equal(help.status, 200);
  assert.match(
    JSON.stringify((await responsePosts(responseUrl))[0]),
    /\/cs stats \[today\|7d\|30d\|90d\|all\]/,
  );
});

test('a signed event for an unknown thread is accepted and changes nothing', async () => {
  const calls = d.emu.calls.length;
  const body = JSON.stringify(
    eventEnvelope({
      type: 'message',
      user: OWNER,
      text: 'hello',
      ts: '1.000100',
      thread_ts: '1.000001',
      channel: SUPPORT,
      channel_type: 'channel',
    }),
  );
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, body);
  assert.equal(res.status, 200);
  await d.settle();
  assert.equal(d.emu.calls.slice(calls).filter((c) => c.method.startsWith('chat.')).length, 0);
});

test('a used-up response_url (5 posts) makes respond() fail; the answer falls back to chat.postEphemeral', async () => {
  const responseUrl = d.emu.responseUrl();
  for (let i = 0; i < 5; i += 1) {
    const r = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"x"}',
    });
    assert.equal(r.status, 200);
  }
  const before = d.emu.callsTo('chat.postEphemeral').length;
  const res = await slashCommand('help', OWNER, responseUrl);
  assert.equal(res.status, 200);
  await d.settle();
  const fallback = d.emu.callsTo('chat.postEphemeral').slice(before);
  assert.equal(fallback.length, 1);
  assert.equal(fallback[0]?.args.user, OWNER);
  assert.equal(fallback[0]?.ok, true);
  assert.match(JSON.stringify(fallback[0]?.args.blocks), /\/cs stats/);
});
