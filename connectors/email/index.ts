/**
 * The email channel: IMAP in (imap-intake.ts), parse and loop guards (parse.ts,
 * loop-guard.ts), SMTP out (send.ts). Reply references are `email:<our address>:<customer>`;
 * our outbound Message-ID is the OutboxJob's externalId, so a customer's answer (In-Reply-To /
 * References) finds its conversation and a bounce finds its job.
 */
import type { Channel, Customer } from '../../src/core/model.js';
import type {
  Connector,
  ConnectorHealth,
  Intake,
  OutboundMessage,
  PaceRule,
  SendCheck,
  SendResult,
} from '../../src/core/ports.js';
import type { ConnectorDeps, ConnectorModule } from '../module.js';
import { ratingLinks } from '../rating-link.js';
import { CheckpointStore, memoryCursors } from './checkpoint.js';
import { MESSAGE_ID_PREFIX, parseSender, type Sender } from './compose.js';
import { ImapIntake, type HandleOutcome } from './imap-intake.js';
import { OAuthTokenSource } from './oauth-token.js';
import { DEFAULTS, type EmailOptions } from './options.js';
import { parseEmail } from './parse.js';
import { SmtpSender } from './send.js';
import { OWNER_STRINGS, type OwnerStrings } from '../../src/core/owner-strings/index.js';

export type { EmailOptions } from './options.js';

