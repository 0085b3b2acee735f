/** Chinese rules for requestedChannel (Simplified; Traditional is converted before matching). */
import type { ContactChannel } from '../../core/model.js';
import type { Rule } from './types.js';

/**
 * "电话最方便", "微信联系比较好", "邮件说更清楚": a channel said as the easier one. It needs a verb or
 * 最/比较/更, so "这款手机比较好用", "新手机更快", "微信好友" and "短信快递" stay descriptions.
 */
export const ZH_PREFER =
  /(?<!新|旧|这款|这个|那个|款|部|台|的)(电话|手机|短信|微信|邮件|邮箱|私信|在线聊天|whatsapp)(?:的话)?(?:里|上)?(?:(?:联系|沟通|讲|说|聊|回复|通知)(?:我|你们)?(?:最|比较|更|会|很|挺)?|(?:最|比较|更))(?:方便|好(?![友用难看吃的了像多几久])|快(?![递件点])|合适|省事|简单|清楚)/gi;
/** A request word, then a channel and a verb in the same clause: 能打电话说吗, 有空邮件回我, 请书面发邮件确认. */
/** What ZH_PREFER cannot match without (anchors.ts). */
export const ZH_PREFER_NEED = ['whats', '电话', '手机', '邮', '短信', '微信', '私', '聊'];
/** What ZH_CUE_CHANNEL cannot match without. */
export const ZH_CUE_CHANNEL_NEED = [
  'mail',
  'whats',
  'telegram',
  'line',
  '电话',
  '邮',
  '短信',
  '微信',
  '私',
  'qq',
];
export const ZH_CUE_CHANNEL =
  /(?:请|麻烦|能|能否|可以|方便|有空|最好|就|直接|帮我|给我|希望)[^，。！？,.!?]{0,6}?(电话|邮件|短信|私信|微信|whatsapp|line|telegram|qq|e-?mail)(?:里|上)?(?:说|聊|回|联系|沟通|告诉|告知|答复|提醒|确认|通知|发|回复|讲|跟我|和我|教|讲解|解释|指导|帮我|过来)/gi;
export const ZH_CHANNEL: Record<string, ContactChannel> = {
  电话: 'phone',
  email: 'email',
  'e-mail': 'email',
  电报: 'social',
  手机: 'phone',
  短信: 'sms',
  微信: 'social',
  邮件: 'email',
  邮箱: 'email',
  私信: 'social',
  在线聊天: 'chat',
  whatsapp: 'social',
  line: 'social',
  telegram: 'social',
  qq: 'social',
};

