/**
 * Traditional → Simplified Chinese. The intent model and the rules are written in Simplified
 * Chinese; customers in Hong Kong and Taiwan write Traditional (訂單 → 订单, 報價 → 报价, 幫我 →
 * 帮我, 撥打 → 拨打, 講 → 讲). The table is complete for the CJK Unified Ideographs block
 * (traditional-table.ts, generated from Unicode's Unihan variants by scripts/traditional-table.ts),
 * character by character: word-level forms (OpenCC's phrase dictionaries) would be larger than the
 * model, and the classifier's character n-grams need the characters, not the idiom.
 */
import { SIMPLIFIED_ONLY, SIMPLIFIED_TABLE, TRADITIONAL_TABLE } from './traditional-table.js';

const TRADITIONAL = [...TRADITIONAL_TABLE];
const SIMPLIFIED = [...SIMPLIFIED_TABLE];
const MAP = new Map<string, string>(TRADITIONAL.map((t, i) => [t, SIMPLIFIED[i] ?? t]));

/** The table's Traditional characters, for the script detector (script.ts). */
export const TRADITIONAL_CHARS = TRADITIONAL;
/** The table's Simplified characters that Traditional text never uses (not in Big5). */
export const SIMPLIFIED_ONLY_CHARS = [...SIMPLIFIED_ONLY];

const ANY = new RegExp(`[${TRADITIONAL_TABLE}]`, 'g');
const HAS_ANY = new RegExp(`[${TRADITIONAL_TABLE}]`);

/**
 * 係 is left out of the table (Cantonese writes it for 是, which the requested-channel rules read);
 * in Taiwan and Hong Kong 關係 / 沒關係 is 关系.
 */
export function toSimplified(text: string): string {
  if (!HAS_ANY.test(text)) return text;
  return text.replace(ANY, (ch) => MAP.get(ch) ?? ch).replace(/关係/g, '关系');
}
