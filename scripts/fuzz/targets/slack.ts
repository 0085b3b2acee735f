/** Slack's events and interactivity endpoint: signed JSON events and form-encoded button taps. */
import {
  buttonClick,
  eventEnvelope,
  interactionForm,
  slackSignature,
} from '../../../test/support/slack-emulator/requests.js';
import { SLACK } from '../../soak/world.js';
import { junkBody, mutate, randomJson, randomString } from '../gen.js';
import type { HttpTarget } from '../targets.js';
import { FORM, type Json } from './payload.js';

export const slackTarget: HttpTarget = {
  name: 'slack events/interactivity',
  control() {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'fuzz-control', token: 'x' });
    const ts = Math.floor(Date.now() / 1000);
    return {
      method: 'POST',
      path: '/slack/events',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': slackSignature(SLACK.signingSecret, ts, body),
      },
      body,
      expect: 'no5xx',
      stores: false,
    };
  },
  make(rng) {
    const signedOk = rng.chance(0.6);
    let body: string;
    let type = 'application/json';
    const r = rng.next();
    if (r < 0.4) {
      // A tap on a button for a draft that does not exist, or a mangled action id.
      const payload = mutate(
        rng,
        buttonClick({
          user: rng.pick([SLACK.owner, 'U0STRANGER']),
          actionId: rng.pick([
            `sd1:send:${randomString(rng, 20)}`,
            'sd1:send:00000000-fuzz',
            randomString(rng, 40),
          ]),
          channel: SLACK.channel,
          messageTs: '1.000001',
          triggerId: 't',
          responseUrl: 'http://127.0.0.1:1/response',
        }) as never,
      );
      body = interactionForm(payload as Json);
      type = FORM;
    } else if (r < 0.7) {
      body = JSON.stringify(
        mutate(
          rng,
          eventEnvelope({
            type: 'message',
            text: randomString(rng),
            channel: SLACK.channel,
            user: 'U0STRANGER',
            ts: '1.1',
          }) as never,
        ),
      );
    } else {
      body = String(junkBody(rng, JSON.stringify(randomJson(rng))));
      if (rng.chance(0.5)) type = FORM;
    }
    const ts = Math.floor(Date.now() / 1000);
    const signature = signedOk
      ? slackSignature(SLACK.signingSecret, ts, body)
      : rng.pick(['', 'v0=00', slackSignature('wrong', ts, body)]);
    return {
      method: 'POST',
      path: '/slack/events',
      headers: {
        'content-type': type,
        'x-slack-request-timestamp': String(signedOk ? ts : rng.pick([ts, ts - 3600, 0])),
        ...(signature ? { 'x-slack-signature': signature } : {}),
      },
      body,
      expect: signedOk ? 'no5xx' : 'reject',
    };
  },
};
