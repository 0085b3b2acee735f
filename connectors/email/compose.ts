/**
 * Builds the reply mail: threading headers per RFC 5322 §3.6.4 (§7.40), a Message-ID derived
 * from the outbox job's idempotency key (a retried send is recognisably the same mail), a
 * "Re:" subject, the customer's words quoted under ours, and a plain-text plus simple HTML body.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { OutboundMessage } from '../../src/core/ports.js';
import { splitFiles, withFileLinks } from '../../src/core/outbound-files.js';
import { messageIds } from './parse.js';

export const MESSAGE_ID_PREFIX = '<sd-';
const MAX_REFERENCES = 20;

export interface Sender {
  name?: string;
  address: string;
}

export function parseSender(value: string): Sender {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match) return { address: (match[2] ?? '').toLowerCase(), ...(match[1] ? { name: match[1] } : {}) };
  return { address: value.trim().toLowerCase() };
}

export function outboundMessageId(idempotencyKey: string, domain: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `${MESSAGE_ID_PREFIX}${hash}@${domain}>`;
}

const REPLY_PREFIX = /^\s*((re|aw|sv|antw|回复|答复|回覆|答覆)\s*(\[\d+\])?\s*[:：]\s*)+/i;

function isChinese(language: string): boolean {
  return language.toLowerCase().startsWith('zh');
}

export function replySubject(message: OutboundMessage, ourName: string): string {
  const parent = message.inReplyTo?.channel === 'email' ? message.inReplyTo : undefined;
  const original = parent?.subject?.replace(REPLY_PREFIX, '').trim();
  const zh = isChinese(message.language);
  if (parent) return `Re: ${original || (zh ? '您的来信' : 'your message')}`;
  if (message.purpose === 'rating_request') return zh ? '请为我们的服务打分' : 'How did we do?';
  return zh ? `来自 ${ourName} 的回复` : `A reply from ${ourName}`;
}

/** In-Reply-To and References for a reply to the customer's mail (§7.40). */
export function threadingHeaders(message: OutboundMessage): { inReplyTo?: string; references?: string[] } {
  const parent = message.inReplyTo;
  if (!parent || parent.channel !== 'email' || !parent.externalId.startsWith('<')) return {};
  const chain = [...messageIds(parent.meta.references), parent.externalId].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  const references =
    chain.length > MAX_REFERENCES ? [chain[0]!, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  return { inReplyTo: parent.externalId, references };
}

function quoteHeader(message: OutboundMessage): string | undefined {
  const parent = message.inReplyTo;
  if (!parent || parent.channel !== 'email') return undefined;
  const who = parent.address;
  const when = parent.createdAt.toISOString().slice(0, 16).replace('T', ' ');
  return isChinese(message.language) ? `在 ${when} (UTC)，${who} 写道：` : `On ${when} UTC, ${who} wrote:`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function htmlParagraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export interface RatingLink {
  score: number;
  url: string;
}

export function replyBodies(
  message: OutboundMessage,
  ratingLinks: RatingLink[] = [],
): { text: string; html: string } {
  const header = quoteHeader(message);
  const quoted = message.inReplyTo?.text.trim();
  const lang = isChinese(message.language) ? 'zh' : 'en';
  let text = message.text.trim();
  let html = htmlParagraphs(text);
  if (ratingLinks.length) {
    // One-click ratings: plain-text clients show (and link) the URLs, HTML ones a row of stars.
    text += `\n\n${ratingLinks.map((l) => `${'★'.repeat(l.score)}${'☆'.repeat(5 - l.score)} ${l.score}: ${l.url}`).join('\n')}`;
    html += `\n<p>${ratingLinks
      .map(
        (l) =>
          `<a href="${escapeHtml(l.url)}" style="display:inline-block;padding:6px 10px;margin:2px;border:1px solid #ccc;border-radius:4px;text-decoration:none">${l.score} ★</a>`,
      )
      .join(' ')}</p>`;
  }
  if (header && quoted) {
    text += `\n\n${header}\n${quoted
      .split('\n')
      .map((l) => (l ? `> ${l}` : '>'))
      .join('\n')}`;
    html += `\n<div class="solodesk-quote"><p>${escapeHtml(header)}</p><blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${htmlParagraphs(quoted)}</blockquote></div>`;
  }
  const doc = `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif">\n${html}\n</body></html>`;
  return { text: `${text}\n`, html: doc };
}

/**
 * Mail the desk sends on its own (anything but the owner's approved reply: a rating request,
 * and any future acknowledgement or notice, since every purpose but 'reply' lands here) is
 * `Auto-Submitted: auto-generated` (RFC 3834 §5), so vacation responders and other bots do
 * not answer it, and Exchange is asked to suppress every kind of auto-response. The owner's
 * reply is written by a person, so it only asks Exchange not to answer with out-of-office.
 */
export function automaticMailHeaders(purpose: OutboundMessage['purpose']): Record<string, string> {
  if (purpose === 'reply') return { 'X-Auto-Response-Suppress': 'OOF, AutoReply' };
  return { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };
}

export interface ComposedReply {
  raw: Buffer;
  messageId: string;
  to: string;
}

export async function composeReply(
  message: OutboundMessage,
  from: Sender,
  to: string,
  date: Date,
  ratingLinks: RatingLink[] = [],
): Promise<ComposedReply> {
  const domain = from.address.split('@')[1] ?? 'localhost';
  const messageId = outboundMessageId(message.idempotencyKey, domain);
  const { inReplyTo, references } = threadingHeaders(message);
  // The owner's shared files: attached, or (over the size a mailbox takes) a download link.
  const { attach, links } = splitFiles(message.files);
  const { text, html } = replyBodies(
    links.length ? { ...message, text: withFileLinks(message.text, links, message.language) } : message,
    ratingLinks,
  );
  const composer = new MailComposer({
    from: from.name ? { name: from.name, address: from.address } : from.address,
    to,
    subject: replySubject(message, from.name ?? from.address),
    messageId,
    date,
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references ? { references } : {}),
    text,
    html,
    headers: automaticMailHeaders(message.purpose),
    ...(attach.length
      ? {
          attachments: attach.map((f) => ({
            filename: f.name,
            content: Buffer.from(f.dataBase64, 'base64'),
            contentType: f.contentType,
          })),
        }
      : {}),
  });
  const raw = await composer.compile().build();
  return { raw, messageId, to };
}
