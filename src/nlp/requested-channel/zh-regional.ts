/**
 * Chinese requests the core rules miss: Cantonese and Taiwanese wording (打返俾我, 覆電話, 搵我,
 * 電郵俾我, 回電給我, 傳簡訊給我, 寄信給我, 私訊我), social apps named in Latin letters with a space
 * (加我 LINE, IG 私訊我, Messenger 找我) and live chat asked for as 在线客服 ("能开个在线客服帮我看下吗").
 * Runs on Simplified text (Traditional is converted first: 搵 is 揾 here), before the Cantonese
 * word map.
 */
import { gates } from './anchors.js';
import type { Rule } from './types.js';

/**
 * Regional words to the Mandarin ones the rules key on. Order matters: longer forms first. The third
 * element: Han words the pattern cannot match without (proven in requested-channel-gates.test.ts).
 * Han has no case, so `includes` on the text as it is decides, and most Chinese messages hold none
 * of them and skip the replace pass (each pass is tested on the text the earlier ones left).
 */
export const REGIONAL: [RegExp, string, readonly string[]][] = [
  // Cantonese call-backs: 打返俾我 / call 返我 / 打返個電話俾我 = 回电给我; 覆(我)電話 = 回电话
  [/(?:打|call|ring)\s*返\s*(?:个)?\s*电话\s*(?:俾|畀|给)\s*我/gi, '回个电话给我', ['返']],
  [/(?:打|call|ring)\s*返\s*(?:(?:俾|畀|给)\s*)?我/gi, '回电给我', ['返']],
  [/(?:打|call)\s*返\s*(?:来|嚟)/gi, '打过来', ['返']],
  [/手提(?:电话)?/g, '手机', ['手提']],
  [/覆(?:返)?(?:我|个|我个)?电话/g, '回电话', ['覆']],
  // "send 個 message 俾我": a text message
  [
    /send\s*(?:个|条)?\s*(?:message|msg|sms|短讯|短信)\s*(?:俾|畀|给)\s*我/gi,
    '发短信给我',
    ['俾', '畀', '给'],
  ],
  // negations and question forms: 唔好打俾我 = 不要打给我, 可唔可以 = 可不可以
  [/唔好|(?<![係系是])咪(?=再?(?:打|call|send|whatsapp|email|电|发))/gi, '不要', ['唔好', '咪']],
  [/唔(?:使|驶|洗)/g, '不用', ['唔']],
  [/唔(?!该)/g, '不', ['唔']],
  [/冇/g, '没', ['冇']],
  [/揾/g, '找', ['揾']],
  [/嚟/g, '来', ['嚟']],
  [/呢个/g, '这个', ['呢个']],
  [/得闲/g, '有空', ['得闲']],
  [/电邮/g, '邮件', ['电邮']],
  // Taiwanese: 簡訊 = 短信, 私訊 = 私信, 訊息 = 信息, 聯絡 = 联系, (電子)信箱 = 邮箱, 傳 = 发
  [/简讯/g, '短信', ['简讯']],
  [/私讯/g, '私信', ['私讯']],
  [/讯息/g, '信息', ['讯息']],
  [/联络/g, '联系', ['联络']],
  [/电子信箱|(?<=我的?)信箱/g, '邮箱', ['信箱']],
  [
    /传(?=(?:个|则|封|一则|一个|一封|条)?\s*(?:短信|信息|私信|邮件|line|email|e-mail|whatsapp))/gi,
    '发',
    ['传'],
  ],
  [
    /寄\s*(?:个|封|一封)?\s*(?:e-?mail|mail|电子邮件|邮件|信)\s*(?:给|到)\s*我(?![的家])/gi,
    '发邮件给我',
    ['寄'],
  ],
];

/** The text has been through toSimplified (traditional.ts, a complete character table) already. */
export function regionalToMandarin(text: string): string {
  let out = text;
  for (const [re, to, need] of REGIONAL)
    if (!gates.on || need.some((w) => out.includes(w))) out = out.replace(re, to);
  return out;
}

/** "加我 LINE", "WhatsApp 我": the zh rules read Latin app names written against the Han text. */
export function withoutMixedSpaces(text: string): string {
  // the pattern removes spaces and tabs: a text with none is left as it is
  if (!(text.includes(' ') || text.includes('\t')) || !/\p{Script=Han}/u.test(text)) return text;
  return text.replace(/(?<=\p{Script=Han})[ \t]+(?=[A-Za-z])|(?<=[A-Za-z])[ \t]+(?=\p{Script=Han})/gu, '');
}

/** Apps a customer names in Chinese text; 微信支付 / LINE Pay are payments, not the app as a channel. */
const APPS = String.raw`(?<![a-z])(?:微信|wechat|whatsapp|line|telegram|tg|ig|instagram|insta|messenger|fb|facebook|脸书|小红书|微博|抖音|signal|viber|kakao|qq|skype|wa)(?![a-z])(?!支付|\s*pay|钱包|红包|群|转账|付款)`;
const HK_TW_NUM = String.raw`(?:\+?(?:852|853|886)[\s-]?)?(?:[2-9]\d{3}[\s-]?\d{4}|09\d{2}[\s-]?\d{3}[\s-]?\d{3})`;
/** Asked for: a request word before, or help asked of it after. */
const ASK = String.raw`(?:能|可以|能否|能不能|可不可以|请(?!问)|麻烦|希望|有没有|需要|帮我|让)`;
const LIVE = String.raw`(?:(?:人工)?(?:在线|网上|线上|网页|网站)(?:人工)?客服|人工客服在线)`;

