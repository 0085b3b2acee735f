/**
 * requestedChannel: what the customer explicitly asked to be contacted by. Rules, not the model:
 * requests have a small, sharp vocabulary, and precision matters more than recall (a wrong
 * "call me" sends the owner to the phone). Negated requests ("don't call me") and mentions of
 * past contact ("I emailed you yesterday") do not count.
 */
import { toSimplified } from './traditional.js';
import {
  CONTACT_CHANNEL_OF,
  type Channel,
  type ContactChannel,
  type RequestedChannel,
} from '../core/model.js';

interface Rule {
  re: RegExp;
  channel: ContactChannel | 'here';
}

const PHONE_N = String.raw`(?:phone|telephone|cell|mobile|landline)`;
const EMAIL_N = String.raw`(?:e-?mail|mail|inbox)`;
const SMS_N = String.raw`(?:text(?: message)?|txt|sms|texting)`;
const SOCIAL_N = String.raw`(?:whats ?app|wechat|we chat|telegram|messenger|instagram|insta|ig|facebook|fb|twitter|x dm|line app|signal|discord|dms?|direct messages?|pm|private message)`;
const CONTACT_V = String.raw`(?:contact|confirm|ping|hit (?:me |us )?up|reach|reply(?: to)?|respond(?: to)?|answer|get back(?: to)?|update|notify|let me know|get in touch(?: with)?|talk(?: to)?|speak(?: to| with)?|communicate|follow up(?: with)?|send (?:it|me|them|the \w+|details|updates?|a reply|the answer|your reply|the info)|message|write(?: to)?|tell|inform|keep (?:me|us) (?:posted|updated))`;
const NOUN_CHANNEL: [RegExp, ContactChannel][] = [
  [new RegExp(`^${PHONE_N}`), 'phone'],
  [new RegExp(`^(?:the |a )?${PHONE_N}(?: call)?`), 'phone'],
  [new RegExp(`^${EMAIL_N}`), 'email'],
  [new RegExp(`^${SMS_N}`), 'sms'],
  [new RegExp(`^${SOCIAL_N}`), 'social'],
];

