/**
 * A signed request whose body is not what Slack sends (an event that is not an object, an
 * interaction whose type is not a string) is refused with 400. Bolt used to throw on them and
 * answer 500, which tells Slack to retry: the fuzz pass (npm run fuzz) found it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FORM, interactionForm, postSigned } from '../../support/slack-emulator/requests.js';
import { SIGNING_SECRET, startSlackDesk, type SlackDesk } from '../../support/slack-emulator/harness.js';

let d: SlackDesk;
before(async () => {
  d = await startSlackDesk();
});
after(async () => {
  await d.stop();
});

const envelope = (event: unknown) =>
  JSON.stringify({
    token: 'x',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: `Ev${Math.random()}`,
    event_time: 1,
  });

test('an event envelope whose event is not an object is refused, never answered 5xx', async () => {
  // Bolt throws on a null event (500 before); the others it acknowledges and drops.
  const nullEvent = await postSigned(d.eventsUrl, SIGNING_SECRET, envelope(null));
  await nullEvent.text();
  assert.equal(nullEvent.status, 400);
  for (const event of ['🙂', 42, ['message'], { text: 'no type' }]) {
    const res = await postSigned(d.eventsUrl, SIGNING_SECRET, envelope(event));
    await res.text();
    assert.ok(res.status < 500, `${JSON.stringify(event)}: ${res.status}`);
  }
});

test('an interaction whose type is not a string is refused with 400', async () => {
  // As the fuzz pass sent it: a Send tap whose `type` came out a number.
  const payload = {
    type: -765802871,
    team: { id: 'T0TEAM', domain: 'emulated' },
    api_app_id: 'A0APP',
    token: 'unused',
    container: { type: 'message', message_ts: '1.000001', channel_id: 'C0SUPPORT', is_ephemeral: false },
    trigger_id: 't',
    channel: { id: 'C0SUPPORT', name: 'support' },
    message: { type: 'message', ts: '1.000001', text: '' },
    response_url: 'http://127.0.0.1:1/response',
    actions: [
      {
        type: 'button',
        action_id: 'sd1:send:00000000-fuzz',
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Send' },
        action_ts: '1796623846.721',
      },
    ],
  };
  const res = await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), { contentType: FORM });
  await res.text();
  assert.equal(res.status, 400);
});

test('a button tap whose actions are not a list of actions is refused with 400', async () => {
  for (const actions of [false, 1.9e299, { a: 1 }, [null], [{ type: 'button' }]]) {
    const payload = {
      type: 'block_actions',
      user: { id: 'U0OWNER' },
      channel: null,
      message: false,
      actions,
    };
    const res = await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), {
      contentType: FORM,
    });
    await res.text();
    assert.equal(res.status, 400, JSON.stringify(actions));
  }
});

test('a button tap without a user, or with a channel that is not an object, is refused with 400', async () => {
  const actions = [{ type: 'button', action_id: 'sd1:send:00000000-fuzz', block_id: 'b1' }];
  for (const extra of [{}, { user: null }, { user: { id: 'U0OWNER' }, channel: null }]) {
    const payload = { type: 'block_actions', actions, ...extra };
    const res = await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), {
      contentType: FORM,
    });
    await res.text();
    assert.equal(res.status, 400, JSON.stringify(extra));
  }
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cases below mangle fields at any depth, as the fuzz pass does
type Loose = Record<string, any>;

/** A signed message event envelope as the fuzz pass builds it, with `change` applied. */
function fuzzedEnvelope(change: (env: Loose) => void): string {
  const env: Loose = {
    token: 'verification-token-unused',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    event: { type: 'message', text: 'hello', channel: 'C0SUPPORT', user: 'U0STRANGER', ts: '1.1' },
    type: 'event_callback',
    event_id: `Ev${Math.random()}`,
    event_time: 1,
    authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true }],
  };
  change(env);
  return JSON.stringify(env);
}

const deskCalls = () => d.emu.calls.filter((c) => c.method !== 'auth.test').length;

