/**
 * The Store contract for console references and cursors: run by runStoreContract for every store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import {} from './store-fixtures.js';

export function runConsoleRefsContract(
  withStore: (fn: (store: Store) => Promise<void>) => Promise<void>,
): void {
  describe('console references and cursors', () => {
    it('sets, overwrites and reverse-looks-up refs per console', async () => {
      await withStore(async (store) => {
        assert.equal(await store.getRef('slack', 'customer:c1'), undefined);
        await store.setRef('slack', 'customer:c1', 'C01:1700000000.000100');
        await store.setRef('discord', 'customer:c1', 'thread-9');
        await store.setRef('slack', 'customer:c2', 'C01:1700000000.000200');
        assert.equal(await store.getRef('slack', 'customer:c1'), 'C01:1700000000.000100');
        assert.equal(await store.getRef('discord', 'customer:c1'), 'thread-9');
        assert.equal(await store.findRefKey('slack', 'C01:1700000000.000200'), 'customer:c2');
        assert.equal(await store.findRefKey('discord', 'C01:1700000000.000200'), undefined);
        // A new thread for the customer: the old value no longer points at it.
        await store.setRef('slack', 'customer:c1', 'C02:1700000001.000100');
        assert.equal(await store.getRef('slack', 'customer:c1'), 'C02:1700000001.000100');
        assert.equal(await store.findRefKey('slack', 'C01:1700000000.000100'), undefined);
        assert.equal(await store.findRefKey('slack', 'C02:1700000001.000100'), 'customer:c1');
      });
    });

    it('keeps connector cursors', async () => {
      await withStore(async (store) => {
        assert.equal(await store.getCursor('imap:INBOX'), undefined);
        await store.setCursor('imap:INBOX', '41');
        await store.setCursor('telegram:offset', '9001');
        await store.setCursor('imap:INBOX', '42');
        assert.equal(await store.getCursor('imap:INBOX'), '42');
        assert.equal(await store.getCursor('telegram:offset'), '9001');
      });
    });
  });
}
