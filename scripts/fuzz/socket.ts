/**
 * The website chat socket: connections that send invalid frames (bad JSON, unknown types,
 * wrong field types, ids that break the pattern, empty or oversized text, a message before
 * hello, binary frames). Each connection must end in error frames or a close — never a crash,
 * never a stored message.
 */
import { WebSocket } from 'ws';
import type { Rng } from '../soak/rng.js';
import { junkBody, mutate, randomBytes, randomJson, randomString } from './gen.js';

export function invalidFrame(rng: Rng): string | Buffer {
  const r = rng.next();
  if (r < 0.1) return randomBytes(rng, 256);
  if (r < 0.25) return String(junkBody(rng, '{"type":"message","id":"abcdefgh12","text":"hi"}'));
  if (r < 0.4) return JSON.stringify(randomJson(rng));
  const shapes = [
    { type: 'message', id: randomString(rng, 7), text: 'hello' }, // id too short / bad chars
    { type: 'message', id: 'fuzz-ok-id-0001', text: rng.pick(['', '   ', '\u0000\u0001', 42, null]) },
    { type: 'message', id: 'fuzz-ok-id-0002', text: 'x'.repeat(rng.int(5000, 70_000)) },
    { type: 'message', id: 'fuzz-ok-id-0003', text: 'hi', attachments: [{ url: 'x' }] },
    { type: 'message', id: 'fuzz-ok-id-0004', text: 'hi', extra: true },
    { type: 'hello', visitor: randomString(rng, 100), lang: rng.pick(['en', 'zh', 'xx', 1]) },
    { type: 'hello', visitor: `v1.${randomString(rng, 20)}.${randomString(rng, 20)}` },
    { type: 'email', address: randomString(rng, 300) },
    { type: 'rate', requestId: randomString(rng, 80), score: rng.pick([0, 6, 2.5, '5']) },
    { type: 'seen', upTo: 'x'.repeat(100) },
    { type: randomString(rng, 10) },
  ];
  // A mutation can drop exactly the field that made a frame invalid: draw again until it is not
  // a well-formed chat message ({type: 'message', id, text} and nothing else).
  for (;;) {
    const frame = mutate(rng, rng.pick(shapes) as never);
    if (!wellFormedMessage(frame)) return JSON.stringify(frame);
  }
}

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

function wellFormedMessage(frame: unknown): boolean {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return false;
  const f = frame as Record<string, unknown>;
  const keys = Object.keys(f).sort().join(',');
  return (
    f.type === 'message' &&
    keys === 'id,text,type' &&
    typeof f.id === 'string' &&
    CLIENT_ID.test(f.id) &&
    typeof f.text === 'string' &&
    f.text.trim() !== ''
  );
}

export interface SocketOutcome {
  frames: number;
  errors: number;
  closed: number;
  failures: string[];
}

/** One connection: `count` invalid frames (after a valid hello half of the time). */
export async function fuzzConnection(
  url: string,
  origin: string,
  rng: Rng,
  count: number,
  out: SocketOutcome,
) {
  const ws = new WebSocket(url, { origin });
  let errors = 0;
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  }).catch((err: Error) => {
    out.failures.push(`connect: ${err.message}`);
  });
  if (ws.readyState !== WebSocket.OPEN) return;
  ws.on('message', (data) => {
    try {
      if ((JSON.parse(String(data)) as { type?: string }).type === 'error') errors += 1;
    } catch {
      out.failures.push('the desk sent a frame that is not JSON');
    }
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.on('error', () => undefined);
  if (rng.chance(0.5)) ws.send(JSON.stringify({ type: 'hello', lang: 'en' }));
  for (let i = 0; i < count && ws.readyState === WebSocket.OPEN; i++) {
    ws.send(invalidFrame(rng));
    out.frames += 1;
  }
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 500))]);
  if ((ws.readyState as number) === WebSocket.CLOSED) out.closed += 1;
  ws.terminate();
  out.errors += errors;
}
