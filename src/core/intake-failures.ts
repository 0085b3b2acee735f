/**
 * Dead letters for every connector. An inbound item that fails to store is normally retried
 * by its connector (the IMAP checkpoint waits, a webhook gets a 5xx and the platform sends it
 * again). An item that fails the same way `maxAttempts` times in a row would block its
 * connector forever (an IMAP mailbox is read in order), so it is set aside: recorded in the
 * store with who sent it, the owner is told, and intake moves on.
 *
 * A store that is down cannot record the failure either, so an outage never sets items
 * aside: only a store that answers, and keeps refusing this one item, does.
 */
import type { Channel } from './model.js';
import type { InboundMessage, IntakeFailure } from './ports.js';
import { ownerStrings } from './owner-strings/index.js';
import { fillTemplate } from './template.js';

export const DEFAULT_MAX_INTAKE_ATTEMPTS = 3;

/** What kind of failure it was: names and codes only (no message text, which may quote data). */
export function errorSignature(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown; codeName?: unknown } | undefined;
  const parts = [e?.name, e?.code, e?.codeName].filter(
    (p): p is string | number => typeof p === 'string' || typeof p === 'number',
  );
  return parts.length ? parts.join(':') : 'error';
}

/**
 * Failures that say nothing about the item: the connection, a busy database, a primary being
 * elected. They are retried for as long as they last and never set an item aside. Read from
 * the error's shape (the core knows no driver).
 */
export function isTransient(err: unknown): boolean {
  const e = err as { name?: unknown; code?: unknown; errorLabels?: unknown } | undefined;
  const name = typeof e?.name === 'string' ? e.name : '';
  const code = typeof e?.code === 'string' ? e.code : '';
  const labels = Array.isArray(e?.errorLabels) ? (e.errorLabels as unknown[]) : [];
  return (
    /Network|Timeout|ServerSelection|NotPrimary|PoolCleared/i.test(name) ||
    /^(SQLITE_BUSY|SQLITE_LOCKED|ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)/.test(code) ||
    labels.includes('RetryableWriteError') ||
    labels.includes('TransientTransactionError')
  );
}

/** The next record after one more failure (a different failure starts the count again). */
export function nextFailure(
  previous: IntakeFailure | undefined,
  inbound: InboundMessage,
  signature: string,
  now: Date,
  maxAttempts: number,
): IntakeFailure {
  const same = previous !== undefined && previous.signature === signature;
  const attempts = same ? previous.attempts + 1 : 1;
  const setAsideAt = previous?.setAsideAt ?? (attempts >= maxAttempts ? now : undefined);
  return {
    channel: inbound.channel,
    externalId: inbound.externalId,
    signature,
    attempts,
    firstAt: previous?.firstAt ?? now,
    lastAt: now,
    ...(setAsideAt ? { setAsideAt } : {}),
    summary: summaryOf(inbound),
  };
}

function summaryOf(inbound: InboundMessage): Record<string, string> {
  const files = inbound.attachments ?? [];
  const bytes = files.reduce((n, a) => n + (a.dataBase64?.length ?? 0), 0);
  return {
    from: inbound.from.address,
    ...(inbound.subject ? { subject: inbound.subject.slice(0, 200) } : {}),
    textLength: String(inbound.text.length),
    attachments: String(files.length),
    attachmentBase64Bytes: String(bytes),
  };
}

const WHERE: Partial<Record<Channel, 'emailWhere'>> = { email: 'emailWhere' };

/** The owner's notice for an item set aside, in OWNER_LANGUAGE (Chinese names the channel). */
export function setAsideNotice(failure: IntakeFailure, language: string | undefined): string {
  const t = ownerStrings(language);
  const where = WHERE[failure.channel];
  const subject = failure.summary.subject;
  const notice = fillTemplate(t.intake.setAside, {
    channel: language === 'zh' ? t.card.channels[failure.channel] : failure.channel,
    subject: subject ? fillTemplate(t.intake.subject, { subject }) : '',
    attempts: failure.attempts,
    signature: failure.signature,
  });
  return [notice, where && t.intake[where]].filter(Boolean).join(language === 'zh' ? '' : ' ');
}
