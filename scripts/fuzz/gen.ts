/**
 * Seeded generators of malformed input: random bytes and strings (control characters,
 * invalid UTF-8, huge lengths, injection-looking text), random JSON, and mutations of a valid
 * shape (a field dropped, retyped, emptied, nested, oversized).
 */
import type { Rng } from '../soak/rng.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const NASTY = [
  '',
  ' ',
  '\u0000',
  '\r\n\r\n',
  '<!channel>',
  '<script>alert(1)</script>',
  "'; DROP TABLE messages; --",
  '{"$gt": ""}',
  '../../etc/passwd',
  '%00%ff',
  '\ud800',
  '🙂'.repeat(50),
  'A'.repeat(70_000),
  '-1',
  'NaN',
  '1e309',
  '__proto__',
  'constructor',
  'whatsapp:',
  'sd1:send:../../x',
  '=?utf-8?B?AAAA?=',
];

export function randomBytes(rng: Rng, max = 512): Buffer {
  const n = rng.int(0, max);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(0, 255);
  return out;
}

export function randomString(rng: Rng, max = 64): string {
  if (rng.chance(0.3)) return rng.pick(NASTY);
  const n = rng.int(0, max);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    s += String.fromCharCode(
      r < 0.6
        ? rng.int(32, 126)
        : r < 0.75
          ? rng.int(0, 31)
          : r < 0.9
            ? rng.int(0x80, 0x7ff)
            : rng.int(0xd800, 0xdfff),
    );
  }
  return s;
}

export function randomJson(rng: Rng, depth = 0): Json {
  const r = rng.next();
  if (depth > 4 || r < 0.2) return randomScalar(rng);
  if (r < 0.55) return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth + 1));
  const out: Record<string, Json> = {};
  for (let i = rng.int(0, 5); i > 0; i--) out[randomString(rng, 12)] = randomJson(rng, depth + 1);
  return out;
}

function randomScalar(rng: Rng): Json {
  return rng.pick<() => Json>([
    () => null,
    () => rng.chance(0.5),
    () => rng.int(-1e9, 1e9),
    () => rng.next() * 1e300 * (rng.chance(0.5) ? -1 : 1),
    () => randomString(rng),
  ])();
}

/** A copy of `shape` with one to three random changes at random depths. */
export function mutate(rng: Rng, shape: Json): Json {
  let out = structuredClone(shape);
  for (let i = rng.int(1, 3); i > 0; i--) out = mutateOnce(rng, out);
  return out;
}

function mutateOnce(rng: Rng, value: Json): Json {
  if (value === null || typeof value !== 'object')
    return rng.chance(0.5) ? randomScalar(rng) : randomJson(rng);
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  if (keys.length === 0 || rng.chance(0.15)) return rng.chance(0.5) ? randomJson(rng) : [];
  const key = rng.pick(keys as (string | number)[]);
  const bag = value as Record<string | number, Json>;
  const r = rng.next();
  if (r < 0.25 && !Array.isArray(value)) delete bag[key];
  else if (r < 0.5) bag[key] = randomScalar(rng);
  else if (r < 0.6) bag[key] = randomJson(rng);
  else bag[key] = mutateOnce(rng, bag[key] as Json);
  return value;
}

/** A mutated form: fields dropped, emptied, duplicated, or replaced with junk. */
export function mutateForm(rng: Rng, form: Record<string, string>): Record<string, string> {
  const out = { ...form };
  for (let i = rng.int(1, 3); i > 0; i--) {
    const keys = Object.keys(out);
    const key = rng.pick(keys.length ? keys : ['x']);
    const r = rng.next();
    if (r < 0.35) delete out[key];
    else if (r < 0.7) out[key] = randomString(rng, 200);
    else out[randomString(rng, 16)] = randomString(rng);
  }
  return out;
}

/** Text that is not what the route expects: bytes, truncated JSON, wrong content. */
export function junkBody(rng: Rng, valid: string): string | Buffer {
  const r = rng.next();
  if (r < 0.3) return randomBytes(rng, 2048);
  if (r < 0.55) return valid.slice(0, rng.int(0, Math.max(0, valid.length - 1)));
  if (r < 0.7) return JSON.stringify(randomJson(rng));
  if (r < 0.85) return randomString(rng, 400);
  return valid.replace(/[{}[\]"]/g, () => rng.pick(['{', '}', '[', ']', '"', '', '\\']));
}
