/**
 * The one HTTP server: health, /query, and the routes connectors and consoles register.
 * There is no global body parser on purpose: webhook routes verify signatures over the
 * raw bytes, so each route parses its own body.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from '../core/ports.js';
import { queryBody, type AnswerQuery, type AnswerQueryBody } from '../core/query.js';
import { mayReadHealthDetails, NO_LIMITS, queryLimiter, type PublicLimits } from './public-limits.js';
import { createQueryHandler } from './query-route.js';

export interface HealthReport {
  ok: boolean;
  store: 'up' | 'down';
  connectors: Record<string, { state: string; detail?: string }>;
  consoles: string[];
}

export interface HttpDeps {
  logger: Logger;
  answer: AnswerQuery;
  /** POST /query's body as JSON text, when the NLP can build it (the worker): saves the desk's thread the copy and the JSON work. */
  answerBody?: AnswerQueryBody;
  health: () => Promise<HealthReport>;
  /** TRUST_PROXY, the /query rate and HEALTH_TOKEN. Default: no proxy, no limit. */
  limits?: PublicLimits;
}

export interface HttpApp {
  /** Where modules mount their routes. */
  app: Express;
  /** The server's listener: POST /query straight to its handler, everything else to `app`. */
  listener: RequestListener;
}

export function createHttpApp(deps: HttpDeps): HttpApp {
  const app = express();
  app.disable('x-powered-by');
  const limits = deps.limits ?? NO_LIMITS;
  // Express's view of the client (req.ip, req.protocol) follows the same TRUST_PROXY setting.
  app.set(
    'trust proxy',
    limits.proxyTrust === 'off' ? false : limits.proxyTrust === 'all' ? true : limits.proxyTrust,
  );

  // Anyone may ask whether the desk is up; which connectors run (and why one is down) is for
  // this machine or a HEALTH_TOKEN holder only.
  app.get('/health', async (req, res) => {
    const report = await deps.health();
    res.set('Cache-Control', 'no-store');
    res.status(report.ok ? 200 : 503).json(mayReadHealthDetails(req, limits) ? report : { ok: report.ok });
  });
  const answer = deps.answerBody ?? (async (text: string) => queryBody(await deps.answer(text)));
  const query = createQueryHandler({ answer, limit: queryLimiter(limits), logger: deps.logger });
  const listener: RequestListener = (req, res) => {
    if (req.method === 'POST' && (req.url === '/query' || req.url?.startsWith('/query?'))) query(req, res);
    else app(req, res);
  };
  return { app, listener };
}

/** Called after every module mounted its routes, so unknown paths and parse errors end here. */
export function finishHttpApp(app: Express, logger: Logger): void {
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found.' });
  });
  const onError: ErrorRequestHandler = (
    err: { type?: string; status?: number; message?: string },
    req,
    res,
    _next,
  ) => {
    if (err.type === 'entity.too.large') {
      res.status(413).json({ error: 'The request body is too large.' });
      return;
    }
    if (err.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'The request body is not valid JSON.' });
      return;
    }
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error({ path: req.path, err: err.message }, 'request failed');
    res.status(status).json({ error: status === 500 ? 'Internal error.' : (err.message ?? 'Bad request.') });
  };
  app.use(onError);
}

export function listen(listener: RequestListener, port: number, host: string): Promise<Server> {
  const server = createServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
