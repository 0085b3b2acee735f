/**
 * Replies through the customer-service message API (POST /cgi-bin/message/custom/send), which
 * WeChat opens for 48 hours after the follower's last message (with a per-message count limit),
 * and the reasons the owner reads when WeChat says no (README "WeChat" notes).
 */
import type { PartResult } from '../send-parts.js';
import { fillOwner, OWNER_STRINGS } from '../../src/core/owner-strings/index.js';
import type { AccessTokenCache } from './token.js';
import { TOKEN_ERRORS, TokenError } from './token.js';

export const WINDOW_MS = 48 * 3_600_000;
/** Text per message: WeChat documents no exact cap for custom/send text; kept well inside 2048 bytes. */
export const MAX_TEXT = 600;

export type OwnerLang = 'en' | 'zh';

export function reason(
  key: keyof (typeof OWNER_STRINGS)['en']['wechat'],
  lang: OwnerLang,
  vars: Record<string, string> = {},
): string {
  return OWNER_STRINGS[lang].wechat[key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/** A transport failure (network, token, quota) in the owner's language. */
export function failure(
  key: keyof (typeof OWNER_STRINGS)['en']['wechatSend'],
  lang: OwnerLang,
  vars: Record<string, string | number> = {},
): string {
  return fillOwner(OWNER_STRINGS[lang].wechatSend[key], vars);
}

export interface CustomSend {
  apiUrl: string;
  tokens: AccessTokenCache;
  lang: OwnerLang;
  fetchFn: typeof fetch;
}

/** One text to one OpenID. A refused token is renewed once and the call made again. */
export async function postCustomText(
  deps: CustomSend,
  openid: string,
  text: string,
): Promise<PartResult<number>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let token: string;
    try {
      token = await deps.tokens.get();
    } catch (error) {
      return tokenFailure(error, deps.lang);
    }
    let json: { errcode?: number; errmsg?: string; msgid?: number };
    try {
      const response = await deps.fetchFn(
        `${deps.apiUrl}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ touser: openid, msgtype: 'text', text: { content: text } }),
          signal: AbortSignal.timeout(20_000),
        },
      );
      if (response.status >= 500)
        return { kind: 'retry', reason: failure('http', deps.lang, { status: response.status }) };
      json = (await response.json().catch(() => ({ errcode: -2 }))) as typeof json;
    } catch (error) {
      return { kind: 'retry', reason: failure('unreachable', deps.lang, { error: (error as Error).name }) };
    }
    const code = json.errcode ?? 0;
    if (code === 0) return { kind: 'ok', messageId: json.msgid ?? 0 };
    if (TOKEN_ERRORS.has(code)) {
      deps.tokens.invalidate(token);
      continue;
    }
    return classify(code, json.errmsg, deps.lang);
  }
  return { kind: 'retry', reason: failure('tokenRefusedTwice', deps.lang) };
}

function tokenFailure(error: unknown, lang: OwnerLang): PartResult<number> {
  const code = error instanceof TokenError ? error.errcode : undefined;
  if (code === 40013 || code === 40125 || code === 41004)
    return { kind: 'rejected', reason: reason('credentials', lang, { code: String(code) }) };
  if (code === 40164) return { kind: 'rejected', reason: reason('ipWhitelist', lang) };
  if (code === 45009)
    return {
      kind: 'retry',
      reason: failure('tokenQuota', lang),
      retryAfterMs: 3_600_000,
    };
  return {
    kind: 'retry',
    reason: failure('tokenFailed', lang, { detail: (error as Error).message }),
  };
}

function classify(code: number, errmsg: string | undefined, lang: OwnerLang): PartResult<number> {
  switch (code) {
    case -1:
    case -2:
      return { kind: 'retry', reason: failure('busy', lang, { code }) };
    case 45009:
      return { kind: 'retry', reason: failure('apiQuota', lang), retryAfterMs: 3_600_000 };
    case 45015:
      return { kind: 'rejected', reason: reason('outOfWindow', lang) };
    case 45047:
      return { kind: 'rejected', reason: reason('countLimit', lang) };
    case 43004:
      return { kind: 'rejected', reason: reason('unfollowed', lang) };
    case 48001:
      return { kind: 'rejected', reason: reason('noPermission', lang) };
    case 40164:
      return { kind: 'rejected', reason: reason('ipWhitelist', lang) };
    case 40003:
      return { kind: 'rejected', reason: reason('badOpenid', lang) };
    default:
      // errmsg names the problem and a hint id; it never carries our token.
      return {
        kind: 'rejected',
        reason: reason('other', lang, { code: String(code), detail: (errmsg ?? '').slice(0, 160) }),
      };
  }
}
