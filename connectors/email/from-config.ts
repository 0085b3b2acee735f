/**
 * Maps the IMAP_* / SMTP_* / EMAIL_FROM settings onto EmailOptions. Takes the fields it
 * needs structurally, so the connector does not depend on src/config.
 */
import type { EmailOptions } from './options.js';

export interface EmailSettings {
  IMAP_HOST?: string | undefined;
  IMAP_PORT: number;
  IMAP_SECURE: boolean;
  IMAP_USER?: string | undefined;
  IMAP_PASS?: string | undefined;
  IMAP_MAILBOX: string;
  IMAP_MARK_SEEN: boolean;
  IMAP_SENT_MAILBOX?: string | undefined;
  SMTP_HOST?: string | undefined;
  SMTP_PORT: number;
  SMTP_SECURE: boolean;
  SMTP_USER?: string | undefined;
  SMTP_PASS?: string | undefined;
  EMAIL_FROM?: string | undefined;
  EMAIL_AUTHSERV_ID?: string | undefined;
}

/** undefined when email is not configured at all; throws on a half-done setup. */
export function emailOptionsFromConfig(c: EmailSettings): EmailOptions | undefined {
  if (!c.IMAP_HOST && !c.SMTP_HOST) return undefined;
  if (c.IMAP_HOST && (!c.IMAP_USER || !c.IMAP_PASS)) {
    throw new Error('email: IMAP_HOST is set but IMAP_USER or IMAP_PASS is missing');
  }
  const from = c.EMAIL_FROM ?? c.IMAP_USER ?? c.SMTP_USER;
  if (!from) throw new Error('email: set EMAIL_FROM (e.g. "Shop Support <support@shop.example>")');
  // Most providers use the same account for both sides.
  const smtpUser = c.SMTP_USER ?? c.IMAP_USER;
  const smtpPass = c.SMTP_PASS ?? (c.SMTP_USER ? undefined : c.IMAP_PASS);
  return {
    from,
    ...(c.EMAIL_AUTHSERV_ID ? { authservId: c.EMAIL_AUTHSERV_ID } : {}),
    ...(c.IMAP_HOST && c.IMAP_USER && c.IMAP_PASS
      ? {
          imap: {
            host: c.IMAP_HOST,
            port: c.IMAP_PORT,
            secure: c.IMAP_SECURE,
            user: c.IMAP_USER,
            pass: c.IMAP_PASS,
            mailbox: c.IMAP_MAILBOX,
            markSeen: c.IMAP_MARK_SEEN,
            ...(c.IMAP_SENT_MAILBOX !== undefined ? { sentMailbox: c.IMAP_SENT_MAILBOX } : {}),
          },
        }
      : {}),
    ...(c.SMTP_HOST
      ? {
          smtp: {
            host: c.SMTP_HOST,
            port: c.SMTP_PORT,
            secure: c.SMTP_SECURE,
            ...(smtpUser ? { user: smtpUser } : {}),
            ...(smtpPass ? { pass: smtpPass } : {}),
          },
        }
      : {}),
  };
}
