/** How the Slack emulator reads requests and writes answers (pure helpers of index.ts). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../local-server.js';
import type { EmulatedMessage } from './records.js';

export const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => sendJson(res, status, body, { 'content-type': 'application/json; charset=utf-8', ...headers });

/**
 * Slack's event metadata: `{event_type, event_payload}` (sent JSON-encoded in a form post).
 * Anything else is rejected as Slack does with invalid_metadata_format.
 */
export function metadataOf(raw: unknown): EmulatedMessage['metadata'] | 'invalid' | undefined {
  if (raw === undefined) return undefined;
  const m = raw as { event_type?: unknown; event_payload?: unknown };
  if (typeof m !== 'object' || m === null || typeof m.event_type !== 'string') return 'invalid';
  if (typeof m.event_payload !== 'object' || m.event_payload === null) return 'invalid';
  return { event_type: m.event_type, event_payload: m.event_payload as Record<string, unknown> };
}

/**
 * conversations.history/replies: `oldest` (exclusive, as Slack) bounds the list, and a
 * message's metadata is returned only when include_all_metadata is set.
 */
export function listed(list: EmulatedMessage[], args: Record<string, unknown>): EmulatedMessage[] {
  const oldest = args.oldest === undefined ? undefined : Number(args.oldest);
  const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
  return list
    .filter((m) => oldest === undefined || Number(m.ts) > oldest)
    .map((m) => {
      if (withMeta || !m.metadata) return m;
      const { metadata: _hidden, ...rest } = m;
      return rest;
    });
}

/**
 * Web API arguments from a JSON, multipart or form body. The WebClient form-encodes args,
 * JSON-stringifying objects; undo that.
 */
export function parseArgs(req: IncomingMessage, raw: Buffer): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json'))
    return JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
  if (type.startsWith('multipart/form-data')) return { multipart: true, bytes: raw.length };
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) {
    if (/^[[{]/.test(v)) {
      try {
        args[k] = JSON.parse(v);
        continue;
      } catch {
        /* keep as string */
      }
    }
    args[k] = v === 'true' ? true : v === 'false' ? false : v;
  }
  return args;
}
