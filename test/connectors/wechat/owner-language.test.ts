/**
 * WeChat's transport failures (HTTP, network, access_token, quota, busy) show on the owner's
 * failed delivery card, so with OWNER_LANGUAGE=zh they are in Chinese; English is unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postCustomText, type CustomSend, type OwnerLang } from '../../../connectors/wechat/send.js';
import { TokenError, type AccessTokenCache } from '../../../connectors/wechat/token.js';

function api(lang: OwnerLang, fetchFn: typeof fetch, tokenError?: Error): CustomSend {
  const tokens = {
    get: async () => {
      if (tokenError) throw tokenError;
      return 'tok';
    },
    invalidate: () => undefined,
  } as unknown as AccessTokenCache;
  return { apiUrl: 'http://127.0.0.1:1', tokens, lang, fetchFn };
}
const answer = (status: number, body: object) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
const reason = (r: { kind: string; reason?: string }) => r.reason ?? '';

async function reasons(lang: OwnerLang): Promise<string[]> {
  const down = (async () => {
    throw Object.assign(new Error('x'), { name: 'TimeoutError' });
  }) as unknown as typeof fetch;
  return [
    reason(await postCustomText(api(lang, answer(502, {})), 'o1', 'hi')),
    reason(await postCustomText(api(lang, down), 'o1', 'hi')),
    reason(await postCustomText(api(lang, answer(200, { errcode: -1, errmsg: 'system error' })), 'o1', 'hi')),
    reason(await postCustomText(api(lang, answer(200, {}), new TokenError(45009, 'quota')), 'o1', 'hi')),
  ];
}

describe('WeChat transport failures in the owner language', () => {
  it('reads them in Chinese for zh', async () => {
    assert.deepEqual(await reasons('zh'), [
      '微信服务器出错（HTTP 502），稍后重试',
      '无法连接微信（TimeoutError），稍后重试',
      '微信系统繁忙（-1），稍后重试',
      '今日获取微信 access_token 的次数已达上限（45009），稍后重试',
    ]);
  });

  it('keeps the English reasons for en', async () => {
    assert.deepEqual(await reasons('en'), [
      'WeChat HTTP 502',
      'WeChat unreachable: TimeoutError',
      'WeChat busy (-1)',
      'WeChat daily access_token quota reached (45009)',
    ]);
  });
});