const EN_RULES: Rule[] = [
  // phone
  { re: /\b(?:call|ring|phone|buzz) (?:me|us)\b/gi, channel: 'phone' },
  { re: /\btry (?:me|us)(?: again)? (?:on|at) (?:this|my|the same|\+?\d)/gi, channel: 'phone' },
  { re: /\b(?:give|gimme) (?:me|us) a (?:call|ring|buzz|phone call|bell)\b/gi, channel: 'phone' },
  { re: /\b(?:call(?:ing)?|ring(?:ing)?) (?:me |us )?back\b/gi, channel: 'phone' },
  { re: /\bcall-?backs?\b(?! (?:url|function))/gi, channel: 'phone' },
  { re: /\breturn my (?:call|phone call)\b/gi, channel: 'phone' },
  {
    re: /\b(?:(?:can|could|would|will) (?:you|someone|somebody|u|anyone|one of you)(?: please)?|pls|please) (?:call|ring|phone)\b(?! (?:center|centre|number|bill|plan)\b)/gi,
    channel: 'phone',
  },
  { re: /\b(?:can|could|may) i (?:call|ring|phone) (?:you|u|someone|your)\b/gi, channel: 'phone' },
  {
    re: /\b(?:prefer|rather|like|want|need|request|requesting|appreciate) (?:to have |to get |to receive )?(?:a )?(?:quick )?(?:phone call|call|phone conversation|callback)\b/gi,
    channel: 'phone',
  },
  {
    re: /\b(?:talk|speak|discuss(?: this| it)?|chat) (?:to |with )?(?:someone |somebody |a (?:person|human|real person|rep|representative|manager) |you )?(?:on|over|by) the phone\b/gi,
    channel: 'phone',
  },
  { re: /\b(?:reach|contact|find|get) me (?:at|on) (?:\+?\(?\d[\d\s().-]{6,}\d)/gi, channel: 'phone' },
  // "Best number is 617 555 0142", "best number to reach me: …", "the best way to reach me is 555…"
  {
    re: /\b(?:best|easiest|good|preferred) (?:(?:phone )?number|way to (?:reach|contact|get) (?:me|us|hold of me))(?: (?:for me|to use))?(?: is| would be|:|'s)\s*(?:on |at )?\+?\(?\d[\d\s().-]{6,}\d/gi,
    channel: 'phone',
  },
  // "My cell is 555 340 1298" — a number offered at the end of a voicemail or note means "call me"
  {
    re: /(?<!\b(?:update|updated|change|changed|replace|replaced|verify|verified|add|added|remove|removed|old) )\b(?:my|our) (?:cell|mobile|cell ?phone|direct line|(?:best |contact |phone |mobile |cell )?number)(?: is|'s|:)\s*\+?\(?\d[\d\s().-]{6,}\d(?![^.!?\n]{0,30}\b(?:on (?:the|my) account|on file|changed|is wrong|is not|isn'?t|was)\b)/gi,
    channel: 'phone',
  },
  // "best to call the office on 555…", "it'd be easier to walk through it on the phone"
  // not "it was easier…" or "they said it's best…": a report, not a wish
  {
    re: /(?<!\b(?:was|were|been|said|says|told me) (?:it'?s |it is |much |a lot |way )?)\b(?:best|better|easiest|easier) to (?:call|ring|phone)\b/gi,
    channel: 'phone',
  },
  {
    re: /(?<!\b(?:was|were|been|said|says|told me) (?:it'?s |it is |much |a lot |way )?)\b(?:best|better|easiest|easier|quicker|simpler) to (?:explain|walk (?:you )?through|go (?:over|through)|discuss|sort|talk (?:about|through))(?: it| this| that| things| everything)?(?: with (?:you|someone))? (?:on|over) the phone\b/gi,
    channel: 'phone',
  },
  { re: /\b(?:best |my |a good )?number to (?:reach|call|contact|ring) (?:me|us)\b/gi, channel: 'phone' },
  {
    re: /\b(?:mobile|cell|phone|number|tel)\b[^.!?]{0,12}?\+?\d[\d\s().-]{6,}\d[^.!?]{0,20}?\b(?:please use|use that|use this|call|ring|reach me)\b/gi,
    channel: 'phone',
  },
  { re: /\b(?:jump|hop|get) on a (?:quick )?(?:phone )?call\b/gi, channel: 'phone' },
  {
    re: /\b(?:get|have|arrange|schedule|set up|book) a (?:quick |short )?(?:phone )?call\b/gi,
    channel: 'phone',
  },
  { re: /\b(?:can|may) be reached (?:at|on) (?:\+?\d[\d\s().-]{6,}\d)/gi, channel: 'phone' },
  {
    re: /\b(?:call|ring|reach|contact|get back to) (?:me |us )?(?:on|at) (?:this|my|the same) (?:number|mobile|cell)\b/gi,
    channel: 'phone',
  },
  {
    re: /\b(?:phone|call) (?:is|would be|works) (?:best|better|easiest|easier|preferred|fine)\b/gi,
    channel: 'phone',
  },
  // email
  { re: /\b(?:e-?mail|mail) (?:me|us)\b/gi, channel: 'email' },
  {
    re: /\b(?:send|drop|shoot|write) (?:me|us) (?:an? )?(?:quick |short )?(?:e-?mail|email|mail)\b/gi,
    channel: 'email',
  },
  { re: /\bto my (?:e-?mail|inbox|mailbox|email address)\b/gi, channel: 'email' },
  { re: /\bwrite (?:back )?(?:to )?(?:me|us) (?:at|on) [^\s@]+@/gi, channel: 'email' },
  {
    re: /\b(?:like|want|need|have|get|prefer)\b[^.!?]{0,30}?\be-?mailed(?: over| across)? to (?:me|us)\b/gi,
    channel: 'email',
  },
  {
    re: /\b(?:drop|send|put|pop|forward)\b[^.!?]{0,30}?\b(?:in|into) my (?:inbox|e-?mail)\b/gi,
    channel: 'email',
  },
  { re: /\b(?:get|have|put|send)\b[^.!?]{0,20}?\bin (?:an|a) e-?mail\b/gi, channel: 'email' },
  {
    re: /\b(?:(?:can|could|would|will) you(?: please)?|please|pls) e-?mail (?:over|across|through|me|us|it|them|that|this|the|a|your)\b/gi,
    channel: 'email',
  },
  { re: /\be-?mail (?:[\w-]+ ){1,4}?to me\b/gi, channel: 'email' },
  { re: /\b(?:can|may) be reached (?:at|on) [^\s@]+@/gi, channel: 'email' },
  { re: /\breply to (?:this|my) e-?mail\b/gi, channel: 'email' },
  {
    re: /\b(?:reach|contact|write to|email|reach out to|get in touch with|get back to) me (?:at|on) [^\s@]+@/gi,
    channel: 'email',
  },
  {
    re: /\b(?:put|send|write) (?:it|that|this|everything|all (?:of )?(?:that|this)|the \w+) (?:in|into|by) (?:an? )?(?:e-?mail|writing)\b/gi,
    channel: 'email',
  },
  {
    re: /\b(?:send|forward|email(?! address))\b[^?!\n]{0,40}?\bto (?:me at )?[^\s@]+@[^\s@]+\.[a-z]{2,}/gi,
    channel: 'email',
  },
  {
    re: /\b(?:prefer|rather|like|want) (?:an? )?(?:e-?mail|written) (?:reply|response|answer)?\b/gi,
    channel: 'email',
  },
  {
    re: /\b(?:e-?mail) (?:is|would be|works) (?:best|better|easiest|easier|preferred|fine)\b/gi,
    channel: 'email',
  },
  // sms
  { re: /\b(?:text|txt|sms) (?:me|us)\b/gi, channel: 'sms' },
  // "text back pls" (but not "I'll text back later")
  {
    re: /(?<!\b(?:i|i'll|ill|i will|we|we'll|i can|i'd|will|to|can't|cannot) )\b(?:text|txt|sms) back\b/gi,
    channel: 'sms',
  },
  {
    re: /\b(?:send|drop|shoot) (?:me|us) (?:an? )?(?:quick )?(?:text|txt|sms|text message)\b/gi,
    channel: 'sms',
  },
  { re: /\bmessage me (?:on|at) (?:my )?(?:phone|cell|mobile|number)\b/gi, channel: 'sms' },
  { re: /\b(?:message|msg) (?:me|us) (?:on|at) \+?\d/gi, channel: 'sms' },
  {
    re: /\b(?:like|want|need|have|get|prefer)\b[^.!?]{0,30}?\btexted(?: over)? to (?:me|us)\b/gi,
    channel: 'sms',
  },
  {
    re: /\b(?:send|shoot|drop) (?:me|us) an? (?:message|msg|note|line) (?:on|to) (?:my )?(?:phone|cell|mobile|number)\b/gi,
    channel: 'sms',
  },
  {
    re: /\btext (?:it|them|this|that|the [\w ]{1,24}?|me the [\w ]{1,24}?) (?:to|at) (?:me|my|\+?\d)/gi,
    channel: 'sms',
  },
  {
    re: /\b(?:text|texting|sms) (?:is|would be|works) (?:best|better|easiest|easier|preferred|fine)\b/gi,
    channel: 'sms',
  },
  // social
  { re: /\b(?:dm|pm|inbox|whats ?app|wechat|telegram) (?:me|us)\b/gi, channel: 'social' },
  {
    re: /\b(?:send|drop|shoot) (?:me|us) an? (?:dm|pm|direct message|private message)\b/gi,
    channel: 'social',
  },
  { re: /\b(?:slide into|check) (?:my|your) dms?\b/gi, channel: 'social' },
  {
    re: /\b(?:add|message|msg|find|ping) me (?:on|via|in) (?:whats ?app|wechat|we chat|telegram|messenger|instagram|insta|ig|facebook|fb|twitter|line|signal|discord)\b/gi,
    channel: 'social',
  },
  // chat
  {
    re: /\b(?:(?<!your )live chat(?! (?:is|was|isn'?t|doesn'?t|won'?t|widget|button|page|window|feature)\b)|chat with (?:you|someone|somebody|an agent|a person|a human|support)|(?:let's|lets|can we|could we) chat)\b/gi,
    channel: 'chat',
  },
  {
    re: /\b(?:in|on|via|through) (?:this|the) (?:website |web |live |online |site )?chat\b/gi,
    channel: 'chat',
  },
  { re: /\b(?:over|via|by|through) (?:live )?chat\b/gi, channel: 'chat' },
  {
    re: /(?<!\b(?:was|were|been|i'm|i am|we're|we are) )\bhere (?:in|on|over|via) (?:the |this )?(?:live )?chat\b/gi,
    channel: 'chat',
  },
  { re: /\bkeep (?:chatting|talking|it|this) (?:here|in (?:this|the) chat)\b/gi, channel: 'here' },
  {
    re: /\b(?:reply|answer|respond|continue|talk|help me|chat)(?: to)?(?: me| us)? (?:right |just )?here\b/gi,
    channel: 'here',
  },
  {
    re: /\bmy (?:whats ?app|wechat|telegram|signal|instagram|insta|ig|messenger)\b[^.!?]{0,40}?\b(?:message|text|contact|reach|ping|dm|find) (?:me|us)\b/gi,
    channel: 'social',
  },
];

const EN_GENERIC = new RegExp(
  String.raw`\b${CONTACT_V}(?:\s+[\w'@.-]+){0,4}?\s+(?:by|via|through|over|on|using|with|per|in an?)\s+((?:the |a |an |my )?(?:${PHONE_N}(?: call)?|${EMAIL_N}|${SMS_N}|${SOCIAL_N}))\b`,
  'gi',
);
const EN_MOVE = new RegExp(
  String.raw`\b(?:move|switch|take|continue|carry on|keep)(?: this| it| the conversation| things)? (?:to|on|over to|onto|by|via|in) ((?:the )?(?:${PHONE_N}|${EMAIL_N}|${SMS_N}|${SOCIAL_N}))\b`,
  'gi',
);
/** A request word and "by email" / "via text" / "over the phone" / "on WhatsApp" in one clause. */
const EN_CUE =
  /\b(?:please|pls|can you|could you|would you|will you|can someone|could someone|i'?d prefer|i prefer|prefer|i'?d rather|rather|would like|i'?d like|want|need|best|easier|easiest|better|works|let'?s|keep|send|reply|respond|contact|reach|get back|let me know|update|notify|remind|confirm|answer|tell|inform|everything|all)\b/i;
const EN_PP = new RegExp(
  String.raw`\b(?:by|via|through|over|using|per) ((?:the |a |an |my )?(?:${PHONE_N}(?: call)?|${EMAIL_N}|${SMS_N}|${SOCIAL_N}))\b|\bon ((?:whats ?app|wechat|telegram|messenger|instagram|insta|ig|facebook|fb|signal|discord|line))\b`,
  'gi',
);
/** "<channel> is easiest for me", "a phone call would be much better", "WhatsApp works best". */
const EN_PREFER = new RegExp(
  String.raw`\b((?:${PHONE_N}(?: call)?|call|calls|${EMAIL_N}|${SMS_N}|${SOCIAL_N}|(?:live )?chat))(?:s)?(?: (?:to|on|at) (?:this|my|the same) (?:number|phone|cell|mobile|e-?mail|address|account))?(?: (?:is|are|would be|'d be|works|work|'s))(?: (?:much|a lot|far|way|probably|definitely|just))? (?:best|better|easiest|easier|preferred|quicker|faster|simpler|more convenient|most convenient|ideal|(?:fine|great|good|perfect) for (?:me|us))\b`,
  'gi',
);
const ZH_PREFER =
  /(电话|手机|短信|微信|邮件|邮箱|私信|在线聊天|whatsapp)(?:的话)?(?:里|上)?(?:联系|沟通|讲|说|聊)?(?:最|比较|更|会)?(?:方便|好|快|合适|省事|简单|清楚)/gi;
/** A request word, then a channel and a verb in the same clause: 能打电话说吗, 有空邮件回我, 请书面发邮件确认. */
const ZH_CUE_CHANNEL =
  /(?:请|麻烦|能|能否|可以|方便|有空|最好|就|直接|帮我|给我|希望)[^，。！？,.!?]{0,6}?(电话|邮件|短信|私信|微信|whatsapp)(?:里|上)?(?:说|聊|回|联系|沟通|告诉|确认|通知|发|回复|讲|跟我|和我|教|讲解|解释|指导|帮我)/gi;
const ZH_CHANNEL: Record<string, ContactChannel> = {
  电话: 'phone',
  手机: 'phone',
  短信: 'sms',
  微信: 'social',
  邮件: 'email',
  邮箱: 'email',
  私信: 'social',
  在线聊天: 'chat',
  whatsapp: 'social',
};
/** "by email was very helpful": what happened, not what is wanted. */
const EN_MENTION_AFTER_PP = /^\W*(?:\w+\W+){0,2}?(?:was|were|came|arrived|worked|helped|said)\b/i;
const EN_BY_PLEASE = new RegExp(
  String.raw`\b(?:by|via|over) ((?:${PHONE_N}|${EMAIL_N}|${SMS_N}|${SOCIAL_N}))(?: only)?,? (?:please|pls|thanks|thank you|is fine|is best|if possible)\b`,
  'gi',
);

const ZH_RULES: Rule[] = [
  {
    re: /(?:回(?:个|我|我个|我一个)?电话|回电(?!子)|回拨|来(?:个|一个)?电话|打(?:个|一个)?电话给我|给我(?:打|回|来)(?:个|一个)?电话|打我(?:的)?(?:电话|手机)|电话(?:联系|联络|沟通|回复|通知|告诉|告知)(?:我|一下)?|致电(?:我|给我)?|来电(?:联系|沟通|告知)|打给我|打(?:我|我的|公司|公司的)?(?:座机|手机|电话)(?:找我|给我|联系我)|(?:座机|手机)(?:找|联系)我|打(?:这个|我的)(?:号码|手机)|联系我(?:的)?(?:手机|电话)|打(?:个)?电话(?:跟|和|告诉|通知)我|拨打我的|电话里(?:说|聊|沟通)|通个电话|语音(?:通话|电话)联系)/g,
    channel: 'phone',
  },
  {
    re: /(?:发(?:个|封)?(?:电子)?邮件给我|给我发(?:个|封|一封)?(?:电子)?邮件|(?:电子)?邮件(?:回复|联系|通知|告知|告诉|发给)我|(?:请|麻烦|可以|能否|能|用|通过|最好|就)(?:电子)?邮件(?:回复|联系|通知|告知|告诉)|(?:电子)?邮件(?:回复|联系)(?:就|即)(?:行|可|好)|(?:通过|用|以|走)(?:电子)?邮(?:件|箱)|发(?:到|至|去)?我(?:的)?(?:邮箱|电子邮箱|email)|发(?:到|至)(?:我的?)?(?:邮箱|电子邮箱)|发[^。！？，,.!?]{1,12}?(?:到|至)我(?:的)?(?:邮箱|电子邮箱|email)|(?:回复|答复|回)(?:到|至)(?:我的?)?(?:邮箱|电子邮箱)|邮件发(?:给)?我|邮箱联系|email(?:给)?我|发email|(?<!我|我们|已经|已|刚|刚才)发(?:个|封|一封)?(?:电子)?邮件(?:确认|通知|告诉|告知|回复|跟我|和我)|回(?:复)?(?:电子)?邮件给我|写邮件给我)/gi,
    channel: 'email',
  },
  {
    re: /(?:发(?:个|条|一条)?短信给我|发(?:个|条|一条)?短信(?:提醒|通知|告诉|告知)我|短信(?:说|讲)(?:一声|一下)|给我发(?:个|条|一条)?短信|(?:通过|用|以|发)短信(?:联系|回复|告诉|告知|通知)?(?:我)?|短信(?:联系|回复|告知|通知|告诉|发)我|短信(?:回复|告知|通知)(?:就|即)?(?:行|可|好)|回(?:复)?(?:我|个|条|一条|我个)?短信)/g,
    channel: 'sms',
  },
  {
    re: /(?:私信(?:我|联系|回复|沟通|告诉)|(?:请|可以|麻烦)私信|私信发(?:给)?我|私聊|加(?:个|一下|下)?(?:我(?:的)?)?(?:微信|wechat|whatsapp|qq|line|telegram)|(?:微信|whatsapp|telegram|qq)(?:上)?(?:联系|聊|找我|沟通|回复|发我|告诉)|(?:微信|whatsapp)号(?:是)?|留(?:个|一下)?(?:你的)?微信)/gi,
    channel: 'social',
  },
  {
    re: /(?:聊天(?:窗口|框)[^。！？]{0,8}(?:回复|回答|说)|(?:这个|聊天)窗口(?:里)?(?:回复|回答|说|聊)|(?:就|直接)?在这(?:里|儿)?(?:聊|回复|回答|沟通|说|回)|(?:就|直接)在这(?:里|儿)?(?:帮|给|跟)我|在这(?:里|儿)帮我(?:看|查|处理|解决|弄)|(?:在)?线上(?:聊|沟通|说)|在线(?:聊(?!天)|沟通)|在线聊天(?:吧|就行|就好|即可)|(?:直接|可以|就)?在(?:网站|网页|在线)?聊天(?:窗口|框)?(?:里)?(?:回复|沟通|聊|说))/g,
    channel: 'here',
  },
];

const EN_NEGATION =
  /\b(?:thanks? (?:you )?for|don'?t|do not|dont|doesn'?t|never|no need to|not|no|stop|without|instead of|rather than|can'?t|cannot|couldn'?t|unable to|won'?t|wont|didn'?t|hasn'?t|haven'?t|nobody|no one|tried|tried to|trying to|forgot to|used to|promised|was promised|were promised|supposed to|was told|were told)\b[^.!?;,]*$/i;
const ZH_NEGATION =
  /(?:不要|别|不用|不必|无需|勿|不方便|不能|没法|无法|没有|没|未|不想|不再|拒绝|说好(?:了)?|答应(?:了|过)?|承诺(?:了|过)?)[^。！？；，,.!?]{0,4}$/;
/** Past contact ("I emailed you", "你们打过电话") is a mention, not a request. */
const EN_MENTION_AFTER = /^(?:ed|ing)\b/i;
const ZH_MENTION_AFTER = /^(?:过|了)/;
/** "I got the invoice by email", "you told me on the phone": reports of what happened. */
const EN_MENTION_BEFORE =
  /\b(?:got|received|sent|came|arrived|told|said|called|emailed|texted|messaged|saw|seen|heard|was|were|had|did|spoke|look|looked|find|search|identify|check|registered|signed up|made|created|opened|linked|log ?in|sign ?in)\b[^,]*$/i;

function channelOfNoun(noun: string): ContactChannel | undefined {
  const n = noun.toLowerCase().replace(/^(?:the|a|an|my) /, '');
  for (const [re, ch] of NOUN_CHANNEL) if (re.test(n)) return ch;
  return undefined;
}

/** "Call me Bob": a name, not a request (unless a number or time follows). */
function isNaming(from: string): boolean {
  const m = /^[^.!?,]{0,25}?\bcall me (?:by )?([A-Za-z]+)\b(.{0,12})/i.exec(from);
  if (!m) return false;
  const word = (m[1] ?? '').toLowerCase();
  if (/^(?:a|my|another|different|new)$/.test(word) && /name/i.test(from.slice(0, 60))) return true;
  if (CALL_ME_FOLLOWERS.has(word)) return false;
  return !/\d/.test(m[2] ?? '');
}

/** Words that follow "call me" in a request ("call me back", "call me tomorrow"), not a name. */
const CALL_ME_FOLLOWERS = new Set(
  (
    'asap back now today tomorrow tmrw tmr tonight please pls plz monday tuesday wednesday thursday friday ' +
    'saturday sunday mon tue wed thu fri sat sun when whenever if after before at on anytime again urgently ' +
    'soon immediately between this later instead first right as once in about regarding to so and or thanks ' +
    'thx cheers the any around sometime any-time morning afternoon evening tonite back pronto directly quickly ' +
    'straight by from with for re just maybe'
  ).split(' '),
);

interface Hit {
  at: number;
  channel: ContactChannel | 'here';
}

function negated(text: string, at: number, zh: boolean): boolean {
  const before = text.slice(Math.max(0, at - (zh ? 8 : 40)), at);
  // "能不能给我打个电话" is a polite request, not a negation.
  return zh
    ? ZH_NEGATION.test(before.replace(/能不能|可不可以|可以不可以|是不是|要不要|行不行|方不方便/g, ''))
    : EN_NEGATION.test(before);
}

export function detectRequestedChannel(raw: string, origin?: Channel): RequestedChannel {
  const text = toSimplified(raw.normalize('NFKC'));
  const hits: Hit[] = [];
  const scan = (rules: Rule[], zh: boolean) => {
    for (const { re, channel } of rules) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
        if ((zh ? ZH_MENTION_AFTER : EN_MENTION_AFTER).test(after)) continue;
        if (!zh && isNaming(text.slice(m.index))) continue;
        if (
          !zh &&
          /^call me (?:crazy|old[- ]fashioned|silly|paranoid|picky|stupid|naive|impatient)\b/i.test(
            text.slice(m.index),
          )
        )
          continue;
        if (!negated(text, m.index, zh)) hits.push({ at: m.index, channel });
      }
    }
  };
  scan(EN_RULES, false);
  for (const re of [EN_GENERIC, EN_BY_PLEASE, EN_MOVE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const ch = channelOfNoun(m[1] ?? '');
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      if (ch && !negated(text, m.index, false) && !EN_MENTION_AFTER_PP.test(after))
        hits.push({ at: m.index, channel: ch });
    }
  }
  let clauseStart = 0;
  for (const clause of text.split(/[.!?;\n]/)) {
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
          !EN_MENTION_AFTER_PP.test(after)
        )
          hits.push({ at, channel: ch });
      }
    }
    clauseStart += clause.length + 1;
  }
  EN_PREFER.lastIndex = 0;
  for (let m = EN_PREFER.exec(text); m; m = EN_PREFER.exec(text)) {
    const noun = (m[1] ?? '').toLowerCase();
    const ch = /^(?:call|calls)$/.test(noun) ? 'phone' : /chat$/.test(noun) ? 'chat' : channelOfNoun(noun);
    // "your chat is easier than…" describes our channel; it asks for nothing.
    const ours = /\b(?:your|the app's|this)\s+(?:\w+\s+)?$/i.test(
      text.slice(Math.max(0, m.index - 20), m.index),
    );
    if (ch && !ours && !negated(text, m.index, false)) hits.push({ at: m.index, channel: ch });
  }
  if (/\p{Script=Han}/u.test(text)) {
    scan(ZH_RULES, true);
    for (const re of [ZH_PREFER, ZH_CUE_CHANNEL]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const ch = ZH_CHANNEL[(m[1] ?? '').toLowerCase()];
        const at = m.index + m[0].indexOf(m[1] ?? '');
        if (ch && !negated(text, at, true)) hits.push({ at, channel: ch });
      }
    }
  }
  if (!hits.length) return 'none';
  hits.sort((a, b) => a.at - b.at);
  const first = hits[0]?.channel ?? 'chat';
  // "Reply here" means the channel the message came on.
  if (first === 'here') return origin ? CONTACT_CHANNEL_OF[origin] : 'chat';
  return first;
}
