/**
 * Replies through the customer-service message API (POST /cgi-bin/message/custom/send), which
 * WeChat opens for 48 hours after the follower's last message (with a per-message count limit),
 * and the reasons the owner reads when WeChat says no (README "WeChat" notes).
 */
import type { PartResult } from '../send-parts.js';
import type { AccessTokenCache } from './token.js';
import { TOKEN_ERRORS, TokenError } from './token.js';

export const WINDOW_MS = 48 * 3_600_000;
/** Text per message: WeChat documents no exact cap for custom/send text; kept well inside 2048 bytes. */
export const MAX_TEXT = 600;

export type OwnerLang = 'en' | 'zh';

const REASONS = {
  windowClosed: {
    en: 'WeChat allows customer-service replies only within 48 hours of the follower’s last message, and that window is closed. Reply on another channel, or wait until the customer writes again.',
    zh: '微信只允许在粉丝最后一条消息后的 48 小时内发送客服消息，该窗口已关闭。请改用其他渠道回复，或等客户再次发消息。',
  },
  outOfWindow: {
    en: 'WeChat refused the reply (45015): more than 48 hours since the customer’s last message, or they unfollowed the account. Reply on another channel.',
    zh: '微信拒绝了回复（45015）：距客户最后一条消息已超过 48 小时，或客户已取消关注。请改用其他渠道回复。',
  },
  countLimit: {
    en: 'WeChat refused the reply (45047): the number of customer-service messages allowed after the customer’s last message is used up. Wait until they write again, or reply on another channel.',
    zh: '微信拒绝了回复（45047）：客户最后一条消息后允许的客服消息条数已用完。请等客户再次发消息，或改用其他渠道回复。',
  },
  unfollowed: {
    en: 'The customer no longer follows the WeChat account (43004), so WeChat will not deliver. Reply on another channel.',
    zh: '客户已不再关注该微信公众号（43004），微信无法送达。请改用其他渠道回复。',
  },
  noPermission: {
    en: 'This WeChat account may not send customer-service messages (48001): it needs a verified service or subscription account with that permission.',
    zh: '该微信公众号没有客服消息接口权限（48001）：需要已认证并具备该权限的公众号。',
  },
  credentials: {
    en: 'WeChat refused the app credentials ({code}): check WECHAT_APP_ID and WECHAT_APP_SECRET.',
    zh: '微信拒绝了应用凭证（{code}）：请检查 WECHAT_APP_ID 和 WECHAT_APP_SECRET。',
  },
  ipWhitelist: {
    en: 'WeChat refused the call from this server’s IP address (40164): add it to the IP whitelist in the WeChat console.',
    zh: '微信拒绝了来自本服务器 IP 的调用（40164）：请在微信公众平台的 IP 白名单中添加该地址。',
  },
  badOpenid: {
    en: 'WeChat does not know this follower (40003).',
    zh: '微信无法识别该粉丝（40003）。',
  },
  other: {
    en: 'WeChat refused the reply ({code}: {detail}).',
    zh: '微信拒绝了回复（{code}：{detail}）。',
  },
} as const;

export function reason(
  key: keyof typeof REASONS,
  lang: OwnerLang,
  vars: Record<string, string> = {},
): string {
  return REASONS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
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
      if (response.status >= 500) return { kind: 'retry', reason: `WeChat HTTP ${response.status}` };
      json = (await response.json().catch(() => ({ errcode: -2 }))) as typeof json;
    } catch (error) {
      return { kind: 'retry', reason: `WeChat unreachable: ${(error as Error).name}` };
    }
    const code = json.errcode ?? 0;
    if (code === 0) return { kind: 'ok', messageId: json.msgid ?? 0 };
    if (TOKEN_ERRORS.has(code)) {
      deps.tokens.invalidate(token);
      continue;
    }
    return classify(code, json.errmsg, deps.lang);
  }
  return { kind: 'retry', reason: 'WeChat refused a fresh access_token twice' };
}

function tokenFailure(error: unknown, lang: OwnerLang): PartResult<number> {
  const code = error instanceof TokenError ? error.errcode : undefined;
  if (code === 40013 || code === 40125 || code === 41004)
    return { kind: 'rejected', reason: reason('credentials', lang, { code: String(code) }) };
  if (code === 40164) return { kind: 'rejected', reason: reason('ipWhitelist', lang) };
  if (code === 45009)
    return {
      kind: 'retry',
      reason: 'WeChat daily access_token quota reached (45009)',
      retryAfterMs: 3_600_000,
    };
  return { kind: 'retry', reason: `could not get a WeChat access_token: ${(error as Error).message}` };
}

function classify(code: number, errmsg: string | undefined, lang: OwnerLang): PartResult<number> {
  switch (code) {
    case -1:
    case -2:
      return { kind: 'retry', reason: `WeChat busy (${code})` };
    case 45009:
      return { kind: 'retry', reason: 'WeChat daily API quota reached (45009)', retryAfterMs: 3_600_000 };
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
