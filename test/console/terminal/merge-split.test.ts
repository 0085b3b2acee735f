/**
 * The terminal's side of merge and split (issue 19): the root card hints `m cA cN` and, with two
 * identities, `split cN ADDRESS`; `split` moves the identity and its messages to a new customer,
 * whose next message arrives under its own handle.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTerminalConsole } from '../../../src/console/terminal/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { sms, startTestDesk, type TestDesk } from '../../support/desk-harness.js';
import { TerminalScreen } from '../../support/terminal-screen.js';

describe('terminal: merge and split', () => {
  let t: TestDesk;
  const screen = new TerminalScreen(300);
  const { input, output } = screen;
  const waitForScreen = (pattern: RegExp) => screen.waitFor(pattern);
  const type = (line: string) => screen.type(line, () => t.desk.drain());

  before(async () => {
    const terminal = createTerminalConsole({
      input,
      output,
      commands: [],
      ownerLanguage: 'en',
      logger: createLogger('silent'),
    });
    t = await startTestDesk({ overrides: { consoles: [terminal] } });
  });
  after(async () => {
    await t.stop();
    input.end();
  });

  it('merges with m, then split cN ADDRESS moves the number back to a customer of its own', async () => {
    const a = await t.connector.intake().receive(sms('First number here', '+15550004201'));
    const b = await t.connector.intake().receive(sms('Second number, same person', '+15550004202'));
    assert.ok(a.kind === 'stored' && b.kind === 'stored');
    await t.desk.drain();
    await waitForScreen(/m cA c2/);
    await type('m c1 c2');
    await waitForScreen(/split c1 ADDRESS/);
    assert.equal((await t.desk.store.getCustomer(b.customerId))?.mergedInto, a.customerId);

    await type('split c1 +15550009999');
    await waitForScreen(/no longer this customer’s/);
    await type('split c1 sms:+15550004202');
    await waitForScreen(/Split off \+15550004202/);
    const separate = await t.desk.store.findCustomerByIdentity('sms', '+15550004202');
    assert.ok(separate && separate.id !== a.customerId && separate.id !== b.customerId);
    assert.deepEqual(await t.desk.store.countMessages(separate.id), { in: 1, out: 0 });
    const next = await t.connector.intake().receive(sms('Me again', '+15550004202'));
    assert.ok(next.kind === 'stored');
    assert.equal(next.customerId, separate.id);
  });
});
