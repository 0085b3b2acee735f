/**
 * GET /csat/<token>?score=N records a one-click rating from an email and answers with a
 * thank-you page in the customer's language, with an optional comment box
 * (POST /csat/<token>). Clicking the same link again changes nothing.
 */
import express, { type Express, type Request, type Response } from 'express';
import { verifyRatingToken } from '../../connectors/rating-link.js';
import type { Clock, Intake } from '../core/ports.js';

type Lang = 'en' | 'zh';

const TEXT = {
  en: {
    title: 'Thank you!',
    thanks: 'Thank you for your rating',
    comment: 'Anything you would like to tell us? (optional)',
    send: 'Send',
    commentThanks: 'Thank you, we have your comment.',
    choose: 'How did we do?',
    malformed: 'This rating link is not valid.',
    forged: 'This rating link is not valid.',
    expired: 'This rating link has expired. Thank you all the same!',
    unknown: 'We could not find that conversation.',
  },
  zh: {
    title: '谢谢！',
    thanks: '感谢您的评分',
    comment: '还有什么想告诉我们的吗？（可选）',
    send: '提交',
    commentThanks: '谢谢，我们已收到您的留言。',
    choose: '您对本次服务满意吗？',
    malformed: '该评分链接无效。',
    forged: '该评分链接无效。',
    expired: '该评分链接已过期。仍然感谢您！',
    unknown: '找不到该对话。',
  },
} as const;

const STATUS = { malformed: 400, forged: 403, expired: 410 } as const;

export function mountCsatRoute(
  app: Express,
  deps: { appSecret: string; clock: Clock; intake: Intake },
): void {
  const handle = async (req: Request, res: Response) => {
    const token = String(req.params.token ?? '');
    const check = verifyRatingToken(deps.appSecret, token, deps.clock.now());
    if (!check.ok) {
      const lang = langOf(check.language);
      res.status(STATUS[check.reason]).type('html').send(page(lang, TEXT[lang][check.reason]));
      return;
    }
    const lang = langOf(check.payload.language);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rawScore = req.method === 'POST' ? body.score : req.query.score;
    const score = Number(rawScore);
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      res
        .status(rawScore === undefined ? 200 : 400)
        .type('html')
        .send(choosePage(lang, token));
      return;
    }
    const comment =
      req.method === 'POST' && typeof body.comment === 'string' ? body.comment.trim().slice(0, 2000) : '';
    const result = await deps.intake.rating({
      channel: 'email',
      conversationId: check.payload.conversationId,
      score,
      ...(comment ? { comment } : {}),
    });
    if (result.kind === 'rejected') {
      res.status(404).type('html').send(page(lang, TEXT[lang].unknown));
      return;
    }
    res
      .status(200)
      .type('html')
      .send(comment ? page(lang, TEXT[lang].commentThanks) : thanksPage(lang, token, score));
  };
  app.get('/csat/:token', (req, res, next) => void handle(req, res).catch(next));
  app.post(
    '/csat/:token',
    express.urlencoded({ extended: false, limit: '8kb' }),
    (req, res, next) => void handle(req, res).catch(next),
  );
}

function langOf(language: string | undefined): Lang {
  return language === 'zh' ? 'zh' : 'en';
}

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(lang: Lang, message: string, extra = ''): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(TEXT[lang].title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
textarea{width:100%;min-height:6rem;font:inherit}button,a.star{font:inherit;padding:.5rem 1rem;margin:.25rem;
border:1px solid #888;border-radius:.4rem;background:#fff;color:#222;text-decoration:none;display:inline-block}</style>
</head><body><p>${escape(message)}</p>${extra}</body></html>`;
}

function thanksPage(lang: Lang, token: string, score: number): string {
  const t = TEXT[lang];
  const form = `<form method="post" action="/csat/${escape(token)}">
<input type="hidden" name="score" value="${score}"><label for="c">${escape(t.comment)}</label>
<textarea id="c" name="comment" maxlength="2000"></textarea><button type="submit">${escape(t.send)}</button></form>`;
  return page(lang, `${t.thanks}: ${'★'.repeat(score)}${'☆'.repeat(5 - score)}`, form);
}

function choosePage(lang: Lang, token: string): string {
  const links = [1, 2, 3, 4, 5]
    .map((n) => `<a class="star" href="/csat/${escape(token)}?score=${n}">${n} ★</a>`)
    .join('');
  return page(lang, TEXT[lang].choose, `<p>${links}</p>`);
}
