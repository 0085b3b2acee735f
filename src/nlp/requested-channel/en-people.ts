/**
 * English asks the core rules miss: a person on a channel doing something for the customer ("can
 * someone on live chat walk me through it", "can I get someone on the phone", "anyone on WhatsApp
 * who can help"), an ultimatum or condition on how we answer ("unless someone gets back to me by
 * email tonight"), and the customer's only or preferred channel said plainly ("I prefer phone",
 * "I'm only reachable by text", "I can only do texts").
 */
import { channelOfWord } from './en-indirect.js';
import type { Rule, Target } from './types.js';

const PERSON = String.raw`(?:someone|somebody|anyone|anybody|one of (?:you|your (?:team|staff|agents|people|guys))|(?:a|an) (?:real |actual |live |human )?(?:person|human|human being|rep|representative|agent|advisor|adviser|operator|manager|supervisor|technician|engineer|member of (?:staff|your team)))`;
/** The channel a person is "on"; "the line" is the phone. */
const ON_CHANNEL = String.raw`(?:the |your |a )?(?:(?:website|web|live|online|site) )?(live ?chat|web ?chat|chat|phone|telephone|line|whats ?app|wechat|telegram|messenger|instagram|insta|ig|facebook|fb|signal|video call|call)`;
/** Live chat as a place to be walked through something (not "the chat widget on my site"). */
const ON_CHAT = String.raw`(?:the |your |a )?(?:(?:website|web|live|online|site) )?(?:live ?chat|web ?chat|chat)(?! (?:widget|button|feature|history|transcript|logs?|bot|window|function|integration|plugin|app|settings|box|icon)\b)`;
/** "someone on the chat team", "anyone on the phone lines": a department, not a channel. */
const NOT_A_DEPARTMENT = String.raw`(?! (?:team|staff|support|desk|department|lines|side|ages)\b)`;

function onChannel(word: string): Target | undefined {
  const w = word.toLowerCase();
  if (/^(?:line|video call|call)$/.test(w)) return 'phone';
  if (/chat$/.test(w)) return 'chat';
  return channelOfWord(w);
}

const pickLast = (m: RegExpExecArray): Target | undefined => {
  const word = [...m].slice(1).reverse().find(Boolean) ?? '';
  return onChannel(word);
};

