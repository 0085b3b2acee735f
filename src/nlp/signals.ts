/**
 * Urgency and sentiment. English sentiment is wink-nlp's (computed with the tokens the
 * intent features already need); Chinese uses a small lexicon with negation handling.
 */
import type { Intent, Sentiment, Urgency } from '../core/model.js';

const HIGH_EN =
  /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p|emergency|immediately|right (?:now|away)|as soon as possible|today|tonight|within the hour|deadline|critical|can'?t wait|fraud(?:ulent)?|unauthori[sz]ed|stolen|hacked|charged (?:me )?twice|double charged|lawyer|legal action|chargeback|dispute|still (?:no|not|haven'?t|hasn'?t|waiting)|third time|again!|completely (?:down|broken)|outage|down for|not working at all|lost (?:all|my)|last chance|final notice)\b/i;
const LOW_EN =
  /\b(?:no rush|no hurry|not urgent|whenever (?:you|is)|when(?:ever)? you (?:get a chance|have time|can)|at your convenience|just curious|just wondering|quick question|fyi|no worries|low priority|in the future|someday|eventually|just (?:wanted|a note) to (?:say|let you know))\b/i;
const HIGH_ZH =
  /(?:紧急|急|马上|立刻|立即|尽快|赶紧|今天(?:之内|内|必须)?|十万火急|投诉|骗子|盗刷|被盗|报警|律师|起诉|12315|曝光|还没|一直没|第三次|第二次|再不|到底|严重|崩溃|完全(?:用不了|打不开)|无法使用)/;
const LOW_ZH =
  /(?:不急|不着急|不用着急|不赶时间|有空|方便的时候|随便问问|问一下|顺便|闲了|不用急|慢慢来|有时间)/;

export function detectUrgency(text: string, intent: Intent, sentiment: Sentiment): Urgency {
  const zh = /\p{Script=Han}/u.test(text);
  const low = LOW_EN.test(text) || (zh && LOW_ZH.test(text));
  // "不着急" contains "急": judge urgency on what is left once the calm phrases are removed.
  const rest = low
    ? text.replace(new RegExp(LOW_ZH.source, 'g'), ' ').replace(new RegExp(LOW_EN.source, 'gi'), ' ')
    : text;
  const highHits = (HIGH_EN.test(rest) ? 1 : 0) + (zh && HIGH_ZH.test(rest) ? 1 : 0);
  const shouting = (text.match(/[!！]/g)?.length ?? 0) >= 3 || /\b[A-Z]{5,}\b.*\b[A-Z]{4,}\b/.test(text);
  if (low && !highHits) return 'low';
  if (highHits || shouting) return 'high';
  if (intent === 'complaint' && sentiment === 'negative') return 'high';
  if (intent === 'feedback_praise' || intent === 'pricing_presales') return 'low';
  return 'normal';
}

const POS_ZH = [
  '谢谢',
  '感谢',
  '多谢',
  '满意',
  '喜欢',
  '好评',
  '很棒',
  '太棒',
  '真棒',
  '太好了',
  '赞',
  '给力',
  '点赞',
  '开心',
  '高兴',
  '完美',
  '好用',
  '推荐',
  '贴心',
  '专业',
  '及时',
  '辛苦了',
  '惊喜',
  '不错',
  '好评如潮',
  '爱了',
];
const NEG_ZH = [
  '失望',
  '生气',
  '愤怒',
  '差评',
  '很差',
  '太差',
  '糟糕',
  '垃圾',
  '投诉',
  '坑',
  '骗',
  '不满',
  '烂',
  '恶心',
  '气死',
  '无语',
  '崩溃',
  '离谱',
  '敷衍',
  '欺骗',
  '破损',
  '坏了',
  '退款',
  '没收到',
  '还没到',
  '一直没',
  '难用',
  '太慢',
  '麻烦',
  '问题',
  '错误',
  '失败',
  '扣了两次',
  '重复扣款',
  '不能用',
  '用不了',
  '打不开',
  '怎么回事',
];
const NEGATORS = /(?:不|没|没有|别|非|毫不|一点也不|并不)$/;

function zhLexicon(text: string): number {
  let score = 0;
  for (const w of POS_ZH) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) {
      score += NEGATORS.test(text.slice(Math.max(0, i - 4), i)) ? -1 : 1;
    }
  }
  for (const w of NEG_ZH) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) {
      // 不麻烦, 没问题: a negated negative is mildly positive at most.
      score += NEGATORS.test(text.slice(Math.max(0, i - 2), i)) ? 0.3 : -1;
    }
  }
  return score;
}

const NEG_EN_EXTRA =
  /\b(?:still (?:no|not|haven'?t|hasn'?t|waiting)|never (?:arrived|received|got)|not (?:working|received|arrived|happy)|doesn'?t work|isn'?t working|won'?t (?:work|load|open)|broken|damaged|wrong item|scam|ripped off|unacceptable|ridiculous|worst|terrible|horrible|awful|useless|disappointed|frustrat\w+|angry|furious|charged twice|crash\w*|error)\b/i;
const POS_EN_EXTRA =
  /\b(?:thank(?:s| you)|love|great|awesome|amazing|excellent|perfect|fantastic|appreciate|happy with|well done|impressed|wonderful|brilliant|kudos)\b/i;

export function detectSentiment(text: string, englishScore: number, intent: Intent): Sentiment {
  let score = englishScore;
  if (/\p{Script=Han}/u.test(text)) score += zhLexicon(text) * 0.35;
  if (NEG_EN_EXTRA.test(text)) score -= 0.35;
  if (POS_EN_EXTRA.test(text) && score <= 0.25) score += 0.15;
  // The intent nudges only when the words themselves are mild ("太差了" stays negative
  // even if the model guessed praise).
  if (Math.abs(score) < 0.3) {
    if (intent === 'complaint') score -= 0.3;
    if (intent === 'feedback_praise') score += 0.3;
  }
  if (score <= -0.2) return 'negative';
  if (score >= 0.25) return 'positive';
  return 'neutral';
}