/** The words an APPS match always contains (proven by the gate test; 'ig' also covers "signal"). */
const APP_WORDS = [
  'whats',
  'wechat',
  'telegram',
  'insta',
  'ig',
  'messenger',
  'facebook',
  'fb',
  'line',
  'skype',
  'viber',
  'kakao',
  'wa',
  '微信',
  'qq',
  '脸书',
  '小红书',
  '微博',
  '抖音',
  'tg',
];

export const ZH_REGIONAL: Rule[] = [
  // 加我 LINE, 加我的 WhatsApp, 加一下 IG (not 能加你们微信吗: the customer reaching us, team set) (not 增加微信支付, 参加…)
  {
    need: APP_WORDS,
    re: new RegExp(
      String.raw`(?<![增添追参附])(?<!(?<![另额在此])外)加(?:个|一下|下)?(?:我(?:的)?)?(?:个)?${APPS}`,
      'gi',
    ),
    channel: 'social',
  },
  // IG 私信我, Messenger 找我, LINE 联系我, 小红书私信
  {
    need: ['dm', 'pm', ...APP_WORDS],
    re: new RegExp(
      String.raw`${APPS}(?:上|里|的)?(?:私信|找|联系|留言|密|dm|pm|call|打给|发给|回)(?:我|一下|吧)|(?:${APPS}|(?<![a-z])(?:dm|pm)(?![a-z]))(?:回)?我(?=啦|吧|呀|喔|哦|一下|[，,。！!？?:：]|$)`,
      'gi',
    ),
    channel: 'social',
    guard: 'report',
  },
  // 能开个在线客服帮我看下吗, 找在线客服问一下, 能不能在线客服一步一步教我
  {
    need: ['客服'],
    re: new RegExp(
      String.raw`(?:开|找|转|转接|接|叫|联系|连线|安排)(?:到|给我|一下|下)?(?:个|一个)?${LIVE}(?!说|讲|的|电话|热线|回复说|告诉我说)(?![^，。！？,.!?]{0,6}(?:没用|没人|不回|不理|也没|都没|说|讲|问过|处理不了))|开(?:个|一个)?(?:人工)?客服(?:窗口|对话|会话|聊天)|${ASK}[^，。！？,.!?]{0,6}?${LIVE}(?:[^，。！？,.!?]{0,5}?|[，,]\s*)(?:帮|教|给我|指导|跟我|和我|协助|处理|看|聊|沟通|解答|回答)`,
      'g',
    ),
    channel: 'chat',
  },
  // 有消息就搵我，電話 6123 4567 (a Hong Kong or Taiwan number)
  {
    need: ['打给', '回电', '找我', '联系我'],
    re: new RegExp(
      String.raw`(?:联系|找|打给|回电给)我[^。！？\n单号]{0,8}?(?:(?:电话|手机)?(?:号码)?[:：是]?\s*)?${HK_TW_NUM}`,
      'g',
    ),
    channel: 'phone',
  },
  // 打返嚟呢個號碼 9234 5678, 打我手提 6234 1234
  {
    need: ['call', '打', '致电'],
    re: new RegExp(
      String.raw`(?:打|call|致电)(?:过来|来|过去)?(?:给)?(?:我|这个|我的)?(?:号码|电话|手机)?[:：]?\s*${HK_TW_NUM}`,
      'gi',
    ),
    channel: 'phone',
    guard: 'self',
  },
  // an ultimatum: 今天没人打电话给我我就去曝光 = "unless someone calls me today, I'll…"
  {
    need: ['邮', '短信', '打', '回', '联系我'],
    also: ['没人', '没有人', '你们不', '你们再不'],
    re: /(?:没人|没有人|还没人|再没人|你们(?:再)?不)(?:给我)?(?:打(?:个)?电话给我|打给我|打我(?:的)?(?:电话|手机)|回(?:个)?电话?|回我电话|给我(?:打|回)(?:个)?电话|电话联系我|发邮件给我|邮件回复我|回(?:我)?邮件|发短信给我|回(?:我)?短信)(?=[^。！？，,]{0,12}?就(?!是)|[^。！？]{0,20}?(?:我就|就要|就去|的话|否则))/g,
    pick: (m) => (/邮件/.test(m[0]) ? 'email' : /短信/.test(m[0]) ? 'sms' : 'phone'),
  },
  // 電郵俾我 (→ 邮件给我), email 俾我
  {
    need: ['mail', '邮'],
    re: /(?<![发寄收到了的])(?:邮件|email|e-mail)给我(?!的|看过|说)/gi,
    channel: 'email',
    guard: 'self',
  },
];
