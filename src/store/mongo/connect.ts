/**
 * Opening the MongoDB connection. A failure at start names its cause (bad URI, host
 * unreachable, authentication failed) without ever printing the URI's credentials. Once
 * connected, the driver reconnects by itself after a dropped connection; meanwhile
 * operations fail after `serverSelectionTimeoutMS` with the driver's error (mongoose's
 * command buffering is off, so nothing waits silently), and the logger says so.
 */
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../../core/ports.js';

export type MongoFailure = 'bad_uri' | 'unreachable' | 'auth_failed' | 'other';

/** A start-up connection failure with a stable cause; the message never contains credentials. */
export class MongoConnectError extends Error {
  constructor(
    readonly cause_: MongoFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MongoConnectError';
  }
}

/** The URI with any password (and user) replaced, safe for logs and errors. */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)([^@/]*@)/i, '$1***:***@');
}

/** Removes the URI's user:password (in plain or URL-encoded form) from a message. */
function scrub(text: string, uri: string): string {
  let out = text.split(uri).join(redactUri(uri));
  const m = /^mongodb(?:\+srv)?:\/\/([^@/]*)@/i.exec(uri);
  if (m?.[1]) {
    for (const part of m[1].split(':')) {
      if (part.length < 3) continue;
      for (const form of new Set([part, safeDecode(part)])) out = out.split(form).join('***');
    }
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Classifies a driver error raised while connecting. */
export function classifyConnectError(err: unknown): MongoFailure {
  const e = err as { name?: string; code?: number; message?: string; reason?: unknown; cause?: unknown };
  const text = `${e?.name ?? ''} ${e?.message ?? ''} ${describeReason(e?.reason)} ${String(
    (e?.cause as { message?: string } | undefined)?.message ?? '',
  )}`;
  if (e?.name === 'MongoParseError' || /invalid scheme|invalid connection string|Invalid URL/i.test(text))
    return 'bad_uri';
  if (e?.code === 18 || /auth(?:entication)? failed|AuthenticationFailed|SCRAM|bad auth/i.test(text))
    return 'auth_failed';
  if (
    e?.name === 'MongoServerSelectionError' ||
    e?.name === 'MongoNetworkError' ||
    e?.name === 'MongoNetworkTimeoutError' ||
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|querySrv/i.test(text)
  )
    return 'unreachable';
  return 'other';
}

function describeReason(reason: unknown): string {
  if (!reason || typeof reason !== 'object') return '';
  const servers = (reason as { servers?: Map<string, { error?: { message?: string } }> }).servers;
  if (!(servers instanceof Map)) return '';
  return [...servers.values()].map((s) => s.error?.message ?? '').join(' ');
}

const EXPLAIN: Readonly<Record<MongoFailure, string>> = {
  bad_uri: 'the MONGODB_URI is not a valid MongoDB connection string',
  unreachable: 'the MongoDB host is unreachable (check host, port, firewall or Atlas IP access list)',
  auth_failed: 'authentication failed (check the user, password and authSource in MONGODB_URI)',
  other: 'the connection failed',
};

export const DEFAULT_DB = 'solodesk';

/** The database named in the URI's path, or '' when there is none. */
export function uriDatabase(uri: string): string {
  const m = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/i.exec(uri);
  return m?.[1] ? decodeURIComponent(m[1]) : '';
}

export interface ConnectOptions {
  uri: string;
  /** Overrides the URI's database (tests use one database per store). */
  dbName?: string;
  logger?: Logger;
  /** How long an operation waits for a reachable server. Default 10 s. */
  serverSelectionTimeoutMS?: number;
}

export async function openConnection(options: ConnectOptions): Promise<Connection> {
  const { uri, logger } = options;
  const safe = redactUri(uri);
  let conn: Connection | undefined;
  try {
    conn = mongoose.createConnection(uri, {
      // A URI without a database would land in the driver's `test` database.
      dbName: options.dbName ?? (uriDatabase(uri) || DEFAULT_DB),
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
      // Fail an operation while disconnected instead of queueing it in memory.
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
      ignoreUndefined: true,
    });
    await conn.asPromise();
  } catch (err) {
    await conn?.close().catch(() => undefined);
    const cause = classifyConnectError(err);
    const detail = scrub((err as Error)?.message ?? String(err), uri);
    throw new MongoConnectError(
      cause,
      `MongoDB store: cannot connect to ${safe}: ${EXPLAIN[cause]} — ${detail}`,
    );
  }
  if (logger) {
    conn.on('disconnected', () => logger.warn({ store: 'mongodb' }, 'MongoDB connection lost; reconnecting'));
    conn.on('reconnected', () => logger.info({ store: 'mongodb' }, 'MongoDB connection restored'));
    conn.on('error', (err: Error) =>
      logger.error({ store: 'mongodb', err: scrub(err.message, uri) }, 'MongoDB connection error'),
    );
  }
  return conn;
}
