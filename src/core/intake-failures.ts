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

export const DEFAULT_MAX_INTAKE_ATTEMPTS = 3;

/** What kind of failure it was: names and codes only (no message text, which may quote data). */
export function errorSignature(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown; codeName?: unknown } | undefined;
  const parts = [e?.name, e?.code, e?.codeName].filter(
    (p): p is string | number => typeof p === 'string' || typeof p === 'number',
  );
  return parts.length ? parts.join(':') : 'error';
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

const WHERE: Partial<Record<Channel, { en: string; zh: string }>> = {
  email: { en: 'It stays in your mailbox, unread.', zh: '它仍在您的邮箱中（未读）。' },
};

/** The owner's notice for an item set aside, in OWNER_LANGUAGE. */
export function setAsideNotice(failure: IntakeFailure, language: string | undefined): string {
  const where = WHERE[failure.channel];
  const subject = failure.summary.subject;
  if (language === 'zh') {
    return [
      `一条 ${failure.channel} 消息${subject ? `（“${subject}”）` : ''}连续 ${failure.attempts} 次无法保存（${failure.signature}），已被搁置，以免阻塞后续消息。`,
      where?.zh,
    ]
      .filter(Boolean)
      .join('');
  }
  return [
    `An incoming ${failure.channel} message${subject ? ` ("${subject}")` : ''} could not be stored ${failure.attempts} times in a row (${failure.signature}); it was set aside so later messages keep coming in.`,
    where?.en,
  ]
    .filter(Boolean)
    .join(' ');
}
