/**
 * The Discord emulator itself: it must refuse what Discord refuses (PLATFORMS.md §7.33–36),
 * or the console and connector tests would prove nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiscordEmulator } from '../../support/discord-emulator/index.js';

let emu: DiscordEmulator;
before(async () => {
  emu = await DiscordEmulator.start({ forumFlags: 16, forumTags: ['open'], interactionDeadlineMs: 500 });
});
after(async () => {
  await emu.close();
});

async function call(method: string, path: string, body?: unknown, auth = true) {
  const res = await fetch(`${emu.apiUrl}/v10${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bot ${emu.token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: res.status,
    body: res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>),
  };
}

const button = (id: string) => ({ type: 2, style: 1, label: 'x', custom_id: id });
const row = (n: number, prefix = 'b') => ({
  type: 1,
  components: Array.from({ length: n }, (_, i) => button(`${prefix}${i}`)),
});

test('forum posts need a name of 1-100, a first message, and 1-5 known tags (REQUIRE_TAG)', async () => {
  const tag = emu.forumTagIds()[0];
  const ok = await call('POST', `/channels/${emu.forumId}/threads`, {
    name: 'Ann',
    message: { content: 'card' },
    applied_tags: [tag],
  });
  assert.equal(ok.status, 201);
  assert.equal((ok.body?.message as { id: string }).id, ok.body?.id, 'starter message id = thread id');
  for (const bad of [
    { name: '', message: { content: 'x' }, applied_tags: [tag] },
    { name: 'n'.repeat(101), message: { content: 'x' }, applied_tags: [tag] },
    { name: 'no message', applied_tags: [tag] },
    { name: 'no tag', message: { content: 'x' } },
    { name: 'six tags', message: { content: 'x' }, applied_tags: Array(6).fill(tag) },
    { name: 'unknown tag', message: { content: 'x' }, applied_tags: ['123'] },
  ]) {
    const res = await call('POST', `/channels/${emu.forumId}/threads`, bad);
    assert.equal(res.status, 400, bad.name);
    assert.equal(res.body?.code, 50035);
  }
  const direct = await call('POST', `/channels/${emu.forumId}/messages`, { content: 'x' });
  assert.equal(direct.status, 400, 'no messages straight into a forum');
});

test('messages: content ≤2000, ≤5 rows, ≤5 buttons a row, custom_id 1-100 and unique', async () => {
  const thread = emu.threads()[0]!.id;
  const path = `/channels/${thread}/messages`;
  assert.equal((await call('POST', path, { content: 'x'.repeat(2000) })).status, 200);
  const bad = [
    { content: 'x'.repeat(2001) },
    { content: 'x', components: [row(6)] },
    { content: 'x', components: Array.from({ length: 6 }, (_, i) => row(1, `r${i}`)) },
    { content: 'x', components: [{ type: 1, components: [button('c'.repeat(101))] }] },
    { content: 'x', components: [{ type: 1, components: [button('same'), button('same')] }] },
    { content: 'x', components: [{ type: 1, components: [{ ...button('l'), label: 'l'.repeat(81) }] }] },
    { content: '' },
  ];
  const before = emu.violations.length;
  for (const body of bad)
    assert.equal((await call('POST', path, body)).status, 400, JSON.stringify(body).slice(0, 60));
  assert.equal(emu.violations.length - before, bad.length);
});

test('interactions: answered within the deadline, once; modals within their limits', async () => {
  const user = emu.user('u');
  const thread = emu.threads()[0]!.id;
  const posted = await call('POST', `/channels/${thread}/messages`, {
    content: 'card',
    components: [row(1, 'btn')],
  });
  const messageId = String(posted.body?.id);

  // The deadline is 500 ms here (Discord: 3 s): long enough that a loaded CI machine still
  // answers the prompt callbacks below in time, short enough to wait out once.
  const late = emu.click(user, messageId, 'btn0');
  await new Promise((r) => setTimeout(r, 650));
  assert.equal(
    (await call('POST', `/interactions/${late.id}/${late.token}/callback`, { type: 6 }, false)).status,
    404,
  );

  const twice = emu.click(user, messageId, 'btn0');
  assert.equal(
    (await call('POST', `/interactions/${twice.id}/${twice.token}/callback`, { type: 6 }, false)).status,
    204,
  );
  assert.equal(
    (await call('POST', `/interactions/${twice.id}/${twice.token}/callback`, { type: 6 }, false)).status,
    400,
  );

  const modal = emu.click(user, messageId, 'btn0');
  const longTitle = {
    type: 9,
    data: {
      custom_id: 'm',
      title: 't'.repeat(46),
      components: [
        { type: 18, label: 'L', component: { type: 4, custom_id: 'x', style: 2, max_length: 4000 } },
      ],
    },
  };
  assert.equal(
    (await call('POST', `/interactions/${modal.id}/${modal.token}/callback`, longTitle, false)).status,
    400,
  );
  const bigInput = {
    type: 9,
    data: {
      custom_id: 'm',
      title: 'Edit',
      components: [
        {
          type: 1,
          components: [{ type: 4, custom_id: 'x', style: 2, label: 'l'.repeat(46), max_length: 4001 }],
        },
      ],
    },
  };
  assert.equal(
    (await call('POST', `/interactions/${modal.id}/${modal.token}/callback`, bigInput, false)).status,
    400,
  );
  assert.ok(emu.violations.some((v) => /answered after/.test(v)));
  assert.ok(emu.violations.some((v) => /acknowledged twice/.test(v)));
  assert.ok(emu.violations.some((v) => /label must be 1-45/.test(v)));
  assert.ok(emu.violations.some((v) => /max_length must be 1-4000/.test(v)));
});

test('401, 403 and 429 answers are counted as invalid requests', async () => {
  const before = emu.invalidRequests;
  assert.equal((await call('GET', '/users/@me', undefined, false)).status, 401);
  emu.rateLimit('GET', /^\/users\/@me$/, 0.01);
  const limited = await call('GET', '/users/@me');
  assert.equal(limited.status, 429);
  assert.equal(limited.body?.retry_after, 0.01);
  assert.equal(emu.invalidRequests - before, 2);
});
