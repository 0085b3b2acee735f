/**
 * The owner's shared files on Telegram (issue 19): an image goes by sendPhoto, another file by
 * sendDocument (multipart uploads the emulator checks against the Bot API's 10 MB / 50 MB
 * limits), after the text; a file over 50 MB goes as the signed link in the text instead.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { outboundFiles } from '../../support/outbound-files.js';
import { outboundJob } from '../../support/outbound-job.js';
import { SECRET, startTelegramHarness, TOKEN, type TelegramHarness } from './harness.js';

const ref = (chatId: number) => `telegram:${TOKEN.split(':')[0]}:${chatId}`;
const MB = 1024 * 1024;

describe('Telegram: files the owner sends', () => {
  let h: TelegramHarness;
  before(async () => {
    h = await startTelegramHarness({ webhookSecret: SECRET });
  });
  after(() => h.close());

  test('a photo by sendPhoto and a PDF by sendDocument, after the text, each the very bytes', async () => {
    await h.emulator.userMessage(401, 'send me the receipt please');
    const photo = randomBytes(50_000);
    const pdf = randomBytes(80_000);
    const files = outboundFiles('telegram', [
      { name: 'parcel.jpg', contentType: 'image/jpeg', bytes: photo },
      { name: 'receipt.pdf', contentType: 'application/pdf', bytes: pdf },
    ]);
    const result = await h.module.connector.send(
      outboundJob('telegram', ref(401), 'Here you go.', { files }),
    );
    assert.equal(result.kind, 'sent');
    const sent = h.emulator.sent.filter((m) => m.chatId === '401');
    assert.equal(sent.length, 3);
    assert.equal(sent[0]?.text, 'Here you go.');
    const uploads = h.emulator.uploads.filter((u) => u.chatId === '401');
    assert.deepEqual(
      uploads.map((u) => [u.method, u.name, u.contentType]),
      [
        ['sendPhoto', 'parcel.jpg', 'image/jpeg'],
        ['sendDocument', 'receipt.pdf', 'application/pdf'],
      ],
    );
    assert.ok(uploads[0]?.bytes.equals(photo) && uploads[1]?.bytes.equals(pdf));
    assert.deepEqual(h.emulator.violations, []);
  });

  test('a file alone (no words) is one sendDocument; over 50 MB it is a link in a text instead', async () => {
    await h.emulator.userMessage(402, 'the manual?');
    const alone = outboundFiles('telegram', [
      { name: 'manual.zip', contentType: 'application/zip', bytes: randomBytes(1000) },
    ]);
    assert.equal(
      (await h.module.connector.send(outboundJob('telegram', ref(402), '', { files: alone }))).kind,
      'sent',
    );
    assert.deepEqual(
      h.emulator.uploads.filter((u) => u.chatId === '402').map((u) => u.method),
      ['sendDocument'],
    );
    const huge = outboundFiles('telegram', [
      { name: 'video.mp4', contentType: 'video/mp4', bytes: Buffer.alloc(51 * MB) },
    ]);
    assert.equal(huge[0]?.fit.kind, 'link');
    const before = h.emulator.uploads.length;
    const result = await h.module.connector.send(
      outboundJob('telegram', ref(402), 'The video:', { files: huge }),
    );
    assert.equal(result.kind, 'sent');
    assert.equal(h.emulator.uploads.length, before, 'no upload over the limit');
    const last = h.emulator.sent.filter((m) => m.chatId === '402').at(-1);
    assert.match(last?.text ?? '', /^The video:\n📎 video\.mp4: https:\/\/desk\.example\.com\/files\//);
    assert.deepEqual(h.emulator.violations, []);
  });
});
