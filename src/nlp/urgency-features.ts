/**
 * The urgency model's features: the cues a person weighs when deciding how fast a message needs
 * an answer (a deadline today or tomorrow, money being lost, an outage, being blocked, a repeated
 * or escalated contact, a calm "no rush" question, praise), each crossed with the intent, plus the
 * message's words. The trainer and the classifier call the same function.
 */
import type { Intent, Sentiment } from '../core/model.js';
import type { FeatureVector } from './features.js';
import { fnvOn, hash, prefixState } from './features.js';
import { BucketSums } from './bucket-sums.js';

/** One cue: a name and its English and Chinese patterns (text is lower-cased, Simplified). */
interface Cue {
  name: string;
  en?: RegExp;
  zh?: RegExp;
}

const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend';

const NO_RUSH_EN =
  /\b(?:no rush|no hurry|not urgent|whenever|when(?:ever)? you (?:get a chance|have (?:a )?(?:time|moment|minute|sec)|can|are free)|at your convenience|in your own time)\b/;
const NO_RUSH_ZH = /不急|不着急|不用急|不用着急|不赶时间|不是很急|不紧急|有空|方便的时候|慢慢来/;
const NO_RUSH_EN_ALL = new RegExp(NO_RUSH_EN.source, 'g');
const NO_RUSH_ZH_ALL = new RegExp(NO_RUSH_ZH.source, 'g');

