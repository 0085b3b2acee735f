/** The Telegram webhook: JSON updates with the secret-token header. */
import { createRng, type Rng } from '../../soak/rng.js';
import { TELEGRAM } from '../../soak/world.js';
import { junkBody, mutate, randomJson, randomString } from '../gen.js';
import type { HttpTarget } from '../targets.js';
import { mutateIn, strip, type Json } from './payload.js';

function telegramUpdate(rng: Rng): Json {
  return {
    update_id: rng.int(1, 2 ** 31),
    message: {
      message_id: rng.int(1, 1e6),
      date: Math.floor(Date.now() / 1000),
      chat: { id: 990000001, type: 'private', first_name: 'Fuzz' },
      from: { id: 990000001, is_bot: false, first_name: 'Fuzz', language_code: 'en' },
      text: randomString(rng, 80),
    },
  };
}

export const telegramTarget: HttpTarget = {
  name: 'telegram webhook',
  control() {
    return {
      method: 'POST',
      path: '/telegram/webhook',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM.secret },
      body: JSON.stringify(
        mutateIn(
          telegramUpdate(createRng('telegram-control')),
          ['message', 'text'],
          'fuzz control: where is my order',
        ),
      ),
      expect: 'no5xx',
      stores: true,
    };
  },
  make(rng) {
    const secretOk = rng.chance(0.6);
    const update = rng.chance(0.8)
      ? strip(
          mutate(rng, telegramUpdate(rng) as never) as Json,
          [['message', 'chat'], ['message'], ['update_id']],
          rng,
        )
      : randomJson(rng);
    const raw = rng.chance(0.2) ? junkBody(rng, JSON.stringify(update)) : JSON.stringify(update);
    const secret = secretOk ? TELEGRAM.secret : rng.pick(['', 'wrong', TELEGRAM.secret + 'x']);
    return {
      method: 'POST',
      path: '/telegram/webhook',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      body: raw,
      expect: secretOk ? 'no5xx' : 'reject',
    };
  },
};
