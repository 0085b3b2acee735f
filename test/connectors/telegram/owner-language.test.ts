/**
 * A Telegram reply that could not be delivered shows its reason on the owner's card, so with
 * OWNER_LANGUAGE=zh it is in Chinese, Telegram's own words only quoted after it; English is unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SendResult } from '../../../src/core/ports.js';
import { outboundJob } from '../../support/outbound-job.js';
import { startTelegramHarness, TOKEN, type TelegramHarness } from './harness.js';

const outbound = (chatId: number, text: string) =>
  outboundJob('telegram', `telegram:${TOKEN.split(':')[0]}:${chatId}`, text);
const reason = (r: SendResult) => ('reason' in r ? r.reason : '');

describe('Telegram send reasons in the owner language', () => {
  let zh: TelegramHarness;
  let en: TelegramHarness;
  before(async () => {
    zh = await startTelegramHarness({ ownerLanguage: 'zh' });
    en = await startTelegramHarness({ ownerLanguage: 'en' });
  });
  after(async () => {
    await zh.close();
    await en.close();
  });

  for (const [lang, expected] of [
    [
      'zh',
      {
        blocked: 'Telegram 拒绝了这条消息：“Forbidden: bot was blocked by the user”',
        server: 'Telegram 出错（502），稍后重试',
        notRef: '不是 Telegram 回复地址',
      },
    ],
    [
      'en',
      {
        blocked: 'Telegram refused the message: Forbidden: bot was blocked by the user',
        server: 'Telegram error 502',
        notRef: 'not a Telegram reply reference',
      },
    ],
  ] as const) {
    test(`a refused, a failed and a misaddressed send read in ${lang}`, async () => {
      const h = lang === 'zh' ? zh : en;
      await h.emulator.userMessage(401, 'hi');
      h.emulator.failNext('sendMessage', 1, {
        ok: false,
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      const blocked = await h.module.connector.send(outbound(401, 'y'));
      assert.equal(blocked.kind, 'rejected');
      assert.equal(reason(blocked), expected.blocked);
      h.emulator.failNext('sendMessage', 1, { ok: false, error_code: 502, description: 'Bad Gateway' });
      const flaky = await h.module.connector.send(outbound(401, 'w'));
      assert.equal(flaky.kind, 'retry');
      assert.equal(reason(flaky), expected.server);
      const wrong = await h.module.connector.send(outboundJob('telegram', 'telegram:nope', 'x'));
      assert.equal(reason(wrong), expected.notRef);
    });
  }
});
