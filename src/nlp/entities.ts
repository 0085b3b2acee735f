/**
 * Entities in a message: order numbers, email addresses, phone numbers (E.164 through
 * libphonenumber-js where they parse), money amounts and dates, in English and Chinese.
 */
import {
  findPhoneNumbersInText,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js';
import type { Entities } from '../core/model.js';
import { toSimplified } from './traditional.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// "order #12345", "order no. A-1234", "订单号：12345", "#1234", "ORD-2024-001"
export const ORDER_PATTERNS = [
  /\b(?:order|purchase|invoice|ref(?:erence)?|confirmation|booking|ticket|case)\s*(?:no\.?|number|num|id|#|:)?\s*(?:is|was|=)?\s*[:#]?\s*([A-Z]{0,4}-?\d[\dA-Z-]{3,20})\b/gi,
  /(?:订单|单号|订单号|订单编号|发票号|编号)\s*(?:号|是|为)?\s*[:：#]?\s*([A-Z]{0,4}-?\d[\dA-Z-]{3,20})/gi,
  /(?:^|[\s(])#\s?([A-Z]{0,4}-?\d{3,12})\b/gi,
  /\b([A-Z]{2,4}-\d{3,12}(?:-\d{1,6})?)\b/g,
];
const CURRENCY_SYMBOL: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY',
  '￥': 'CNY',
  RMB: 'CNY',
  HK$: 'HKD',
  A$: 'AUD',
  C$: 'CAD',
  S$: 'SGD',
};
export const MONEY_PATTERNS: {
  re: RegExp;
  currency: (m: RegExpExecArray) => string;
  amount: (m: RegExpExecArray) => string;
}[] = [
  {
    re: /(US\$|HK\$|A\$|C\$|S\$|\$|€|£|¥|￥|RMB)\s?(\d[\d,]*(?:\.\d{1,2})?)/g,
    currency: (m) => CURRENCY_SYMBOL[m[1] ?? '$'] ?? 'USD',
    amount: (m) => m[2] ?? '',
  },
  {
    re: /(\d[\d,]*(?:\.\d{1,2})?)\s?(USD|EUR|GBP|CNY|RMB|HKD|AUD|CAD|SGD|JPY|dollars?|bucks|euros?|pounds?)\b/gi,
    currency: (m) => normCurrency(m[2] ?? ''),
    amount: (m) => m[1] ?? '',
  },
  {
    re: /(\d[\d,]*(?:\.\d{1,2})?)\s?(元|块钱|块|人民币|美元|美金|欧元|英镑|港币)/g,
    currency: (m) => normCurrency(m[2] ?? ''),
    amount: (m) => m[1] ?? '',
  },
];
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
export const DATE_PATTERNS = [
  /\b\d{4}-\d{1,2}-\d{1,2}\b/g,
  /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g,
  new RegExp(String.raw`\b(?:${MONTHS})\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?\b`, 'gi'),
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${MONTHS})(?:,? \d{4})?\b`, 'gi'),
  /\b(?:today|tomorrow|yesterday|tonight|(?:next|this|last) (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/gi,
  /(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]/g,
  /(?:今天|明天|后天|昨天|前天|大后天|下周[一二三四五六日天]?|本周[一二三四五六日天]?|这周[一二三四五六日天]?|上周[一二三四五六日天]?|周[一二三四五六日天]|星期[一二三四五六日天]|下个月|月底)/g,
];
/** The date patterns that need no digit ("tomorrow", "next week", 下周一). */
export const WORD_DATE_PATTERNS = DATE_PATTERNS.filter((re) => !re.source.includes('\\d'));

const EN_FALLBACK: CountryCode[] = ['GB', 'AU', 'CA', 'IE', 'NZ'];
const ZH_FALLBACK: CountryCode[] = ['CN', 'HK', 'TW', 'SG', 'MO'];
const PHONE_CUE = /(?:call|phone|ring|mobile|cell|number|tel\b|reach|电话|手机|号码|回电|致电)/i;
const ORDER_CUE = /(?:order|invoice|ref|tracking|case|ticket|booking|订单|单号|发票)/i;

function normCurrency(s: string): string {
  const t = s.toLowerCase();
  if (/^(?:usd|dollars?|bucks|美元|美金)$/.test(t)) return 'USD';
  if (/^(?:eur|euros?|欧元)$/.test(t)) return 'EUR';
  if (/^(?:gbp|pounds?|英镑)$/.test(t)) return 'GBP';
  if (/^(?:cny|rmb|元|块钱|块|人民币)$/.test(t)) return 'CNY';
  if (/^(?:hkd|港币)$/.test(t)) return 'HKD';
  return s.toUpperCase();
}

function uniq(xs: string[]): string[] {
  // most lists are empty or of one: nothing to drop, and no Set to build
  return xs.length < 2 ? xs : [...new Set(xs)];
}

export interface EntityOptions {
  /** Country for numbers written without a country code (e.g. US, CN). */
  defaultCountry?: CountryCode;
  language?: string;
}

export function extractEntities(raw: string, opts: EntityOptions = {}): Entities {
  const text = toSimplified(raw.normalize('NFKC'));
  // No "@", no address: and the address pattern is quadratic on long runs without one (a pasted blob).
  const hasAt = text.includes('@');
  const emails = hasAt ? uniq((text.match(EMAIL) ?? []).map((e) => e.toLowerCase())) : [];
  const noEmails = hasAt ? text.replace(EMAIL, ' ') : text;

  // Every order, money and phone pattern and all but two date patterns need a digit (\d): a
  // message without one (most chat lines) skips them, with the same (empty) results.
  const digits = /\d/.test(noEmails);
  const phones: string[] = [];
  const phoneSpans: [number, number][] = [];
  if (digits && /\d[\d\s().-]{6,}\d/.test(noEmails)) {
    const country: CountryCode = opts.defaultCountry ?? (opts.language === 'zh' ? 'CN' : 'US');
    for (const found of findPhoneNumbersInText(noEmails, { defaultCountry: country })) {
      phones.push(found.number.number);
      phoneSpans.push([found.startsAt, found.endsAt]);
    }
    // Chinese mobiles written with no separators are common and unambiguous.
    for (const m of noEmails.matchAll(/(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d{9})(?!\d)/g)) {
      const e164 = '+86' + (m[1] ?? '');
      if (!phones.includes(e164) && !phoneSpans.some(([a, b]) => (m.index ?? 0) >= a && (m.index ?? 0) < b)) {
        phones.push(e164);
        phoneSpans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
      }
    }
  }
  const inPhone = (i: number) => phoneSpans.some(([a, b]) => i >= a && i < b);

  const orderNumbers: string[] = [];
  const orderSpans: [number, number][] = [];
  for (const re of digits ? ORDER_PATTERNS : []) {
    re.lastIndex = 0;
    for (let m = re.exec(noEmails); m; m = re.exec(noEmails)) {
      const id = (m[1] ?? '').replace(/-$/, '');
      const at = m.index + m[0].indexOf(m[1] ?? '');
      if (!/\d/.test(id) || inPhone(at) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(id)) continue;
      orderNumbers.push(id.toUpperCase());
      orderSpans.push([at, at + id.length]);
    }
  }

  // Numbers written the local way of another country ("020 7946 0321" on a US-default desk):
  // next to a phone word, try the countries customers of this language most often write from;
  // a number no country validates is kept as written (digits only), not dropped.
  if (digits && PHONE_CUE.test(noEmails)) {
    const countries = opts.language === 'zh' ? ZH_FALLBACK : EN_FALLBACK;
    for (const m of noEmails.matchAll(/(?<![\d\w])\+?\d[\d\s().-]{6,16}\d(?![\d\w])/g)) {
      const at = m.index ?? 0;
      if (inPhone(at) || orderSpans.some(([a, b]) => at < b && at + m[0].length > a)) continue;
      const before = noEmails.slice(Math.max(0, at - 24), at);
      if (!PHONE_CUE.test(before) || ORDER_CUE.test(before)) continue;
      // the first country that validates it (parsing stops there: later ones cannot change the answer)
      let parsed: PhoneNumber | undefined;
      for (const c of countries) {
        const n = parsePhoneNumberFromString(m[0], c);
        if (n?.isValid()) {
          parsed = n;
          break;
        }
      }
      const value = parsed ? parsed.number : m[0].replace(/[^\d+]/g, '');
      if (!phones.includes(value)) phones.push(value);
      phoneSpans.push([at, at + m[0].length]);
    }
  }

  const money: Entities['money'] = [];
  for (const p of digits ? MONEY_PATTERNS : []) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(noEmails); m; m = p.re.exec(noEmails)) {
      const amount = Number(p.amount(m).replace(/,/g, ''));
      if (Number.isFinite(amount)) money.push({ amount, currency: p.currency(m), text: m[0].trim() });
    }
  }

  const dates: string[] = [];
  for (const re of digits ? DATE_PATTERNS : WORD_DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(noEmails); m; m = re.exec(noEmails)) if (!inPhone(m.index)) dates.push(m[0].trim());
  }

  return { orderNumbers: uniq(orderNumbers), emails, phones: uniq(phones), money, dates: uniq(dates) };
}
