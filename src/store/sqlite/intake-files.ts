/**
 * The embedded store's attachment files and set-aside inbound items (migration 7). Files are
 * BLOBs in their own table, so a message row stays small whatever was attached.
 */
import type Database from 'better-sqlite3';
import type { Channel } from '../../core/model.js';
import type { IntakeFailure, Store, StoredFile } from '../../core/ports.js';
import type { GroupCommit } from './group-commit.js';

type IntakeFileMethods = Pick<
  Store,
  | 'putFile'
  | 'getFile'
  | 'expireFile'
  | 'deleteExpiredFiles'
  | 'getIntakeFailure'
  | 'putIntakeFailure'
  | 'listSetAside'
>;

interface FailureRow {
  channel: string;
  external_id: string;
  signature: string;
  attempts: number;
  first_at: number;
  last_at: number;
  set_aside_at: number | null;
  summary: string;
}

function toFailure(row: FailureRow): IntakeFailure {
  return {
    channel: row.channel as Channel,
    externalId: row.external_id,
    signature: row.signature,
    attempts: row.attempts,
    firstAt: new Date(row.first_at),
    lastAt: new Date(row.last_at),
    ...(row.set_aside_at !== null ? { setAsideAt: new Date(row.set_aside_at) } : {}),
    summary: JSON.parse(row.summary) as Record<string, string>,
  };
}

export function createIntakeFiles(
  st: (sql: string) => Database.Statement,
  commits: GroupCommit,
): IntakeFileMethods {
  return {
    putFile(file) {
      return commits.write(() => {
        st(
          `INSERT INTO attachment_files (id, content_type, data, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET content_type = excluded.content_type, data = excluded.data,
             expires_at = excluded.expires_at`,
        ).run(
          file.id,
          file.contentType,
          Buffer.from(file.dataBase64, 'base64'),
          file.expiresAt?.getTime() ?? null,
        );
      });
    },
    expireFile(id, at) {
      return commits.write(() => {
        st('UPDATE attachment_files SET expires_at = ? WHERE id = ?').run(at.getTime(), id);
      });
    },
    deleteExpiredFiles(now) {
      return commits.write(
        () =>
          st('DELETE FROM attachment_files WHERE expires_at IS NOT NULL AND expires_at <= ?').run(
            now.getTime(),
          ).changes,
      );
    },
    async getFile(id): Promise<StoredFile | undefined> {
      const row = st('SELECT id, content_type, data FROM attachment_files WHERE id = ?').get(id) as
        { id: string; content_type: string; data: Buffer } | undefined;
      return row && { id: row.id, contentType: row.content_type, dataBase64: row.data.toString('base64') };
    },
    async getIntakeFailure(channel, externalId) {
      const row = st('SELECT * FROM intake_failures WHERE channel = ? AND external_id = ?').get(
        channel,
        externalId,
      ) as FailureRow | undefined;
      return row && toFailure(row);
    },
    putIntakeFailure(f) {
      return commits.write(() => {
        st(
          `INSERT INTO intake_failures
             (channel, external_id, signature, attempts, first_at, last_at, set_aside_at, summary)
           VALUES (@channel, @external_id, @signature, @attempts, @first_at, @last_at, @set_aside_at, @summary)
           ON CONFLICT (channel, external_id) DO UPDATE SET
             signature = excluded.signature, attempts = excluded.attempts, first_at = excluded.first_at,
             last_at = excluded.last_at, set_aside_at = excluded.set_aside_at, summary = excluded.summary`,
        ).run({
          channel: f.channel,
          external_id: f.externalId,
          signature: f.signature,
          attempts: f.attempts,
          first_at: f.firstAt.getTime(),
          last_at: f.lastAt.getTime(),
          set_aside_at: f.setAsideAt?.getTime() ?? null,
          summary: JSON.stringify(f.summary),
        });
      });
    },
    async listSetAside(limit) {
      const rows = st(
        'SELECT * FROM intake_failures WHERE set_aside_at IS NOT NULL ORDER BY set_aside_at DESC LIMIT ?',
      ).all(limit) as FailureRow[];
      return rows.map(toFailure);
    },
  };
}
