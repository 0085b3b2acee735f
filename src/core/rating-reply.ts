/**
 * Recognises a reply that is only a 1–5 rating ("5", "５", "4 stars", "5分", "五星", "3/5"),
 * so that "reply 1–5" on SMS or WhatsApp records a rating instead of opening a conversation.
 */
const CHINESE_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

export function parseRatingReply(text: string): number | undefined {
  const t = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[.!。！]+$/u, '');
  const latin = /^([1-5])\s*(?:\/\s*5|stars?|分|星)?$/u.exec(t);
  if (latin) return Number(latin[1]);
  const chinese = /^([一二两三四五])\s*(?:分|星|颗星)?$/u.exec(t);
  if (chinese) return CHINESE_DIGITS[chinese[1] as string];
  return undefined;
}
