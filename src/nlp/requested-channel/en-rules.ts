/** English rules for requestedChannel: explicit asks, indirect offers, and what is only a mention. */
import type { ContactChannel } from '../../core/model.js';
import type { Rule } from './types.js';

export const PHONE_N = String.raw`(?:phone|telephone|cell|mobile|landline)`;
export const EMAIL_N = String.raw`(?:e-?mail|mail|inbox)`;
export const SMS_N = String.raw`(?:text(?: message)?|txt|sms|texting)`;
export const SOCIAL_N = String.raw`(?:whats ?app|wechat|we chat|telegram|messenger|instagram|insta|ig|facebook|fb|twitter|x dm|line app|signal|discord|dms?|direct messages?|pm|private message)`;
export const CONTACT_V = String.raw`(?:contact|confirm|ping|hit (?:me |us )?up|hmu|reach|reply(?: to)?|respond(?: to)?|answer|get back(?: to)?|hear(?: back)?(?: from you)?|revert(?: back)?(?: to)?|update|notify|let me know|get in touch(?: with)?|talk(?: to)?|speak(?: to| with)?|communicate|follow up(?: with)?|send (?:it|me|them|the \w+|details|updates?|a reply|the answer|your reply|the info)|message|write(?: to)?|tell|inform|keep (?:me|us) (?:posted|updated))`;
export const NOUN_CHANNEL: [RegExp, ContactChannel][] = [
  [new RegExp(`^${PHONE_N}`), 'phone'],
  [new RegExp(`^(?:the |a )?${PHONE_N}(?: call)?`), 'phone'],
  [new RegExp(`^${EMAIL_N}`), 'email'],
  [new RegExp(`^${SMS_N}`), 'sms'],
  [new RegExp(`^${SOCIAL_N}`), 'social'],
];

