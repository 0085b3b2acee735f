/**
 * The owner's shared files on Messenger and Instagram (issue 19): each an attachment by URL
 * after the text, which Meta (the emulator) downloads from the link and checks against its
 * limits; what Instagram can't take (a PDF) goes as the link in the text.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { outboundFiles, servedFiles } from '../../support/outbound-files.js';
import { outboundJob } from '../../support/outbound-job.js';
import { IG_ID, PAGE_ID, startMetaHarness, type MetaHarness } from './harness.js';

describe('Meta: files the owner sends', () => {
  let h: MetaHarness;
  before(async () => {
    h = await startMetaHarness();
  });
  after(() => h.close());

  async function customerWrites(psid: string, channel: 'messenger' | 'instagram') {
    const { payload } = h.emulator.userMessage(channel, psid, { text: 'hi' });
    assert.equal((await h.emulator.deliver(h.webhookUrl, payload)).status, 200);
    return `${channel}:${channel === 'messenger' ? PAGE_ID : IG_ID}:${psid}`;
  }

  test('Messenger: the text, then an image and a PDF as attachments Meta downloads (the very bytes)', async () => {
    const ref = await customerWrites('psid-files', 'messenger');
    const image = randomBytes(30_000);
    const pdf = randomBytes(40_000);
    const served = await servedFiles(
      outboundFiles('messenger', [
        { name: 'photo.png', contentType: 'image/png', bytes: image },
        { name: 'invoice.pdf', contentType: 'application/pdf', bytes: pdf },
      ]),
    );
    try {
      const result = await h.module.connector.send(
        outboundJob('messenger', ref, 'Here are both.', { files: served.files }),
      );
      assert.equal(result.kind, 'sent');
      const sent = h.emulator.sent.filter((m) => m.recipientId === 'psid-files');
      assert.deepEqual(
        sent.map((m) => [m.text ?? null, m.attachment?.type ?? null]),
        [
          ['Here are both.', null],
          [null, 'image'],
          [null, 'file'],
        ],
      );
      assert.ok(sent[1]?.attachment?.bytes.equals(image) && sent[2]?.attachment?.bytes.equals(pdf));
      assert.deepEqual(served.fetched, ['photo.png', 'invoice.pdf']);
      assert.deepEqual(h.emulator.violations, []);
    } finally {
      await served.close();
    }
  });

  test('Instagram: an image as an attachment; a PDF (no documents on Instagram) as the link', async () => {
    const ref = await customerWrites('igsid-files', 'instagram');
    const served = await servedFiles(
      outboundFiles('instagram', [
        { name: 'label.jpg', contentType: 'image/jpeg', bytes: randomBytes(10_000) },
        { name: 'terms.pdf', contentType: 'application/pdf', bytes: randomBytes(10_000) },
      ]),
    );
    try {
      const result = await h.module.connector.send(
        outboundJob('instagram', ref, '', { files: served.files }),
      );
      assert.equal(result.kind, 'sent');
      const sent = h.emulator.sent.filter((m) => m.recipientId === 'igsid-files');
      assert.equal(sent.length, 2);
      assert.match(sent[0]?.text ?? '', /^📎 terms\.pdf: http:\/\/127\.0\.0\.1:\d+\/f\/1\//);
      assert.equal(sent[1]?.attachment?.type, 'image');
      assert.deepEqual(served.fetched, ['label.jpg']);
      assert.deepEqual(h.emulator.violations, []);
    } finally {
      await served.close();
    }
  });
});
