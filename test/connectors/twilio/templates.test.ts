/**
 * WhatsApp templates through the real twilio client and the emulator: the account's
 * WhatsApp-approved Content API templates are listed (and cached), a template goes out
 * beyond the 24-hour window with its ContentSid and ContentVariables, free text still doesn't.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseConfiguredTemplates } from '../../../connectors/twilio/templates.js';
import { outboundJob, testCustomer } from '../../support/outbound-job.js';
import {
  OUR_WHATSAPP,
  startTwilioHarness,
  type TwilioHarness,
} from '../../support/twilio-emulator/harness.js';
import type { EmulatedContent } from '../../support/twilio-emulator/content.js';

const CUSTOMER = '+15551230077';
const REF = `whatsapp:${OUR_WHATSAPP}:${CUSTOMER}`;

describe('twilio whatsapp templates (Content API)', () => {
  let h: TwilioHarness;
  let approved: EmulatedContent;
  before(async () => {
    h = await startTwilioHarness();
    approved = h.emulator.content.add({
      friendlyName: 'order_follow_up',
      body: 'Hi {{1}}, about your request: {{2}} Reply to continue.',
      variables: { '1': 'Customer', '2': 'update' },
    });
    h.emulator.content.add({ friendlyName: 'pending_one', body: 'Hi {{1}}', status: 'pending' });
    // The customer wrote once, long ago: the window is closed.
    await h.post('/twilio/sms', {
      MessageSid: 'SM' + 'a'.repeat(32),
      From: `whatsapp:${CUSTOMER}`,
      To: `whatsapp:${OUR_WHATSAPP}`,
      Body: 'hello',
    });
    h.clock.advance(30 * 3_600_000);
  });
  after(() => h.stop());

  it('lists only the WhatsApp-approved templates, with their variables, and caches the listing', async () => {
    const list = await h.module.connector.templates?.('whatsapp');
    assert.deepEqual(
      list?.map((t) => [t.sid, t.name, t.variables.map((v) => v.key)]),
      [[approved.sid, 'order_follow_up', ['1', '2']]],
    );
    assert.equal(list?.[0]?.body, 'Hi {{1}}, about your request: {{2}} Reply to continue.');
    await h.module.connector.templates?.('whatsapp');
    const listings = h.emulator.requests.filter((r) => r.path === '/v1/ContentAndApprovals');
    assert.equal(listings.length, 1, 'the second listing came from the cache');
    h.clock.advance(11 * 60_000);
    await h.module.connector.templates?.('whatsapp');
    assert.equal(h.emulator.requests.filter((r) => r.path === '/v1/ContentAndApprovals').length, 2);
    assert.deepEqual(await h.module.connector.templates?.('sms'), [], 'SMS has no templates');
  });

  it('beyond 24 h: free text is refused, the template goes out with ContentSid and ContentVariables', async () => {
    assert.equal(h.module.connector.canSend?.('whatsapp', REF, testCustomer())?.ok, false);
    const free = await h.module.connector.send(outboundJob('whatsapp', REF, 'free text'));
    assert.equal(free.kind, 'rejected');
    const before = h.emulator.messages.length;
    const variables = { '1': 'Ana', '2': 'Your refund is ready.' };
    const sent = await h.module.connector.send(
      outboundJob('whatsapp', REF, 'Hi Ana, …', { template: { sid: approved.sid, variables } }),
    );
    assert.equal(sent.kind, 'sent');
    assert.equal(h.emulator.messages.length, before + 1);
    const m = h.emulator.messages.at(-1);
    assert.equal(m?.contentSid, approved.sid);
    assert.deepEqual(m?.contentVariables, variables);
    assert.equal(m?.body, undefined, 'no Body next to a ContentSid');
    assert.deepEqual(h.emulator.violations, []);
  });

  it('the emulator refuses wrong variables and unapproved templates as Twilio does', async () => {
    const wrong = await h.module.connector.send(
      outboundJob('whatsapp', REF, 'x', { template: { sid: approved.sid, variables: { '1': 'Ana' } } }),
    );
    assert.equal(wrong.kind, 'rejected');
    assert.equal(h.emulator.violations.at(-1)?.code, 21656);
    const pending = h.emulator.content.contents.find((c) => c.status === 'pending');
    const unapproved = await h.module.connector.send(
      outboundJob('whatsapp', REF, 'x', { template: { sid: pending?.sid ?? '', variables: { '1': 'Ana' } } }),
    );
    assert.equal(unapproved.kind, 'rejected');
    assert.equal(h.emulator.violations.at(-1)?.code, 63027);
    h.emulator.violations.length = 0;
  });
});

describe('a Content API that cannot be reached', () => {
  it('offers no templates (and does not throw into the card render)', async () => {
    const h = await startTwilioHarness({ apiBaseUrl: 'http://127.0.0.1:9' });
    try {
      assert.deepEqual(await h.module.connector.templates?.('whatsapp'), []);
    } finally {
      await h.stop();
    }
  });
});

describe('TWILIO_WHATSAPP_TEMPLATES (configured templates)', () => {
  const sid = 'HX' + 'ab'.repeat(16);
  it('reads inline JSON and a file in DATA_DIR, skipping unapproved entries', () => {
    const json = JSON.stringify([
      { sid, name: 'follow_up', body: 'Hi {{1}}, {{2}}', variables: { '1': 'you' } },
      { sid: 'HX' + 'cd'.repeat(16), name: 'draft', body: 'x', status: 'pending' },
    ]);
    const inline = parseConfiguredTemplates(json, '/nonexistent');
    assert.deepEqual(inline, [
      {
        sid,
        name: 'follow_up',
        language: 'en',
        body: 'Hi {{1}}, {{2}}',
        variables: [
          { key: '1', sample: 'you' },
          { key: '2', sample: '' },
        ],
      },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'wa-templates-'));
    writeFileSync(join(dir, 'templates.json'), json);
    assert.deepEqual(parseConfiguredTemplates('templates.json', dir), inline);
  });

  it('names the variable when the value is unusable', () => {
    assert.throws(() => parseConfiguredTemplates('[{"sid":"nope"}]', '/'), /TWILIO_WHATSAPP_TEMPLATES/);
    assert.throws(
      () => parseConfiguredTemplates('missing.json', '/nonexistent'),
      /TWILIO_WHATSAPP_TEMPLATES/,
    );
    assert.throws(() => parseConfiguredTemplates('[oops', '/'), /TWILIO_WHATSAPP_TEMPLATES/);
  });
});
