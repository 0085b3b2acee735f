/**
 * The desk listens before its consoles and connectors have started (so /health answers at
 * once and the models load meanwhile). A webhook that arrives in that window is held until
 * they have started, then handled as usual — stored, not refused. Only if starting takes
 * longer than `maxWaitMs` does the platform get a 503 with Retry-After, and it retries.
 */
import type { RequestHandler } from 'express';

export interface StartGate {
  middleware: RequestHandler;
  /** Lets every held and later request through. */
  open(): void;
}

export function createStartGate(maxWaitMs = 15_000): StartGate {
  let opened = false;
  let release: () => void = () => {};
  const started = new Promise<void>((resolve) => (release = resolve));
  return {
    middleware: (_req, res, next) => {
      if (opened) return next();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), maxWaitMs);
        timer.unref();
      });
      void Promise.race([started, timedOut]).then((outcome) => {
        clearTimeout(timer);
        if (outcome === 'late') {
          res.status(503).set('Retry-After', '5').json({ error: 'Starting: try again shortly.' });
        } else next();
      });
    },
    open() {
      opened = true;
      release();
    },
  };
}
