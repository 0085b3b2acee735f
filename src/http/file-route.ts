/**
 * GET /files/<id>/<name>?exp=…&sig=…: the bytes of a file the owner sent, for whoever holds
 * the signed link (Twilio fetching MMS/WhatsApp media, a customer opening a download link).
 * 403 without a valid signature or after the expiry, 404 once the file is gone. Always a
 * download, never rendered by the browser as a page of ours (no sniffing, sandboxed), never
 * cached by proxies, and the link never leaks through a Referer.
 */
import type { Express, Request, Response } from 'express';
import type { Clock, Logger, Store } from '../core/ports.js';
import { verifyFileLink } from './file-link.js';

const HEADERS = {
  'Cache-Control': 'private, no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
} as const;

export function mountFileRoute(
  app: Express,
  deps: { appSecret: string; clock: Clock; store: Pick<Store, 'getFile'>; logger: Logger },
): void {
  app.get('/files/:id/:name', async (req: Request, res: Response) => {
    res.set(HEADERS);
    const id = String(req.params.id ?? '');
    const name = String(req.params.name ?? '');
    const check = verifyFileLink(
      deps.appSecret,
      { id, name, exp: req.query.exp, sig: req.query.sig },
      deps.clock.now(),
    );
    if (!check.ok) {
      deps.logger.info({ reason: check.reason }, 'file link refused');
      res.status(403).type('text').send('This link is not valid or has expired.');
      return;
    }
    const file = await deps.store.getFile(id);
    if (!file) {
      res.status(404).type('text').send('This file is no longer available.');
      return;
    }
    const bytes = Buffer.from(file.dataBase64, 'base64');
    res
      .status(200)
      .set({
        'Content-Type': file.contentType || 'application/octet-stream',
        'Content-Length': String(bytes.length),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      })
      .end(bytes);
  });
}
