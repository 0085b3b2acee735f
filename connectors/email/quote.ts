/**
 * Separates what the customer just wrote from the quoted history and the signature their
 * client added. Works on plain text (HTML is turned into text first, see parse.ts) and knows
 * the reply headers of the common English and Chinese clients: Gmail, Outlook, Apple Mail,
 * QQ Mail, 163/126 Mail, Foxmail. Written here rather than taken from email-reply-parser or
 * planer: those know no Chinese reply headers and planer needs a DOM.
 */

/**
 * Lines at which quoted history starts, tested against one whitespace-normalised line.
 * `wraps`: the header starts with a fixed word, so it may be matched across a line break.
 */
const QUOTE_SEPARATORS: { re: RegExp; wraps: boolean }[] = [
  { re: /^-{2,}\s*Original Message\s*-{2,}$/i, wraps: false },
  { re: /^-{2,}\s*(原始邮件|原始郵件|原邮件|回复的原邮件)\s*-{2,}$/, wraps: false },
  { re: /^-{2,}\s*(Reply|Replied) Message\s*-{2,}$/i, wraps: false },
  { re: /^>?\s*On\b.{0,300}\bwrote:$/i, wraps: true },
  { re: /^>?\s*在.{0,300}(写道|寫道)\s*[:：]$/, wraps: true },
  { re: /^>?\s*\d{4}年\d{1,2}月\d{1,2}日.{0,300}(写道|寫道)\s*[:：]$/, wraps: true },
  { re: /^>?\s*.{0,300}(于|於).{0,300}(写道|寫道)\s*[:：]$/, wraps: false },
];

/** Outlook and Chinese webmail quote a header block: From:, then Sent/Date/To/Subject. */
const HEADER_FROM = /^\*?(From|发件人|寄件者|發件人)\s*\*?\s*[:：]/i;
const HEADER_NEXT =
  /^\*?(Sent|Date|To|Cc|Subject|发送时间|發送時間|日期|时间|收件人|抄送|主题|主旨|寄件日期)\s*\*?\s*[:：]/i;
const RULE = /^(_{8,}|-{8,}|={8,})$/;

/** Signature lines phone and webmail clients append; everything from here on is dropped. */
const SIGNATURES: RegExp[] = [
  /^--\s?$/,
  /^Sent from my \S.{0,40}$/i,
  /^Sent from (Outlook|Mail|Yahoo Mail|Gmail|Proton Mail|ProtonMail)\b.{0,40}$/i,
  /^Sent (via|with) \S.{0,40}$/i,
  /^Get Outlook for \S.{0,30}$/i,
  /^(发自|來自|来自|寄自)我的.{0,20}$/,
  /^从我的.{0,20}发送$/,
  /^发自(网易邮箱大师|网易邮箱|QQ邮箱|手机QQ邮箱|Outlook|Foxmail).{0,20}$/,
];

function normalise(line: string): string {
  return line
    .replace(/[\u00a0\u200b\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Index of the first line of quoted history, or -1. */
export function findQuoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = normalise(lines[i] ?? '');
    if (!line) continue;
    // Reply headers wrap: Gmail breaks "On …, Name <\naddr> wrote:" over two or three lines.
    if (QUOTE_SEPARATORS.some(({ re }) => re.test(line))) return i;
    for (let span = 2; span <= 3 && i + span <= lines.length; span++) {
      const part = lines.slice(i, i + span);
      if (part.some((l) => !normalise(l))) break;
      const joined = normalise(part.join(' '));
      if (QUOTE_SEPARATORS.some(({ re, wraps }) => wraps && re.test(joined))) return i;
    }
    if (RULE.test(line) && isHeaderBlock(lines, i + 1)) return i;
    if (HEADER_FROM.test(line) && isHeaderBlock(lines, i)) return i;
    if (/^>/.test(line) && restIsQuoted(lines, i)) return i;
  }
  return -1;
}

function nextNonEmpty(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && !normalise(lines[i] ?? '')) i++;
  return i;
}

/** A From: line followed within four lines by another header line. */
function isHeaderBlock(lines: readonly string[], at: number): boolean {
  const first = nextNonEmpty(lines, at);
  if (!HEADER_FROM.test(normalise(lines[first] ?? ''))) return false;
  for (let i = first + 1; i < Math.min(lines.length, first + 5); i++) {
    if (HEADER_NEXT.test(normalise(lines[i] ?? ''))) return true;
  }
  return false;
}

function restIsQuoted(lines: readonly string[], from: number): boolean {
  return lines.slice(from).every((l) => {
    const n = normalise(l);
    return n === '' || n.startsWith('>');
  });
}

function findSignature(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = normalise(lines[i] ?? '');
    if (line.length > 60) continue;
    // "--" is a signature only as the RFC 3676 delimiter line, kept raw ("-- ").
    if (/^--\s?$/.test(lines[i] ?? '') || SIGNATURES.slice(1).some((re) => re.test(line))) return i;
  }
  return -1;
}

function tidy(lines: readonly string[]): string {
  return lines
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The new text of a reply. Returns '' when the mail holds nothing but quotes and a
 * signature; the caller decides what to show then.
 */
export function stripQuotes(text: string): string {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  const quote = findQuoteStart(lines);
  if (quote >= 0) lines = lines.slice(0, quote);
  // Interleaved answers: keep the customer's lines, drop the quoted ones between them.
  lines = lines.filter((l) => !/^\s*>/.test(l));
  const signature = findSignature(lines);
  if (signature >= 0) lines = lines.slice(0, signature);
  return tidy(lines);
}
