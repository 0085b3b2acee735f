/**
 * How a connector plugs into the desk: the core-facing Connector plus the HTTP routes
 * (webhooks) and server hooks (WebSocket upgrades) it needs. src/main.ts builds each
 * module from the Config and mounts it; connectors never read the environment.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { DeskNotice } from '../src/core/desk-notice.js';
import type { Clock, Connector, Logger, Pacer } from '../src/core/ports.js';

export interface ConnectorDeps {
  logger: Logger;
  pacer: Pacer;
  clock: Clock;
  /** The public base URL platforms call (signature checks use it). No trailing slash. */
  publicUrl: string;
  /** Signs tokens (visitor ids, rating links). */
  appSecret: string;
  dataDir: string;
  /**
   * Durable named checkpoints (backed by Store.getCursor/setCursor), for connectors that
   * pull from a source with its own position (the email connector's IMAP UID checkpoint).
   * Optional: without it a connector keeps its position in memory only.
   */
  cursors?: ConnectorCursors;
  /** Tells the owner's consoles about the desk itself (a limit tripped). Optional: tests may omit it. */
  notify?(notice: DeskNotice): void;
}

export interface ConnectorCursors {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
}

export interface ConnectorModule {
  connector: Connector;
  /** Registers webhook routes. Each route parses its own body (raw bytes for signatures). */
  mount?(app: Express): void;
  /** Gets the HTTP server once it listens (WebSocket upgrades). */
  attach?(server: Server): void;
  /** Owner-triggered actions beyond sending a reply (optional). */
  actions?: ConnectorActions;
}

export type CallBackResult = { kind: 'calling'; callSid: string } | { kind: 'rejected'; reason: string };

export interface ConnectorActions {
  /**
   * "Call back" (Twilio): rings the owner's phone, then bridges to the customer's number
   * (E.164) with the business number as caller id. The reason is for the owner to read.
   */
  callBack?(customerNumber: string): Promise<CallBackResult>;
}
