/**
 * Blanks in a remembered answer: what is particular to one customer (their name, order
 * number, dates) becomes `[[name]]`, `[[order]]`, `[[date]]` when the owner remembers a reply,
 * and is filled again from each new message. A blank with nothing to fill it stays a blank, so
 * the draft can only be edited, never sent as it is (BLANK_PATTERN in model.ts).
 */
import type { Entities } from '../model.js';

/** The customer's first name as a reply would greet them; an address or number is not a name. */
export function greetingName(name: string | undefined, language: string): string | undefined {
  const n = name?.trim();
  if (!n || /[@+\d]/.test(n)) return undefined;
  return language === 'zh' ? n : n.split(/\s+/)[0];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function replaceAll(text: string, value: string, blank: string): string {
  if (!value.trim()) return text;
  // Word boundaries for Latin text, so "Ann" in "Annual" stays; Han text has no spaces to lean on.
  const latin = /^[\w]/.test(value) && /[\w]$/.test(value);
  const pattern = latin ? `(?<![\\w])${escape(value)}(?![\\w])` : escape(value);
  return text.replace(new RegExp(pattern, 'gi'), blank);
}

/** The sent reply with the customer's name, order numbers and dates suggested as blanks. */
export function suggestBlanks(
  text: string,
  entities: Entities | undefined,
  customerName: string | undefined,
  language: string,
): string {
  let out = text;
  for (const order of entities?.orderNumbers ?? []) {
    out = replaceAll(out, order, '[[order]]');
    // "#1234" in the question, "1234" in the reply (and the reverse).
    out = replaceAll(out, order.replace(/^#/, ''), '[[order]]');
  }
  for (const date of entities?.dates ?? []) out = replaceAll(out, date, '[[date]]');
  const full = customerName?.trim();
  const first = greetingName(customerName, language);
  if (full && !/[@+\d]/.test(full)) out = replaceAll(out, full, '[[name]]');
  if (first) out = replaceAll(out, first, '[[name]]');
  return out;
}

/** Fills the blanks it can from the new message's entities and the customer's name. */
export function fillBlanks(
  text: string,
  entities: Entities | undefined,
  customerName: string | undefined,
  language: string,
): string {
  const values: Record<string, string | undefined> = {
    order: entities?.orderNumbers[0],
    date: entities?.dates[0],
    name: greetingName(customerName, language),
    email: entities?.emails[0],
    phone: entities?.phones[0],
  };
  return text.replace(/\[\[([^\]]*)\]\]/g, (blank, key: string) => values[key.trim().toLowerCase()] ?? blank);
}
