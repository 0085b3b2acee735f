/**
 * The chat wire protocol: JSON text frames. Everything the page sends is validated here
 * before anything else looks at it; a bad frame becomes an error code, never an exception.
 */
import { z } from 'zod';

export const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Practical address check: one @, a dot in the domain, no spaces; RFC 5321 length cap. */
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:.]{2,}$/;

const hello = z.strictObject({
  type: z.literal('hello'),
  visitor: z.string().max(100).optional(),
  lang: z.enum(['en', 'zh']).optional(),
});
const message = z.strictObject({
  type: z.literal('message'),
  id: z.string().regex(CLIENT_ID),
  text: z.string(),
});
const email = z.strictObject({ type: z.literal('email'), address: z.string().max(254) });
const rate = z.strictObject({
  type: z.literal('rate'),
  requestId: z.string().max(64),
  score: z.number().int().min(1).max(5),
});
const seen = z.strictObject({ type: z.literal('seen'), upTo: z.string().max(64) });
const ping = z.strictObject({ type: z.literal('ping') });

const clientFrame = z.discriminatedUnion('type', [hello, message, email, rate, seen, ping]);
export type ClientFrame = z.infer<typeof clientFrame>;

export type ErrorCode =
  | 'bad_json'
  | 'bad_frame'
  | 'unknown_type'
  | 'empty'
  | 'too_long'
  | 'attachments_unsupported'
  | 'rate_limited'
  | 'hello_first'
  | 'not_ready'
  | 'bad_email'
  | 'unknown_rating'
  | 'already_rated'
  | 'rating_refused'
  | 'not_accepted'
  | 'visitor_refused'
  /** Intake limits (the socket closes with 4429 after it): see admission.ts. */
  | 'too_many_connections'
  | 'too_many_new_visitors'
  | 'chat_busy'
  | 'server_error';

export type ParseResult = { ok: true; frame: ClientFrame } | { ok: false; code: ErrorCode; id?: string };

const TYPES = new Set(['hello', 'message', 'email', 'rate', 'seen', 'ping']);

/** Removes control characters other than tab and newline, and normalises line ends. */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\u2028\u2029\ufeff]/g, '')
      .trim()
  );
}

export function parseClientFrame(raw: string, maxMessageLength: number): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'bad_json' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, code: 'bad_frame' };
  const record = data as Record<string, unknown>;
  const id = typeof record.id === 'string' && CLIENT_ID.test(record.id) ? record.id : undefined;
  const withId = <T extends { ok: false; code: ErrorCode }>(r: T) => (id ? { ...r, id } : r);
  if (typeof record.type !== 'string' || !TYPES.has(record.type))
    return withId({ ok: false, code: 'unknown_type' });
  if (record.type === 'message' && ('attachments' in record || 'file' in record || 'image' in record)) {
    return withId({ ok: false, code: 'attachments_unsupported' });
  }
  const parsed = clientFrame.safeParse(data);
  if (!parsed.success) return withId({ ok: false, code: 'bad_frame' });
  const frame = parsed.data;
  if (frame.type === 'message') {
    const text = cleanText(frame.text);
    if (text === '') return withId({ ok: false, code: 'empty' });
    // Code points, not UTF-16 units, so a Chinese or emoji message is measured as people count it.
    if ([...text].length > maxMessageLength) return withId({ ok: false, code: 'too_long' });
    return { ok: true, frame: { ...frame, text } };
  }
  if (frame.type === 'email') {
    const address = frame.address.trim().toLowerCase();
    if (!EMAIL.test(address)) return { ok: false, code: 'bad_email' };
    return { ok: true, frame: { ...frame, address } };
  }
  return { ok: true, frame };
}

/** What the widget shows for one line of the conversation. */
export interface ChatEntry {
  id: string;
  from: 'visitor' | 'owner';
  kind: 'text' | 'rating_request';
  text: string;
  /** ISO time. */
  at: string;
  /** The widget's own id for a visitor message (matches its unsent queue). */
  clientId?: string;
  /** For a rating request: the score given, once rated. */
  rated?: number;
}

export type ServerFrame =
  | {
      type: 'welcome';
      visitor: string;
      history: ChatEntry[];
      emailKnown: boolean;
      ownerOnline: boolean | null;
      /** Owner replies that arrived while the visitor was away and are shown now. */
      missed: number;
      limits: { maxMessageLength: number; messagesPerMinute: number; emailPromptAfterMs: number };
    }
  | { type: 'ack'; id: string; status: 'stored' | 'duplicate'; entry: ChatEntry }
  | { type: 'message'; entry: ChatEntry }
  | { type: 'rated'; requestId: string; score: number }
  | { type: 'email_saved' }
  | { type: 'pong' }
  | { type: 'error'; code: ErrorCode; id?: string; retryAfterMs?: number };