export const EN_RULES: Rule[] = [
  // phone
  {
    need: ['call', 'ring', 'phon', 'buzz', 'bell'],
    also: [
      'call me',
      'call us',
      'ring me',
      'ring us',
      'phone me',
      'phone us',
      'buzz me',
      'buzz us',
      'bell me',
      'bell us',
    ],
    re: /\b(?:call|ring|phone|telephone|buzz|bell) (?:me|us)\b/gi,
    channel: 'phone',
  },
  {
    need: ['try'],
    re: /\btry (?:me|us)(?: again)?(?: (?:on|at) (?:this|my|the same|\+?\d)|(?= (?:after|before|later|tomorrow|today|tonight|this|in the|around|anytime|any time)\b))/gi,
    channel: 'phone',
  },
  {
    need: ['call', 'ring', 'buzz', 'bell', 'tinkle'],
    also: ['give me', 'give us', 'giving me', 'giving us', 'gimme'],
    re: /\b(?:giv(?:e|ing) (?:me|us)|gimme) a (?:quick )?(?:call|ring|buzz|phone call|bell|tinkle)\b/gi,
    channel: 'phone',
  },
  {
    // not "I'll call back later" (the customer's own call)
    need: ['back'],
    re: /\b(?:call(?:ing)?|ring(?:ing)?) (?:me |us )?back\b(?<!\b(?:i|i'll|ill|i will|we|we'll|i can|i'd|i'm going to|gonna|let me) (?:call|ring) back)/gi,
    channel: 'phone',
  },
  { need: ['back'], re: /\bcall-?backs?\b(?! (?:url|function))/gi, channel: 'phone' },
  { need: ['call'], re: /\breturn my (?:call|phone call)\b/gi, channel: 'phone' },
  {
    need: ['call', 'ring', 'phon'],
    re: /\b(?:(?:can|could|would|will) (?:you|someone|somebody|u|anyone|one of you)(?: please)?|pls|please) (?:call|ring|phone)\b(?! (?:center|centre|number|bill|plan|off|it off|them off|in sick|out)\b)/gi,
    channel: 'phone',
  },
  {
    need: ['call', 'ring', 'phon'],
    also: ['i call', 'i ring', 'i phone'],
    re: /\b(?:can|could|may) i (?:call|ring|phone) (?:you|u|someone|your)\b/gi,
    channel: 'phone',
  },
  {
    need: ['call', 'conversation'],
    re: /\b(?:prefer|rather|like|want|need|request|requesting|appreciate) (?:to have |to get |to receive )?(?:a )?(?:quick )?(?:phone call|call|phone conversation|callback)\b/gi,
    channel: 'phone',
  },
  {
    need: ['phon'],
    re: /\b(?:talk|speak|discuss(?: this| it)?|chat) (?:to |with )?(?:someone |somebody |a (?:person|human|real person|rep|representative|manager) |you )?(?:on|over|by) the phone\b/gi,
    channel: 'phone',
  },
  {
    need: ['call', 'ring', 'reach', 'contact', 'find', 'get'],
    also: [' at ', ' on '],
    re: /\b(?:reach|contact|find|get|call|ring) (?:me|us|(?:our|my|the) (?:office|team|reception|front desk|shop|store)|my (?:husband|wife|partner|assistant|colleague|secretary|son|daughter)) (?:at|on) (?:\+?\(?\d[\d\s().-]{6,}\d)/gi,
    channel: 'phone',
  },
  // "Best number is 617 555 0142", "best number to reach me: …", "the best way to reach me is 555…"
  {
    need: ['number', 'way'],
    re: /\b(?:best|easiest|good|preferred) (?:(?:phone )?number|way to (?:reach|contact|get) (?:me|us|hold of me))(?: (?:for me|to use))?(?: is| would be|:|'s)\s*(?:on |at )?\+?\(?\d[\d\s().-]{6,}\d/gi,
    channel: 'phone',
  },
  // "My cell is 555 340 1298" — a number offered at the end of a voicemail or note means "call me"
  {
    need: ['cell', 'mobile', 'number', 'line'],
    re: /(?<!\b(?:update|updated|change|changed|replace|replaced|verify|verified|add|added|remove|removed|old) )\b(?:my|our) (?:cell|mobile|cell ?phone|direct line|(?:best |contact |phone |mobile |cell )?number)(?: again| here| below)?(?: is|'s|:)\s*\+?\(?\d[\d\s().-]{6,}\d(?![^.!?\n]{0,30}\b(?:on (?:the|my) account|on file|changed|is wrong|is not|isn'?t|was)\b)/gi,
    channel: 'phone',
  },
  // "best to call the office on 555…", "it'd be easier to walk through it on the phone"
  // not "it was easier…" or "they said it's best…": a report, not a wish
  {
    need: ['call', 'ring', 'phon'],
    also: ['best', 'better', 'easiest', 'easier'],
    re: /(?<!\b(?:was|were|been|said|says|told me) (?:it'?s |it is |much |a lot |way )?)\b(?:best|better|easiest|easier) to (?:call|ring|phone)\b/gi,
    channel: 'phone',
  },
  {
    need: ['phon'],
    re: /(?<!\b(?:was|were|been|said|says|told me) (?:it'?s |it is |much |a lot |way )?)\b(?:best|better|easiest|easier|quicker|simpler) to (?:explain|walk (?:you )?through|go (?:over|through)|discuss|sort|talk (?:about|through))(?: it| this| that| things| everything)?(?: with (?:you|someone))? (?:on|over) the phone\b/gi,
    channel: 'phone',
  },
  {
    need: ['number'],
    re: /\b(?:best |my |a good )?number to (?:reach|call|contact|ring) (?:me|us)\b/gi,
    channel: 'phone',
  },
  {
    need: ['phon', 'cell', 'mobile', 'number', 'tel'],
    re: /\b(?:mobile|cell|phone|number|tel)\b[^.!?]{0,12}?\+?\d[\d\s().-]{6,}\d[^.!?]{0,20}?\b(?:please use|use that|use this|call|ring|reach me)\b/gi,
    channel: 'phone',
  },
  { need: ['call'], re: /\b(?:jump|hop|get) on a (?:quick )?(?:phone )?call\b/gi, channel: 'phone' },
  {
    need: ['call'],
    also: [
      'get a',
      'have a',
      'arrange a',
      'schedule a',
      'set up a',
      'book a',
      'do a',
      'organise a',
      'organize a',
    ],
    re: /\b(?:get|have|arrange|schedule|set up|book|do|organise|organize) an? (?:quick |short |brief )?(?:phone |video |zoom |teams |google meet |facetime )?call\b/gi,
    channel: 'phone',
  },
  { need: ['reach'], re: /\b(?:can|may) be reached (?:at|on) (?:\+?\d[\d\s().-]{6,}\d)/gi, channel: 'phone' },
  {
    need: ['cell', 'mobile', 'number'],
    re: /\b(?:call|ring|reach|contact|get back to) (?:me |us )?(?:on|at) (?:this|my|the same) (?:number|mobile|cell)\b/gi,
    channel: 'phone',
  },
  {
    need: ['call', 'phon'],
    also: ['phone is', 'phone would be', 'phone works', 'call is', 'call would be', 'call works'],
    re: /(?<!\b(?:my|your|the|our|his|her|their|this|that|its|new|old) )\b(?:phone|call) (?:is|would be|works) (?:best|better|easiest|easier|preferred|fine)\b/gi,
    channel: 'phone',
  },
  // email
  {
    need: ['mail', 'emal', 'emial', 'eamil'],
    also: ['mail me', 'mail us', 'emal', 'emial', 'eamil'],
    re: /\b(?:e-?mail|mail|emal|emial|eamil) (?:me|us)\b/gi,
    channel: 'email',
  },
  {
    need: ['mail'],
    also: ['send me', 'send us', 'drop me', 'drop us', 'shoot me', 'shoot us', 'write me', 'write us'],
    re: /\b(?:send|drop|shoot|write) (?:me|us) (?:an? )?(?:quick |short )?(?:e-?mail|email|mail)\b/gi,
    channel: 'email',
  },
  {
    need: ['mail', 'inbox'],
    also: ['to my'],
    re: /(?<!\b(?:further|reply|replying|response|responding|reference|regard|relation|addition|according|thanks|due) )\bto my (?:(?:personal|work|private|other|new|gmail|home|main|usual|own) )?(?:e-?mail|inbox|mailbox|email address)\b/gi,
    channel: 'email',
  },
  { need: ['writ'], re: /\bwrite (?:back )?(?:to )?(?:me|us) (?:at|on) [^\s@]+@/gi, channel: 'email' },
  {
    need: ['mail'],
    also: ['mailed'],
    re: /\b(?:like|want|need|have|get|prefer)\b[^.!?]{0,30}?\be-?mailed(?: over| across)? to (?:me|us)\b/gi,
    channel: 'email',
  },
  {
    need: ['mail', 'inbox'],
    also: ['in my', 'into my'],
    re: /\b(?:drop|send|put|pop|forward)\b[^.!?]{0,30}?\b(?:in|into) my (?:inbox|e-?mail)\b/gi,
    channel: 'email',
  },
  {
    need: ['mail'],
    also: ['in an e', 'in a e'],
    re: /\b(?:get|have|put|send|need|want|like|confirmed|confirm)\b[^.!?]{0,20}?\bin (?:an|a) e-?mail\b/gi,
    channel: 'email',
  },
  {
    need: ['mail'],
    also: ['can you e', 'could you e', 'would you e', 'will you e', 'please e', 'pls e'],
    re: /\b(?:(?:can|could|would|will) you(?: please)?|please|pls) e-?mail (?:over|across|through|me|us|it|them|that|this|the|a|your)\b/gi,
    channel: 'email',
  },
  { need: ['mail'], also: ['to me'], re: /\be-?mail (?:[\w-]+ ){1,4}?to me\b/gi, channel: 'email' },
  { need: ['reach'], re: /\b(?:can|may) be reached (?:at|on) [^\s@]+@/gi, channel: 'email' },
  {
    need: ['repl', 'respond', 'answer'],
    re: /\b(?:reply|respond|answer) to (?:this|my) e-?mail\b/gi,
    channel: 'email',
  },
  {
    need: ['mail', '@', 'address'],
    also: ['me at', 'me on'],
    re: /\b(?:reach|contact|write(?: back)? to|email|reach out to|get in touch with|get back to) me (?:at|on) (?:[^\s@]+@|(?:this|the same|that) (?:address|e-?mail(?: address)?)\b)/gi,
    channel: 'email',
  },
  {
    need: ['mail', 'writing'],
    also: ['put', 'send', 'write'],
    re: /\b(?:put|send|write) (?:it|that|this|everything|all (?:of )?(?:that|this)|the \w+) (?:in|into|by) (?:an? )?(?:e-?mail|writing)\b/gi,
    channel: 'email',
  },
  {
    need: ['@'],
    re: /(?<!\b(?:my|contact|update|change|the|your|new|old|work|personal) )\b(?:send|forward|email(?! address))\b[^?!\n]{0,40}?\bto (?:me at )?[^\s@]+@[^\s@]+\.[a-z]{2,}/gi,
    channel: 'email',
  },
  {
    need: ['mail', 'written'],
    also: ['email ', 'e-mail ', 'written '],
    re: /\b(?:prefer|rather|like|want) (?:an? )?(?:e-?mail|written) (?:reply|response|answer)?\b/gi,
    channel: 'email',
  },
  {
    need: ['mail'],
    also: ['best', 'better', 'easiest', 'easier', 'preferred', 'fine'],
    re: /(?<!\b(?:my|your|the|our|his|her|their|this|that|its|new|old) )\b(?:e-?mail) (?:is|would be|works) (?:best|better|easiest|easier|preferred|fine)\b/gi,
    channel: 'email',
  },
  // sms
  { need: ['text', 'txt', 'sms'], re: /\b(?:text|txt|sms) (?:me|us)\b/gi, channel: 'sms' },
  // "text back pls" (but not "I'll text back later")
  {
    need: ['text', 'txt', 'sms'],
    re: /(?<!\b(?:i|i'll|ill|i will|we|we'll|i can|i'd|will|to|can't|cannot) )\b(?:text|txt|sms) back\b/gi,
    channel: 'sms',
  },
  {
    need: ['text', 'txt', 'sms'],
    re: /\b(?:send|drop|shoot) (?:me|us) (?:an? )?(?:quick )?(?:text|txt|sms|text message)\b/gi,
    channel: 'sms',
  },
  {
    need: ['messag', 'msg'],
    re: /\b(?:message|msg) (?:me (?:on|at) (?:my )?|my )(?:phone|cell|mobile|number)\b/gi,
    channel: 'sms',
  },
  { need: ['messag', 'msg'], re: /\b(?:message|msg) (?:me|us) (?:on|at) \+?\d/gi, channel: 'sms' },
  {
    need: ['text'],
    re: /\b(?:like|want|need|have|get|prefer)\b[^.!?]{0,30}?\btexted(?: over)? to (?:me|us)\b/gi,
    channel: 'sms',
  },
  {
    need: ['phon', 'cell', 'mobile', 'number'],
    re: /\b(?:send|shoot|drop) (?:me|us) an? (?:message|msg|note|line) (?:on|to) (?:my )?(?:phone|cell|mobile|number)\b/gi,
    channel: 'sms',
  },
  {
    need: ['text'],
    re: /\btext (?:it|them|this|that|the [\w ]{1,24}?|me the [\w ]{1,24}?) (?:to|at) (?:me|my|\+?\d)/gi,
    channel: 'sms',
  },
  {
    need: ['text', 'sms'],
    re: /(?<!\b(?:my|your|the|our|his|her|their|this|that|its|new|old) )\b(?:text|texting|sms) (?:is|would be|works) (?:best|better|easiest|easier|preferred|fine)\b/gi,
    channel: 'sms',
  },
  // social
  {
    need: ['inbox', 'dm', 'pm', 'whats', 'wechat', 'telegram'],
    re: /\b(?:dm|pm|inbox|whats ?app|wechat|telegram) (?:me|us)\b/gi,
    channel: 'social',
  },
  {
    need: ['messag', 'dm', 'pm'],
    re: /\b(?:send|drop|shoot) (?:me|us) an? (?:dm|pm|direct message|private message)\b/gi,
    channel: 'social',
  },
  { need: ['dm'], re: /\b(?:slide into|check) (?:my|your) dms?\b/gi, channel: 'social' },
  {
    need: ['messag', 'msg', 'find', 'add', 'ping'],
    re: /\b(?:add|message|msg|find|ping) me (?:on|via|in) (?:whats ?app|wa|wechat|we chat|telegram|messenger|instagram|insta|ig|facebook|fb|twitter|line|signal|discord)\b/gi,
    channel: 'social',
  },
  // chat
  {
    need: ['chat'],
    re: /\b(?:(?<!\b(?:your|used|tried|using) |\b(?:lady|guy|agent|person|someone|rep|man|woman|girl|staff|bot|people) (?:on|in) (?:the |your )?)live chat(?! (?:told|said|says|asked|is|was|isn'?t|doesn'?t|won'?t|widget|button|page|window|feature|link|icon|tab|hours|box|agents?|staff|bot|team|reps?|person|guy|lady|girl|operators?|history|transcript|log)\b)(?![^.!?\n]{0,25}\b(?:last|yesterday|earlier|ago)\b)|chat with (?:you|someone|somebody|an agent|a person|a human|support)(?! (?:was|were|is|isn'?t|has been|took|didn'?t|wasn'?t)\b)|(?:let's|lets|can we|could we) chat)\b/gi,
    channel: 'chat',
  },
  {
    need: ['chat'],
    re: /\b(?:in|on|via|through) (?:this|the) (?:website |web |live |online |site )?chat\b/gi,
    channel: 'chat',
  },
  { need: ['chat'], re: /\b(?:over|via|by|through) (?:live )?chat\b/gi, channel: 'chat' },
  {
    need: ['chat'],
    re: /(?<!\b(?:was|were|been|i'm|i am|we're|we are) )\bhere (?:in|on|over|via) (?:the |this )?(?:live )?chat\b/gi,
    channel: 'chat',
  },
  {
    need: ['chat', 'here'],
    re: /\bkeep (?:chatting|talking|it|this) (?:here|in (?:this|the) chat)\b/gi,
    channel: 'here',
  },
  {
    need: ['here'],
    re: /\b(?:reply|answer|respond|continue|talk|help me|chat)(?: to)?(?: me| us)? (?:right |just )?here\b(?! (?:is|are|was|were|isn'?t|aren'?t|doesn'?t|makes?|says?|seems?)\b)/gi,
    channel: 'here',
    guard: 'report',
  },
  {
    need: ['text', 'messag', 'dm', 'reach', 'contact', 'find', 'ping'],
    re: /\bmy (?:whats ?app|wechat|telegram|signal|instagram|insta|ig|messenger)\b[^.!?]{0,40}?\b(?:message|text|contact|reach|ping|dm|find) (?:me|us)\b/gi,
    channel: 'social',
  },
];

/**
 * What EN_GENERIC, EN_MOVE, EN_PP and EN_BY_PLEASE cannot match without: a channel noun (anchors.ts).
 * "signal" holds "ig", "direct message" and "text message" hold "messag".
 */
export const CHANNEL_NOUN_NEED = [
  'phon',
  'cell',
  'mobile',
  'mail',
  'inbox',
  'text',
  'txt',
  'sms',
  'messag',
  'dm',
  'pm',
  'whats',
  'wechat',
  'we chat',
  'telegram',
  'insta',
  'ig',
  'messenger',
  'facebook',
  'fb',
  'discord',
  'twitter',
  'line',
];
/** What EN_PREFER cannot match without: a channel noun, a call, or chat; and a word of preference. */
export const EN_PREFER_NEED = [...CHANNEL_NOUN_NEED, 'call', 'ring', 'chat'];
export const EN_PREFER_ALSO = [
  'best',
  'better',
  'easiest',
  'easier',
  'preferred',
  'quicker',
  'faster',
  'simpler',
  'convenient',
  'ideal',
  'for me',
  'for us',
];
/** The second word lists of EN_BY_PLEASE and EN_MOVE (see `Rule.also`). */
export const EN_BY_PLEASE_ALSO = ['by', 'via', 'over'];
export const EN_MOVE_ALSO = ['move', 'switch', 'take', 'continue', 'carry on', 'keep'];

export const EN_GENERIC = new RegExp(
  String.raw`\b${CONTACT_V}(?:\s+[\w'@.-]+){0,4}?\s+(?:by|via|through|over|on|using|with|per|in an?)\s+((?:the |a |an |my )?(?:${PHONE_N}(?: call)?|${EMAIL_N}|${SMS_N}|${SOCIAL_N}))\b`,
  'gi',
);
export const EN_MOVE = new RegExp(
  String.raw`\b(?:move|switch|take|continue|carry on|keep)(?: this| it| the conversation| things)? (?:to|on|over to|onto|by|via|in) ((?:the )?(?:${PHONE_N}|${EMAIL_N}|${SMS_N}|${SOCIAL_N}))\b`,
  'gi',
);
/** A request word and "by email" / "via text" / "over the phone" / "on WhatsApp" in one clause. */
export const EN_CUE =
  /\b(?:please|pls|can you|could you|would you|will you|can someone|could someone|appreciate|can we|could we|shall we|await|awaiting|look forward|looking forward|hearing|i'?d prefer|i prefer|prefer|i'?d rather|rather|would like|i'?d like|want|need|best|easier|easiest|better|works|let'?s|keep|send|reply|respond|contact|reach|get back|let me know|update|notify|remind|confirm|answer|tell|inform|everything|all)\b/i;
export const EN_PP = new RegExp(
  String.raw`\b(?:by|via|through|over|using|per) ((?:the |a |an |my )?(?:${PHONE_N}(?: call)?|${EMAIL_N}|${SMS_N}|${SOCIAL_N}))\b|\bon ((?:whats ?app|wechat|telegram|messenger|instagram|insta|ig|facebook|fb|signal|discord|line))\b`,
  'gi',
);
/** "<channel> is easiest for me", "a phone call would be much better", "WhatsApp works best". */
export const EN_PREFER = new RegExp(
  String.raw`\b((?:${PHONE_N}(?: call)?|call|calls|calling|ringing|phoning|e-?mailing|${EMAIL_N}|${SMS_N}|${SOCIAL_N}|(?:live )?chat))(?:s)?(?: (?:to|on|at) (?:this|my|the same) (?:number|phone|cell|mobile|e-?mail|address|account))?(?: (?:is|are|would be|'d be|works|work|'s))(?: (?:much|a lot|far|way|probably|definitely|just))? (?:best|better|easiest|easier|preferred|quicker|faster|simpler|more convenient|most convenient|ideal|(?:fine|great|good|perfect) for (?:me|us))\b`,
  'gi',
);
/** "by email was very helpful": what happened, not what is wanted. */
export const EN_MENTION_AFTER_PP =
  /^\W*(?:\w+\W+){0,2}?(?:was|were|came|arrived|worked|helped|said)\b|^\s+(?:that |which )?(?:i|we) (?:got|received|had)\b/i;
export const EN_BY_PLEASE = new RegExp(
  String.raw`\b(?:by|via|over) ((?:${PHONE_N}|${EMAIL_N}|${SMS_N}|${SOCIAL_N}))(?: only)?,? (?:please|pls|thanks|thank you|is fine|is best|if possible)\b`,
  'gi',
);

export const EN_NEGATION_WORD = new RegExp(
  String.raw`\b(?:thanks? (?:you )?for|don'?t|do not|dont|doesn'?t|never|no need to|not|no|stop|without|instead of|rather than|can'?t|cannot|couldn'?t|unable to|won'?t|wont|didn'?t|hasn'?t|haven'?t|nobody|no one|tried|tried to|trying to|forgot to|used to|promised|was promised|were promised|supposed to|was told|were told|(?:courier|driver|engineer|technician|fitter|bank|postman|he|she|they)(?:'ll| will| would| is going to| usually| always)|(?:was|were) (?:going|meant|due) to|said (?:you|they|he|she|someone|somebody|it)(?:'d|'ll| would| will)|said\b[^.!?;]{0,30}?\b(?:you|they|he|she|someone|somebody|u)(?:'d|'ll| would| will| (?:was|were) going to)|told me (?:you|they|he|she|someone)(?:'d|'ll| would| will))\b`,
  'gi',
);
/**
 * Words that may stand between a negation and the ask it negates: "don't (ever) call me", "I don't
 * (want anyone from your company to) call me", "(never got a) call back". Any other word means the
 * negation belongs to another verb: "the parcel never arrived call me", "there's no tracking info
 * call me back" (voicemails run on without commas).
 */
export const NEGATION_BRIDGE = new Set(
  (
    'ever even please just really want wanna need like you u to anyone anybody someone somebody from your ' +
    'the company team staff shop store manager supervisor engineer technician rep agent person member of ' +
    'courier driver again bother be able have has had get got a an any more by wish contacted reached ' +
    "disturbed would will going gonna 'd 'll under circumstances at all me us my know how find see use " +
    'access open locate reach quick fast prompt reply response help answer update info details message live ' +
    'online web website'
  ).split(' '),
);
/** Past contact ("I emailed you", "你们打过电话") is a mention, not a request. */
export const EN_MENTION_AFTER = /^(?:ed|ing)\b/i;
/** "I got the invoice by email", "you told me on the phone": reports of what happened. */
export const EN_MENTION_BEFORE =
  /\b(?:got|received|sent|came|arrived|told|said|called|emailed|texted|messaged|contacted|wrote|asked|tried|pinged|dm'?d|reached out|commented|posted|replied|placed|ordered|booked|paid|bought|purchased|saw|seen|heard|was|were|had|did|spoke|look(?:ed)? (?:me|it|them|up)|find|search|identify|check|registered|signed up|made|created|opened|linked|log ?in|sign ?in)\b(?:[^\S\n]+[^\s,]+){0,6}[^\S\n]*$/i;

export function channelOfNoun(noun: string): ContactChannel | undefined {
  const n = noun.toLowerCase().replace(/^(?:the|a|an|my) /, '');
  for (const [re, ch] of NOUN_CHANNEL) if (re.test(n)) return ch;
  return undefined;
}

/** "Call me Bob": a name, not a request (unless a number or time follows). */
export function isNaming(from: string): boolean {
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
    'i asap back now today tomorrow tmrw tmr tonight please pls plz monday tuesday wednesday thursday friday ' +
    'saturday sunday mon tue wed thu fri sat sun when whenever if after before at on anytime again urgently ' +
    'soon immediately between this later instead first right as once in about regarding to so and or thanks ' +
    'thx cheers the any around sometime any-time morning afternoon evening tonite back pronto directly quickly ' +
    'straight by from with for re just maybe um uh er erm hmm my our your it its im ill we you u yeah yes ok okay bye cos cause because mate love hun dear sir madam x xx number mobile cell phone whenever back tho though thank'
  ).split(' '),
);
