/**
 * The embedded store's customers and their identities (channel + address). Merging moves
 * everything of one customer onto another in one transaction (transactions.ts).
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.js';
import type { Transactions } from './transactions.js';
import { buildPatch, CUSTOMER_PATCH } from './patch-columns.js';
import { toCustomer, toIdentity, type CustomerRow, type IdentityRow } from './rows.js';
import type { CustomerMethods } from '../record-methods.js';

type Prepare = (sql: string) => Database.Statement;

export function createSqliteCustomers(st: Prepare, commits: GroupCommit, tx: Transactions): CustomerMethods {
  return {
    async findCustomerByIdentity(channel, address) {
      const row = st(
        `SELECT c.* FROM identities i JOIN customers c ON c.id = i.customer_id
         WHERE i.channel = ? AND i.address = ?`,
      ).get(channel, address) as CustomerRow | undefined;
      return row && toCustomer(row);
    },
    createCustomer(customer, identity) {
      return commits.write(() => {
        return tx.createCustomer(customer, identity);
      });
    },
    async getCustomer(id) {
      const row = st('SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
      return row && toCustomer(row);
    },
    updateCustomer(id, patch) {
      return commits.write(() => {
        const { sets, params } = buildPatch(patch, CUSTOMER_PATCH);
        if (sets.length === 0) return;
        st(`UPDATE customers SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, id });
      });
    },
    addIdentity(customerId, identity) {
      return commits.write(() => {
        const changes = st(
          `INSERT INTO identities (channel, address, customer_id, display_name) VALUES (?, ?, ?, ?)
           ON CONFLICT (channel, address) DO NOTHING`,
        ).run(identity.channel, identity.address, customerId, identity.displayName ?? null).changes;
        if (changes > 0) return { kind: 'inserted' };
        const owner = st('SELECT customer_id FROM identities WHERE channel = ? AND address = ?').get(
          identity.channel,
          identity.address,
        ) as { customer_id: string };
        return { kind: 'duplicate', existingId: owner.customer_id };
      });
    },
    async listIdentities(customerId) {
      const rows = st('SELECT * FROM identities WHERE customer_id = ? ORDER BY rowid').all(
        customerId,
      ) as IdentityRow[];
      return rows.map(toIdentity);
    },
    mergeCustomers(intoId, fromId) {
      return commits.write(() => {
        if (intoId === fromId) return;
        tx.merge(intoId, fromId);
      });
    },
  };
}
