/**
 * Small pure helpers of the chat sockets: reply references, error frames, raw frame text.
 */
import type { WebSocket } from 'ws';
import type { ChatEntry, ErrorCode, ServerFrame } from './frames.js';
import type { StoredEntry } from './transcript.js';
import { isVisitorAddress } from './visitor-id.js';

/** What the page may see of an entry (internal fields stay on the server). */
export function publicEntry(entry: StoredEntry): ChatEntry {
  const out: ChatEntry = { id: entry.id, from: entry.from, kind: entry.kind, text: entry.text, at: entry.at };
  if (entry.clientId) out.clientId = entry.clientId;
  if (entry.rated !== undefined) out.rated = entry.rated;
  return out;
}

/** The desk's reply reference form `<channel>:<ours>:<theirs>`; the chat has one endpoint, so ours is empty. */
export function replyRefOf(visitor: string): string {
  return `webchat::${visitor}`;
}

export function visitorOfReplyRef(replyRef: string): string | undefined {
  const [channel, , ...rest] = replyRef.split(':');
  const visitor = rest.join(':');
  return channel === 'webchat' && isVisitorAddress(visitor) ? visitor : undefined;
}

export function error(code: ErrorCode, id?: string): ServerFrame {
  return id ? { type: 'error', code, id } : { type: 'error', code };
}

export function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/** The client id of a failed message frame, so the widget keeps it queued for a resend. */
export function messageIdOf(data: WebSocket.RawData): string | undefined {
  try {
    const frame = JSON.parse(rawText(data)) as { type?: unknown; id?: unknown };
    return frame.type === 'message' && typeof frame.id === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(frame.id)
      ? frame.id
      : undefined;
  } catch {
    return undefined;
  }
}

export function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${(error as NodeJS.ErrnoException).code ?? ''}` : 'unknown';
}
