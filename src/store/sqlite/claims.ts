/**
 * Claims in the embedded store: unproven addresses of a customer (model.ts `Claim`). A table
 * of their own, apart from `identities`, so no lookup by identity can ever find one.
 */
import type Database from 'better-sqlite3';
import type { Channel, Claim, Customer } from '../../core/model.js';
import type { InsertResult } from '../../core/ports.js';

interface ClaimRow {
  customer_id: string;
  channel: string;
  address: string;
  kind: string;
  reason: string | null;
  display_name: string | null;
  claimed_at: number;
}

function toClaim(row: ClaimRow): Claim {
  return {
    channel: row.channel as Channel,
    address: row.address,
    ...(row.display_name !== null ? { displayName: row.display_name } : {}),
    kind: row.kind as Claim['kind'],
    ...(row.reason !== null ? { reason: row.reason } : {}),
    claimedAt: new Date(row.claimed_at),
  };
}

type Write = <T>(fn: () => T) => Promise<T>;

export function createClaims(db: Database.Database, st: (sql: string) => Database.Statement, write: Write) {
  const insertClaim = (customerId: string, claim: Claim): number =>
    st(
      `INSERT INTO claims (customer_id, channel, address, kind, reason, display_name, claimed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id, channel, address) DO NOTHING`,
    ).run(
      customerId,
      claim.channel,
      claim.address,
      claim.kind,
      claim.reason ?? null,
      claim.displayName ?? null,
      claim.claimedAt.getTime(),
    ).changes;
  const createClaimantTx = db.transaction((customer: Customer, claim: Claim): void => {
    st(
      'INSERT INTO customers (id, name, language, created_at, opted_out, merged_into) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      customer.id,
      customer.name ?? null,
      customer.language ?? null,
      customer.createdAt.getTime(),
      JSON.stringify(customer.optedOut ?? []),
      customer.mergedInto ?? null,
    );
    insertClaim(customer.id, claim);
  });
  return {
    createClaimant(customer: Customer, claim: Claim): Promise<void> {
      return write(() => createClaimantTx.immediate(customer, claim));
    },
    addClaim(customerId: string, claim: Claim): Promise<InsertResult> {
      return write((): InsertResult =>
        insertClaim(customerId, claim) > 0
          ? { kind: 'inserted' }
          : { kind: 'duplicate', existingId: customerId },
      );
    },
    async listClaims(customerId: string): Promise<Claim[]> {
      const rows = st('SELECT * FROM claims WHERE customer_id = ? ORDER BY claimed_at, rowid').all(
        customerId,
      ) as ClaimRow[];
      return rows.map(toClaim);
    },
    async findClaimants(channel: Channel, address: string, kind?: Claim['kind']): Promise<string[]> {
      const rows = (
        kind
          ? st(
              'SELECT customer_id FROM claims WHERE channel = ? AND address = ? AND kind = ? ORDER BY claimed_at, rowid',
            ).all(channel, address, kind)
          : st(
              'SELECT customer_id FROM claims WHERE channel = ? AND address = ? ORDER BY claimed_at, rowid',
            ).all(channel, address)
      ) as { customer_id: string }[];
      return [...new Set(rows.map((r) => r.customer_id))];
    },
  };
}

/** Inside the merge transaction: `fromId`'s claims become `intoId`'s (one row per address). */
export function mergeClaims(st: (sql: string) => Database.Statement, intoId: string, fromId: string): void {
  st('UPDATE OR IGNORE claims SET customer_id = ? WHERE customer_id = ?').run(intoId, fromId);
  st('DELETE FROM claims WHERE customer_id = ?').run(fromId);
}
