/** The Meta (Messenger/Instagram/WhatsApp Cloud) webhook: JSON signed with the app secret. */
import { metaJson, metaSignature } from '../../../test/support/meta-emulator/index.js';
import { createRng, type Rng } from '../../soak/rng.js';
import { META } from '../../soak/world.js';
import { junkBody, mutate, randomJson, randomString } from '../gen.js';
import type { HttpTarget } from '../targets.js';
import { mutateIn, type Json } from './payload.js';

function metaPayload(rng: Rng): Json {
  return {
    object: 'page',
    entry: [
      {
        id: META.pageId,
        time: Date.now(),
        messaging: [
          {
            sender: { id: '7100000000009999' },
            recipient: { id: META.pageId },
            timestamp: Date.now(),
            message: { mid: `m_fuzz_${rng.int(0, 1e9)}`, text: randomString(rng, 80) },
          },
        ],
      },
    ],
  };
}

export const metaTarget: HttpTarget = {
  name: 'meta webhook',
  control() {
    const payload = metaPayload(createRng('meta-control'));
    const messaging = ((payload.entry as Json[])[0] as Json).messaging as Json[];
    mutateIn(messaging[0] as Json, ['message', 'text'], 'fuzz control: where is my order');
    const raw = metaJson(payload);
    return {
      method: 'POST',
      path: '/meta/webhook',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': metaSignature(raw, META.appSecret),
      },
      body: raw,
      expect: 'no5xx',
      stores: true,
    };
  },
  make(rng) {
    const signedOk = rng.chance(0.6);
    const shaped = rng.chance(0.7);
    const payload = shaped ? (mutate(rng, metaPayload(rng) as never) as Json | null) : randomJson(rng);
    const entry = payload && typeof payload === 'object' ? (payload as Json).entry : undefined;
    const first = Array.isArray(entry) ? (entry[0] as Json | undefined) : undefined;
    const messaging = first && typeof first === 'object' ? first.messaging : undefined;
    const m = Array.isArray(messaging) ? (messaging[0] as Json | undefined) : undefined;
    if (m && typeof m === 'object') {
      delete m.sender;
      if (m.message && typeof m.message === 'object') delete (m.message as Json).mid;
    }
    const raw = rng.chance(0.2) ? junkBody(rng, metaJson(payload)) : metaJson(payload);
    const signature = signedOk
      ? metaSignature(raw, META.appSecret)
      : rng.pick(['', 'sha256=00', metaSignature(raw, 'wrong')]);
    return {
      method: 'POST',
      path: '/meta/webhook',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'x-hub-signature-256': signature } : {}),
      },
      body: raw,
      expect: signedOk ? 'no5xx' : 'reject',
    };
  },
};
