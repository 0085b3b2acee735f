/**
 * Export and erase for the embedded store (src/core/privacy.ts). Erasure runs with the
 * connection's secure_delete on (sqlite-store.ts sets it at open, so rows rewritten earlier
 * left no old copies in free space either), then checkpoints the WAL with TRUNCATE: afterwards
 * no erased byte is left in the database file or its WAL.
 */
import { compactSearchIndex, rebuildSearchIndex } from './search.js';
import { mergeRecordsInto } from './split.js';
import type Database from 'better-sqlite3';
import type { Claim, Classification } from '../../core/model.js';
import {
  anonymousClassification,
  fileIdsOf,
  type AttachmentMeta,
  type CustomerExport,
  type ForgetSummary,
  type PrivacyStore,
  type RetentionSummary,
} from '../../core/privacy.js';
import {
  toConversation,
  toCustomer,
  toDecision,
  toDraft,
  toIdentity,
  toJob,
  toMessage,
  toRating,
  type ConversationRow,
  type CustomerRow,
  type DecisionRow,
  type DraftRow,
  type IdentityRow,
  type JobRow,
  type MessageRow,
  type RatingRow,
} from './rows.js';

type St = (sql: string) => Database.Statement;

interface ClaimRow {
  channel: string;
  address: string;
  kind: string;
  reason: string | null;
  display_name: string | null;
  claimed_at: number;
}

function toClaim(r: ClaimRow): Claim {
  return {
    channel: r.channel as Claim['channel'],
    address: r.address,
    kind: r.kind as Claim['kind'],
    ...(r.reason !== null ? { reason: r.reason } : {}),
    ...(r.display_name !== null ? { displayName: r.display_name } : {}),
    claimedAt: new Date(r.claimed_at),
  };
}

/** `?, ?, ?` for n values. */
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** privacy_state key (migration 13): every page was written with secure_delete on. */
const CLEAN = 'secure_delete_clean';

