/**
 * Twilio's transport failures (unavailable, could not place the call) show on the owner's card,
 * so with OWNER_LANGUAGE=zh they are in Chinese; English is unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTwilioConnector } from '../../../connectors/twilio/index.js';
import { createBottleneckPacer } from '../../../src/pacing/bottleneck-pacer.js';
import type { SendResult } from '../../../src/core/ports.js';
import { testDeps } from '../../support/fake-intake.js';
import { outboundJob } from '../../support/outbound-job.js';
import { ACCOUNT_SID, AUTH_TOKEN, OUR_NUMBER, PUBLIC_URL } from '../../support/twilio-emulator/harness.js';

const CUSTOMER = '+15551230009';
const reason = (r: SendResult | { kind: string; reason?: string }) => ('reason' in r ? (r.reason ?? '') : '');

async function failures(ownerLanguage: 'en' | 'zh'): Promise<[string, string]> {
  const pacer = createBottleneckPacer();
  const module = createTwilioConnector(
    {
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      phoneNumber: OUR_NUMBER,
      ownerPhoneNumber: '+15551230001',
      ownerLanguage,
      apiBaseUrl: 'http://127.0.0.1:9',
    },
    testDeps({ pacer, clock: { now: () => new Date() }, publicUrl: PUBLIC_URL }),
  );
  try {
    const sent = await module.connector.send(outboundJob('sms', `sms:${OUR_NUMBER}:${CUSTOMER}`, 'hello'));
    assert.equal(sent.kind, 'retry');
    const call = await module.callBack(CUSTOMER);
    assert.equal(call.kind, 'rejected');
    return [reason(sent), reason(call)];
  } finally {
    await pacer.stop();
  }
}

describe('Twilio failures in the owner language', () => {
  it('reads them in Chinese for zh', async () => {
    const [sent, call] = await failures('zh');
    assert.match(sent, /^Twilio 暂时不可用（.+），稍后重试$/);
    assert.match(call, /^Twilio 无法拨出电话（.+）。$/);
  });

  it('keeps the English reasons for en', async () => {
    const [sent, call] = await failures('en');
    assert.match(sent, /^Twilio unavailable \(.+\)$/);
    assert.match(call, /^Twilio could not place the call \(.+\)\.$/);
  });
});
