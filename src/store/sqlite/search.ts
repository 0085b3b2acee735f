/**
 * `/cs find` and customer notes on the embedded store (migration 12).
 *
 * Messages: FTS5 over the terms of src/core/search.ts (CJK as characters and bigrams), kept
 * in step by triggers that call `solodesk_search_terms`, registered on every connection here.
 * A query takes the newest 200 matches straight from the index (`ORDER BY rowid DESC` walks the
 * doclists backwards and stops: no sort over every match of a common word, which is what keeps
 * a query on a million messages within budget) and the command ranks those. bm25 was measured
 * and dropped: ranking all matches of "order" on the benchmark took seconds.
 * The FTS rowid is the message's rowid; SQLite renumbers rowids only on a plain VACUUM, which
 * the desk never runs (a VACUUM would need `INSERT INTO message_search(message_search)
 * VALUES('delete-all')` and the migration's backfill again).
 *
 * Customers: names, addresses, notes and tags are few beside messages; a LIKE over them is a
 * scan of tens of thousands of short rows (a few milliseconds), and it finds any substring.
 */
import type Database from 'better-sqlite3';
import {
  messageTermsFromRow,
  parseSearchQuery,
  phoneSuffix,
  type CustomerMatch,
  type CustomerNotesSource,
  type MessageMatch,
  type ParsedQuery,
  type SearchSource,
} from '../../core/search.js';
import type { GroupCommit } from './group-commit.js';

type Prepare = (sql: string) => Database.Statement;

/** Candidates read from the index before ranking. */
const CANDIDATES = 200;
const CUSTOMERS = 20;

export function registerSearchFunctions(db: Database.Database): void {
  db.function(
    'solodesk_search_terms',
    { deterministic: true },
    (text: unknown, fullText: unknown, subject: unknown, classification: unknown) =>
      messageTermsFromRow(
        typeof text === 'string' ? text : null,
        typeof fullText === 'string' ? fullText : null,
        typeof subject === 'string' ? subject : null,
        typeof classification === 'string' ? classification : null,
      ),
  );
}

/** The FTS5 query for the parsed terms: every term required, words as prefixes. */
export function ftsQuery(q: ParsedQuery): string | undefined {
  if (q.terms.length === 0) return undefined;
  // Terms hold only letters and digits (core/search.ts), so quoting them is enough.
  return q.terms.map((t) => `"${t.term}"${t.prefix ? '*' : ''}`).join(' AND ');
}

const likeOf = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface MessageHitRow {
  id: string;
  customer_id: string;
  channel: string;
  direction: 'in' | 'out';
  created_at: number;
  text: string;
  full_text: string | null;
  subject: string | null;
  name: string | null;
}

export function createSqliteSearch(st: Prepare, commits: GroupCommit): SearchSource & CustomerNotesSource {
  function customers(q: ParsedQuery): CustomerMatch[] {
    if (!q.raw) return [];
    const like = likeOf(q.raw);
    const out: CustomerMatch[] = [];
    const named = (name: string | null) => (name ? { name } : {});
    for (const r of st(
      `SELECT id, name FROM customers WHERE merged_into IS NULL AND name LIKE ? ESCAPE '\\' LIMIT ${CUSTOMERS}`,
    ).all(like) as { id: string; name: string }[])
      out.push({ customerId: r.id, name: r.name, field: 'name', value: r.name });
    const phone = q.phoneDigits ? `%${phoneSuffix(q.phoneDigits)}` : '\u0000';
    for (const r of st(
      `SELECT i.customer_id, i.address, c.name FROM identities i JOIN customers c ON c.id = i.customer_id
        WHERE c.merged_into IS NULL
          AND (i.address LIKE ? ESCAPE '\\' OR i.display_name LIKE ? ESCAPE '\\' OR i.address LIKE ?)
        LIMIT ${CUSTOMERS}`,
    ).all(like, like, phone) as { customer_id: string; address: string; name: string | null }[])
      out.push({ customerId: r.customer_id, ...named(r.name), field: 'address', value: r.address });
    for (const r of st(
      `SELECT n.customer_id, n.note, n.tags, c.name FROM customer_notes n
        LEFT JOIN customers c ON c.id = n.customer_id
        WHERE n.note LIKE ? ESCAPE '\\' OR n.tags LIKE ? ESCAPE '\\' LIMIT ${CUSTOMERS}`,
    ).all(like, like) as { customer_id: string; note: string | null; tags: string; name: string | null }[]) {
      const tags = JSON.parse(r.tags) as string[];
      const tag = tags.find((t) => t.toLowerCase().includes(q.raw));
      out.push({
        customerId: r.customer_id,
        ...named(r.name),
        ...(tag ? { field: 'tag', value: tag } : { field: 'note', value: r.note ?? '' }),
      });
    }
    return out;
  }

  function messages(q: ParsedQuery): MessageMatch[] {
    const match = ftsQuery(q);
    if (!match) return [];
    const rows = st(
      `SELECT m.id, m.customer_id, m.channel, m.direction, m.created_at, m.text, m.full_text, m.subject,
              c.name
         FROM (SELECT rowid FROM message_search WHERE message_search MATCH ? ORDER BY rowid DESC LIMIT ?) s
         JOIN messages m ON m.rowid = s.rowid
         LEFT JOIN customers c ON c.id = m.customer_id`,
    ).all(match, CANDIDATES) as MessageHitRow[];
    return rows.map((r) => ({
      messageId: r.id,
      customerId: r.customer_id,
      ...(r.name ? { customerName: r.name } : {}),
      channel: r.channel,
      direction: r.direction,
      createdAt: new Date(r.created_at),
      text: [r.subject, r.full_text ?? r.text].filter(Boolean).join(' — '),
    }));
  }

  return {
    async search(query) {
      const q = parseSearchQuery(query.text);
      return { customers: customers(q), messages: messages(q) };
    },
    async customerNotes(customerId) {
      const row = st('SELECT note, tags FROM customer_notes WHERE customer_id = ?').get(customerId) as
        { note: string | null; tags: string } | undefined;
      if (!row) return { tags: [] };
      return { ...(row.note ? { note: row.note } : {}), tags: JSON.parse(row.tags) as string[] };
    },
    async setCustomerNote(customerId, note) {
      const text = note.trim();
      await commits.write(() =>
        st(
          `INSERT INTO customer_notes (customer_id, note, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (customer_id) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at`,
        ).run(customerId, text || null, Date.now()),
      );
    },
    async setCustomerTags(customerId, tags) {
      await commits.write(() =>
        st(
          `INSERT INTO customer_notes (customer_id, tags, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (customer_id) DO UPDATE SET tags = excluded.tags, updated_at = excluded.updated_at`,
        ).run(customerId, JSON.stringify([...tags]), Date.now()),
      );
    },
  };
}

/**
 * After an erasure: FTS5 keeps a deleted row's terms in its index segments until they are
 * merged. 'optimize' merges every segment into one and drops them (secure_delete zeroes the
 * freed pages), so an erased word is gone from the file, not just unfindable.
 */
export function compactSearchIndex(db: Database.Database): void {
  db.exec("INSERT INTO message_search (message_search) VALUES ('optimize')");
}

/** After a VACUUM (which may renumber the messages' rowids): the index is built again. */
export function rebuildSearchIndex(db: Database.Database): void {
  db.exec(`
    INSERT INTO message_search (message_search) VALUES ('delete-all');
    INSERT INTO message_search (rowid, terms)
      SELECT rowid, solodesk_search_terms(text, full_text, subject, classification) FROM messages;
  `);
}