export const ZH_RULES: Rule[] = [
  {
    need: ['电话', '打', '来电', '联系', '回电', '找我', '致电', '拨'],
    re: /(?:回(?:个|我|我个|我一个|复)?电话|回电(?!子)|回拨|来(?:个|一个)?电话|打(?:个|一个)?电话给我|给我(?:打|回|来)(?:个|一个|一下|一通|通)?电话|打我(?:的)?(?:电话|手机)|电话(?:联系|联络|沟通|回复|通知|告诉|告知)(?:我|一下)?|致电(?:我|给我)?|来电(?:联系|沟通|告知)|打给我|打(?:我|我的|公司|公司的)?(?:座机|手机|电话)(?:找我|给我|联系我)|(?:座机|手机)(?:找|联系)我|打(?:这个|我的)(?:号码|手机)|联系我(?:的)?(?:手机|电话)|打(?:个)?电话(?:跟|和|告诉|通知)我|拨打我的|电话里(?:说|聊|沟通)(?=吧|一下|下|清楚|比较|更|行)|通个电话|语音(?:通话|电话)联系)/g,
    channel: 'phone',
  },
  {
    need: ['mail', '邮'],
    re: /(?:发(?:个|封)?(?:电子)?邮件给我|给我发(?:个|封|一封)?(?:电子)?邮件|(?:电子)?邮件(?:回复|联系|通知|告知|告诉|发给)我|(?:请|麻烦|可以|能否|能|用|通过|最好|就)(?:电子)?邮件(?:回复|联系|通知|告知|告诉)|(?:电子)?邮件(?:回复|联系)(?:就|即)(?:行|可|好)|(?:通过|用|以|走)(?:电子)?邮(?:件|箱)|发(?:到|至|去)?我(?:的)?(?:邮箱|电子邮箱|email)|发(?:到|至)(?:我的?)?(?:邮箱|电子邮箱)|发[^。！？，,.!?]{1,12}?(?:到|至)我(?:的)?(?:邮箱|电子邮箱|email)|(?:回复|答复|回)(?:到|至)(?:我的?)?(?:邮箱|电子邮箱)|邮件发(?:给)?我|邮箱联系|email(?:给)?我|发email|(?<!我|我们|已经|已|刚|刚才)发(?:个|封|一封)?(?:电子)?邮件(?:确认|通知|告诉|告知|回复|跟我|和我)|回(?:复)?(?:电子)?邮件给我|写邮件给我)/gi,
    channel: 'email',
  },
  {
    need: ['短信'],
    re: /(?:发(?:个|条|一条)?短信给我|发(?:个|条|一条)?短信(?:提醒|通知|告诉|告知)我|短信(?:说|讲)(?:一声|一下)|给我发(?:个|条|一条)?短信|(?:通过|用|以|发)短信(?:联系|回复|告诉|告知|通知)?(?:我)?|短信(?:联系|回复|告知|通知|告诉|发)我|短信(?:回复|告知|通知)(?:就|即)?(?:行|可|好)|回(?:复)?(?:我|个|条|一条|我个)?短信)/g,
    channel: 'sms',
  },
  {
    need: ['whats', 'wechat', 'telegram', 'line', '微信', '私', 'qq'],
    re: /(?:私信(?:我|联系|回复|沟通|告诉)|(?:请|可以|麻烦)私信|私信发(?:给)?我|私聊|(?<![增添追参附])(?<!(?<![另额在此])外)加(?:个|一下|下)?(?:我(?:的)?)?(?:微信|wechat|whatsapp|qq|line|telegram)(?!支付|pay|钱包)|(?:微信|whatsapp|telegram|qq)(?:上)?(?:联系|聊|找我|沟通|回复|发我|告诉)|(?:微信|whatsapp)号(?:是|：|:|就是)?\s*(?=[A-Za-z0-9_+]|同|就是|我的?手机)|留(?:个|一下)?(?:你的)?微信)/gi,
    channel: 'social',
  },
  {
    need: ['聊', '这', '线'],
    re: /(?:聊天(?:窗口|框)[^。！？]{0,8}(?:回复|回答|说)|(?:这个|聊天)窗口(?:里)?(?:回复|回答|说|聊|告诉|回|答复|沟通|讲)|(?:就|直接)?在这(?:里|儿)?(?:直接)?(?:聊|回复|回答|沟通|说|回)|在这(?:个)?(?:聊天框|对话框|聊天窗口|窗口|聊天)(?:里)?(?:直接)?(?:回复|回|说|聊|告诉|答复|沟通)|(?:就|直接)在这(?:里|儿)?(?:帮|给|跟)我|(?:就|直接)?在这(?:里|儿)?(?:直接)?(?:告诉|告知)我|在这(?:里|儿)(?:直接)?帮我(?:看|查|处理|解决|弄)|(?:在)?线上(?:聊|沟通|说|回复|回|答复)|在线(?:聊(?!天)|沟通)|在线聊天(?:吧|就行|就好|即可)|(?:直接|可以|就)?在(?:网站|网页|在线)?聊天(?:窗口|框)?(?:里)?(?:回复|沟通|聊|说))/g,
    channel: 'here',
  },
];