test('an event envelope with a field Bolt dereferences mangled is refused with 400 and changes nothing', async () => {
  // Each of these made Bolt throw before it acknowledged (500, so Slack retries): found by the
  // fuzz pass, each named by the TypeError it raised inside Bolt.
  const cases: [string, (env: Loose) => void][] = [
    // 'channel' in "FÍ6h…": Bolt files any body with an `event` as an event, whatever its type.
    ['a string event under a mutated type', (e) => ((e.event = 'F\u00cd6h\ud955{v'), (e.type = 'x\ud800'))],
    ['an event without a type field around it', (e) => ((e.event = 'junk'), delete e.type)],
    ["a null channel ('id' in null)", (e) => (e.event.channel = null)],
    ['a null user (null.id)', (e) => (e.event.user = null)],
    ["a numeric channel and no user ('creator' in 7)", (e) => ((e.event.channel = 7), delete e.event.user)],
    ['a string item (\'channel\' in "x")', (e) => (e.event.item = 'x')],
    ['a null subteam (null.created_by)', (e) => ((e.event.subteam = null), delete e.event.user)],
    ['a null authorization (null.is_enterprise_install)', (e) => (e.authorizations = [null])],
    [
      'an authorization team named __proto__ (pool.getOrCreate)',
      (e) => (e.authorizations[0].team_id = '__proto__'),
    ],
    ['an authorization team named toString', (e) => (e.authorizations[0].team_id = 'toString')],
    [
      'a team that is a list naming constructor',
      (e) => ((e.team_id = ['constructor']), delete e.authorizations),
    ],
    ['a team that cannot be made a string', (e) => (e.authorizations[0].team_id = { toString: 'x' })],
    [
      'an enterprise named hasOwnProperty and no team',
      (e) => {
        delete e.team_id;
        e.authorizations[0] = { enterprise_id: 'hasOwnProperty' };
      },
    ],
    ['response_urls that is null', (e) => (e.response_urls = null)],
  ];
  const before = deskCalls();
  const wrong: string[] = [];
  for (const [name, change] of cases) {
    const res = await postSigned(d.eventsUrl, SIGNING_SECRET, fuzzedEnvelope(change));
    await res.text();
    if (res.status !== 400) wrong.push(`${name}: ${res.status}`);
  }
  assert.deepEqual(wrong, []);
  await d.settle();
  assert.equal(deskCalls(), before, 'no Slack call was made for a refused request');
});

test('an interaction Bolt files by its fields, not its type, is refused with 400 when they are mangled', async () => {
  // `actions` present makes it an action for Bolt even when `type` is some other string; it
  // then reads user.id.
  const actions = [{ type: 'button', action_id: 'sd1:send:00000000-fuzz', block_id: 'b1' }];
  const wrong: string[] = [];
  for (const payload of [
    { type: 'not_block_actions', actions },
    { type: 'view_submission', view: {}, user: null },
    { type: 'shortcut', callback_id: 'x' },
    { type: 'block_suggestion', user: { id: 'U0OWNER' }, channel: null },
  ]) {
    const res = await postSigned(d.eventsUrl, SIGNING_SECRET, interactionForm(payload), {
      contentType: FORM,
    });
    await res.text();
    if (res.status !== 400) wrong.push(`${JSON.stringify(payload)}: ${res.status}`);
  }
  assert.deepEqual(wrong, []);
});

test('a message event with odd but readable fields is still acknowledged', async () => {
  for (const change of [
    (e: Loose) => (e.event.text = 'x\ud955y'),
    (e: Loose) => (e.api_app_id = null),
    (e: Loose) => (e.authorizations = []),
    (e: Loose) => (e.event.channel = { id: 'C0ELSEWHERE' }),
  ]) {
    const res = await postSigned(d.eventsUrl, SIGNING_SECRET, fuzzedEnvelope(change));
    await res.text();
    assert.equal(res.status, 200);
  }
});

test('well-formed requests are still answered as before', async () => {
  const res = await postSigned(
    d.eventsUrl,
    SIGNING_SECRET,
    JSON.stringify({ type: 'url_verification', challenge: 'c-1', token: 'x' }),
  );
  assert.equal(res.status, 200);
  assert.match(await res.text(), /c-1/);
  const unsigned = await postSigned(d.eventsUrl, 'wrong-secret', envelope(null));
  await unsigned.text();
  assert.equal(unsigned.status, 401);
});
