/**
 * The article's endpoint: POST /query {"query": "..."} answers which channel will respond,
 * with the classification and a drafted reply. Stateless: it stores nothing.
 *
 * A plain node:http handler the server calls before Express: /query is the desk's hot public
 * path (the seed article's benchmark), and Express's router and body parser cost more than the
 * answer's own work on the NLP worker. Limits and error texts are those of the other routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/ports.js';
import type { AnswerQueryBody } from '../core/query.js';

export const QUERY_BODY_LIMIT_BYTES = 16 * 1024;
const MAX_QUERY_CHARS = 5_000;

export interface QueryRouteDeps {
  /** The 200 body as JSON text (src/core/query.ts queryBody). */
  answer: AnswerQueryBody;
  /** ms the caller must wait (0: go on), checked before the body is read. */
  limit: (req: IncomingMessage) => number;
  logger: Logger;
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify(body), headers);
}

function send(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

/** The body as text, or undefined when it passed the limit (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > QUERY_BODY_LIMIT_BYTES) {
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > QUERY_BODY_LIMIT_BYTES) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The query's text, or the 4xx that explains what is wrong with the body. */
function queryText(raw: string): { text: string } | { status: number; error: string } {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { status: 400, error: 'The request body is not valid JSON.' };
  }
  const value =
    body && typeof body === 'object' && !Array.isArray(body)
      ? ((body as Record<string, unknown>).query ?? (body as Record<string, unknown>).text)
      : undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    return {
      status: 400,
      error: 'Send JSON like {"query": "your question"}: "query" must be a non-empty string.',
    };
  }
  if (value.length > MAX_QUERY_CHARS) {
    return { status: 413, error: `"query" is longer than ${MAX_QUERY_CHARS} characters.` };
  }
  return { text: value.trim() };
}

export function createQueryHandler(
  deps: QueryRouteDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Before the body is read: a limited client costs no parsing.
    const wait = deps.limit(req);
    if (wait > 0) {
      req.resume();
      reply(
        res,
        429,
        { error: 'Too many requests: try again after the number of seconds in Retry-After.' },
        { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) },
      );
      return;
    }
    const raw = await readBody(req);
    if (raw === undefined) return reply(res, 413, { error: 'The request body is too large.' });
    const query = queryText(raw);
    if ('error' in query) return reply(res, query.status, { error: query.error });
    send(res, 200, await deps.answer(query.text));
  };
  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.logger.error({ path: '/query', err: (err as Error).message }, 'request failed');
      if (!res.headersSent) reply(res, 500, { error: 'Internal error.' });
      else res.destroy();
    });
  };
}
