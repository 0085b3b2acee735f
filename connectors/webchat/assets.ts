/**
 * The widget script and the demo page, read once at startup and served from memory
 * (pre-gzipped for browsers that accept it).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Express, Request, Response } from 'express';

export interface Asset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  type: string;
}

/**
 * The widget's source parts, in order. They share one function scope: joined inside a single
 * `(function () { 'use strict'; … })();` they are exactly one classic script, as served.
 */
export const WIDGET_PARTS = [
  '01-setup.js',
  '02-text.js',
  '03-look.js',
  '04-panel.js',
  '05-render.js',
  '06-transport.js',
] as const;

/** The widget as served at /chat/widget.js. */
export function widgetSource(): Buffer {
  const parts = WIDGET_PARTS.map((name) =>
    readFileSync(new URL(`./public/widget/${name}`, import.meta.url), 'utf8'),
  );
  return Buffer.from(`(function () {\n'use strict';\n${parts.join('\n')}\n})();\n`);
}

function asset(name: string, type: string, body: Buffer): Asset {
  const gzip = gzipSync(body, { level: 9 });
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, gzip, etag, type };
}

export function loadAssets(): { widget: Asset; demo: Asset } {
  return {
    widget: asset('widget.js', 'application/javascript; charset=utf-8', widgetSource()),
    demo: asset(
      'demo.html',
      'text/html; charset=utf-8',
      readFileSync(new URL('./public/demo.html', import.meta.url)),
    ),
  };
}

function serve(a: Asset, headers: Record<string, string>) {
  return (req: Request, res: Response) => {
    res.set({
      ...headers,
      'Content-Type': a.type,
      ETag: a.etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.headers['if-none-match'] === a.etag) {
      res.status(304).end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) res.set('Content-Encoding', 'gzip');
    res.status(200).send(gzip ? a.gzip : a.body);
  };
}

/** GET /chat/widget.js, GET /chat/demo, and the demo page at GET / when `demoAtRoot`. */
export function mountAssets(app: Express, assets: { widget: Asset; demo: Asset }, demoAtRoot: boolean): void {
  // A classic <script src> needs no CORS; short caching so a new desk version reaches visitors soon.
  app.get('/chat/widget.js', serve(assets.widget, { 'Cache-Control': 'public, max-age=300' }));
  const demo = serve(assets.demo, {
    'Cache-Control': 'no-cache',
    // The widget styles live in a <style> inside its shadow root, hence 'unsafe-inline' for styles only.
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'Referrer-Policy': 'no-referrer',
  });
  app.get('/chat/demo', demo);
  if (demoAtRoot) app.get('/', demo);
}
