/** The desk's own public routes: the rating (CSAT) links and /query. */
import { createHmac } from 'node:crypto';
import { junkBody, randomJson, randomString } from '../gen.js';
import type { HttpTarget } from '../targets.js';
import { FORM } from './payload.js';

export const csatTarget: HttpTarget = {
  name: 'csat',
  make(rng) {
    const token = rng.chance(0.5)
      ? encodeURIComponent(randomString(rng, 80).replace(/[\ud800-\udfff]/g, '?')) || 'x'
      : // A well-formed but unsigned token (right shape, wrong MAC).
        `${Buffer.from(JSON.stringify({ c: 'conv', x: Date.now() + 1e6 })).toString('base64url')}.${createHmac('sha256', 'wrong').update('x').digest('base64url')}`;
    const score = rng.pick(['1', '5', '0', '6', '-1', 'x', '3.5', '']);
    const post = rng.chance(0.5);
    return {
      method: post ? 'POST' : 'GET',
      path: `/csat/${token}${score ? `/${score}` : ''}${post ? '' : rng.pick(['', '?lang=zh', '?comment=x'])}`,
      headers: post ? { 'content-type': FORM } : ({} as Record<string, string>),
      ...(post ? { body: new URLSearchParams({ score, comment: randomString(rng, 100) }).toString() } : {}),
      expect: 'reject',
    };
  },
};

export const queryTarget: HttpTarget = {
  name: '/query',
  control: () => ({
    method: 'POST',
    path: '/query',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'where is my order?' }),
    expect: 'no5xx',
    stores: false,
  }),
  make(rng) {
    const r = rng.next();
    const body =
      r < 0.3
        ? String(junkBody(rng, '{"query":"where is my order"}'))
        : r < 0.6
          ? JSON.stringify({ query: rng.pick([null, 42, [], {}, true, '']) })
          : JSON.stringify(rng.chance(0.5) ? randomJson(rng) : { text: rng.pick([null, 7, [''], { a: 1 }]) });
    return {
      method: 'POST',
      path: '/query',
      headers: { 'content-type': rng.pick(['application/json', 'text/plain', FORM]) },
      body,
      // A mangled body can come out valid by chance; only the invalid ones must be refused.
      expect: isValidQuery(body) ? 'no5xx' : 'reject',
    };
  },
};

function isValidQuery(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown> | null;
    const q = parsed && typeof parsed === 'object' ? (parsed.query ?? parsed.text) : undefined;
    return typeof q === 'string' && q.trim() !== '';
  } catch {
    return false;
  }
}
