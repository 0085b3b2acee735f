/**
 * requestedChannel: what the customer explicitly asked to be contacted by. Rules, not the model:
 * requests have a small, sharp vocabulary, and precision matters more than recall (a wrong
 * "call me" sends the owner to the phone). Negated requests ("don't call me") and mentions of
 * past contact ("I emailed you yesterday") do not count.
 */
import { CONTACT_CHANNEL_OF, type Channel, type RequestedChannel } from '../core/model.js';
import {
  CHANNEL_NOUN_NEED,
  EN_BY_PLEASE,
  EN_BY_PLEASE_ALSO,
  EN_CUE,
  EN_GENERIC,
  EN_MENTION_AFTER,
  EN_MENTION_AFTER_PP,
  EN_MENTION_BEFORE,
  EN_MOVE,
  EN_MOVE_ALSO,
  EN_NEGATION_WORD,
  NEGATION_BRIDGE,
  EN_PP,
  EN_PREFER,
  EN_PREFER_ALSO,
  EN_PREFER_NEED,
  EN_RULES,
  channelOfNoun,
  isNaming,
} from './requested-channel/en-rules.js';
import {
  ZH_CHANNEL,
  ZH_ASK_AFTER,
  ZH_CUE_CHANNEL,
  ZH_CUE_CHANNEL_NEED,
  ZH_INDIRECT,
  ZH_MENTION_AFTER,
  ZH_NEGATION,
  ZH_ONGOING,
  ZH_ASKING_BEFORE,
  ZH_NUMBER_AND_ASK,
  ZH_NUMBER_AND_ASK_NEED,
  ZH_PAST_BEFORE,
  ZH_PREFER,
  ZH_PREFER_NEED,
  ZH_REPORT_BEFORE,
  ZH_RULES,
  ZH_SELF_BEFORE,
} from './requested-channel/zh-rules.js';
import {
  EN_INDIRECT,
  EN_REPORT_BEFORE,
  EN_SELF_BEFORE,
  channelOfWord,
} from './requested-channel/en-indirect.js';
import { EN_IDIOMS } from './requested-channel/en-idioms.js';
import { EN_PEOPLE } from './requested-channel/en-people.js';
import { ZH_REGIONAL } from './requested-channel/zh-regional.js';
import { MAY_ASK, prepareRequestText } from './requested-channel/prepare.js';
import { isDocumentByEmail } from './requested-channel/documents.js';
import { Anchors, anchorGate } from './requested-channel/anchors.js';
import type { Rule, Target } from './requested-channel/types.js';

/** A rule with the gates of the words it cannot match without (anchors.ts); -1: no second list. */
interface Gated {
  rule: Rule;
  gate: number;
  also: number;
}
const gated = (rules: Rule[]): Gated[] =>
  rules.map((rule) => ({
    rule,
    gate: anchorGate(rule.need),
    also: rule.also ? anchorGate(rule.also) : -1,
  }));
const EN_FAMILIES = [EN_RULES, EN_INDIRECT, EN_IDIOMS, EN_PEOPLE].map(gated);
const ZH_FAMILIES = [ZH_RULES, ZH_INDIRECT, ZH_REGIONAL].map(gated);
const NOUN_GATE = anchorGate(CHANNEL_NOUN_NEED);
const EN_LOOSE: [RegExp, number, number][] = [
  [EN_GENERIC, NOUN_GATE, -1],
  [EN_BY_PLEASE, NOUN_GATE, anchorGate(EN_BY_PLEASE_ALSO)],
  [EN_MOVE, NOUN_GATE, anchorGate(EN_MOVE_ALSO)],
];
const EN_PREFER_GATE = anchorGate(EN_PREFER_NEED);
const EN_PREFER_ALSO_GATE = anchorGate(EN_PREFER_ALSO);
const ZH_NUMBER_AND_ASK_GATE = anchorGate(ZH_NUMBER_AND_ASK_NEED);
const ZH_LOOSE: [RegExp, number][] = [
  [ZH_PREFER, anchorGate(ZH_PREFER_NEED)],
  [ZH_CUE_CHANNEL, anchorGate(ZH_CUE_CHANNEL_NEED)],
];
/** Reused by every message (readRequest is synchronous). */
const ANCHORS = new Anchors();

interface Hit {
  at: number;
  /** Length of the match: of two hits at one place the longer, more specific one wins. */
  len: number;
  channel: Target;
  /** Said as a preference ("I'd prefer a call", "email is best", 最好发邮件): wins over a plain mention. */
  strong: boolean;
}

