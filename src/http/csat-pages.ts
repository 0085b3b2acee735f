/**
 * The tiny pages of the email rating flow, in the customer's language: no scripts, no
 * external assets, every dynamic value HTML-escaped. Every page that rates does so with a
 * POST form; nothing here is a link that records.
 */
export type Lang = 'en' | 'zh';

export const CSAT_TEXT = {
  en: {
    title: 'Thank you!',
    confirm: 'Your rating',
    confirmSend: 'Send my rating',
    thanks: 'Thank you for your rating',
    already: 'Thank you, we already have this rating.',
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
    confirm: '您的评分',
    confirmSend: '提交评分',
    thanks: '感谢您的评分',
    already: '谢谢，我们已经收到这个评分了。',
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

export function langOf(language: string | undefined): Lang {
  return language === 'zh' || language?.startsWith('zh-') ? 'zh' : 'en';
}

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const stars = (score: number) => `${'★'.repeat(score)}${'☆'.repeat(5 - score)}`;

export function page(lang: Lang, message: string, extra = ''): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(CSAT_TEXT[lang].title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
textarea{width:100%;min-height:6rem;font:inherit}button{font:inherit;padding:.5rem 1rem;margin:.25rem;
border:1px solid #888;border-radius:.4rem;background:#fff;color:#222}button.go{background:#1a7f37;color:#fff;
border-color:#1a7f37;font-size:1.2rem;padding:.75rem 1.5rem}</style>
</head><body><p>${escape(message)}</p>${extra}</body></html>`;
}

function action(token: string): string {
  return `/csat/${encodeURIComponent(token)}`;
}

/** GET …?score=N: what the link says, and the one button that records it. */
export function confirmPage(lang: Lang, token: string, score: number): string {
  const t = CSAT_TEXT[lang];
  const form = `<form method="post" action="${escape(action(token))}">
<input type="hidden" name="score" value="${score}"><label for="c">${escape(t.comment)}</label>
<textarea id="c" name="comment" maxlength="2000"></textarea>
<p><button class="go" type="submit">${escape(t.confirmSend)}</button></p></form>`;
  return page(lang, `${t.confirm}: ${stars(score)} (${score}/5)`, form);
}

/** After the POST: thanks, and a box for a comment (posted with the same score). */
export function thanksPage(lang: Lang, token: string, score: number, already: boolean): string {
  const t = CSAT_TEXT[lang];
  const form = `<form method="post" action="${escape(action(token))}">
<input type="hidden" name="score" value="${score}"><label for="c">${escape(t.comment)}</label>
<textarea id="c" name="comment" maxlength="2000"></textarea><button type="submit">${escape(t.send)}</button></form>`;
  const message = already ? t.already : `${t.thanks}: ${stars(score)}`;
  return page(lang, message, form);
}

/** No score given: five buttons, each a POST of its score. */
export function choosePage(lang: Lang, token: string): string {
  const buttons = [1, 2, 3, 4, 5]
    .map((n) => `<button type="submit" name="score" value="${n}">${n} ★</button>`)
    .join('');
  return page(
    lang,
    CSAT_TEXT[lang].choose,
    `<form method="post" action="${escape(action(token))}"><p>${buttons}</p></form>`,
  );
}
