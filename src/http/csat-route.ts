/**
 * Email ratings. The mail's five links open GET /csat/<token>?score=N, which only shows a
 * one-tap confirmation page in the customer's language: mail link scanners (Outlook Safe
 * Links and the like) open every link, so a GET must never record. The page's button POSTs
 * the score (and an optional comment) back to /csat/<token>, which re-verifies the signed
 * token and records. The token is the capability (it names the conversation, is signed
 * with APP_SECRET and expires), so a cross-site form cannot rate anything it could not
 * rate with the link itself; the page may not be framed and is never cached.
 */
import express, { type Express, type Request, type Response } from 'express';
import { verifyRatingToken } from '../../connectors/rating-link.js';
import type { Clock, Intake } from '../core/ports.js';
import { choosePage, confirmPage, CSAT_TEXT, langOf, page, thanksPage } from './csat-pages.js';

const STATUS = { malformed: 400, forged: 403, expired: 410 } as const;

/** No framing (clickjacking), no outside resources, forms only back to us, no token in Referer. */
const HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
} as const;

function parseScore(raw: unknown): number | undefined {
  const score = Number(raw);
  return Number.isInteger(score) && score >= 1 && score <= 5 ? score : undefined;
}

export function mountCsatRoute(
  app: Express,
  deps: { appSecret: string; clock: Clock; intake: Intake },
): void {
  const handle = async (req: Request, res: Response) => {
    res.set(HEADERS).type('html');
    const token = String(req.params.token ?? '');
    const check = verifyRatingToken(deps.appSecret, token, deps.clock.now());
    if (!check.ok) {
      const lang = langOf(check.language);
      res.status(STATUS[check.reason]).send(page(lang, CSAT_TEXT[lang][check.reason]));
      return;
    }
    const lang = langOf(check.payload.language);
    const post = req.method === 'POST';
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rawScore = post ? body.score : req.query.score;
    const score = parseScore(rawScore);
    if (score === undefined) {
      res.status(rawScore === undefined ? 200 : 400).send(choosePage(lang, token));
      return;
    }
    if (!post) {
      // Opening a link (by a person or a scanner) records nothing: one tap confirms.
      res.status(200).send(confirmPage(lang, token, score));
      return;
    }
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 2000) : '';
    const result = await deps.intake.rating({
      channel: 'email',
      conversationId: check.payload.conversationId,
      score,
      ...(comment ? { comment } : {}),
    });
    if (result.kind === 'rejected') {
      res.status(404).send(page(lang, CSAT_TEXT[lang].unknown));
      return;
    }
    if (comment) {
      res.status(200).send(page(lang, CSAT_TEXT[lang].commentThanks));
      return;
    }
    res.status(200).send(thanksPage(lang, token, score, result.already === true));
  };
  app.get('/csat/:token', (req, res, next) => void handle(req, res).catch(next));
  app.post(
    '/csat/:token',
    express.urlencoded({ extended: false, limit: '8kb' }),
    (req, res, next) => void handle(req, res).catch(next),
  );
}
