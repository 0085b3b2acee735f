/**
 * The life of a file the owner sends (issue 19), through the whole desk: stored before the
 * pending reply names it; Send hands the connector the bytes, the channel's fit and a signed
 * link expiring FILE_LINK_TTL after the Send, and keeps the file exactly that long; Discard
 * deletes it at once; a reply whose file is gone is refused, naming the file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FileSweeper } from '../../src/core/outbound-files.js';
import { createLogger } from '../../src/logging/logger.js';
import { sms, startTestDesk, type TestDesk } from '../support/desk-harness.js';

const owner = { console: 'test', userId: 'U-owner' };
const HOUR = 3_600_000;
const silent = createLogger('silent');
const png = {
  name: 'label.png',
  contentType: 'image/png',
  dataBase64: Buffer.from('PNG-BYTES').toString('base64'),
};

describe('outbound files', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk({ env: { FILE_LINK_TTL: '2h' } });
  });
  after(() => t.stop());

  async function customer(from: string): Promise<string> {
    const result = await t.connector.intake().receive(sms('the label please', from));
    assert.ok(result.kind === 'stored');
    await t.desk.drain();
    return result.customerId;
  }

  it('Send: the connector gets the bytes, the fit and a link expiring FILE_LINK_TTL after the Send', async () => {
    const id = await customer('+15550007001');
    const draft = await t.desk.api.shareFiles(id, '', [png], owner);
    assert.ok(draft?.attachments?.[0]?.fileId);
    const fileId = draft.attachments[0].fileId;
    assert.ok(await t.desk.store.getFile(fileId), 'stored before the draft named it');
    const sentAt = Date.now();
    const result = await t.desk.api.decide({ draftId: draft.id, actor: owner, action: 'send' });
    assert.equal(result.kind, 'queued');
    await t.desk.drain();
    const out = t.connector.sent.find((m) => m.files?.length);
    const file = out?.files?.[0];
    assert.equal(file?.name, 'label.png');
    assert.equal(Buffer.from(file?.dataBase64 ?? '', 'base64').toString(), 'PNG-BYTES');
    assert.deepEqual(file?.fit, { kind: 'attach', as: 'image' });
    assert.match(file?.url ?? '', new RegExp(`/files/${fileId}/label\\.png\\?exp=\\d+&sig=`));
    const ttl = (file?.expiresAt.getTime() ?? 0) - sentAt;
    assert.ok(ttl > 2 * HOUR - 60_000 && ttl <= 2 * HOUR + 60_000, `expires 2 h after Send (${ttl} ms)`);

    const sweepAt = (ms: number) =>
      new FileSweeper({
        store: t.desk.store,
        clock: { now: () => new Date(Date.now() + ms) },
        logger: silent,
      }).sweep();
    assert.equal(await sweepAt(0), 0, 'kept while the link works');
    assert.equal(await sweepAt(3 * HOUR), 1);
    assert.equal(await t.desk.store.getFile(fileId), undefined, 'deleted once the link expired');
  });

  it('Discard deletes the file at once; a reply whose file is gone is refused with its name', async () => {
    const id = await customer('+15550007002');
    const discarded = await t.desk.api.shareFiles(id, 'label', [png], owner);
    assert.ok(discarded?.attachments?.[0]?.fileId);
    assert.equal(
      (await t.desk.api.decide({ draftId: discarded.id, actor: owner, action: 'discard' })).kind,
      'discarded',
    );
    assert.equal(await t.desk.store.getFile(discarded.attachments[0].fileId), undefined);

    const stale = await t.desk.api.shareFiles(id, '', [png], owner);
    assert.ok(stale?.attachments?.[0]?.fileId);
    await t.desk.store.expireFile(stale.attachments[0].fileId, new Date(0));
    await t.desk.store.deleteExpiredFiles(new Date());
    const refused = await t.desk.api.decide({
      draftId: stale.id,
      actor: { ...owner, language: 'zh' },
      action: 'send',
    });
    assert.ok(
      refused.kind === 'rejected' && /label\.png/.test(refused.reason) && /重新分享/.test(refused.reason),
    );
    assert.equal((await t.desk.store.getDraft(stale.id))?.status, 'pending', 'nothing sent');
  });
});
