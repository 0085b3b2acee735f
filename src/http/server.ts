/**
 * The one HTTP server: health, /query, and the routes connectors and consoles register.
 * There is no global body parser on purpose: webhook routes verify signatures over the
 * raw bytes, so each route parses its own body.
 */
import { createServer, type Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Classifier, Drafter, Logger } from '../core/ports.js';
import { mountQueryRoute } from './query-route.js';

export interface HealthReport {
  ok: boolean;
  store: 'up' | 'down';
  connectors: Record<string, { state: string; detail?: string }>;
  consoles: string[];
}

export interface HttpDeps {
  logger: Logger;
  classifier: Classifier;
  drafter: Drafter;
  health: () => Promise<HealthReport>;
}

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);

  app.get('/health', async (_req, res) => {
    const report = await deps.health();
    res.status(report.ok ? 200 : 503).json(report);
  });
  mountQueryRoute(app, deps);
  return app;
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

export function listen(app: Express, port: number, host: string): Promise<Server> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
