/**
 * Takes mail in over IMAP without losing or doubling any (PLATFORMS.md §6, §7.37–39):
 * one long-lived imapflow connection in IDLE; a catch-up from the stored UID checkpoint on
 * every (re)connect, on every EXISTS and on a slow poll; reconnect with backoff after any
 * drop. A mail is handed on (stored by the desk) before it is marked \Seen and before the
 * checkpoint moves past it, so a crash anywhere re-reads it and the desk's Message-ID dedupe
 * answers "duplicate".
 */
import { ImapFlow } from 'imapflow';
import type { Clock, ConnectorHealth, Logger } from '../../src/core/ports.js';
import type { CheckpointStore } from './checkpoint.js';
import { authRefused, imapAuth, type ImapAuth } from './imap-auth.js';
import type { AccessTokens } from './oauth-token.js';
import { isLoopback, type ImapOptions } from './options.js';

export interface HandleOutcome {
  /** Whether the mail may be marked \Seen (customer mail and bounces; not machine mail). */
  markSeen: boolean;
}

/** Must throw when the mail could not be stored: the intake then keeps the checkpoint. */
export type MailHandler = (raw: Buffer, receivedAt: Date | undefined) => Promise<HandleOutcome>;

export interface ImapIntakeOptions {
  imap: ImapOptions;
  checkpoints: CheckpointStore;
  handle: MailHandler;
  logger: Logger;
  clock: Clock;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  pollIntervalMs: number;
  idleDelayMs: number;
  initialLookbackDays: number;
  /** OAuth 2.0 sign-in (XOAUTH2); without it the IMAP password is used. */
  tokens?: AccessTokens;
}

const DAY_MS = 86_400_000;

class Stopped extends Error {}

export class ImapIntake {
  private client: ImapFlow | undefined;
  /** The connection being opened, so stop() need not wait out a connect timeout. */
  private connecting: ImapFlow | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private status: ConnectorHealth = { state: 'starting' };
  private running: Promise<void> | undefined;
  private again = false;
  private wake: (() => void) | undefined;
  private poll: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  /** Connections opened so far; tests read it to see a reconnect happen. */
  connections = 0;

  constructor(private readonly options: ImapIntakeOptions) {}

  private get mailbox(): string {
    return this.options.imap.mailbox ?? 'INBOX';
  }