export const EN_PEOPLE: Rule[] = [
  // "can someone on live chat walk me through it", "is there anyone on chat", "I need a real person on the phone"
  {
    need: ['call', 'phon', 'whats', 'telegram', 'insta', 'ig', 'messenger', 'facebook', 'fb', 'line', 'chat'],
    also: [' on ', ' over ', ' via ', ' in '],
    re: new RegExp(
      String.raw`\b(?:(?:can|could|would|will|is there|are there|isn'?t there|(?<!\b(?:you|they|u|company|business|shop|store|site|website) )(?:need|want)|get me|put|connect me (?:to|with))(?: please)? ${PERSON}|(?:(?:can|could|may) (?:i|we)(?: please)?|please|pls|(?:i|we)(?: need| want| would like|'d like)(?: to)?) (?:get|have|speak to|talk to|speak with|talk with|reach) ${PERSON})(?: (?:from|at) (?:your|the) (?:team|company|office|shop|store|support))? (?:on|over|via|in) ${ON_CHANNEL}\b${NOT_A_DEPARTMENT}`,
      'gi',
    ),
    pick: pickLast,
  },
  // "anyone on WhatsApp who can help?", "is someone on chat available"
  {
    need: ['call', 'phon', 'whats', 'telegram', 'insta', 'ig', 'messenger', 'facebook', 'fb', 'line', 'chat'],
    also: [
      ' who can',
      ' who could',
      ' that can',
      ' that could',
      ' able to',
      ' available',
      ' free to',
      ' free now',
      ' around to',
    ],
    re: new RegExp(
      String.raw`\b${PERSON} (?:on|over) ${ON_CHANNEL}\b${NOT_A_DEPARTMENT} (?:(?:who|that) (?:can|could|is able to|would be able to)|able to|available|free (?:to|now)|around to)\b`,
      'gi',
    ),
    pick: pickLast,
    guard: 'report',
  },
  // "unless someone gets back to me by email tonight", "until you reply via text"
  {
    need: ['phon', 'mail', 'text', 'sms', 'whats', 'telegram', 'chat'],
    also: ['unless', 'until', 'till', 'once', 'as soon as', 'so that', 'the moment'],
    re: /\b(?:unless|until|till|once|as soon as|so that|the moment)\s+(?:someone|somebody|anyone|anybody|you|u|one of you|your (?:team|staff|support|company|manager|office))\s+(?:actually\s+|finally\s+|properly\s+)?(?:gets? back|comes? back|repl(?:y|ies)|responds?|answers?|reach(?:es)?|contacts?|writes?(?: back)?|calls?|rings?|texts?|messages?|follows? up|updates?)\b(?:\s+(?:to\s+)?(?:me|us))?(?:\s+(?:properly|directly|personally|in writing))?\s+(?:by|via|over|through|on)\s+(?:the\s+|a\s+)?(e-?mail|phone(?: call)?|telephone|text(?: message)?|sms|whats ?app|wechat|telegram|live chat|chat)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "unless someone from management calls me today": the verb is the channel
  {
    need: ['call', 'ring', 'phon', 'mail', 'text', 'whats'],
    also: ['unless', 'until', 'till'],
    re: /\b(?:unless|until|till)\s+(?:someone|somebody|anyone|anybody|you|u|one of you|your (?:team|staff|support|company|manager|office)|a (?:manager|supervisor|person|human))(?: (?:from|at|in) (?:\w+ ){0,2}?\w+)?\s+(?:actually\s+|finally\s+|personally\s+)?(calls|rings|phones|texts|e-?mails|whats ?apps|call|ring|phone|text|e-?mail) (?:me|us)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "if no one calls me today I'm disputing it", "if nobody gets back to me by email…": the
  // condition asks for the channel (the "no one" is not a refusal); not "I don't mind if nobody calls"
  {
    need: ['call', 'ring', 'phon', 'mail', 'text', 'sms', 'whats'],
    also: ['if'],
    re: /(?<!\b(?:mind|care|matter|matters|fine|ok|okay|problem|happy|worry)\s)\bif\s+(?:no ?one|no-one|nobody|none of you|you (?:don'?t|do not)|(?:someone|somebody|anyone|anybody) (?:doesn'?t|does not))(?: (?:from|at|in) (?:\w+ ){0,2}?\w+)?\s+(?:actually\s+|finally\s+|personally\s+|bothers? to\s+)?(?:(calls?|rings?|phones?|texts?|e-?mails?|whats ?apps?) (?:me|us)\b|(?:gets? back|comes? back|repl(?:y|ies)|responds?|writes? back|contacts?|reach(?:es)?)(?: to)?(?: me| us)? (?:by|via|over|through|on) (?:the |a )?(e-?mail|phone(?: call)?|telephone|text(?: message)?|sms|whats ?app)\b)(?![^.!?\n]*\?)/gi,
    pick: (m) => channelOfWord(m[1] ?? m[2] ?? ''),
  },
  // "if I don't get a call back today…", "unless I hear back by email", "if I haven't had a text by Friday"
  {
    need: ['call', 'phon', 'mail', 'text', 'whats'],
    also: ['if i', 'if we', 'unless i', 'unless we'],
    re: /\b(?:if (?:i|we) (?:don'?t|do not|haven'?t|have not)|unless (?:i|we)) (?:get|receive|hear|have|had|got)(?: back)? (?:an? |my |some )?(?:(phone call|call ?back|call|e-?mail|text(?: message)?|whats ?app)(?: back)?\b|(?:back |from (?:you|someone|somebody|anyone) )(?:by|via|over|on) (?:the )?(phone|e-?mail|text|whats ?app)\b)(?![^.!?\n]*\?)/gi,
    pick: (m) => channelOfWord((m[1] ?? m[2] ?? '').replace(/^call ?back$/i, 'call')),
  },
  // "can someone go through it with me on your live chat?", "could an agent walk me through this over chat"
  {
    need: ['chat'],
    re: new RegExp(
      String.raw`\b(?:(?:can|could|would|will) ${PERSON}(?: please| just)?|(?:i'?d like|i would like|i want|i need) ${PERSON} to) (?:go (?:through|over)|walk|talk|take|show|guide|run|explain|help|assist|sort|chat|stay|set)\b((?:(?!\b(?:sent|send|wrote|posted|said|told|got|received|left|asked|mentioned|gave|placed|ordered|bought|paid|saw|read|replied|messaged|when|where|what|why|how|that|which)\b)[^.!?\n,;]){0,40}?)\b(?:on|over|via|in|through) ${ON_CHAT}\b${NOT_A_DEPARTMENT}`,
      'gi',
    ),
    channel: 'chat',
  },
  // "can someone go through the contract with me on the phone" (talk verbs only: "help me with a
  // fault on the phone I bought" is about a device)
  {
    need: ['phon'],
    re: new RegExp(
      String.raw`\b(?:can|could|would|will) ${PERSON}(?: please| just)? (?:go (?:through|over)|walk|talk|take|run|explain)\b[^.!?\n,;]{0,30}? (?:on|over) the (?:tele)?phone\b(?! (?:i|you|we|that|which|bought|ordered|itself|screen|model)\b)`,
      'gi',
    ),
    channel: 'phone',
  },
  // "come back to me by email", "answer me via email" (the core verbs miss these two)
  {
    need: ['answer', 'back'],
    re: /\b(?:come back to|answer) (?:me|us) (?:by|via|over|through) (?:the )?(e-?mail|phone|text|sms|whats ?app)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
    guard: 'report',
  },
  // "I prefer phone", "we'd prefer WhatsApp", "Prefer text." (not "I prefer phone cases")
  {
    need: ['phon', 'cell', 'mobile', 'mail', 'text', 'sms', 'whats', 'telegram', 'chat'],
    also: ['prefer', 'favo', 'rather'],
    re: /(?:\b(?:i|we)(?:'d)?(?: (?:would|do|really|much|definitely|still|also|generally|always))* |(?:^|(?<=[.!?,;:\n—–-]\s*))(?:would |much )?)(?:prefer|favou?r|rather) (?:the )?(phone|telephone|mobile|cell|e-?mail|texts?|texting|sms|whats ?app|wechat|telegram|live chat|chat)\b(?! (?:cases?|covers?|screens?|chargers?|numbers?|models?|versions?|plans?|apps?|upgrades?|contracts?|insurance|brands?|address(?:es)?|bills?|support team|you|u|i|we|they|he|she|that|which|from|with|i'?ve|i had)\b)/gi,
    pick: (m) => onChannel(m[1] ?? ''),
  },
  // "I'd appreciate it if someone got back to me by email"
  {
    need: ['phon', 'mail', 'text', 'sms', 'whats'],
    also: [' if '],
    re: /\b(?:appreciate(?: it)?|grateful|great|ideal|helpful|prefer(?: it)?|nice|good|better) if (?:someone|somebody|anyone|you|u|one of you|your \w+)(?: (?:could|can|would|will|just))? (?:got|get|gets|came|come|comes|wrote|write|replied|reply|responded|respond) (?:back )?(?:to )?(?:me|us) (?:by|via|over|through|on) (?:the )?(e-?mail|phone|text|sms|whats ?app)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "calling me is the best option", "texting us works best"
  {
    need: ['call', 'ring', 'phon', 'mail', 'text', 'ping'],
    also: [' best', ' easiest', ' quickest', ' fastest', ' better', ' preferred', ' simplest'],
    re: /\b(calling|ringing|phoning|texting|e-?mailing|whats ?apping) (?:me|us) (?:is|would be|'d be|works) (?:the )?(?:best|easiest|quickest|fastest|better|preferred|simplest)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "any chance of someone calling me before noon?"
  {
    need: ['call', 'ring', 'phon', 'mail', 'text', 'ping'],
    also: ['chance of', 'possible for', 'possibility of', 'how about', 'what about'],
    re: /\b(?:any chance of|chance of|possible for|possibility of|how about|what about) (?:someone|somebody|you|one of you|your \w+) (calling|ringing|phoning|e-?mailing|texting|whats ?apping) (?:me|us)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "I'm only reachable by text", "I can only do texts", "can only take calls"
  {
    need: ['reach', 'contact', 'avail'],
    re: /\b(?:i'?m|i am|we'?re|we are) (?:only|mostly|best|usually|easily|always) (?:reachable|contactable|available) (?:by|via|on|over|through) (?:the )?(phone|telephone|mobile|cell|e-?mail|text|texts|sms|whats ?app|wechat|telegram)\b/gi,
    pick: (m) => onChannel(m[1] ?? ''),
  },
  {
    need: ['call', 'mail', 'text', 'sms', 'whats', 'wechat'],
    also: ['can only'],
    re: /\b(?:i|we) can only (?:do|take|use|read|answer|check|receive|get|reply to|respond to) (phone calls?|calls?|texts?|text messages?|sms|e-?mails?|whats ?app(?: messages?)?|wechat)\b(?! (?:from|on my (?:work|old))\b)/gi,
    pick: (m) => onChannel(m[1] ?? ''),
  },
];
