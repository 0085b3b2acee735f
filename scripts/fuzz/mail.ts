/**
 * The mail parser, in-process: random bytes and mangled copies of a real mail through
 * parseEmail (the function the IMAP intake calls on every fetched message). It may answer
 * "ignored" or reject with an error the intake catches; it must never hang or kill the process.
 */
import { parseEmail } from '../../connectors/email/parse.js';
import type { Rng } from '../soak/rng.js';
import { randomBytes, randomString } from './gen.js';

const BASE = [
  'From: Carol <carol@mail.example>',
  'To: Shop Support <support@shop.example>',
  'Subject: Where is my order',
  'Message-ID: <fuzz-1@mail.example>',
  'In-Reply-To: <sd-1@shop.example>',
  'Date: Thu, 26 Nov 2026 10:30:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Hello =E2=9C=93 where is it?',
  '--b1',
  'Content-Type: application/pdf; name="a.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQK',
  '--b1--',
  '',
].join('\r\n');

export function mangledMail(rng: Rng): Buffer {
  const r = rng.next();
  if (r < 0.25) return randomBytes(rng, 4096);
  const lines = BASE.split('\r\n');
  for (let i = rng.int(1, 6); i > 0; i--) {
    const at = rng.int(0, lines.length - 1);
    const op = rng.next();
    if (op < 0.3) lines.splice(at, 1);
    else if (op < 0.6) lines[at] = randomString(rng, 200);
    else if (op < 0.8)
      lines.splice(
        at,
        0,
        rng.pick([
          'Content-Type: multipart/mixed; boundary=',
          'Content-Transfer-Encoding: base64',
          `Subject: =?${randomString(rng, 8)}?B?${randomString(rng, 20)}?=`,
          'From: <>',
          'From: "a" <@>',
          `Content-Type: text/plain; charset=${randomString(rng, 12)}`,
          'Content-Type: message/rfc822',
          ' folded continuation without a header',
        ]),
      );
    else lines[at] = (lines[at] ?? '').repeat(rng.int(2, 400));
  }
  return Buffer.from(lines.join(rng.pick(['\r\n', '\n', '\r'])), rng.pick(['utf8', 'latin1'] as const));
}

export interface MailOutcome {
  inputs: number;
  messages: number;
  ignored: number;
  bounces: number;
  rejected: number;
  slowest: number;
  failures: string[];
}

export async function fuzzParser(rng: Rng, count: number): Promise<MailOutcome> {
  const out: MailOutcome = {
    inputs: 0,
    messages: 0,
    ignored: 0,
    bounces: 0,
    rejected: 0,
    slowest: 0,
    failures: [],
  };
  const ctx = {
    addresses: ['support@shop.example'],
    messageIdPrefix: '<sd-',
    ourAddress: 'support@shop.example',
    maxAttachmentBytes: 5 * 1024 * 1024,
  };
  for (let i = 0; i < count; i++) {
    const raw = mangledMail(rng);
    out.inputs += 1;
    const began = Date.now();
    try {
      const parsed = await Promise.race([
        parseEmail(raw, ctx),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hung over 10 s')), 10_000)),
      ]);
      if (parsed.kind === 'message') out.messages += 1;
      else if (parsed.kind === 'bounce') out.bounces += 1;
      else out.ignored += 1;
    } catch (err) {
      out.rejected += 1;
      if ((err as Error).message === 'hung over 10 s') out.failures.push(`input ${i}: parseEmail hung`);
    }
    out.slowest = Math.max(out.slowest, Date.now() - began);
  }
  return out;
}
