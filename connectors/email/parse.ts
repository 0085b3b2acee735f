/**
 * Raw RFC 5322 bytes → what the desk needs: a customer message (clean new text, the full
 * original, attachments, threading ids), a bounce of one of our replies, or mail to ignore.
 * Charsets (GBK, GB2312, GB18030, Big5, …) and encoded-word headers are decoded by mailparser
 * through iconv-lite.
 */
import { createHash } from 'node:crypto';
import type { htmlToText as HtmlToText } from 'html-to-text';
import type { AddressObject, ParsedMail, simpleParser as SimpleParser } from 'mailparser';
import type { Attachment } from '../../src/core/model.js';
import type { InboundMessage } from '../../src/core/ports.js';
import { senderVerdict, trustedAuthResults } from './auth-results.js';
import { bouncedMessageIds, classifyMail, type OwnIdentity } from './loop-guard.js';
import { stripQuotes } from './quote.js';

export type ParsedEmail =
  | { kind: 'message'; inbound: InboundMessage }
  | { kind: 'bounce'; messageIds: string[]; failed: boolean; error?: string }
  | { kind: 'ignored'; reason: string };

export interface ParseContext extends OwnIdentity {
  /** Our address as it appears in replyRefs (`email:<ours>:<theirs>`). */
  ourAddress: string;
  maxAttachmentBytes: number;
  /** When the server received it (IMAP INTERNALDATE), used when the Date header is missing. */
  receivedAt?: Date;
  /** Our receiving server's authserv-id (EMAIL_AUTHSERV_ID): only its Authentication-Results count. */
  authservId?: string;
}

/**
 * A pasted log or a forwarded newsletter can be megabytes of text: the card, the classifier and
 * the store get a bounded amount, the rest is cut with a visible mark.
 */
