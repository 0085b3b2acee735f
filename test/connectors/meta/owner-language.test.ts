/**
 * A Messenger/Instagram reply that could not be delivered shows its reason on the owner's card,
 * so with OWNER_LANGUAGE=zh it is in Chinese (Graph's own message only quoted); English is unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SendResult } from '../../../src/core/ports.js';
import { outboundJob } from '../../support/outbound-job.js';
import { PAGE_ID, startMetaHarness, type MetaHarness } from './harness.js';

const outbound = (psid: string, text: string) =>
  outboundJob('messenger', `messenger:${PAGE_ID}:${psid}`, text, { conversationId: 'conv-7' });
const reason = (r: SendResult) => ('reason' in r ? r.reason : '');

describe('Meta send reasons in the owner language', () => {
  const harness: Partial<Record<'en' | 'zh', MetaHarness>> = {};
  before(async () => {
    harness.zh = await startMetaHarness(undefined, { ownerLanguage: 'zh' });
    harness.en = await startMetaHarness(undefined, { ownerLanguage: 'en' });
  });
  after(async () => {
    await harness.zh?.close();
    await harness.en?.close();
  });

  for (const [lang, expected] of [
    [
      'zh',
      {
        server: 'Graph 错误 2：平台出错，稍后重试',
        refused: 'Graph 错误 100：Meta 拒绝了这条消息：“Invalid parameter”',
        notRef: '不是 messenger 回复地址',
      },
    ],
    [
      'en',
      {
        server: 'Graph error 2: platform error',
        refused: 'Graph error 100: Invalid parameter',
        notRef: 'not a messenger reply reference',
      },
    ],
  ] as const) {
    test(`a failed, a refused and a misaddressed send read in ${lang}`, async () => {
      const h = harness[lang]!;
      const { payload } = h.emulator.userMessage('messenger', 'psid-1', { text: 'hi' });
      assert.equal((await h.emulator.deliver(h.webhookUrl, payload)).status, 200);
      h.emulator.failNext(1, { status: 500, error: { message: 'oops', type: 'OAuthException', code: 2 } });
      const flaky = await h.module.connector.send(outbound('psid-1', 'a'));
      assert.equal(flaky.kind, 'retry');
      assert.equal(reason(flaky), expected.server);
      h.emulator.failNext(1, {
        status: 400,
        error: { message: 'Invalid parameter', type: 'OAuthException', code: 100 },
      });
      const refused = await h.module.connector.send(outbound('psid-1', 'b'));
      assert.equal(refused.kind, 'rejected');
      assert.equal(reason(refused), expected.refused);
      const wrong = await h.module.connector.send(outboundJob('messenger', 'messenger:', 'x'));
      assert.equal(reason(wrong), expected.notRef);
    });
  }
});
