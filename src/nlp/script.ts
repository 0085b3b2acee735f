/**
 * Chinese script: customers in Hong Kong and Taiwan write Traditional characters and should get
 * drafts in Traditional. Detection counts the characters that differ between the two scripts;
 * conversion maps the replies' vocabulary (templates, channel sentences, the sample knowledge
 * base) character by character, after a few word-level forms (回覆, 帳戶, 週末). A full
 * converter (OpenCC's dictionaries) would be larger than the intent model for what drafts use.
 */
import { TRADITIONAL_CHARS, SIMPLIFIED_ONLY_CHARS } from './traditional.js';

/** Simplified → Traditional for the characters of the replies (Taiwan/Hong Kong forms). */
const S2T_PAIRS =
  '业業个個为為么麼亲親们們价價会會体體关關击擊办辦务務区區单單发發后後吗嗎号號图圖坏壞处處备備复復头頭宝寶' +
  '带帶帮幫库庫应應录錄户戶报報担擔损損换換据據时時机機来來标標样樣没沒浏瀏满滿点點烦煩电電览覽签簽笔筆经經' +
  '绑綁结結给給继繼续續营營计計订訂认認让讓记記设設诉訴话話询詢详詳误誤说說请請谁誰谢謝账帳货貨费費达達过過' +
  '运運还還这這进進递遞邮郵里裡银銀链鏈销銷锁鎖错錯问問间間随隨页頁顾顧预預题題额額马馬验驗励勵于於几幾准準' +
  '尽盡开開张張数數码碼确確税稅国國况況咨諮周週态態实實现現两兩从從对對时時购購卖賣买買优優惠惠价價网網' +
  '线線联聯系繫络絡无無气氣长長门門问問题題库庫车車转轉轮輪软軟硬硬专專业業务務级級选選择擇认認证證书書' +
  '钱錢节節约約单單户戶仅僅剩剩层層岁歲场場块塊坏壞备備总總织織组組细細终終绍紹缺缺网網罚罰职職聪聰肤膚' +
  '补補装裝见見规規视視觉覺订訂议議讯訊试試该該语語读讀调調谈談质質购購贴貼资資赔賠车車软軟输輸边邊达達' +
  '迟遲选選遗遺邮郵释釋钟鐘铁鐵错錯闭閉问問闻聞阅閱际際陆陸陈陳难難页頁项項须須领領频頻题題额額风風饭飯' +
  '馆館驾駕验驗鱼魚鸡雞齐齊龙龍';

const PHRASES: [string, string][] = [
  ['回复', '回覆'],
  ['答复', '答覆'],
  ['账户', '帳戶'],
  ['账号', '帳號'],
  ['周末', '週末'],
  ['一周', '一週'],
  ['系统', '系統'],
  ['联系', '聯繫'],
];

const S2T = new Map<string, string>();
for (let i = 0; i + 1 < S2T_PAIRS.length; i += 2) S2T.set(S2T_PAIRS[i]!, S2T_PAIRS[i + 1]!);
const S2T_RE = new RegExp(`[${[...S2T.keys()].join('')}]`, 'g');

export function toTraditional(text: string): string {
  let out = text;
  for (const [s, t] of PHRASES) out = out.split(s).join(t);
  return out.replace(S2T_RE, (ch) => S2T.get(ch) ?? ch);
}

/** Characters only Traditional text uses, and only Simplified text uses (shared forms left out). */
const TRAD_ONLY = new Set(
  [...TRADITIONAL_CHARS, ...S2T.values()].filter((c) => ![...S2T.keys()].includes(c)),
);
const SHARED = new Set([
  '里',
  '表',
  '松',
  '余',
  '台',
  '么',
  '干',
  '后',
  '系',
  '周',
  '准',
  '于',
  '几',
  '只',
  '面',
]);
const SIMP_ONLY = new Set(
  [...SIMPLIFIED_ONLY_CHARS, ...S2T.keys()].filter((c) => !SHARED.has(c) && !TRAD_ONLY.has(c)),
);

/**
 * The two sets as one table by UTF-16 code unit (1 Traditional only, 2 Simplified only): a table
 * read per code unit instead of two Set look-ups per character. Both sets hold single BMP
 * characters only (script.test.ts checks), so an astral character, which the plain loop read as
 * one string found in neither set, is two surrogate code units found in neither here.
 */
const KIND = new Uint8Array(0x10000);
for (const ch of SIMP_ONLY) KIND[ch.charCodeAt(0)] = 2;
for (const ch of TRAD_ONLY) KIND[ch.charCodeAt(0)] = 1;

/** The sets the table is built from, for the test. */
export const SCRIPT_SETS = { TRAD_ONLY, SIMP_ONLY };

/** `Hant` when the Chinese text is written in Traditional characters, `Hans` when Simplified. */
export function detectChineseScript(text: string): 'Hant' | 'Hans' | undefined {
  let trad = 0;
  let simp = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = KIND[text.charCodeAt(i)];
    if (kind === 1) trad++;
    else if (kind === 2) simp++;
  }
  if (!trad && !simp) return undefined;
  return trad > simp ? 'Hant' : 'Hans';
}
