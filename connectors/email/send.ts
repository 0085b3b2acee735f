/**
 * Delivers replies over SMTP (nodemailer) and files a copy in the Sent mailbox over IMAP.
 * The copy is best effort: once SMTP accepted the mail, failing to file it must not make the
 * outbox send it again; the job's send record is written before the copy is filed.
 */
import { ImapFlow } from 'imapflow';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock, Logger, OutboundMessage, SendResult } from '../../src/core/ports.js';
import { composeReply, type RatingLink, type Sender } from './compose.js';
import { authRefused, imapAuth } from './imap-auth.js';
import { isAuthFailure, type AccessTokens } from './oauth-token.js';
import { isLoopback, sentCopyDisabled, type ImapOptions, type SmtpOptions } from './options.js';
import { fillOwner, OWNER_STRINGS, type OwnerStrings } from '../../src/core/owner-strings/index.js';

export interface SmtpSenderOptions {
  smtp: SmtpOptions;
  /** For the Sent copy; without it no copy is filed. */
  imap?: ImapOptions;
  from: Sender;
  logger: Logger;
  clock: Clock;
  /** The five one-click rating links for a conversation (rating requests). */
  ratingLinks?: (conversationId: string, language: string) => RatingLink[];
  /** OAuth 2.0 sign-in (XOAUTH2) for SMTP and the Sent copy; without it the passwords are used. */
  tokens?: AccessTokens;
  /** The failure reasons in the owner's language (they show on the failed delivery card). */
  strings?: OwnerStrings['emailSend'];
}

/** SMTP replies that will never succeed: 5xx. Everything else (4xx, network) is retried. */
function classifyError(err: unknown, t: OwnerStrings['emailSend']): SendResult {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const code = e.responseCode;
  const detail = `${e.code ?? 'ESMTP'}${code ? ` ${code}` : ''}: ${(e.message ?? t.sendFailed).slice(0, 200)}`;
  if (code !== undefined && code >= 500 && code < 600) {
    return { kind: 'rejected', reason: fillOwner(t.refused, { detail }) };
  }
  return { kind: 'retry', reason: fillOwner(t.failed, { detail }) };
}

export class SmtpSender {
  private readonly transport: Transporter;
  private sentPath: string | null | undefined;
  /** The access token last handed to nodemailer, so a refusal can void exactly that one. */
  private lastToken: string | undefined;

  constructor(private readonly options: SmtpSenderOptions) {
    const { smtp, tokens } = options;
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: !smtp.secure && !isLoopback(smtp.host),
      ...(tokens && smtp.user
        ? { auth: { type: 'OAuth2' as const, user: smtp.user, provisionCallback: this.provision(tokens) } }
        : smtp.user
          ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } }
          : {}),
      ...(smtp.tls ? { tls: smtp.tls } : {}),
      connectionTimeout: 30_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
    });
  }

  async send(message: OutboundMessage, to: string): Promise<SendResult> {
    const { from, logger, clock } = this.options;
    const links =
      message.purpose === 'rating_request' && this.options.ratingLinks
        ? this.options.ratingLinks(message.conversationId, message.language)
        : [];
    const reply = await composeReply(message, from, to, clock.now(), links);
    try {
      // At the moment of the send (inside the pacing slot): an attempt before a crash or a lease
      // takeover may have sent it already. Its Message-ID is the same (derived from the job's
      // idempotency key), so that is what the job records either way.
      if (await message.record?.check())
        return { kind: 'sent', externalId: reply.messageId, delivery: 'sent' };
      await this.sendRaw(from.address, to, reply.raw);
    } catch (err) {
      const result = classifyError(err, this.options.strings ?? OWNER_STRINGS.en.emailSend);
      logger.warn(
        { jobId: message.jobId, code: (err as { code?: string }).code, result: result.kind },
        'smtp send failed',
      );
      return result;
    }
    // Recorded before filing the copy, which may take long (a slow IMAP server).
    await message.record?.accepted(reply.messageId);
    await this.fileCopy(reply.raw, message.jobId);
    return { kind: 'sent', externalId: reply.messageId, delivery: 'sent' };
  }

  close(): void {
    this.transport.close();
  }

  /**
   * With OAuth, a refused token (SMTP 535, e.g. revoked or expired early) is voided and the
   * mail sent once more with a fresh one, unless this attempt already fetched a fresh token.
   */
  private async sendRaw(from: string, to: string, raw: Buffer): Promise<void> {
    const tokens = this.options.tokens;
    const refreshes = tokens?.refreshes ?? 0;
    try {
      await this.transport.sendMail({ envelope: { from, to: [to] }, raw });
    } catch (err) {
      if (!tokens || !isAuthFailure(err) || tokens.refreshes !== refreshes || !this.lastToken) throw err;
      tokens.invalidate(this.lastToken);
      this.options.logger.info({}, 'smtp refused the access token; refreshing it once');
      await this.transport.sendMail({ envelope: { from, to: [to] }, raw });
    }
  }

  /** nodemailer asks for a token per login; `renew` after the server refused the last one. */
  private provision(tokens: AccessTokens) {
    return (
      _user: string,
      renew: boolean,
      callback: (err: Error | null, accessToken?: string, expires?: number) => void,
    ): void => {
      if (renew && this.lastToken) tokens.invalidate(this.lastToken);
      tokens.get().then(
        (token) => {
          this.lastToken = token;
          // An expiry in the past: nodemailer asks again next login; the cache is ours.
          callback(null, token, 1);
        },
        (err: Error) => callback(err),
      );
    };
  }

  private async fileCopy(raw: Buffer, jobId: string): Promise<void> {
    const imap = this.options.imap;
    if (!imap || sentCopyDisabled(imap.sentMailbox)) return;
    let auth;
    try {
      auth = await imapAuth(imap, this.options.tokens);
    } catch {
      this.options.logger.warn({ jobId }, 'could not file the reply in Sent (no access token)');
      return;
    }
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth,
      logger: false,
      clientInfo: { name: 'solodesk' },
      disableAutoIdle: true,
      ...(imap.secure || isLoopback(imap.host) ? {} : { doSTARTTLS: true }),
      ...(imap.tls ? { tls: imap.tls } : {}),
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const path = await this.sentMailbox(client);
      if (path) await client.append(path, raw, ['\\Seen']);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (isAuthFailure(err)) authRefused(auth, this.options.tokens);
      this.options.logger.warn({ jobId, code: e.code, err: e.message }, 'could not file the reply in Sent');
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /** The configured Sent mailbox, else the one flagged \Sent (RFC 6154), else none. */
  private async sentMailbox(client: ImapFlow): Promise<string | null> {
    if (this.sentPath !== undefined) return this.sentPath;
    const configured = this.options.imap?.sentMailbox;
    if (configured) {
      this.sentPath = configured;
      return configured;
    }
    const boxes = await client.list();
    this.sentPath = boxes.find((b) => b.specialUse === '\\Sent')?.path ?? null;
    if (!this.sentPath) this.options.logger.info({}, 'no \\Sent mailbox found; replies are not filed');
    return this.sentPath;
  }
}
