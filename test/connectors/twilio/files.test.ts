/**
 * The owner's shared files on WhatsApp through Twilio (issue 19): one medium per message, the
 * MediaUrl fetched by Twilio (the emulator) and checked against WhatsApp's limits (images
 * JPEG/PNG ≤5 MB, documents ≤16 MB); a second file, or one over the limits, as the link.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { outboundFiles, servedFiles } from '../../support/outbound-files.js';
import { outboundJob } from '../../support/outbound-job.js';
import {
  OUR_WHATSAPP,
  startTwilioHarness,
  type TwilioHarness,
} from '../../support/twilio-emulator/harness.js';

const CUSTOMER = '+15551239901';
const MB = 1024 * 1024;

describe('twilio: files the owner sends on WhatsApp', () => {
  let h: TwilioHarness;
  before(async () => {
    h = await startTwilioHarness();
    await h.post('/twilio/sms', {
      MessageSid: 'SM' + 'f'.repeat(32),
      From: `whatsapp:${CUSTOMER}`,
      To: `whatsapp:${OUR_WHATSAPP}`,
      Body: 'photo of the invoice please',
    });
  });
  after(() => h.stop());

  it('one PDF as WhatsApp media Twilio fetches; the second file goes as a link in the body', async () => {
    const pdf = randomBytes(200_000);
    const served = await servedFiles(
      outboundFiles('whatsapp', [
        { name: 'invoice.pdf', contentType: 'application/pdf', bytes: pdf },
        { name: 'label.png', contentType: 'image/png', bytes: randomBytes(1000) },
      ]),
    );
    try {
      const result = await h.module.connector.send(
        outboundJob('whatsapp', `whatsapp:${OUR_WHATSAPP}:${CUSTOMER}`, 'Both files:', {
          files: served.files,
        }),
      );
      assert.equal(result.kind, 'sent');
      const m = h.emulator.messages.at(-1);
      assert.equal(m?.to, `whatsapp:${CUSTOMER}`);
      assert.equal(m?.mediaUrls.length, 1);
      const media = (await m?.media) ?? [];
      assert.equal(media[0]?.contentType, 'application/pdf');
      assert.ok(media[0]?.bytes.equals(pdf), 'Twilio fetched the very PDF');
      assert.match(m?.body ?? '', /^Both files:\n📎 label\.png: http:\/\/127\.0\.0\.1:\d+\/f\/1\//);
      assert.deepEqual(h.emulator.violations, []);
    } finally {
      await served.close();
    }
  });

  it('an image over WhatsApp’s 5 MB goes as a link, never as media Twilio would refuse', async () => {
    const files = outboundFiles('whatsapp', [
      { name: 'big.jpg', contentType: 'image/jpeg', bytes: Buffer.alloc(6 * MB) },
    ]);
    const result = await h.module.connector.send(
      outboundJob('whatsapp', `whatsapp:${OUR_WHATSAPP}:${CUSTOMER}`, '', { files }),
    );
    assert.equal(result.kind, 'sent');
    const m = h.emulator.messages.at(-1);
    assert.deepEqual(m?.mediaUrls, []);
    assert.match(m?.body ?? '', /^📎 big\.jpg: https:\/\/desk\.example\.com\/files\//);
    assert.deepEqual(h.emulator.violations, []);
  });
});
