/**
 * The Split… modal keeps the offered identities in private_metadata, which Slack caps at 3,000
 * characters. A customer with very many (or long) identities used to get metadata cut mid-JSON,
 * so every submit was refused; now only the identities that fit are offered, and each option
 * still maps to its identity.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitModal } from '../../../src/console/slack/people.js';

test('Split… with more identities than the metadata holds offers those that fit, each mapped', () => {
  const identities = Array.from({ length: 120 }, (_, i) => ({
    channel: 'email',
    address: `customer.with.a.long.mailbox.name.${i}@subsidiary.example-company.co.uk`,
  }));
  const view = splitModal('c-123', identities, 'en');
  const metadata = String(view.private_metadata);
  assert.ok(metadata.length <= 3000, `metadata is ${metadata.length} characters`);
  const meta = JSON.parse(metadata) as { c: string; i: string[] };
  assert.equal(meta.c, 'c-123');
  const block = (view.blocks as { element?: { options?: { value: string }[] } }[]).find(
    (b) => b.element?.options,
  );
  const options = block!.element!.options!;
  assert.ok(options.length > 0 && options.length < identities.length);
  assert.equal(options.length, meta.i.length, 'one option per identity kept');
  for (const option of options) {
    const index = Number(option.value);
    assert.equal(meta.i[index], `email:${identities[index]!.address}`);
  }
});

test('Split… with a few identities offers them all', () => {
  const identities = [
    { channel: 'sms', address: '+15550001111' },
    { channel: 'email', address: 'a@example.com' },
  ];
  const meta = JSON.parse(String(splitModal('c-1', identities, 'zh').private_metadata)) as { i: string[] };
  assert.deepEqual(meta.i, ['sms:+15550001111', 'email:a@example.com']);
});
