/**
 * Maps the IMAP_* / SMTP_* / EMAIL_FROM settings onto EmailOptions. Takes the fields it
 * needs structurally, so the connector does not depend on src/config.
 */
import { emailOAuthFromConfig, type EmailOAuthSettings } from './oauth-config.js';
import type { EmailOptions } from './options.js';

export interface EmailSettings extends EmailOAuthSettings {
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
  const oauth = emailOAuthFromConfig(c);
  if (oauth) return oauthEmailOptions(c, oauth);
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
      ? { imap: { ...imapCommon(c), host: c.IMAP_HOST, user: c.IMAP_USER, pass: c.IMAP_PASS } }
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

function imapCommon(c: EmailSettings) {
  return {
    port: c.IMAP_PORT,
    secure: c.IMAP_SECURE,
    mailbox: c.IMAP_MAILBOX,
    markSeen: c.IMAP_MARK_SEEN,
    ...(c.IMAP_SENT_MAILBOX !== undefined ? { sentMailbox: c.IMAP_SENT_MAILBOX } : {}),
  };
}

/**
 * OAuth (Gmail, Microsoft 365): both sides sign in as IMAP_USER with XOAUTH2, no passwords.
 * An unset IMAP_HOST / SMTP_HOST takes the provider's server with its port and TLS mode; a set
 * one keeps IMAP_PORT / SMTP_PORT and *_SECURE as configured.
 */
function oauthEmailOptions(
  c: EmailSettings,
  oauth: NonNullable<ReturnType<typeof emailOAuthFromConfig>>,
): EmailOptions {
  if (!c.IMAP_USER) {
    throw new Error('email: EMAIL_OAUTH_PROVIDER is set but IMAP_USER (the mailbox address) is missing');
  }
  const { imap, smtp } = oauth.defaults;
  return {
    from: c.EMAIL_FROM ?? c.IMAP_USER,
    oauth: oauth.client,
    ...(c.EMAIL_AUTHSERV_ID ? { authservId: c.EMAIL_AUTHSERV_ID } : {}),
    imap: {
      ...imapCommon(c),
      ...(c.IMAP_HOST ? { host: c.IMAP_HOST } : imap),
      user: c.IMAP_USER,
      // Gmail and Microsoft 365 file SMTP submissions in Sent themselves: no second copy.
      ...(!c.IMAP_HOST && c.IMAP_SENT_MAILBOX === undefined ? { sentMailbox: 'none' } : {}),
    },
    smtp: {
      ...(c.SMTP_HOST ? { host: c.SMTP_HOST, port: c.SMTP_PORT, secure: c.SMTP_SECURE } : smtp),
      user: c.SMTP_USER ?? c.IMAP_USER,
    },
  };
}
