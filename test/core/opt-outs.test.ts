/**
 * Opt-out keywords go through the same dedupe as messages and apply in the order they were
 * sent: a redelivered keyword (same id) and an older one arriving late change nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sms, startTestDesk, type TestDesk } from '../support/desk-harness.js';

describe('opt-out keywords: deduped and ordered', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.stop());

  const customerOf = async (address: string) => {
    const c = await t.desk.store.findCustomerByIdentity('sms', address);
    assert.ok(c);
    return c;
  };

  it('ignores a redelivered keyword and one older than the last applied, in either order', async () => {
    const address = '+15550007001';
    await t.connector.intake().receive(sms('hello', address));
    await t.desk.drain();
    const intake = t.connector.intake();
    const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, s));
    assert.equal(await intake.optOut('sms', address, false, { externalId: 'SM-start', at: at(1) }), true);
    assert.equal(await intake.optOut('sms', address, true, { externalId: 'SM-stop', at: at(2) }), true);
    // The START again (a platform retry): a duplicate.
    assert.equal(await intake.optOut('sms', address, false, { externalId: 'SM-start', at: at(3) }), false);
    assert.deepEqual((await customerOf(address)).optedOut, ['sms']);
    // A START sent before the STOP but delivered only now: older, so it does not undo it.
    assert.equal(await intake.optOut('sms', address, false, { externalId: 'SM-late', at: at(0) }), false);
    assert.deepEqual((await customerOf(address)).optedOut, ['sms']);
    // A newer START applies.
    assert.equal(await intake.optOut('sms', address, false, { externalId: 'SM-new', at: at(5) }), true);
    assert.deepEqual((await customerOf(address)).optedOut, []);
    // A redelivered STOP long after changes nothing either.
    assert.equal(await intake.optOut('sms', address, true, { externalId: 'SM-stop', at: at(9) }), false);
    assert.deepEqual((await customerOf(address)).optedOut, []);
  });

  it('keeps the record in the store (a cursor), not in memory, so it holds after a restart', async () => {
    const address = '+15550007002';
    await t.connector.intake().receive(sms('hi', address));
    await t.desk.drain();
    const at = new Date(Date.UTC(2026, 11, 1, 11));
    await t.connector.intake().optOut('sms', address, true, { externalId: 'SM-x', at });
    const cursor = await t.desk.store.getCursor(`opt-out:sms:${address}`);
    assert.match(cursor ?? '', /SM-x/);
  });
});
