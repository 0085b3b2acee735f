/** Small wire helpers for the Discord emulator: snowflakes, bodies, multipart. */
import type { IncomingMessage } from 'node:http';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A real-looking snowflake, so discord.js derives sensible timestamps from ids. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  bytes: Buffer;
}

/**
 * Parses a body as discord.js sends it: JSON, or multipart/form-data with a
 * `payload_json` part plus `files[n]` parts.
 */
export function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): { json: Record<string, unknown>; files: UploadedFile[] } {
  if (raw.length === 0) return { json: {}, files: [] };
  const boundary = /multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (!boundary) return { json: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: [] };
  const files: UploadedFile[] = [];
  let json: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2); // strip CRLFs
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const body = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name === 'payload_json') json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    else if (filename !== undefined) {
      files.push({
        field: name,
        filename,
        contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream',
        size: body.length,
        bytes: Buffer.from(body),
      });
    }
    start = next;
  }
  return { json, files };
}