/** One reply per second per recipient, two per second overall: well inside Gmail's and 365's limits. */
const PACE: PaceRule = { rule: 'email', minTimeMs: 1000, overallMinTimeMs: 500 };
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export class EmailConnector implements Connector {
  readonly name = 'email';
  readonly channels: readonly Channel[] = ['email'];
  readonly pacing: readonly PaceRule[] = [PACE];
  /**
   * A resend is the same mail: its Message-ID comes from the job's idempotency key (compose.ts),
   * so it threads as, and mail systems that drop repeated Message-IDs (Gmail) drop, the first.
   */
  readonly resendDedupeMs = (): number => Number.POSITIVE_INFINITY;
  readonly from: Sender;
  /** The IMAP side, exposed for tests and health; undefined when IMAP is not configured. */
  readonly imap: ImapIntake | undefined;
  private readonly sender: SmtpSender | undefined;
  private intake: Intake | undefined;
  private readonly strings: OwnerStrings['emailSend'];

  constructor(
    private readonly options: EmailOptions,
    private readonly deps: ConnectorDeps,
  ) {
    const fromValue = options.from ?? options.imap?.user ?? options.smtp?.user;
    if (!fromValue) throw new Error('email connector: EMAIL_FROM (or IMAP_USER) is required');
    this.from = parseSender(fromValue);
    this.strings = OWNER_STRINGS[options.ownerLanguage ?? 'en'].emailSend;
    const logger = deps.logger.child({ connector: 'email' });
    deps.pacer.define(PACE);
    // One token source for both sides: IMAP and SMTP share the cached access token.
    const tokens = options.oauth
      ? new OAuthTokenSource({ ...options.oauth, logger, clock: deps.clock })
      : undefined;
    if (options.smtp) {
      this.sender = new SmtpSender({
        smtp: options.smtp,
        ...(tokens ? { tokens } : {}),
        ...(options.imap ? { imap: options.imap } : {}),
        from: this.from,
        logger,
        clock: deps.clock,
        strings: this.strings,
        ratingLinks: (conversationId, language) =>
          ratingLinks(deps.publicUrl, deps.appSecret, conversationId, language, deps.clock.now()),
      });
    }
    if (options.imap) {
      const mailbox = options.imap.mailbox ?? DEFAULTS.mailbox;
      if (!deps.cursors) logger.warn({}, 'no cursor store wired: the IMAP checkpoint lives in memory only');
      this.imap = new ImapIntake({
        imap: options.imap,
        ...(tokens ? { tokens } : {}),
        checkpoints: new CheckpointStore(
          deps.cursors ?? memoryCursors(),
          `email:imap:${options.imap.user}:${mailbox}`,
        ),
        handle: (raw, receivedAt) => this.handle(raw, receivedAt),
        logger,
        clock: deps.clock,
        reconnectMinMs: options.reconnectMinMs ?? DEFAULTS.reconnectMinMs,
        reconnectMaxMs: options.reconnectMaxMs ?? DEFAULTS.reconnectMaxMs,
        pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
        idleDelayMs: options.idleDelayMs ?? DEFAULTS.idleDelayMs,
        initialLookbackDays: options.initialLookbackDays ?? DEFAULTS.initialLookbackDays,
      });
    }
  }

  private get ourAddresses(): string[] {
    const own = [this.from.address, this.options.imap?.user, this.options.smtp?.user];
    return [...new Set(own.filter((a): a is string => !!a && a.includes('@')).map((a) => a.toLowerCase()))];
  }

  async start(intake: Intake): Promise<void> {
    this.intake = intake;
    this.imap?.start();
  }

  async stop(): Promise<void> {
    await this.imap?.stop();
    this.sender?.close();
  }

  health(): ConnectorHealth {
    if (this.imap) return this.imap.health();
    return this.sender ? { state: 'up', detail: 'sending only (no IMAP configured)' } : { state: 'disabled' };
  }

  canSend(_channel: Channel, replyRef: string, _customer: Customer): SendCheck {
    if (!this.sender) return { ok: false, reason: this.strings.notConfigured };
    return recipientOf(replyRef) ? { ok: true } : { ok: false, reason: this.strings.noAddress };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (!this.sender) return { kind: 'rejected', reason: this.strings.notConfigured };
    const to = recipientOf(message.replyRef);
    if (!to) return { kind: 'rejected', reason: this.strings.noAddress };
    const sender = this.sender;
    return this.deps.pacer.schedule(PACE.rule, to, () => sender.send(message, to));
  }

  /** One fetched mail → the desk. Throws only when the desk could not store it. */
  private async handle(raw: Buffer, receivedAt: Date | undefined): Promise<HandleOutcome> {
    const intake = this.intake;
    if (!intake) throw new Error('email connector not started');
    const logger = this.deps.logger;
    let parsed;
    try {
      parsed = await parseEmail(raw, {
        ourAddress: this.from.address,
        addresses: this.ourAddresses,
        messageIdPrefix: MESSAGE_ID_PREFIX,
        maxAttachmentBytes: this.options.maxAttachmentBytes ?? DEFAULTS.maxAttachmentBytes,
        ...(receivedAt ? { receivedAt } : {}),
        ...(this.options.authservId ? { authservId: this.options.authservId } : {}),
      });
    } catch (err) {
      // A mail we cannot parse would block the checkpoint forever; skip it, leave it unread.
      logger.warn({ err: (err as Error).message, size: raw.length }, 'unparseable mail skipped');
      return { markSeen: false };
    }
    if (parsed.kind === 'ignored') {
      logger.info({ reason: parsed.reason }, 'machine mail not taken in');
      return { markSeen: false };
    }
    if (parsed.kind === 'bounce') {
      if (parsed.failed) {
        for (const externalId of parsed.messageIds) {
          await intake.delivery({
            channel: 'email',
            externalId,
            state: 'failed',
            ...(parsed.error ? { error: parsed.error } : {}),
          });
        }
      }
      logger.info({ matched: parsed.messageIds.length, failed: parsed.failed }, 'bounce handled');
      return { markSeen: true };
    }
    const result = await intake.receive(parsed.inbound);
    logger.info({ result: result.kind }, 'mail taken in');
    return { markSeen: result.kind !== 'ignored' };
  }
}

/** The customer's address from `email:<ours>:<theirs>`. */
export function recipientOf(replyRef: string): string | undefined {
  if (!replyRef.startsWith('email:')) return undefined;
  const rest = replyRef.slice('email:'.length);
  const theirs = rest.slice(rest.indexOf(':') + 1).trim();
  return ADDRESS.test(theirs) ? theirs : undefined;
}

export function createEmailConnector(
  options: EmailOptions,
  deps: ConnectorDeps,
): ConnectorModule & { connector: EmailConnector } {
  return { connector: new EmailConnector(options, deps) };
}

export { emailOptionsFromConfig } from './from-config.js';
