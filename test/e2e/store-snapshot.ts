/**
 * A fingerprint of every row in the desk's SQLite file, read through a second, read-only
 * connection: "changes nothing in the store" is then one equality.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export function storeFingerprint(dataDir: string): Record<string, string> {
  const db = new Database(join(dataDir, 'solodesk.db'), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).all();
      out[name] =
        `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
    }
    return out;
  } finally {
    db.close();
  }
}

/** The outbox job ids queued for a draft (the Store port looks jobs up by id or platform id only). */
export function jobIdsOfDraft(dataDir: string, draftId: string): string[] {
  const db = new Database(join(dataDir, 'solodesk.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id FROM outbox WHERE draft_id = ? ORDER BY created_at').all(draftId);
    return (rows as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}