export function createSqlitePrivacy(db: Database.Database, st: St, flush: () => void): PrivacyStore {
  /** The customer and the profiles merged into it. */
  const profileIds = (customerId: string): string[] => [
    customerId,
    ...(st('SELECT id FROM customers WHERE merged_into = ?').all(customerId) as { id: string }[]).map(
      (r) => r.id,
    ),
  ];
  const all = <T>(sql: (inList: string) => string, ids: string[]): T[] =>
    db.prepare(sql(marks(ids.length))).all(...ids) as T[];

  /** Checkpoints the WAL into the database and truncates it (retried while a reader holds it). */
  const checkpoint = (): void => {
    for (let i = 0; i < 5; i += 1) {
      const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (!row || row.busy === 0) return;
    }
  };

  const deleteFiles = (ids: string[]): number => {
    let n = 0;
    for (const id of ids) n += st('DELETE FROM attachment_files WHERE id = ?').run(id).changes;
    return n;
  };

  return {
    async exportCustomer(customerId, now) {
      const row = st('SELECT * FROM customers WHERE id = ?').get(customerId) as CustomerRow | undefined;
      if (!row) return undefined;
      const ids = profileIds(customerId);
      const messages = all<MessageRow>(
        (l) => `SELECT * FROM messages WHERE customer_id IN (${l}) ORDER BY created_at, rowid`,
        ids,
      ).map(toMessage);
      const drafts = all<DraftRow>(
        (l) => `SELECT * FROM drafts WHERE customer_id IN (${l}) ORDER BY created_at, rowid`,
        ids,
      ).map(toDraft);
      const attachments: AttachmentMeta[] = messages.flatMap((m) =>
        m.attachments.map(({ dataBase64: _bytes, ...a }) => ({ ...a, messageId: m.id })),
      );
      const result: CustomerExport = {
        exportedAt: now,
        customer: toCustomer(row),
        mergedProfiles: all<CustomerRow>(
          (l) => `SELECT * FROM customers WHERE id IN (${l})`,
          ids.slice(1),
        ).map(toCustomer),
        identities: all<IdentityRow>(
          (l) => `SELECT * FROM identities WHERE customer_id IN (${l}) ORDER BY rowid`,
          ids,
        ).map(toIdentity),
        claims: all<ClaimRow>(
          (l) => `SELECT * FROM claims WHERE customer_id IN (${l}) ORDER BY claimed_at, rowid`,
          ids,
        ).map(toClaim),
        conversations: all<ConversationRow>(
          (l) => `SELECT * FROM conversations WHERE customer_id IN (${l}) ORDER BY opened_at, rowid`,
          ids,
        ).map(toConversation),
        messages: messages.map(({ attachments: list, ...m }) => ({
          ...m,
          attachments: list.map(({ dataBase64: _bytes, ...a }) => a),
        })),
        drafts,
        decisions: drafts.length
          ? all<DecisionRow>(
              (l) => `SELECT * FROM decisions WHERE draft_id IN (${l}) ORDER BY decided_at`,
              drafts.map((d) => d.id),
            ).map(toDecision)
          : [],
        ratings: all<RatingRow>(
          (l) => `SELECT * FROM ratings WHERE customer_id IN (${l}) ORDER BY created_at, rowid`,
          ids,
        ).map(toRating),
        jobs: all<JobRow>(
          (l) => `SELECT * FROM outbox WHERE customer_id IN (${l}) ORDER BY created_at, rowid`,
          ids,
        ).map(toJob),
        attachments,
      };
      const merges = mergeRecordsInto(db, ids);
      if (merges.length) result.merges = merges;
      return result;
    },

    async forgetCustomer(customerId) {
      flush();
      const ids = profileIds(customerId);
      const summary = db.transaction((): ForgetSummary => {
        const messages = all<Pick<MessageRow, 'id' | 'attachments' | 'classification'>>(
          (l) => `SELECT id, attachments, classification FROM messages WHERE customer_id IN (${l})`,
          ids,
        );
        const addresses = [
          ...all<{ address: string }>(
            (l) => `SELECT address FROM identities WHERE customer_id IN (${l})`,
            ids,
          ),
          ...all<{ address: string }>((l) => `SELECT address FROM claims WHERE customer_id IN (${l})`, ids),
        ].map((r) => r.address);
        const blank = st(
          `UPDATE messages SET text = '', full_text = NULL, subject = NULL, address = '', reply_ref = '',
             attachments = '[]', meta = '{}', classification = ? WHERE id = ?`,
        );
        let fileIds: string[] = [];
        for (const m of messages) {
          fileIds = fileIds.concat(fileIdsOf(JSON.parse(m.attachments) as []));
          const c = m.classification
            ? JSON.stringify(anonymousClassification(JSON.parse(m.classification) as Classification))
            : null;
          blank.run(c, m.id);
        }
        const drafts = all<{ id: string; attachments: string | null }>(
          (l) => `SELECT id, attachments FROM drafts WHERE customer_id IN (${l})`,
          ids,
        );
        // Files the owner shared with a reply (migration 15), sent or not.
        for (const d of drafts)
          if (d.attachments) fileIds = fileIds.concat(fileIdsOf(JSON.parse(d.attachments) as []));
        db.prepare(
          `UPDATE drafts SET text = '', reply_ref = '', attachments = NULL WHERE customer_id IN (${marks(ids.length)})`,
        ).run(...ids);
        for (const d of drafts) st('UPDATE decisions SET text = NULL WHERE draft_id = ?').run(d.id);
        db.prepare(
          `UPDATE outbox SET text = '', reply_ref = '', last_error = NULL WHERE customer_id IN (${marks(ids.length)})`,
        ).run(...ids);
        db.prepare(`UPDATE ratings SET comment = NULL WHERE customer_id IN (${marks(ids.length)})`).run(
          ...ids,
        );
        const identities = db
          .prepare(`DELETE FROM identities WHERE customer_id IN (${marks(ids.length)})`)
          .run(...ids).changes;
        const claims = db
          .prepare(`DELETE FROM claims WHERE customer_id IN (${marks(ids.length)})`)
          .run(...ids).changes;
        db.prepare(`UPDATE customers SET name = NULL WHERE id IN (${marks(ids.length)})`).run(...ids);
        // Merge records (migration 16) name the profiles and their addresses.
        db.prepare(
          `DELETE FROM merges WHERE into_id IN (${marks(ids.length)}) OR from_id IN (${marks(ids.length)})`,
        ).run(...ids, ...ids);
        // Set-aside items name their sender in the summary (never linked to a customer).
        for (const address of new Set(addresses))
          st('DELETE FROM intake_failures WHERE instr(summary, ?) > 0').run(
            JSON.stringify(address).slice(1, -1),
          );
        return {
          customers: ids.length,
          messages: messages.length,
          files: deleteFiles(fileIds),
          identities,
          claims,
        };
      })();
      // A database written before secure_delete may keep old copies of rewritten rows. A
      // VACUUM may renumber rowids, which key the search index: it is built again after one.
      if (!st('SELECT 1 FROM privacy_state WHERE key = ?').get(CLEAN)) {
        db.exec('VACUUM');
        rebuildSearchIndex(db);
        st("INSERT OR IGNORE INTO privacy_state (key, value) VALUES (?, '1')").run(CLEAN);
      } else compactSearchIndex(db);
      checkpoint();
      return summary;
    },

    async eraseOlderThan(cutoff): Promise<RetentionSummary> {
      flush();
      const result = db.transaction((): RetentionSummary => {
        const rows = st(
          `SELECT id, attachments FROM messages WHERE created_at < ?
             AND (text <> '' OR full_text IS NOT NULL OR subject IS NOT NULL OR attachments <> '[]')`,
        ).all(cutoff.getTime()) as { id: string; attachments: string }[];
        const blank = st(
          "UPDATE messages SET text = '', full_text = NULL, subject = NULL, attachments = '[]' WHERE id = ?",
        );
        let fileIds: string[] = [];
        for (const r of rows) {
          fileIds = fileIds.concat(fileIdsOf(JSON.parse(r.attachments) as []));
          blank.run(r.id);
        }
        return { messages: rows.length, files: deleteFiles(fileIds) };
      })();
      if (result.messages > 0) checkpoint();
      return result;
    },
  };
}