const STRONG =
  /\b(?:prefer|preferred|preferably|rather|best|better|easiest|easier|only|quicker|faster)\b|最好|比较好|更好|更方便|最方便|宁愿|宁可|更希望|更想|更愿意|只能|只用/i;
/** A preference word in the hit or just before it, within its clause ("…, but I'd prefer a call"). */
function strongAt(text: string, at: number, end: number): boolean {
  const before = text.slice(Math.max(0, at - 25), at);
  const cut = before.search(/[^.!?;,，。！？；\n]*$/);
  const clause = before.slice(cut).replace(/^.*\b(?:but|though|although)\b/i, '');
  return STRONG.test(clause + text.slice(at, end));
}

/**
 * "How do I contact you by email?", "I'll message you on WhatsApp": the customer reaching us, not
 * an ask. "Can I contact you by phone?" proposes the channel, like "can I call you?", so it counts.
 */
const TO_US =
  /(?<!\b(?:can|could|may) (?:i|we) )\b(?:contact|reach|call|ring|phone|e-?mail|message|msg|text|write to|get in touch with|get hold of|talk to|speak to|speak with) (?:you|u|your (?:team|office|shop|store|support|staff))\b/i;

const RHETORICAL_EN =
  /\b(?:why (?:don'?t|can'?t|won'?t|wouldn'?t|couldn'?t|not)|(?:can'?t|couldn'?t|won'?t|wouldn'?t) (?:you|u|someone|somebody|anyone|one of you))(?: (?:you|u|someone|somebody|anyone))?(?: please| just)*\s+$/i;
const RHETORICAL_ZH = /(?:为什么|为啥|干嘛|怎么|就)(?:不能|不肯|不)(?:直接|给我)?$/;

/**
 * Whether a negation in `before` reaches its end: at most six words later, none of them a clause
 * mark, all of them words that can stand between a negation and its verb.
 */
const REPORT_WORD = /^(?:was told|were told|told me|said|promised|was promised|were promised|supposed to)/i;
function negatesHere(before: string): boolean {
  EN_NEGATION_WORD.lastIndex = 0;
  for (let m = EN_NEGATION_WORD.exec(before); m; m = EN_NEGATION_WORD.exec(before)) {
    const between = before.slice(m.index + m[0].length);
    if (/[.!?;,—–\n]/.test(between)) continue;
    // "don't call or text me": the other refused channel is part of the same negation
    const words = between
      .replace(/\b(?:call|ring|phone|text|e-?mail|message|dm|whats ?app)\s+(?:or|and|nor|\/)\s+/gi, '')
      .trim()
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean);
    // a report covers its whole clause: "I was told in the chat that someone would call me back"
    if (REPORT_WORD.test(m[0]) && words.length <= 12) return true;
    if (words.length <= 6 && words.every((w) => NEGATION_BRIDGE.has(w.replace(/[^a-z'-]/g, '')))) return true;
  }
  return false;
}

function negated(text: string, at: number, zh: boolean): boolean {
  const before = text.slice(Math.max(0, at - (zh ? 8 : 40)), at);
  if (!zh) {
    // "Can't you just text me?", "Why not email me?": a question that asks, not a negation.
    if (RHETORICAL_EN.test(before)) return false;
    // "it never came so uh yeah call me back": a voicemail has no commas, so a negation's reach
    // ends at the next so / but / yeah as well.
    // A request cue after the negation starts a new ask: "…it says my account doesn't exist can
    // someone call me back".
    const scope = before.replace(
      /^.*\b(?:so|but|anyway|yeah|however|though|although|please|pls|(?:can|could|would|will) (?:you|u|someone|somebody|anyone))\b/i,
      '',
    );
    return negatesHere(scope);
  }
  // "为什么不能打电话给我？", "就不能打个电话吗？": the same in Chinese.
  const restOfClause = /^[^。！？；，,.!?\n]*[。！？；，,.!?]?/.exec(text.slice(at))?.[0] ?? '';
  if (RHETORICAL_ZH.test(before) || (/不能$/.test(before) && /[吗嘛][？?]?$/.test(restOfClause)))
    return false;
  // "还在给我发邮件", "天天给我打电话": our contact that keeps coming, a complaint.
  const wider = text.slice(Math.max(0, at - 20), at);
  if (
    ZH_ONGOING.test(before) &&
    !ZH_ASKING_BEFORE.test(wider.slice(wider.search(/[^。！？；，,.!?\n]*$/))) &&
    !/吧|一下|一声|就行|就好|即可/.test(restOfClause)
  )
    return true;
  // "会发短信通知吗？": a question about how things work, not an ask.
  if (/会$/.test(before) && /吗[？?]?$/.test(restOfClause)) return true;
  // "能不能给我打个电话", "有没有人可以打电话给我" are polite requests, not negations.
  // A request word after the negation starts a new ask: "没有收到请回电".
  if (
    ZH_NEGATION.test(
      before
        .replace(/^.*(?:请|麻烦)/, '')
        .replace(
          /能不能|可不可以|可以不可以|是不是|要不要|行不行|方不方便|有没有?(?=[^，。！？]{0,6}(?:能|可以))/g,
          '',
        ),
    )
  )
    return true;
  // "昨天你们打电话给我，我没接到": past contact, unless the clause still asks (…回个电话吧).
  const rest = /^[^。！？；，,.!?\n]*/.exec(text.slice(at))?.[0] ?? '';
  // "我通过邮件发了照片给你们": the customer's own finished act.
  if (ZH_SELF_BEFORE.test(text.slice(Math.max(0, at - 6), at)) && /了|过/.test(rest)) return true;
  return ZH_PAST_BEFORE.test(text.slice(Math.max(0, at - 20), at)) && !ZH_ASK_AFTER.test(rest);
}

/** The per-rule checks of `Rule.guard` on the words around a match. */
function guarded(text: string, at: number, end: number, guard: 'self' | 'report', zh: boolean): boolean {
  if (zh) {
    const before = text.slice(Math.max(0, at - 6), at);
    if (guard === 'self') return ZH_SELF_BEFORE.test(before);
    const rest = /^[^。！？；，,.!?\n]*/.exec(text.slice(end))?.[0] ?? '';
    return ZH_REPORT_BEFORE.test(before) && !ZH_ASK_AFTER.test(rest);
  }
  const before = text.slice(Math.max(0, at - 30), at);
  if (guard === 'self')
    return EN_SELF_BEFORE.test(before) && !/\b(?:you|u|someone|somebody) to\s+$/i.test(before);
  return EN_REPORT_BEFORE.test(before);
}

export function detectRequestedChannel(raw: string, origin?: Channel): RequestedChannel {
  return readRequest(raw, origin).channel;
}

export interface RequestReading {
  channel: RequestedChannel;
  /** "Email me the invoice": no channel request, but email is the channel to recommend (PRODUCT.md). */
  documentByEmail: boolean;
}

const NO_REQUEST: RequestReading = { channel: 'none', documentByEmail: false };

/** The requested channel, and whether an email ask was for a document (then `none`). */
export function readRequest(raw: string, origin?: Channel): RequestReading {
  const { text, han } = prepareRequestText(raw);
  if (!MAY_ASK.test(text)) return NO_REQUEST;
  const present = ANCHORS.read(text);
  const hits: Hit[] = [];
  const scan = (rules: Gated[], zh: boolean, text: string) => {
    for (const { rule, gate, also } of rules) {
      if (!present.any(gate) || (also >= 0 && !present.any(also))) continue;
      const { re } = rule;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const channel = rule.pick ? rule.pick(m) : rule.channel;
        if (!channel) continue;
        const end = m.index + m[0].length;
        if ((zh ? ZH_MENTION_AFTER : EN_MENTION_AFTER).test(text.slice(end, end + 3))) continue;
        if (!zh && isNaming(text.slice(m.index))) continue;
        if (
          !zh &&
          /^call me (?:crazy|old[- ]fashioned|silly|paranoid|picky|stupid|naive|impatient)\b/i.test(
            text.slice(m.index),
          )
        )
          continue;
        if (rule.guard && guarded(text, m.index, end, rule.guard, zh)) continue;
        // "If you call me again I'll report you": a threat, not an ask.
        if (
          !zh &&
          /^\s+again\b/i.test(text.slice(end, end + 8)) &&
          /\bif (?:you|u|anyone|someone|they)(?: ever)?\s+$/i.test(
            text.slice(Math.max(0, m.index - 20), m.index),
          )
        )
          continue;
        if (!negated(text, m.index, zh))
          hits.push({ at: m.index, len: end - m.index, channel, strong: strongAt(text, m.index, end) });
      }
    }
  };
  // A Chinese message with no Latin letters skips the English rules, and the other way round.
  if (/[a-z]/i.test(text)) {
    for (const rules of EN_FAMILIES) scan(rules, false, text);
    for (const [re, gate, also] of EN_LOOSE) {
      if (!present.any(gate) || (also >= 0 && !present.any(also))) continue;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const ch = channelOfNoun(m[1] ?? '');
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
        // "confirm the order I placed by phone": the channel belongs to what was done
        const span = m[0].slice(0, m[0].length - (m[1] ?? '').length);
        if (
          ch &&
          !TO_US.test(span) &&
          !negated(text, m.index, false) &&
          !EN_MENTION_AFTER_PP.test(after) &&
          !EN_MENTION_BEFORE.test(span.replace(/^\S+/, ''))
        )
          hits.push({
            at: m.index,
            len: m[0].length,
            channel: ch,
            strong: strongAt(text, m.index, m.index + m[0].length),
          });
      }
    }
    let clauseStart = 0;
    // EN_PP needs a channel noun in the clause, so in the text
    const clauses = present.any(NOUN_GATE) ? text.split(/[.!?;\n]/) : [];
    for (const clause of clauses) {
      if (EN_CUE.test(clause)) {
        EN_PP.lastIndex = 0;
        for (let m = EN_PP.exec(clause); m; m = EN_PP.exec(clause)) {
          const ch = channelOfNoun(m[1] ?? m[2] ?? '');
          const at = clauseStart + m.index;
          const after = clause.slice(m.index + m[0].length);
          if (
            ch &&
            !negated(text, at, false) &&
            !EN_MENTION_BEFORE.test(clause.slice(0, m.index)) &&
            !TO_US.test(clause.slice(0, m.index)) &&
            !EN_MENTION_AFTER_PP.test(after)
          )
            hits.push({ at, len: m[0].length, channel: ch, strong: strongAt(text, at, at + m[0].length) });
        }
      }
      clauseStart += clause.length + 1;
    }
    EN_PREFER.lastIndex = 0;
    const prefer = present.any(EN_PREFER_GATE) && present.any(EN_PREFER_ALSO_GATE);
    for (let m = prefer ? EN_PREFER.exec(text) : null; m; m = EN_PREFER.exec(text)) {
      const noun = (m[1] ?? '').toLowerCase();
      const ch = channelOfNoun(noun) ?? channelOfWord(noun);
      // "your chat is easier than…", "my phone is better now" describe a thing; they ask for nothing.
      const ours =
        /\b(?:your|my|our|his|her|their|the app's|this|that)\s+(?:\w+\s+)?$|(?<!\b(?:on|over|by|via|through)\s)\bthe\s+(?:\w+\s+)?$/i.test(
          text.slice(Math.max(0, m.index - 20), m.index),
        );
      if (ch && !ours && !negated(text, m.index, false))
        hits.push({
          at: m.index,
          len: m[0].length,
          channel: ch,
          strong: strongAt(text, m.index, m.index + m[0].length),
        });
    }
  }
  if (han) {
    for (const rules of ZH_FAMILIES) scan(rules, true, text);
    ZH_NUMBER_AND_ASK.lastIndex = 0;
    const numberAndAsk = present.any(ZH_NUMBER_AND_ASK_GATE);
    for (let m = numberAndAsk ? ZH_NUMBER_AND_ASK.exec(text) : null; m; m = ZH_NUMBER_AND_ASK.exec(text)) {
      const ask = m.index + m[0].search(/联系我|找我|回复我|给我回|回我/);
      if (!negated(text, ask, true))
        hits.push({ at: m.index, len: m[0].length, channel: 'phone', strong: false });
    }
    for (const [re, gate] of ZH_LOOSE) {
      if (!present.any(gate)) continue;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const ch = ZH_CHANNEL[(m[1] ?? '').toLowerCase()];
        const at = m.index + m[0].indexOf(m[1] ?? '');
        if (ch && !negated(text, at, true))
          hits.push({
            at,
            len: m[0].length,
            channel: ch,
            strong: strongAt(text, m.index, m.index + m[0].length),
          });
      }
    }
  }
  if (!hits.length) return NO_REQUEST;
  hits.sort((a, b) => a.at - b.at || b.len - a.len);
  // The first channel asked for wins, unless a later one is said as the preferred one:
  // "you can email me but I'd prefer a call" → phone; "call or text me" → phone.
  // An app named inside the same ask is the channel: "can you text me on WhatsApp" asks for
  // WhatsApp, not for a text.
  let lead = hits[0] as Hit;
  for (const h of hits)
    if (h.channel === 'social' && h.at < lead.at + lead.len && h.at + h.len > lead.at + lead.len) lead = h;
  const chosen = hits.find((h) => h.strong) ?? lead;
  const first = chosen.channel;
  // "Reply here" means the channel the message came on.
  if (first === 'here')
    return { channel: origin ? CONTACT_CHANNEL_OF[origin] : 'chat', documentByEmail: false };
  // "Email me the invoice" asks for a document, not for a channel (PRODUCT.md).
  if (first === 'email' && isDocumentByEmail(text, chosen.at, false))
    return { channel: 'none', documentByEmail: true };
  return { channel: first, documentByEmail: false };
}
