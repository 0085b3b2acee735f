/** The email variables that point a desk at a local Dovecot (IMAP, plain) and an SMTP recorder. */
import type { Dovecot } from './dovecot.js';
import type { SmtpRecorder } from './smtp-recorder.js';

export function emailEnv(
  dovecot: Pick<Dovecot, 'host' | 'port' | 'user' | 'pass'>,
  smtp: Pick<SmtpRecorder, 'port'>,
  from: string,
): Record<string, string> {
  return {
    IMAP_HOST: dovecot.host,
    IMAP_PORT: String(dovecot.port),
    IMAP_SECURE: 'false',
    IMAP_USER: dovecot.user,
    IMAP_PASS: dovecot.pass,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_SECURE: 'false',
    EMAIL_FROM: from,
  };
}