  start(): void {
    this.stopped = false;
    this.loop = this.run();
    this.poll = setInterval(() => void this.catchUp(), this.options.pollIntervalMs);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.retry);
    this.wake?.();
    this.connecting?.close();
    await this.running?.catch(() => undefined);
    const client = this.client;
    if (client) await client.logout().catch(() => client.close());
    await this.loop;
  }

  health(): ConnectorHealth {
    return this.status;
  }

  /** Runs a catch-up now (or once more after the one in progress); never rejects. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.catchUpOnce();
      } while (this.again && !this.stopped);
    })()
      .then(() => {
        this.failures = 0;
        if (this.client && this.status.state === 'down') this.status = { state: 'up' };
      })
      .catch((err: unknown) => this.catchUpFailed(err))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private catchUpFailed(err: unknown): void {
    if (err instanceof Stopped || this.stopped) return;
    const e = err as { message?: string; code?: string };
    this.options.logger.warn({ err: e.message, code: e.code }, 'email catch-up failed; will retry');
    // Mail is never skipped (the checkpoint waits), so a lasting failure must show in /health.
    if (this.client)
      this.status = { state: 'down', detail: `taking in mail fails (${e.code ?? 'error'}); retrying` };
    // The connection may be fine and the store not: try again without waiting for new mail.
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.catchUp(), this.backoff(this.failures++));
    this.retry.unref();
  }

  private backoff(attempt: number): number {
    const { reconnectMinMs, reconnectMaxMs } = this.options;
    const base = Math.min(reconnectMaxMs, reconnectMinMs * 2 ** Math.min(attempt, 20));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private newClient(auth: ImapAuth): ImapFlow {
    const { imap, idleDelayMs } = this.options;
    return new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth,
      // imapflow's own log lines carry addresses and subjects; we log our own events instead.
      logger: false,
      clientInfo: { name: 'solodesk' },
      autoIdleDelay: idleDelayMs,
      ...(imap.secure || isLoopback(imap.host) ? {} : { doSTARTTLS: true }),
      // Re-issue IDLE well inside the 5-minute socket timeout and RFC 2177's 29 minutes.
      maxIdleTime: 4 * 60_000,
      ...(imap.tls ? { tls: imap.tls } : {}),
    });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    // One immediate retry after the server refused an OAuth token (it expired or was revoked).
    let retryRefused = true;
    while (!this.stopped) {
      let auth: ImapAuth;
      try {
        auth = await imapAuth(this.options.imap, this.options.tokens);
      } catch (err) {
        this.status = { state: 'down', detail: 'oauth token refresh failed' };
        this.options.logger.warn({ code: (err as { code?: string }).code }, 'imap sign-in token unavailable');
        if (await this.pause(this.backoff(attempt++))) continue;
        break;
      }
      if (this.stopped) break;
      const client = this.newClient(auth);
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      client.on('error', (err: Error & { code?: string }) => {
        this.options.logger.warn({ err: err.message, code: err.code }, 'imap connection error');
      });
      client.on('exists', () => void this.catchUp());
      // A new UIDVALIDITY while selected is announced as a fresh mailboxOpen.
      client.on('mailboxOpen', () => void this.catchUp());
      try {
        this.connecting = client;
        await client.connect();
        this.connecting = undefined;
        if (this.stopped) {
          await client.logout().catch(() => client.close());
          break;
        }
        await client.mailboxOpen(this.mailbox).catch((err: Error) => {
          throw Object.assign(new Error(`mailbox ${this.mailbox} could not be opened: ${err.message}`), {
            detail: `mailbox ${this.mailbox} could not be opened`,
          });
        });
        this.client = client;
        this.connections++;
        this.status = { state: 'up' };
        this.options.logger.info({ mailbox: this.mailbox, connection: this.connections }, 'imap connected');
        attempt = 0;
        retryRefused = true;
        await this.catchUp();
        await closed;
      } catch (err) {
        const e = err as { message?: string; code?: string; authenticationFailed?: boolean; detail?: string };
        const detail = e.authenticationFailed
          ? 'authentication failed'
          : (e.detail ?? e.code ?? 'connect failed');
        this.status = { state: 'down', detail };
        if (!this.stopped) this.options.logger.warn({ err: e.message, code: e.code }, 'imap connect failed');
        client.close();
        if (e.authenticationFailed && this.options.tokens) {
          authRefused(auth, this.options.tokens);
          if (retryRefused && !this.stopped) {
            retryRefused = false;
            continue;
          }
        }
      } finally {
        this.connecting = undefined;
        if (this.client === client) this.client = undefined;
      }
      if (this.stopped) break;
      const delay = this.backoff(attempt++);
      if (this.status.state === 'up')
        this.status = { state: 'down', detail: 'connection closed; reconnecting' };
      this.options.logger.warn({ delayMs: delay }, 'imap connection lost; reconnecting');
      if (!(await this.pause(delay))) break;
    }
    this.status = { state: 'down', detail: 'stopped' };
  }

  /** Waits `ms` (stop() wakes it early); false once stopped. */
  private async pause(ms: number): Promise<boolean> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
    return !this.stopped;
  }

  private async catchUpOnce(): Promise<void> {
    const client = this.client;
    if (!client || !client.usable || this.stopped) return;
    const { checkpoints, clock, logger } = this.options;
    const lock = await client.getMailboxLock(this.mailbox);
    try {
      const box = client.mailbox;
      if (!box) return;
      const uidValidity = String(box.uidValidity);
      // A lower bound for "everything now in the mailbox"; a stale value only re-reads.
      const uidNext = box.uidNext;
      const checkpoint = await checkpoints.load();

      if (checkpoint && checkpoint.uidValidity === uidValidity) {
        // `n:*` always matches the highest UID, even when it is below n (§7.37): filter.
        const found = await client.search({ uid: `${checkpoint.lastUid + 1}:*` }, { uid: true });
        const uids = (found || []).filter((uid) => uid > checkpoint.lastUid).sort((a, b) => a - b);
        await this.process(client, uids, async (uid, date) => {
          await checkpoints.save({
            uidValidity,
            lastUid: uid,
            ...(date ? { lastDate: date.toISOString() } : {}),
          });
        });
        return;
      }

      let since: Date;
      if (!checkpoint) {
        // First start: recent unread mail only, not the whole history of the mailbox.
        since = new Date(clock.now().getTime() - this.options.initialLookbackDays * DAY_MS);
      } else {
        // Every UID is void (§7.38): re-read from shortly before the last handled mail; the
        // desk's Message-ID dedupe turns what was stored already into duplicates.
        logger.warn({ mailbox: this.mailbox }, 'imap UIDVALIDITY changed; resynchronising');
        const last = checkpoint.lastDate ? Date.parse(checkpoint.lastDate) : clock.now().getTime();
        since = new Date(last - 2 * DAY_MS);
      }
      const query = checkpoint ? { since } : { since, seen: false };
      const uids = ((await client.search(query, { uid: true })) || []).sort((a, b) => a - b);
      let lastDate: Date | undefined;
      await this.process(client, uids, async (_uid, date) => {
        lastDate = date ?? lastDate;
      });
      const lastUid = Math.max(uidNext - 1, uids.at(-1) ?? 0, 0);
      await checkpoints.save({
        uidValidity,
        lastUid,
        ...(lastDate
          ? { lastDate: lastDate.toISOString() }
          : checkpoint?.lastDate
            ? { lastDate: checkpoint.lastDate }
            : {}),
      });
    } finally {
      lock.release();
    }
  }

  /** Fetches and hands on each mail in UID order; `done` runs after it is stored and marked. */
  private async process(
    client: ImapFlow,
    uids: number[],
    done: (uid: number, date: Date | undefined) => Promise<void>,
  ): Promise<void> {
    for (const uid of uids) {
      if (this.stopped) throw new Stopped();
      // One mail at a time: no other command may run inside a fetch iterator, and a big
      // mailbox must not be held in memory at once.
      const message = await client.fetchOne(
        String(uid),
        { source: true, internalDate: true, uid: true },
        { uid: true },
      );
      const date = message && message.internalDate ? new Date(message.internalDate) : undefined;
      if (message && message.source) {
        const outcome = await this.options.handle(message.source, date);
        if (outcome.markSeen && this.options.imap.markSeen !== false) {
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        }
      }
      await done(uid, date);
    }
  }
}
