/**
 * Versioned schema migrations for the embedded store. Append only: a released
 * migration is never edited, a change is a new entry with the next version.
 * Each migration runs in its own transaction together with its schema_migrations row,
 * so a crash mid-way leaves the schema at the previous version and a restart retries.
 */
import { registerSearchFunctions } from './search.js';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT,
        language TEXT,
        created_at INTEGER NOT NULL,
        opted_out TEXT NOT NULL DEFAULT '[]',
        merged_into TEXT
      );
      CREATE INDEX customers_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL;

      CREATE TABLE identities (
        channel TEXT NOT NULL,
        address TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        display_name TEXT,
        UNIQUE (channel, address)
      );
      -- rowid keeps the order identities were learned in (the first one is the primary).
      CREATE INDEX identities_customer ON identities (customer_id);

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        status TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        last_inbound_at INTEGER NOT NULL,
        first_response_at INTEGER,
        resolved_at INTEGER,
        rating_requested_at INTEGER
      );
      CREATE INDEX conversations_customer ON conversations (customer_id, opened_at);

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        direction TEXT NOT NULL,
        channel TEXT NOT NULL,
        kind TEXT NOT NULL,
        external_id TEXT NOT NULL,
        reply_ref TEXT NOT NULL,
        address TEXT NOT NULL,
        text TEXT NOT NULL,
        full_text TEXT,
        subject TEXT,
        attachments TEXT NOT NULL DEFAULT '[]',
        meta TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        classification TEXT,
        stage TEXT NOT NULL,
        delivery TEXT
      );
      -- Dedupe key. Outbound rows may carry an empty external id until the platform
      -- gives one, so the empty string is exempt.
      CREATE UNIQUE INDEX messages_external ON messages (channel, external_id) WHERE external_id <> '';
      CREATE INDEX messages_conversation ON messages (conversation_id, created_at);
      CREATE INDEX messages_customer ON messages (customer_id, direction);
      CREATE INDEX messages_unpresented ON messages (created_at) WHERE direction = 'in' AND stage = 'stored';

      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        in_reply_to TEXT,
        text TEXT NOT NULL,
        language TEXT NOT NULL,
        channel TEXT NOT NULL,
        reply_ref TEXT NOT NULL,
        origin TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        decision_id TEXT
      );
      CREATE INDEX drafts_pending ON drafts (created_at) WHERE status = 'pending';
      CREATE INDEX drafts_customer ON drafts (customer_id);
      CREATE INDEX drafts_conversation ON drafts (conversation_id);

      CREATE TABLE decisions (
        id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor_console TEXT NOT NULL,
        actor_user_id TEXT NOT NULL,
        actor_name TEXT,
        channel TEXT,
        text TEXT,
        decided_at INTEGER NOT NULL
      );
      CREATE INDEX decisions_draft ON decisions (draft_id);

      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        customer_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        draft_id TEXT,
        message_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        reply_ref TEXT NOT NULL,
        text TEXT NOT NULL,
        purpose TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        last_error TEXT,
        external_id TEXT,
        delivery TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX outbox_lease ON outbox (lease_until) WHERE status = 'sending';
      CREATE INDEX outbox_external ON outbox (channel, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX outbox_customer ON outbox (customer_id);

      CREATE TABLE ratings (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        score INTEGER NOT NULL,
        comment TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX ratings_customer ON ratings (customer_id, created_at);
      CREATE INDEX ratings_conversation ON ratings (conversation_id, created_at);

      CREATE TABLE console_refs (
        console TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (console, key)
      ) WITHOUT ROWID;
      CREATE INDEX console_refs_value ON console_refs (console, value);

      CREATE TABLE cursors (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'figures columns and indexes',
    // Figures must stay fast at millions of rows, so every figures query is an index
    // range count or walk, never a join, a sort or a row-by-row read into JavaScript.
    // Denormalised columns make that possible; the store keeps them in step on write:
    // a message's intent (from its classification), a draft's decision time, kind and
    // whether the `auto` console sent it, and whether a rating was superseded by a
    // later one for the same conversation.
    sql: `
      ALTER TABLE messages ADD COLUMN intent TEXT;
      UPDATE messages SET intent = json_extract(classification, '$.intent') WHERE classification IS NOT NULL;
      CREATE INDEX messages_period_channel ON messages (direction, channel, created_at);
      CREATE INDEX messages_period_intent ON messages (direction, intent, created_at, channel);
      -- Walked in customer order, so counting distinct customers needs no temporary b-tree.
      CREATE INDEX messages_period_customer ON messages (direction, customer_id, created_at, channel);

      ALTER TABLE drafts ADD COLUMN decided_at INTEGER;
      ALTER TABLE drafts ADD COLUMN decision_kind TEXT;
      ALTER TABLE drafts ADD COLUMN decision_auto INTEGER;
      UPDATE drafts SET
        decided_at = (SELECT decided_at FROM decisions WHERE decisions.id = drafts.decision_id),
        decision_kind = (SELECT kind FROM decisions WHERE decisions.id = drafts.decision_id),
        decision_auto = (SELECT actor_console = 'auto' FROM decisions WHERE decisions.id = drafts.decision_id)
      WHERE decision_id IS NOT NULL;
      CREATE INDEX drafts_decided ON drafts (origin, decision_kind, decision_auto, decided_at, channel)
        WHERE decided_at IS NOT NULL;

      CREATE INDEX conversations_period ON conversations (opened_at, channel, first_response_at, resolved_at);
      -- Ordered by duration: a median or p90 is an OFFSET into the index, not a sort.
      CREATE INDEX conversations_first_response ON conversations (first_response_at - opened_at, opened_at, channel)
        WHERE first_response_at IS NOT NULL;
      CREATE INDEX conversations_resolution ON conversations (resolved_at - opened_at, opened_at, channel)
        WHERE resolved_at IS NOT NULL;
      CREATE INDEX conversations_rating_asked ON conversations (rating_requested_at, channel)
        WHERE rating_requested_at IS NOT NULL;

      ALTER TABLE ratings ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
      UPDATE ratings SET superseded = 1 WHERE EXISTS (
        SELECT 1 FROM ratings AS later WHERE later.conversation_id = ratings.conversation_id
          AND (later.created_at > ratings.created_at OR (later.created_at = ratings.created_at AND later.rowid > ratings.rowid)));
      CREATE INDEX ratings_current ON ratings (score, created_at, channel) WHERE superseded = 0;
    `,
  },
  {
    version: 3,
    name: 'figures day rollups and covering duration indexes',
    // At a million messages even index walks add up, so message counts and draft outcomes
    // are also kept per UTC day by triggers: a period reads whole days from the rollups and
    // only its partial first and last day from the indexes. (Intent '' = not classified.)
    // The duration indexes repeat their raw column so SQLite treats them as covering.
    sql: `
      DROP INDEX conversations_first_response;
      CREATE INDEX conversations_first_response
        ON conversations (first_response_at - opened_at, opened_at, channel, first_response_at)
        WHERE first_response_at IS NOT NULL;
      DROP INDEX conversations_resolution;
      CREATE INDEX conversations_resolution
        ON conversations (resolved_at - opened_at, opened_at, channel, resolved_at)
        WHERE resolved_at IS NOT NULL;

      CREATE TABLE message_days (
        day INTEGER NOT NULL,
        direction TEXT NOT NULL,
        channel TEXT NOT NULL,
        intent TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, direction, channel, intent)
      ) WITHOUT ROWID;
      INSERT INTO message_days (day, direction, channel, intent, n)
        SELECT created_at / 86400000, direction, channel, IFNULL(intent, ''), COUNT(*) FROM messages GROUP BY 1, 2, 3, 4;
      CREATE TRIGGER message_days_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_days (day, direction, channel, intent, n)
          VALUES (NEW.created_at / 86400000, NEW.direction, NEW.channel, IFNULL(NEW.intent, ''), 1)
          ON CONFLICT (day, direction, channel, intent) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER message_days_intent AFTER UPDATE OF intent ON messages
        WHEN IFNULL(OLD.intent, '') <> IFNULL(NEW.intent, '') BEGIN
        UPDATE message_days SET n = n - 1 WHERE day = OLD.created_at / 86400000 AND direction = OLD.direction
          AND channel = OLD.channel AND intent = IFNULL(OLD.intent, '');
        INSERT INTO message_days (day, direction, channel, intent, n)
          VALUES (NEW.created_at / 86400000, NEW.direction, NEW.channel, IFNULL(NEW.intent, ''), 1)
          ON CONFLICT (day, direction, channel, intent) DO UPDATE SET n = n + 1;
      END;

      -- When each customer last wrote, overall and per channel: for a period that runs to
      -- the present, C is simply how many customers last wrote at or after its start.
      CREATE TABLE customer_last_inbound (
        customer_id TEXT PRIMARY KEY,
        at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX customer_last_inbound_at ON customer_last_inbound (at);
      CREATE TABLE customer_channel_last_inbound (
        customer_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (customer_id, channel)
      ) WITHOUT ROWID;
      CREATE INDEX customer_channel_last_inbound_at ON customer_channel_last_inbound (channel, at);
      INSERT INTO customer_last_inbound (customer_id, at)
        SELECT customer_id, MAX(created_at) FROM messages WHERE direction = 'in' GROUP BY customer_id;
      INSERT INTO customer_channel_last_inbound (customer_id, channel, at)
        SELECT customer_id, channel, MAX(created_at) FROM messages WHERE direction = 'in' GROUP BY customer_id, channel;
      CREATE TRIGGER customer_last_inbound_insert AFTER INSERT ON messages WHEN NEW.direction = 'in' BEGIN
        INSERT INTO customer_last_inbound (customer_id, at) VALUES (NEW.customer_id, NEW.created_at)
          ON CONFLICT (customer_id) DO UPDATE SET at = MAX(at, excluded.at);
        INSERT INTO customer_channel_last_inbound (customer_id, channel, at)
          VALUES (NEW.customer_id, NEW.channel, NEW.created_at)
          ON CONFLICT (customer_id, channel) DO UPDATE SET at = MAX(at, excluded.at);
      END;

      CREATE TABLE draft_days (
        day INTEGER NOT NULL,
        origin TEXT NOT NULL,
        kind TEXT NOT NULL,
        auto INTEGER NOT NULL,
        channel TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, origin, kind, auto, channel)
      ) WITHOUT ROWID;
      INSERT INTO draft_days (day, origin, kind, auto, channel, n)
        SELECT decided_at / 86400000, origin, decision_kind, decision_auto, channel, COUNT(*) FROM drafts
        WHERE decided_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
      CREATE TRIGGER draft_days_decided AFTER UPDATE OF decided_at ON drafts
        WHEN OLD.decided_at IS NULL AND NEW.decided_at IS NOT NULL BEGIN
        INSERT INTO draft_days (day, origin, kind, auto, channel, n)
          VALUES (NEW.decided_at / 86400000, NEW.origin, NEW.decision_kind, NEW.decision_auto, NEW.channel, 1)
          ON CONFLICT (day, origin, kind, auto, channel) DO UPDATE SET n = n + 1;
      END;
    `,
  },
  {
    version: 4,
    name: 'one period index on messages',
    // With whole days read from message_days, messages only need one period index for the
    // partial first and last day (and for C of a period in the past): three indexes become
    // one, so every message insert maintains two fewer b-trees.
    sql: `
      DROP INDEX messages_period_channel;
      DROP INDEX messages_period_intent;
      DROP INDEX messages_period_customer;
      CREATE INDEX messages_period ON messages (direction, created_at, channel, intent, customer_id);
    `,
  },
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
];

/** Applies every migration newer than the database's version; returns the versions applied. */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  registerSearchFunctions(db);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const done: number[] = [];
  for (const m of ordered) {
    if (applied.has(m.version)) continue;
    // IMMEDIATE: two processes starting together serialise here; the loser re-checks.
    db.transaction(() => {
      const again = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
      if (again) return;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        Date.now(),
      );
      done.push(m.version);
    }).immediate();
  }
  return done;
}

export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as
    { v: number | null } | undefined;
  return row?.v ?? 0;
}
