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