/**
 * Where a Chinese clause ends. Besides the punctuation, chat writers end clauses with a space, a
 * line break, ～, —— or …: "快递别放门口 加我微信" is two clauses, and the 别 stays in the first.
 */
export const ZH_BREAK = '。！？；，,.!?;:：、～~—…\\s';
/**
 * What may stand between a negation and the ask it negates: adverbs, times, pronouns (不要(再)打给我,
 * 别(晚上)给我打电话, 不用(你们)回电). Any other word is a verb of its own, and the negation is
 * about that: in "不用寄快递加我微信" the 不用 is about the delivery, not the WeChat ask (issue 17:
 * pickup and delivery messages are full of 不用送 / 别放门口 / 不方便自提).
 */
const ZH_NEG_BRIDGE =
  '(?:(?:再|又|老是|总是|老|总|经常|天天|每天|一直|随便|直接|主动|专门|特意|也|都|就|还|给我|跟我|和我|找我|向我|我|你们|您|你|人|用|通过|在|要|想|会|能|去|来|打扰|' +
  // when: 别(在半夜)打给我, 不要(在我上班的时候)打电话, 千万别(周末)给我打电话
  '一大早|大早上|早上|上午|中午|下午|晚上|半夜|深夜|凌晨|白天|夜里|周末|周[一二三四五六日天]|星期[一二三四五六日天]|今天|明天|以后|之后|这么早|这么晚|那么晚|太早|太晚|' +
  '上班时间|工作时间|上班|上课|开会|开车|睡觉|的时候)\\s?)';
/**
 * A negation or a report just before the ask. 没/没有/未 ("didn't") only negate the verb right after
 * them: in "到现在没发货你们回个电话" the 没 is about the delivery, not the call, and in "还没到加我微信"
 * about the arrival. A report (说好, 客服说, 答应) covers the rest of its clause.
 */
export const ZH_NEGATION = new RegExp(
  String.raw`(?:(?:不要|别|不用|不需要|没必要|没有必要|不必|无需|勿|不方便|不能|没法|无法|不想|不再|拒绝)\s?${ZH_NEG_BRIDGE}{0,5}|(?:说好(?:了)?|说(?:了)?(?:会|要)|(?:客服|快递员?|师傅|他|她|他们|对方|你们|店员|司机)(?:也)?(?:说|讲|称)(?:了)?|讲好|约好|答应(?:了|过)?|承诺(?:了|过)?)[^${ZH_BREAK}]{0,4}|(?:没有|没|未)(?:人|再|能|又|有人)?)$`,
);
/**
 * Contact that keeps coming is a complaint about us, not an ask: 退订三次了还在给我发邮件, 你们天天给我打电话,
 * 为什么一直给我发短信. A request word before it still asks: 能不能每天给我发短信提醒.
 */
export const ZH_ONGOING =
  /(?:还在|还是一直|一直|一直在|老是|总是|天天|每天|整天|成天|不停(?:地|的)?|反复|频繁|三番五次|一天到晚|又)(?:都)?(?:在)?(?:给我|跟我|向我|找我)?$/;
export const ZH_ASKING_BEFORE = /请|麻烦|能不能|能否|可以|可不可以|希望|记得|帮我/;
export const ZH_MENTION_AFTER = /^(?:过|了)/;

/**
 * Hong Kong customers write Cantonese: 打電話俾我 (给我), 覆我 (回复我), 喺度 (在这里), 短訊 (短信).
 * Mapping the few words the rules key on is cheaper than a second rule set. 回覆 is 回复 too; the
 * shared converter leaves 覆 alone because it is also a Simplified character.
 */
