/** Schema versions 5–16 (released: never edited). A new migration goes at the end of the newest file. */
import type { Migration } from './migrations.js';

export const MIGRATIONS_5_16: readonly Migration[] = [
  {
    version: 5,
    name: 'outbox send marker',
    // What a connector stored the moment the platform accepted a job's send, so a job taken
    // over after a crash or an expired lease is not sent twice.
    sql: `ALTER TABLE outbox ADD COLUMN sent_marker TEXT;`,
  },
  {
    version: 7,
    name: 'attachment files and set-aside inbound items',
    // Attachment bytes live beside the messages, not inside them (issue 15): a message row
    // names its files. intake_failures counts failed intakes; set_aside_at marks dead letters.
    sql: `
      CREATE TABLE attachment_files (
        id TEXT PRIMARY KEY,
        content_type TEXT NOT NULL,
        data BLOB NOT NULL
      );
      CREATE TABLE intake_failures (
        channel TEXT NOT NULL,
        external_id TEXT NOT NULL,
        signature TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        set_aside_at INTEGER,
        summary TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (channel, external_id)
      );
      CREATE INDEX intake_failures_set_aside ON intake_failures (set_aside_at) WHERE set_aside_at IS NOT NULL;
    `,
  },
  {
    version: 6,
    name: 'claims: unproven addresses of a customer',
    // Apart from identities, so a lookup by identity never finds a typed-in or spoofed address.
    sql: `
      CREATE TABLE claims (
        customer_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        address TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT,
        display_name TEXT,
        claimed_at INTEGER NOT NULL,
        UNIQUE (customer_id, channel, address)
      );
      CREATE INDEX claims_address ON claims (channel, address, kind);
    `,
  },
  {
    version: 8,
    name: 'attention: due times, reminders, snooze, acknowledgement marks',
    // marks: one row per idempotency key of a timer (ack:…, remind:…, digest:<date>); the
    // primary key is what makes "once, across restarts and processes" hold.
    sql: `
      CREATE TABLE attention (
        conversation_id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        waiting_since INTEGER,
        urgency TEXT,
        due_at INTEGER,
        snoozed_until INTEGER,
        reminders INTEGER NOT NULL DEFAULT 0,
        reminded_at INTEGER,
        answered_at INTEGER,
        answered_in_due INTEGER,
        last_ack_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX attention_waiting ON attention (due_at) WHERE waiting_since IS NOT NULL;
      CREATE INDEX attention_answered ON attention (answered_at) WHERE answered_at IS NOT NULL;
      CREATE TABLE marks (
        key TEXT PRIMARY KEY,
        at INTEGER NOT NULL
      );
      CREATE INDEX marks_at ON marks (at);
    `,
  },
  {
    version: 11,
    name: 'remembered answers; a draft remembers which answer it came from',
    sql: `
      CREATE TABLE answers (
        id TEXT PRIMARY KEY,
        language TEXT NOT NULL,
        intent TEXT NOT NULL,
        questions TEXT NOT NULL,
        text TEXT NOT NULL,
        draft_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        answered_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX answers_language ON answers (language, created_at);
      ALTER TABLE drafts ADD COLUMN basis TEXT;
    `,
  },
  {
    version: 12,
    name: 'full-text search and customer notes',
    // /cs find (issue 19). message_search holds each message's search terms (src/core/search.ts:
    // words, plus CJK characters and overlapping bigrams, so 退货 is one exact term) under the
    // message's rowid. Contentless (the terms are not stored twice) with contentless_delete so a
    // row can be removed by rowid. detail=none: queries are ANDs of terms, never phrases, and it
    // keeps the index about a third of the size. The triggers keep it in step with every insert,
    // text change (an erased body leaves nothing findable) and delete, whoever writes; they call
    // solodesk_search_terms, which every connection registers (search.ts) before migrating.
    // The backfill runs once, here, over the rows already stored: 20 s for the benchmark's
    // 1,041,557 messages on a shared 2-core machine.
    sql: `
      CREATE VIRTUAL TABLE message_search USING fts5(
        terms, content = '', contentless_delete = 1, detail = none,
        tokenize = 'unicode61 remove_diacritics 0'
      );
      INSERT INTO message_search (rowid, terms)
        SELECT rowid, solodesk_search_terms(text, full_text, subject, classification) FROM messages;
      CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search (rowid, terms)
          VALUES (new.rowid, solodesk_search_terms(new.text, new.full_text, new.subject, new.classification));
      END;
      CREATE TRIGGER message_search_update AFTER UPDATE OF text, full_text, subject, classification ON messages
      BEGIN
        DELETE FROM message_search WHERE rowid = old.rowid;
        INSERT INTO message_search (rowid, terms)
          VALUES (new.rowid, solodesk_search_terms(new.text, new.full_text, new.subject, new.classification));
      END;
      CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_search WHERE rowid = old.rowid;
      END;
      CREATE TABLE customer_notes (
        customer_id TEXT PRIMARY KEY,
        note TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 13,
    name: 'privacy: whether the file holds no leftovers of rewritten rows',
    // Rows are zeroed when deleted or rewritten (secure_delete, set at open) from this version
    // on. A database with no customers yet is clean from the start; an older one keeps copies
    // of rows rewritten before, which its first erasure (/cs forget) clears with one VACUUM.
    sql: `
      CREATE TABLE privacy_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO privacy_state (key, value)
        SELECT 'secure_delete_clean', '1' WHERE NOT EXISTS (SELECT 1 FROM customers);
    `,
  },
  {
    version: 14,
    name: 'autopilot: the owner sets a qualifying remembered answer to send by itself',
    sql: `ALTER TABLE answers ADD COLUMN autopilot INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 15,
    name: 'files the owner sends: on drafts, and when each may be deleted',
    // drafts.attachments: JSON of the shared files (names, types, sizes, file ids; never bytes).
    // attachment_files.expires_at: outbound files go after Send + FILE_LINK_TTL (or on Discard);
    // inbound attachments keep NULL and stay.
    sql: `
      ALTER TABLE drafts ADD COLUMN attachments TEXT;
      ALTER TABLE attachment_files ADD COLUMN expires_at INTEGER;
      CREATE INDEX attachment_files_expiry ON attachment_files (expires_at) WHERE expires_at IS NOT NULL;
    `,
  },
  {
    version: 16,
    name: 'merge records: which identities a merged-away customer brought',
    // Written by desk.merge (src/core/people.ts), read by Split to give a split-off identity
    // back the name and language of the profile it came from; erased by /cs forget.
    sql: `
      CREATE TABLE merges (
        into_id TEXT NOT NULL,
        from_id TEXT NOT NULL,
        from_name TEXT,
        from_language TEXT,
        identities TEXT NOT NULL,
        merged_at INTEGER NOT NULL
      );
      CREATE INDEX merges_into ON merges (into_id, merged_at);
      CREATE INDEX merges_from ON merges (from_id);
    `,
  },
  {
    version: 17,
    name: 'outbox: when the send now at its platform began (a crash mid-send leaves it set)',
    // Set by SendRecord.check, cleared by the send marker or the job's outcome; a job claimed
    // with it set on a channel that cannot recognise a repeat becomes 'uncertain' (owner asked).
    sql: `ALTER TABLE outbox ADD COLUMN attempt_started_at INTEGER;`,
  },
  {
    version: 18,
    name: 'outbox: the jobs that need the owner (failed, uncertain) and the newest reply of a conversation',
    // Read by /cs due and the digest (src/store/sqlite/outbox-needs-owner.ts).
    sql: `
      CREATE INDEX outbox_needs_owner ON outbox (updated_at, id) WHERE status IN ('failed', 'uncertain');
      CREATE INDEX outbox_conversation ON outbox (conversation_id, created_at);
    `,
  },
];
