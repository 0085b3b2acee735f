/** The embedded store's first schema (1) and its early period tables and indexes (2–4). Released: never edited. */
import type { Migration } from './migrations.js';

export const MIGRATIONS_1_4: readonly Migration[] = [
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
];