const CANTONESE: Record<string, string> = {
  俾我: '给我',
  畀我: '给我',
  回覆: '回复',
  覆我: '回复我',
  喺度: '在这里',
  喺呢度: '在这里',
  短讯: '短信',
  唔该: '请',
  你哋: '你们',
  我哋: '我们',
  咗: '了',
  // chat slang: 电联 = 电话联系, 加v / 加vx / 加wx = 加微信
  电联: '电话联系',
  加v: '加微信',
  加V: '加微信',
  加vx: '加微信',
  加VX: '加微信',
  加wx: '加微信',
  加WX: '加微信',
  加Vx: '加微信',
  加vX: '加微信',
  係: '是',
};
const CANTONESE_RE = /俾我|畀我|回覆|覆我|喺呢度|喺度|短讯|唔该|你哋|我哋|咗|係|电联|加[vV][xX]?|加wx|加WX/g;
export function cantoneseToMandarin(text: string): string {
  return text.replace(CANTONESE_RE, (w) => CANTONESE[w] ?? w);
}

const ADDR = String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`;
const CN_MOBILE = String.raw`(?:\+?86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}`;
const CN_LANDLINE = String.raw`0\d{2,3}[\s-]?\d{3,4}[\s-]?\d{4}`;
const pick = (m: RegExpExecArray) => ZH_CHANNEL[(m[1] ?? '').toLowerCase()];

/**
 * Requests the fixed rules above miss: an address or number between the verb and the ask
 * (请发邮件到 a@b.com 确认, 有事联系我 138…), "just X" preferences (发邮件就行, 短信回我),
 * and "answer here" said as 这里回我就行 / 发在这个聊天框里.
 */
export const ZH_INDIRECT: Rule[] = [
  {
    need: ['@'],
    re: new RegExp(
      String.raw`(?:(?:发|寄|回复?|答复|发送|抄送|转发)(?:个|封|一封|一下)?(?:电子)?(?:邮件)?|(?:电子)?邮件)(?:到|至|给)\s*${ADDR}`,
      'gi',
    ),
    channel: 'email',
    guard: 'self',
  },
  {
    need: ['找我', '联系我'],
    re: new RegExp(
      String.raw`(?:联系|找)我[^。！？\n]{0,6}?(?:(?:电话|手机|号码)[:：是]?\s*)?${CN_MOBILE}`,
      'g',
    ),
    channel: 'phone',
  },
  {
    need: ['找我', '联系我'],
    re: new RegExp(
      String.raw`(?:联系|找)我[^。！？\n]{0,6}?(?:(?:邮箱|邮件|email)[:：是]?\s*)?${ADDR}`,
      'gi',
    ),
    channel: 'email',
  },
  {
    need: ['打'],
    re: new RegExp(String.raw`打(?:我|我的)?(?:这个)?(?:号码|电话|手机)?[:：]?\s*${CN_MOBILE}`, 'g'),
    channel: 'phone',
    guard: 'self',
  },
  {
    need: ['来电'],
    re: /(?:请|麻烦|尽快|速|务必|希望|方便(?:的话|时)?|有空(?:的话|时)?|及时)(?:您|你们?)?(?:尽快|及时)?来电/g,
    channel: 'phone',
  },
  {
    need: ['电话', '邮', '短信', '微信'],
    also: ['就行', '就好', '就可以', '即可', '吧', '好了', '比较好', '最好'],
    re: /(?:打|发|回)(?:个|封|条|一个|一封|一条)?(?:电子)?(邮件|短信|微信|电话)(?:给我|我)?(?:就行|就好|就可以|即可|吧|好了|比较好|最好)/g,
    pick,
    guard: 'self',
  },
  // 短信回我, 微信发我一下, 电话说一声 — but "邮件里说我…" / "电话里告诉我…" is what a message said
  {
    need: ['whats', '电话', '手机', '邮', '短信', '微信', '私', 'qq'],
    re: /(电话|手机|短信|微信|邮件|邮箱|私信|whatsapp|qq)(?:上)?(?:(?:回|回复|答复|告诉|告知|通知|联系|沟通|发)(?:我|一下|一声|吧|就行|就好|即可)|(?:说|讲|聊|谈)(?:一下|一声|吧|呗))/gi,
    pick,
    guard: 'report',
  },
  {
    need: ['电话', '邮', '短信', '微信', '私'],
    also: ['里', '中'],
    re: /(电话|短信|微信|邮件|私信)(?:里|中)(?:回|回复|答复|告诉|告知|通知|说|讲)(?!的)(?:我)?(?=[^。！？；，,.!?]{0,8}(?:吧|一下|吗|就行|就好|即可))/gi,
    pick,
    guard: 'report',
  },
  // "回复请发邮件，…", "请短信" — the channel alone after a request word, ending the clause
  {
    need: ['邮', '短信', '微信'],
    re: /(?:请|麻烦)(?:用|通过|发|回)?(?:个|封|条)?(?:电子)?(邮件|短信|微信)(?=[，,。！!；;]|$)/g,
    pick,
  },
  {
    need: ['whats', '邮', '短信', '微信', '私'],
    re: /给我发(?:个|条|封|一条|一封)?(微信|短信|邮件|私信|whatsapp)/gi,
    pick,
  },
  // "WhatsApp我啦", "send个email给我", "发至本邮箱"
  {
    need: ['mail', 'whats', 'wechat', 'telegram', 'line'],
    re: /(whatsapp|wechat|telegram|line|email|e-mail)我(?=啦|吧|一下|[，,。！!\s]|$)/gi,
    pick: (m) => pick(m) ?? (/mail/i.test(m[1] ?? '') ? 'email' : 'social'),
  },
  {
    need: ['mail', '邮'],
    re: /send(?:个|封)?\s*(?:email|e-?mail)|(?:发|回复?|发送|寄)(?:至|到)本邮箱/gi,
    channel: 'email',
    guard: 'self',
  },
  // "请回复到下面的邮箱", "发到我签名里的邮箱", "请打下面的电话"
  {
    need: ['mail', '邮'],
    re: /(?:发|回复?|答复|发送)(?:到|至)(?:下面|上面|下方|上方|我?签名里?)的?(?:邮箱|邮件地址|email)/gi,
    channel: 'email',
    guard: 'self',
  },
  {
    need: ['打'],
    re: /打(?:下面|上面|下方|上方|我?签名里?)的?(?:电话|手机|号码)/g,
    channel: 'phone',
    guard: 'self',
  },
  // "最好是邮件", "电话或者邮件都行" (the first), "短信或者微信都可以"
  { need: ['最'], re: /最好(?:是|用|通过|走)?(电话|邮件|短信|微信|私信|whatsapp)/gi, pick },
  {
    need: ['都'],
    re: /(电话|邮件|短信|微信|whatsapp)(?:或者?|或是|还是|和|、|\/)(?:电话|邮件|短信|微信|whatsapp)(?:联系)?都(?:行|可以|好|ok)/gi,
    pick,
  },
  // chat slang: call我, 给我call个电话, v我, wx联系, 私我, 扣我 (QQ), 邮我, 短信我
  { need: ['call'], re: /call我|给我(?:打)?(?:个)?call/gi, channel: 'phone' },
  // not "客人一直打电话来问" (others calling to ask)
  {
    need: ['打'],
    re: /打(?:个|一个)?电话(?:过)?来(?!过|了|问|投诉|骂|催|抱怨)/g,
    channel: 'phone',
    guard: 'self',
  },
  {
    need: ['微信', '私', 'v', 'wx', '扣'],
    re: /(?:(?<![a-z])(?:v|vx|wx)(?:我|联系|聊)|私我|扣我(?=吧|一下|[，,。！!]|$)|微信我)/gi,
    channel: 'social',
  },
  { need: ['邮'], re: /邮我/g, channel: 'email' },
  { need: ['短信'], re: /短信我/g, channel: 'sms' },
  {
    need: ['信息', '消息'],
    re: /(?:发|回)(?:个|条)?(?:信息|消息)(?:到|给)?我(?:的)?手机/g,
    channel: 'sms',
    guard: 'self',
  },
  {
    need: ['这'],
    re: /(?:就|直接)?(?:在)?这(?:里|儿|边)(?:聊|说|沟通)(?:吧|就行|就好|即可)/g,
    channel: 'here',
  },
  // the bare ask at the end of a clause: "接不了电话发微信", "没空接电话，邮件联系"
  {
    need: ['邮', '短信', '微信'],
    re: /发(?:个|条|封)?(微信|短信|邮件)(?=[。！!，,？?]|$)/g,
    pick,
    guard: 'self',
  },
  { need: ['联系'], re: /(邮件|短信|微信|电话)联系(?=[。！!，,]|$|吧|就行|就好|即可)/g, pick, guard: 'self' },
  // formal letters: "敬请于本周五前回复邮件确认", "请贵司以书面形式（电子邮件）答复"
  {
    need: ['邮', '短信', '微信'],
    re: /回复(邮件|短信|微信)(?=确认|告知|说明|通知|即可|就行|为盼|[。！!，,]|$)/g,
    pick,
    guard: 'self',
  },
  {
    need: ['邮'],
    re: /以(?:书面)?(?:形式)?[（(]?(?:电子)?邮件[）)]?(?:的)?(?:形式)?(?:答复|回复|告知|通知|联系|说明)/g,
    channel: 'email',
  },
  // "给我打微信电话", "微信语音打给我", "发微信消息给我": the app is the channel
  {
    need: ['whats', 'wechat', 'telegram', 'line', '微信', 'qq'],
    re: /(?:微信|whatsapp|wechat|telegram|line|qq)(?:电话|语音|视频|消息)/gi,
    channel: 'social',
    guard: 'self',
  },
  {
    need: ['whats', 'wechat', 'telegram', 'line', '微信', 'qq'],
    re: /用(?:微信|whatsapp|wechat|telegram|line|qq)给我/gi,
    channel: 'social',
  },
  // form fields and acceptances: 首选联系方式：电话, 联系方式偏好：邮件, 电报联系也可以
  {
    need: ['首选', '偏好', '优先'],
    re: /(?:首选|偏好|优先)[^：:\n]{0,6}[：:]\s*(电话|手机|邮件|邮箱|短信|微信|whatsapp|私信|电报)/gi,
    pick,
  },
  {
    need: ['whats', '手机', '邮', '短信', '微信', '私', '电'],
    also: ['也可以', '也行', '都可以', '都行'],
    re: /(电话|手机|邮件|邮箱|短信|微信|whatsapp|私信|电报)(?:联系|沟通|聊|说)(?:也|都)(?:可以|行)/gi,
    pick,
  },
  // "请直接打电话", "还是邮件吧", "那就微信吧"
  {
    need: ['电话'],
    re: /(?:请|麻烦|直接|还是|就)(?:直接|你们|您)?(?:打|来)(?:个|一个)?电话(?=吧|[，,。！!？?]|$)/g,
    channel: 'phone',
  },
  {
    need: ['吧'],
    re: /(?:还是|那就|就|用)(?:发|打)?(电话|微信|邮件|短信|whatsapp)(?:联系|沟通|说|聊)?吧/gi,
    pick,
  },
  // "资料发邮箱吧", "你们直接打过来吧"
  {
    need: ['邮'],
    re: /发(?:到|至)?(?:我的?)?邮箱(?=吧|就行|就好|即可|好了|[，,。!！]|$)/g,
    channel: 'email',
    guard: 'self',
  },
  {
    need: ['打'],
    re: /(?:(?:直接|请|麻烦|可以|能不能|能否|就)(?:给我)?打过来|打过来(?=吧|一下|就行|好了))/g,
    channel: 'phone',
    guard: 'self',
  },
  { need: ['whats', '微信', '私', 'qq'], re: /(微信|whatsapp|私信|qq)(?:上)?留(?:个)?言/gi, pick },
  {
    need: ['手机', '邮', '短信', '微信', '私'],
    also: ['发我', '发到我'],
    re: /发(?:到)?我(?:的)?(?:个)?(微信|邮箱|手机|私信|短信|邮件)(?:上|里)?(?!的|上的|里的)/g,
    pick: (m) => (m[1] === '手机' ? 'sms' : pick(m)),
  },
  {
    need: ['这', '窗口', '框', '页', '网', '字'],
    re: /这(?:里|儿|边)(?:直接)?(?:回复?|答复|回答|说|告诉我)(?:我)?(?:就行|就好|就可以|即可|吧|一下)|这(?:里|儿|边)回我(?=就|吧|一下|即可|[。！!，,\s]|$)|发(?:在|到)?这(?:个)?(?:聊天框|聊天窗口|对话框|窗口)|在(?:这个|本)?(?:页面|网页|网站)(?:上|里)?(?:直接)?(?:回复|回|说|聊|告诉|答复)|(?:打字|文字)(?:回复|回|说|沟通|聊)(?:就好|就行|即可|吧|就可以)|这(?:里|儿|边)(?:直接)?(?:处理|解决|办)(?=吗|吧|一下)|这(?:里|儿|边)说不(?:方便|行)吗|在(?:对话框|聊天框|聊天窗口)(?:里)?(?:直接)?(?:说|回复|回|聊|告诉)|(?:网页|网站)(?:上|里)(?:聊|沟通)(?=就|吧|即可)|发在这(?:里|儿)|我(?:就|先)?在这(?:里|儿|边)?(?:等|等着|等你们?)(?=[，,。！!\s]|$|回复|答复|消息)/g,
    channel: 'here',
  },
];

/** "我手机号139…，尽快联系我": a number offered plus an ask that names no channel. */
export const ZH_NUMBER_AND_ASK_NEED = ['找我', '联系我', '回我', '回复我', '给我回'];
export const ZH_NUMBER_AND_ASK = new RegExp(
  String.raw`(?:${CN_MOBILE}|${CN_LANDLINE})[^。！？]{0,20}?(?:尽快|请|麻烦|方便时|有空)?(?:联系我|找我|回复我|给我回|回我)|(?:联系我|找我|回复我|给我回|回我)[^。！？]{0,20}?(?:${CN_MOBILE}|${CN_LANDLINE})`,
  'g',
);

/** "我已经发到…", "我打…": the customer's own act. */
export const ZH_SELF_BEFORE =
  /(?:^|[^给跟和帮让叫请])我们?(?:已经|也|都|就|又|刚|刚刚|会|先|再|要|想)?$|(?:已经|已|刚刚?|刚才|之前|上次|昨天|前天)(?:已经|也|都|就|又)?$/;
/** "客服电话里说…", "快递短信通知我…": someone reporting, unless the clause goes on to ask. */
export const ZH_REPORT_BEFORE =
  /(?:客服|你们|他们|她们|他|她|对方|快递员?|师傅|店家|卖家|商家|上次|之前|昨天|前天|上周|刚才|那边)(?:的|在|也|都)?$/;
/**
 * A time in the past just before the contact, with no request word between: "昨天你们打电话给我，我没
 * 接到". Farther back it dates another event: "之前买的东西坏了给我回个电话" still asks.
 */
export const ZH_PAST_BEFORE =
  /(?:昨天|前天|上周|上个月|上次|(?<![来到发送去出走做修装货门完])之前|刚才|刚刚|那天)(?!.*(?:请|麻烦|能不能|能否|可以|帮|希望|方便|有空|尽快|记得))[^。！？；，,.!?]{0,4}$/;
export const ZH_ASK_AFTER = /吧|一下|一声|吗|就行|就好|即可|请|麻烦|尽快/;
