/**
 * The email connector's settings. src/main.ts maps IMAP_* / SMTP_* / EMAIL_FROM onto this;
 * the connector itself never reads the environment.
 */
import type { OAuthClientOptions } from './oauth-token.js';

export interface ImapOptions {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** Unset when the desk signs in with OAuth 2.0 (EmailOptions.oauth). */
  pass?: string;
  /** Default INBOX. */
  mailbox?: string;
  /** Mark handled customer mail \Seen (IMAP_MARK_SEEN, default true). */
  markSeen?: boolean;
  /**
   * Where a copy of every reply is appended (IMAP_SENT_MAILBOX). Unset: the mailbox with the
   * \Sent special-use flag, if the server names one. `none`/`false`/`off`: no copy (Gmail and
   * Microsoft 365 already file SMTP submissions in Sent).
   */
  sentMailbox?: string;
  /** TLS options passed to imapflow (e.g. a test CA); never needed for public providers. */
  tls?: { rejectUnauthorized?: boolean };
}

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  tls?: { rejectUnauthorized?: boolean };
}

export interface EmailOptions {
  /** OWNER_LANGUAGE: the language of the reasons a failed send shows the owner (default en). */
  ownerLanguage?: 'en' | 'zh';
  imap?: ImapOptions;
  /**
   * Sign in to IMAP and SMTP with XOAUTH2 (Gmail, Microsoft 365): access tokens come from this
   * client and refresh token; the passwords are then unused.
   */
  oauth?: OAuthClientOptions;
  smtp?: SmtpOptions;
  /** `Shop Support <support@shop.example>`; falls back to the IMAP user. */
  from?: string;
  /** Attachments larger than this are relayed by name and size only. Default 5 MiB. */
  maxAttachmentBytes?: number;
  /** On the very first start (no checkpoint yet), unseen mail this recent is taken in. Default 7. */
  initialLookbackDays?: number;
  /** Reconnect backoff: first delay and cap, in ms. Defaults 1000 and 60000. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** A catch-up runs this often even without an IDLE notification. Default 5 minutes. */
  pollIntervalMs?: number;
  /** Delay before imapflow enters IDLE after the last command. Default 1000. */
  idleDelayMs?: number;
  /**
   * Our receiving server's authserv-id (EMAIL_AUTHSERV_ID, e.g. `mx.shop.example`): only
   * Authentication-Results headers it wrote are read. Unset: the topmost header.
   */
  authservId?: string;
}

export const DEFAULTS = {
  mailbox: 'INBOX',
  maxAttachmentBytes: 5 * 1024 * 1024,
  initialLookbackDays: 7,
  reconnectMinMs: 1000,
  reconnectMaxMs: 60_000,
  pollIntervalMs: 5 * 60_000,
  idleDelayMs: 1000,
} as const;

/** `none`, `false`, `off` and `` switch the Sent copy off. */
export function sentCopyDisabled(value: string | undefined): boolean {
  return value !== undefined && ['', 'none', 'false', 'off', 'no'].includes(value.trim().toLowerCase());
}

/**
 * With *_SECURE=false the session must still upgrade with STARTTLS before the password goes
 * out, so a stripped STARTTLS offer cannot leak it; only loopback (tests, a local relay) may
 * stay in cleartext.
 */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