const MAX_TEXT = 20_000;
const MAX_FULL_TEXT = 200_000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n[…]`;
}

/** How much of a long References chain we keep; RFC 5322 threading needs only the ends. */
const MAX_REFERENCES = 20;

const HTML_OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable' },
  ],
};

/** Quoted history in HTML mail lives in these containers (Gmail, Apple Mail, Yahoo, QQ). */
const HTML_QUOTE_SELECTORS = [
  'blockquote',
  'div.gmail_quote',
  'div.gmail_extra',
  'div.yahoo_quoted',
  'div.moz-cite-prefix',
];

interface Parsers {
  simpleParser: typeof SimpleParser;
  htmlToText: typeof HtmlToText;
}
let parsers: Promise<Parsers> | undefined;
/**
 * mailparser and html-to-text load with the first mail to parse, not with the desk: an idle
 * desk with email configured holds only the IMAP client (about 10 MiB less, issue 21).
 */
function loadParsers(): Promise<Parsers> {
  parsers ??= Promise.all([import('mailparser'), import('html-to-text')]).then(([m, h]) => ({
    simpleParser: m.simpleParser,
    htmlToText: h.htmlToText,
  }));
  return parsers;
}

function htmlToPlain(htmlToText: typeof HtmlToText, html: string, dropQuotes: boolean): string {
  const selectors = [
    ...HTML_OPTIONS.selectors,
    ...(dropQuotes ? HTML_QUOTE_SELECTORS.map((selector) => ({ selector, format: 'skip' })) : []),
  ];
  return htmlToText(html, { ...HTML_OPTIONS, selectors }).trim();
}

/**
 * Some older Chinese clients put raw GBK/Big5 bytes in headers instead of encoded-words;
 * mailparser would read them as UTF-8. When the header block is not valid UTF-8, it is
 * decoded with the charset the mail declares for its body and handed on as UTF-8.
 */
export function normaliseRawHeaders(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
  const head = raw.subarray(0, end < 0 ? raw.length : end);
  if (!head.some((b) => b >= 0x80)) return raw;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head);
    return raw;
  } catch {
    // not UTF-8: fall through
  }
  const charset = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)"?/i.exec(raw.toString('latin1'))?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset && !/^utf-?8$/i.test(charset) ? charset : 'gb18030');
  } catch {
    return raw;
  }
  return Buffer.concat([Buffer.from(decoder.decode(head), 'utf8'), raw.subarray(head.length)]);
}

/** `<a@b>` ids in order of appearance, from a header value that may be a string or an array (§7.42). */
export function messageIds(value: string | readonly string[] | undefined): string[] {
  const joined = typeof value === 'string' ? value : (value ?? []).join(' ');
  return [...new Set(joined.match(/<[^<>\s]+>/g) ?? [])];
}

function firstAddress(
  value: AddressObject | AddressObject[] | undefined,
): { address: string; name?: string } | undefined {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const obj of list) {
    for (const entry of obj.value) {
      if (entry.address)
        return { address: entry.address.toLowerCase(), ...(entry.name ? { name: entry.name } : {}) };
    }
  }
  return undefined;
}

/** Every Authentication-Results value, topmost first, as the raw header lines give them. */
function authResultsValues(mail: ParsedMail): string[] {
  return mail.headerLines
    .filter((h) => h.key === 'authentication-results')
    .map((h) => h.line.replace(/^[^:]*:/, ''));
}

function addressList(value: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .flatMap((obj) => obj.value.map((v) => v.address?.toLowerCase()))
    .filter(Boolean)
    .join(', ');
}

/** Without a Message-ID the bytes themselves are the identity, so a re-fetch dedupes. */
function fallbackMessageId(raw: Buffer): string {
  return `<${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@no-message-id.solodesk>`;
}

function attachmentsOf(mail: ParsedMail, maxBytes: number): Attachment[] {
  return mail.attachments
    .filter((a) => {
      // Inline images referenced by the HTML (logos, signature pictures) are layout, not content.
      if (a.related && a.contentType.startsWith('image/')) return false;
      return !['message/delivery-status', 'text/rfc822-headers'].includes(a.contentType.toLowerCase());
    })
    .map((a, i) => ({
      name: a.filename ?? `attachment-${i + 1}`,
      contentType: a.contentType,
      size: a.size,
      // Over the cap: listed on the card as too large, kept in the owner's mailbox.
      ...(a.size <= maxBytes
        ? { dataBase64: a.content.toString('base64') }
        : { omitted: 'too_large' as const }),
    }));
}

/**
 * mailparser fills `text` from the HTML when a mail has no text/plain part; that rendering
 * keeps the quoted history, so HTML-only mail is converted here instead.
 */
function hasPlainPart(source: string): boolean {
  const headerEnd = source.search(/\r?\n\r?\n/);
  const head = headerEnd < 0 ? source : source.slice(0, headerEnd);
  return /^content-type:\s*text\/plain/im.test(source) || !/^content-type:/im.test(head);
}

function bodies(
  mail: ParsedMail,
  source: string,
  htmlToText: typeof HtmlToText,
): { full: string; fresh: string } {
  if (mail.text && mail.text.trim() && (!mail.html || hasPlainPart(source))) {
    const full = mail.text.replace(/\r\n?/g, '\n').trim();
    return { full, fresh: stripQuotes(full) };
  }
  if (mail.html) {
    return {
      full: htmlToPlain(htmlToText, mail.html, false),
      fresh: stripQuotes(htmlToPlain(htmlToText, mail.html, true)),
    };
  }
  return { full: '', fresh: '' };
}

export async function parseEmail(raw: Buffer, ctx: ParseContext): Promise<ParsedEmail> {
  const { simpleParser, htmlToText } = await loadParsers();
  const mail = await simpleParser(normaliseRawHeaders(raw), {
    skipTextToHtml: true,
    skipImageLinks: true,
    keepCidLinks: true,
  });
  const source = raw.toString('latin1');
  const kind = classifyMail(mail, ctx, source);
  if (kind.kind === 'ignore') return { kind: 'ignored', reason: kind.reason };
  if (kind.kind === 'bounce') {
    const ours = bouncedMessageIds(source, mail).filter((id) => id.startsWith(ctx.messageIdPrefix));
    return {
      kind: 'bounce',
      messageIds: ours,
      failed: kind.failed,
      ...(kind.error ? { error: kind.error } : {}),
    };
  }

  const sender = firstAddress(mail.from);
  if (!sender) return { kind: 'ignored', reason: 'no sender' };
  // Replies go where the customer asked (Reply-To), the identity stays the From address.
  const replyTo = firstAddress(mail.replyTo)?.address ?? sender.address;
  const externalId = mail.messageId ?? fallbackMessageId(raw);
  const inReplyToIds = messageIds(mail.inReplyTo);
  const references = messageIds(mail.references);
  const threadIds = [...new Set([...inReplyToIds, ...[...references].reverse()])].filter(
    (id) => id !== externalId,
  );
  const keptReferences =
    references.length > MAX_REFERENCES
      ? [references[0]!, ...references.slice(-(MAX_REFERENCES - 1))]
      : references;

  const { full, fresh } = bodies(mail, source, htmlToText);
  const attachments = attachmentsOf(mail, ctx.maxAttachmentBytes);
  const meta: Record<string, string> = {};
  const to = addressList(mail.to);
  const cc = addressList(mail.cc);
  if (to) meta.to = to;
  if (cc) meta.cc = cc;
  if (keptReferences.length) meta.references = keptReferences.join(' ');
  if (replyTo !== sender.address) meta.replyTo = replyTo;
  const check = senderVerdict(trustedAuthResults(authResultsValues(mail), ctx.authservId), sender.address);

  const inbound: InboundMessage = {
    channel: 'email',
    externalId,
    from: { address: sender.address, ...(sender.name ? { displayName: sender.name } : {}) },
    replyRef: `email:${ctx.ourAddress}:${replyTo}`,
    kind: 'text',
    // A mail that is nothing but a quote (a forward without comment) shows its full text.
    text: clip(fresh || full, MAX_TEXT),
    fullText: clip(full, MAX_FULL_TEXT),
    ...(mail.subject ? { subject: mail.subject } : {}),
    attachments,
    meta,
    // The server's receipt time: a sender's Date header can be wrong or forged.
    ...((ctx.receivedAt ?? mail.date) ? { receivedAt: ctx.receivedAt ?? mail.date } : {}),
    ...(threadIds.length ? { inReplyTo: threadIds } : {}),
    // A failed sender is kept apart from whoever owns the From address (pipeline identify).
    ...(check.verdict === 'fail' ? { unverifiedSender: check.reason } : {}),
  };
  return { kind: 'message', inbound };
}