export const CUES: readonly Cue[] = [
  {
    // A deadline within about a day.
    name: 'soon',
    en: /\b(?:today|tonight|tomorrow|tmrw|within (?:the|an) hour|in (?:an|one|two|2|a couple of) hours?|in \d+ (?:min|mins|minutes)|by (?:noon|tonight|end of (?:the )?day|\d{1,2}(?::\d\d)? ?(?:am|pm))|(?:at|before) \d{1,2}(?::\d\d)? ?(?:am|pm)|(?:for|at) (?:\d{1,2}(?::\d\d)?|noon) (?:today|tomorrow)|right now|now!|asap|a\.s\.a\.p|urgent\w*|emergency|immediately|right away|as soon as possible|straight away|deadline|last minute|short notice|running out of time)\b/,
    zh: /今天|今晚|今早|明天|明早|明晚|马上|立刻|立即|尽快|赶紧|赶快|急|来不及|火速|一小时内|几个小时|现在就/,
  },
  {
    // A date further away: a deadline, but not today's.
    name: 'later-date',
    en: new RegExp(
      `\\b(?:by|before|for|on|until|next) (?:${DAYS}|next week|the \\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th))\\b|\\b(?:next|this) (?:week|month)\\b|\\bin (?:two|three|a few|\\d+) (?:days|weeks)\\b`,
    ),
    zh: /周[一二三四五六日天末]|星期|下周|下个月|\d+号|后天|过几天|月底/,
  },
  {
    // Money being lost or taken wrongly right now.
    name: 'money',
    en: /\b(?:charged (?:me |us |my (?:card|account) )?(?:twice|two times|three times|double|again)|double[- ]?(?:charged|billed)|taken? (?:the )?money twice|(?:went|gone) out twice|two (?:identical )?(?:charges|payments)|overdrawn|fraud\w*|unauthori[sz]ed|stolen|scam(?:med)?|hacked|losing (?:money|sales|customers|business|bookings)|lost (?:sales|orders|business|bookings)|can'?t take (?:payments|orders|bookings)|nobody can (?:pay|book|order|check ?out))\b/,
    zh: /扣了两次|扣了两笔|两笔|重复扣|重复收|多扣|扣错|盗刷|被盗|被骗|骗子|损失|收不了款|客人都约不了|下不了单/,
  },
  {
    // The product, site or service is down (for everyone, not one glitch).
    name: 'outage',
    en: /\b(?:(?:is|are|went|been|completely|site|website|app|system|server|everything) (?:is )?down|outage|offline|50[0234]|bad gateway|service unavailable|not loading for (?:anyone|everyone)|nobody can|none of (?:our|my) (?:customers|clients|staff)|all (?:our|my) (?:customers|clients|staff))\b/,
    zh: /崩了|挂了|宕机|瘫痪|出故障|故障|打不开|全部用不了|都用不了|客人都/,
  },
  {
    // The customer cannot go on: locked out, cannot log in or pay.
    name: 'blocked',
    en: /\b(?:can'?t|cannot|can not|unable to|won'?t let me) (?:log ?in|sign in|get in|get into|access|pay|check ?out|use|open|book)\b|\blocked (?:out|after)\b|\b(?:account|card) (?:is |was |has been )?(?:locked|blocked|frozen|disabled|suspended)\b|\bstuck\b/,
    zh: /登不上|登录不了|登不进|进不去|无法登录|锁住|锁定|冻结|停用|用不了|付不了|无法使用|卡住/,
  },
  {
    // A repeated contact: asked before, nobody answers, chasing.
    name: 'repeat',
    en: /\b(?:(?:second|third|fourth|fifth|2nd|3rd|4th|5th) (?:time|email|message|request)|(?:two|three|four|five|several|many|\d+) (?:times|emails|messages|calls)|asked (?:twice|before|already)|chas(?:e|ed|ing)|(?:nobody|no one|no-one|noone)(?: has| ever)? (?:answers?|answered|replie[sd]|repl(?:y|ies)|called|calls|rang|got back|gets back|responded|picks up|reads)|no (?:reply|response|answer|callback)|ignor(?:e|ed|ing)|never (?:got|heard|called|replied|rang)|(?:already|i've|i have) (?:emailed|called|asked|written|messaged|contacted)|messaged (?:you )?(?:yesterday|twice|before)|promised (?:a )?(?:call ?back|refund|to))\b/,
    zh: /第[二三四五]次|第[二三四五]遍|[两三四五几多][次遍]|好几次|问了.*(?:遍|次)|没人(?:回|理|接|管|处理)|不回|没回|没有回复|催了|又来问|再次联系/,
  },
  {
    // Still waiting, again, a promise not kept: a problem that drags on.
    name: 'still',
    en: /\b(?:again|still (?:no|not|nothing|waiting|haven'?t|hasn'?t)|keeps? happening|every (?:single )?time|yet again)\b/,
    zh: /又|再次|还没|还是没|一直没|答应.*(?:没|还没)|说好/,
  },
  {
    // An escalation or a threat.
    name: 'escalate',
    en: /\b(?:manager|owner|supervisor|someone in charge|whoever is in charge|formal complaint|escalat\w+|dispute|chargeback|lawyer|solicitor|legal action|court|small claims|trading standards|ombudsman|report (?:you|this)|go public|(?:bad|1[- ]star|one[- ]star|negative) reviews?|review everywhere|last chance|final (?:warning|notice)|cancel (?:my|the) (?:account|contract) if)\b/,
    zh: /投诉|12315|律师|起诉|法院|曝光|差评|找(?:你们)?(?:老板|经理|负责人)|消协|平台投诉|报警/,
  },
  {
    // A calm question with no time pressure.
    name: 'no-rush',
    en: /\b(?:no rush|no hurry|not urgent|whenever|when(?:ever)? you (?:get a chance|have (?:a )?(?:time|moment|minute|sec)|can|are free)|at your convenience|in your own time|just (?:curious|wondering|asking|a quick question|checking)|no worries|in the future|someday|eventually|low priority|quick question|out of interest)\b/,
    zh: /不急|不着急|不用急|不用着急|不赶时间|有空|方便的时候|随便问问|顺便问|慢慢来|有时间|想了解|问一下|咨询一下/,
  },
  {
    // A specific problem (what tells `normal` from a calm `low` question).
    name: 'problem',
    en: /\b(?:not|isn'?t|doesn'?t|won'?t|didn'?t|hasn'?t|haven'?t|can'?t|never|no longer|broken|broke|faulty|error|wrong|missing|fail(?:ed|s|ing)?|declined|stopped|offline|crash\w*|freez\w*|damaged|leak\w*|late|overcharged|charged|invalid|lost|cancel\w*|refund\w*|return\w*)\b/,
    zh: /不|没|坏|错|无效|失败|离线|掉线|异常|问题|故障|扣|退|取消|凶|差|漏|断|卡|慢|丢|收了/,
  },
  {
    name: 'praise',
    en: /\b(?:thank(?:s| you)|thx|ty|cheers|great|love[ds]?|loving|amazing|brilliant|perfect|awesome|excellent|fantastic|wonderful|appreciate[ds]?|kudos|impressed|legends?|stars?|recommend|happy with|well done|lovely)\b/,
    zh: /谢谢|感谢|多谢|好评|满意|很棒|太棒|真棒|赞|喜欢|推荐|辛苦了|给力|完美|开心/,
  },
  {
    name: 'unsubscribe',
    en: /\b(?:unsubscribe|mailing list|newsletter|marketing (?:emails|texts)|stop (?:sending|emailing|texting)|opt(?:ed)? out|take me off|remove me from)\b/,
    zh: /退订|取消订阅|别再(?:给我)?发|不想再收|营销短信|推送/,
  },
  {
    // Something dangerous or spreading damage.
    name: 'hazard',
    en: /\b(?:spark\w*|smok\w+|burning|fire|flood\w*|leak\w*|gas|dangerous|unsafe|electric shock|tripp?\w* the electrics)\b/,
    zh: /冒火花|冒烟|着火|烧焦|漏水|漏电|跳闸|危险|淹/,
  },
  {
    name: 'information',
    en: /^(?:hi|hello|hey)?[ ,!]*(?:do|does|is|are|can|could|what|what's|which|how much|how many|how long|when do|when does|when is|will|would|any)\b/,
    zh: /吗[？?]?$|多少钱|有没有|能不能|可以吗|怎么收费|什么时候|多久/,
  },
];

export interface UrgencyInput {
  /** The message, raw (for shape features). */
  text: string;
  /** The whole message, normalised (NFKC, Simplified) and lower-cased. */
  plain: string;
  /** English words (from the intent featurizer, so the text is tokenized once). */
  englishWords: readonly string[];
  intent: Intent;
  /** The intent model's probabilities, by label. */
  intentProbabilities: Record<string, number>;
  sentiment: Sentiment;
}

/**
 * Whether the English patterns can match at all: every alternative of every one of them (CUES'
 * `en`, NO_RUSH_EN, EXPLICIT_EN) has an ASCII letter or digit, so on text without any (nine in ten
 * Chinese messages) they are skipped rather than tried at every position (issue 21). A new
 * English pattern must keep to that (the urgency test checks them on letter-free text).
 */
const LATIN = /[a-z0-9]/i;

/** Names of the cues the text shows (for explanations and tests). */
export function urgencyCues(plain: string): string[] {
  const zh = /\p{Script=Han}/u.test(plain);
  const en = LATIN.test(plain);
  // "不着急" contains "急", "no rush today" is not a deadline: the time cues read the text with the
  // calm phrases taken out.
  const calm = (en && NO_RUSH_EN.test(plain)) || (zh && NO_RUSH_ZH.test(plain));
  const pressing = calm ? plain.replace(NO_RUSH_ZH_ALL, ' ').replace(NO_RUSH_EN_ALL, ' ') : plain;
  const out: string[] = [];
  for (const c of CUES) {
    const text = c.name === 'soon' ? pressing : plain;
    if ((en && c.en?.test(text)) || (zh && c.zh?.test(text))) out.push(c.name);
  }
  return out;
}

/**
 * PRODUCT.md's explicit words for `high` ("urgent/ASAP", 急/马上): a person reads them as urgent
 * whatever the rest says, unless the customer also says there is no rush.
 */
const EXPLICIT_EN =
  /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p|emergency|immediately|right (?:now|away)|as soon as possible)\b/;
const EXPLICIT_ZH = /紧急|加急|急用|很急|急!|急！|十万火急|马上|立刻|立即|尽快|赶紧/;

export function explicitlyUrgent(plain: string): boolean {
  const zh = /\p{Script=Han}/u.test(plain);
  const en = LATIN.test(plain);
  if ((en && NO_RUSH_EN.test(plain)) || (zh && NO_RUSH_ZH.test(plain))) return false;
  return (en && EXPLICIT_EN.test(plain)) || (zh && EXPLICIT_ZH.test(plain));
}

const FNV_W = prefixState('w:');
const FNV_B = prefixState('b:');
const FNV_Z = prefixState('z:');
const FNV_I = prefixState('i:');
const FNV_S = prefixState('s:');
const FNV_IS = prefixState('is:');
const FNV_C = prefixState('c:');
const FNV_CI = prefixState('ci:');
const FNV_CC = prefixState('cc:');
const FNV_NONE = prefixState('c:none:');
const SPACE = ' '.charCodeAt(0);
/** Han runs (global: String.match returns them all, from the start whatever lastIndex says). */
const HAN_RUN = /\p{Script=Han}+/gu;
const BIAS = hash('<bias>');
/** The shape features' names hashed once: the per-message counts (exclamation marks, shouting, length). */
const BANG = hash('x:bang');
const BANG3 = hash('x:bang3');
const QQ = hash('x:qq');
const CAPS = hash('x:caps');
const LEN = [hash('x:len<20'), hash('x:len<60'), hash('x:len<200'), hash('x:len>=200')] as const;

/** The buckets of the text being featurized (its own table, reused). */
const sums = new BucketSums();
/** The bucket mask of the text being featurized (module state: the helpers are not per-call closures). */
let mask = 0;

/** Adds the feature whose FNV state is `h` (fnvOn over its whole name). */
function addState(h: number, w: number): void {
  sums.bump((h >>> 0) & mask, w);
}

/**
 * The features are those of add(name, w) over the names below, in this order; each name is
 * hashed by carrying the FNV state over its pieces (fnvOn), which gives the whole string's hash
 * without building the string (features-fast-path test: equal to the plain names).
 */
export function featurizeUrgency(input: UrgencyInput, bits: number): FeatureVector {
  mask = sums.start(bits);
  addState(BIAS, 1); // '<bias>'
  const { plain, intent, text, sentiment } = input;
  const probabilities = input.intentProbabilities;
  // As Object.entries, without its pairs.
  for (const label of Object.keys(probabilities)) {
    const p = probabilities[label]!;
    if (p > 0.05) addState(fnvOn(FNV_I, label), p); // 'i:' + label
  }
  addState(fnvOn(FNV_S, sentiment), 1); // 's:' + sentiment
  addState(fnvOn(fnvOn(fnvOn(FNV_IS, intent), ':'), sentiment), 1); // 'is:' + intent + ':' + sentiment
  const cues = urgencyCues(plain);
  // A cue means different things by intent ("today" in a stock question vs a missed delivery).
  for (const c of cues) {
    addState(fnvOn(FNV_C, c), 2); // 'c:' + c
    addState(fnvOn(fnvOn(fnvOn(FNV_CI, c), ':'), intent), 2); // 'ci:' + c + ':' + intent
  }
  if (!cues.length) addState(fnvOn(FNV_NONE, intent), 1); // 'c:none:' + intent
  for (let i = 0; i + 1 < cues.length; i++)
    addState(fnvOn(fnvOn(fnvOn(FNV_CC, cues[i]!), '+'), cues[i + 1]!), 1); // 'cc:' + a + '+' + b

  // Shape: exclamation marks (as text.match(/[!！]/g).length), doubled question marks, shouting, length.
  let bangs = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x21 || ch === 0xff01) bangs++;
  }
  if (bangs) addState(bangs >= 3 ? BANG3 : BANG, 1);
  if (/[?？]{2,}/.test(text)) addState(QQ, 1);
  if (/\b[A-Z]{4,}\b.*\b[A-Z]{4,}\b/.test(text)) addState(CAPS, 1);
  const n = text.length;
  addState(LEN[n < 20 ? 0 : n < 60 ? 1 : n < 200 ? 2 : 3], 1);

  const words = input.englishWords;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // 'w:' + word and 'b:' + previous + ' ' + word.
    addState(fnvOn(FNV_W, word), 0.5);
    if (i > 0) addState(fnvOn(Math.imul(fnvOn(FNV_B, words[i - 1]!) ^ SPACE, 0x01000193), word), 0.5);
  }
  for (const run of plain.match(HAN_RUN) ?? []) {
    // 'z:' + run.slice(i, i + 2)
    for (let i = 0; i + 2 <= run.length; i++)
      addState(
        Math.imul(Math.imul(FNV_Z ^ run.charCodeAt(i), 0x01000193) ^ run.charCodeAt(i + 1), 0x01000193),
        0.5,
      );
  }

  return sums.normalised();
}

/** The patterns LATIN guards (for the test that they need an ASCII letter or digit). */
export const ENGLISH_PATTERNS: readonly RegExp[] = [
  NO_RUSH_EN,
  NO_RUSH_EN_ALL,
  EXPLICIT_EN,
  ...CUES.flatMap((c) => (c.en ? [c.en] : [])),
];
