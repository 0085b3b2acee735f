/**
 * English requests that name the channel indirectly or by idiom: a way to reach the customer
 * ("best way to reach me is my cell", "I'm reachable at …", "respond in writing to <address>"),
 * two channels joined ("call or text me" → the first), preferences ("a text reply is fine",
 * "I'd rather you email"), and "answer in this chat" said as "tell me here" / "paste it here".
 */
import type { Rule, Target } from './types.js';

export const NUM = String.raw`\+?\(?\d[\d\s().-]{6,}\d`;
/** A number read out in a voicemail: "five five five two one three four", "oh seven seven double oh…". */
export const SPOKEN_NUM = String.raw`(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple|hundred)[\s,-]+){6,}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|hundred)\b`;
export const ADDR = String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`;
/** Channel nouns and verbs as a customer writes them, to one channel. */
export const WORDS = String.raw`phone call|phone|telephone|cell|mobile|landline|calls?|calling|ring|e-?mails?|mail|inbox|text messages?|texts?|texting|txt|sms|whats ?app|wechat|telegram|signal|messenger|instagram|insta|ig|dms?|discord|live chat|chat`;

export function channelOfWord(word: string): Target | undefined {
  const w = word.toLowerCase();
  if (/^(?:phone|telephone|cell|mobile|landline|call|ring|rang|buzz)/.test(w)) return 'phone';
  if (/^(?:e-?mail|mail|inbox|written|writing)/.test(w)) return 'email';
  if (/^(?:text|txt|sms)/.test(w)) return 'sms';
  if (/^(?:whats ?app|wechat|telegram|signal|messenger|instagram|insta|ig|dm|discord)/.test(w))
    return 'social';
  if (/chat(?:ting)?$/.test(w)) return 'chat';
  return undefined;
}

/** The way offered: a number → phone, an address → email, else the channel word. */
function offered(m: RegExpExecArray): Target | undefined {
  if (m[1]) return 'phone';
  if (m[2]) return 'email';
  return channelOfWord(m[3] ?? '');
}
const OFFER = String.raw`(?:(?:by|via|on|at|through|over|using) )?(?:(?:my|a|an|the) )?(?:(${NUM})|(${ADDR})|(${WORDS})\b)`;

const VERB = String.raw`call|ring|phone|text|txt|sms|e-?mail|whats ?app|dm`;

export const EN_INDIRECT: Rule[] = [
  // "call or text me at 555…", "email or call me", "call/text 555-0100": the first is the one asked for
  {
    need: ['call', 'ring', 'phon', 'mail', 'text', 'txt', 'sms', 'dm', 'whats'],
    also: [' or ', '/', ' and ', ' & '],
    re: new RegExp(
      String.raw`\b(${VERB})(?: me| us)?(?: or |\/| and | & |, or )(?:${VERB}|message|msg)(?: me| us|(?= (?:at |on )?${NUM})|(?=,? (?:whichever|either|both|is fine|are fine|works|please|pls)\b|\s*[.!]|\s*$))`,
      'gi',
    ),
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "Best way to reach me is my cell, 312-…", "easiest way to contact me: WhatsApp"
  {
    need: ['way', 'method', 'means', 'option'],
    re: new RegExp(
      String.raw`\b(?:best|easiest|quickest|fastest|preferred|simplest|surest) (?:way|method|means|option) (?:to (?:reach|contact|get (?:hold of|in touch with|back to)|talk to) (?:me|us)|of (?:contact|contacting (?:me|us)|reaching (?:me|us))|for (?:me|us))(?: is| would be| will be|'s|:| =)?,?\s*${OFFER}`,
      'gi',
    ),
    pick: offered,
  },
  // "text is the quickest way to reach me"
  {
    need: ['way', 'method', 'option'],
    re: new RegExp(
      String.raw`\b(${WORDS})(?: dms?| messages?)?(?: is|'s| are| would be| will be) (?:the |my )?(?:best|easiest|quickest|fastest|preferred|simplest|only) (?:way|method|option)s? (?:to (?:reach|contact|get(?: hold of| in touch with)?) (?:me|us)|for (?:me|us))\b`,
      'gi',
    ),
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "I'm reachable at 555…", "available on WhatsApp", "best reached by email"
  {
    need: ['reach', 'contact', 'avail'],
    re: new RegExp(
      String.raw`\b(?:i'?m|i am|we'?re|we are|i can be|we can be|best|usually|always) (?:reachable|available|contactable|reached) (?:(?:at|on|by|via|through) )${OFFER}`,
      'gi',
    ),
    pick: offered,
  },
  // "call 555-0100", "please ring my husband on …", "text my mobile" (not "I'll call 555…")
  {
    need: ['call', 'ring', 'text', 'txt'],
    re: new RegExp(
      String.raw`\b(call|ring|text|txt)(?: (?:me|us))? (?:on |at )?(?:${NUM}|my (?:husband|wife|partner|son|daughter|mum|mom|dad|office|assistant|secretary|mobile|cell|landline|work (?:number|phone|line)|home (?:number|phone)|other number))`,
      'gi',
    ),
    pick: (m) => channelOfWord(m[1] ?? ''),
    guard: 'self',
  },
  // "respond in writing to dana@…", "get back to me at p@…", "forward the receipt on to a@…"
  {
    need: ['@', 'address'],
    re: new RegExp(
      String.raw`(?<!\b(?:update|change|set|correct|amend|fix)(?: my| the)? )\b(?:reply|respond|write(?: back)?|get back|answer|send|forward|shoot|fire|ping|pop|reach|contact(?! (?:e-?mail|details|info|number|address))|drop (?:me|us) a (?:line|note)|get in touch|follow up|confirm|notify|reach out|cc|revert)\b(?:(?!\b(?:changed?|updated?|is now)\b)[^.!?\n@]){0,40}?\b(?:to|at|on|via) (?:me at )?(?:(?:(?:my|our|the) (?:[\w-]+ ){0,2}?(?:address|e-?mail|inbox|assistant|colleague|secretary|manager|partner|wife|husband|team|office|accountant)[:,]?\s*(?:(?:which is|it's|is)\s*)?)?${ADDR}|this (?:e-?mail )?address\b)`,
      'gi',
    ),
    channel: 'email',
    guard: 'self',
  },
  // "drop me a line" is a written note (a text if it names the phone)
  {
    need: ['drop', 'shoot'],
    re: /\b(?:drop|shoot) (?:me|us) a (?:line|note)\b(?! (?:on|to|at|via) (?:my |this |the )?(?:phone|cell|mobile|number|\+?\d|whats ?app|text))/gi,
    channel: 'email',
  },
  {
    need: ['mail'],
    also: ['by return'],
    re: /\bby return (?:e-?mail|mail)\b/gi,
    channel: 'email',
  },
  {
    need: ['back'],
    re: /(?<!\b(?:i|i'll|ill|i will|we|we'll|i can|i'd|will|to|can't|cannot) )\be-?mail back\b/gi,
    channel: 'email',
  },
  { need: ['repl', 'respond'], re: /\b(?:reply|respond) (?:to|on) this (?:text|sms)\b/gi, channel: 'sms' },
  {
    need: ['messag', 'thread', 'conversation'],
    re: /\b(?:reply|respond) (?:to|on) this (?:message|thread|conversation)\b/gi,
    channel: 'here',
  },
  // "can we do it all in chat", "sort it in chat" (not "I asked in chat yesterday")
  {
    need: ['chat'],
    re: /\b(?:do|sort|handle|keep|continue|finish|discuss)(?: (?:it|this|that|everything|things))?(?: all)? (?:in|on|over|via) (?:live )?chat\b(?! (?:support|history|logs?|transcripts?|window|widget|agents?|yesterday|last|earlier|before)\b)/gi,
    channel: 'here',
    guard: 'report',
  },
  // "I'll be here, reply whenever" (not "I'll be here until 5")
  {
    need: ['here'],
    re: /\b(?:i'?ll|i will) be (?:right )?here\b(?=\s*[,.!;]|\s*$|\s+(?:waiting|for (?:your|the) (?:reply|answer)))/gi,
    channel: 'here',
  },
  {
    need: ['messag', 'msg', 'reach', 'contact', 'ping'],
    re: /\b(?:message|msg|ping|reach|contact) (?:me|us) (?:on|at|to) (?:this|the same|that) (?:number|mobile|cell)\b/gi,
    pick: (m) => (/^(?:message|msg)/i.test(m[0]) ? 'sms' : 'phone'),
  },
  // "text me on WhatsApp", "call me on WhatsApp": the app is the channel (longer, so it wins)
  {
    need: ['call', 'ring', 'phon', 'text', 'txt', 'messag', 'msg', 'reach', 'contact', 'ping'],
    also: [
      ' whatsapp',
      ' whats app',
      ' wechat',
      ' telegram',
      ' signal',
      ' messenger',
      ' insta',
      ' ig',
      ' viber',
      ' line',
      ' skype',
      ' discord',
      ' wa',
    ],
    re: /\b(?:call|ring|text|txt|message|msg|ping|phone|contact|reach|voice ?call|video ?call)(?: me| us)? (?:on|via|over|through|in) (?:whats ?app|wechat|telegram|signal|messenger|instagram|insta|ig|viber|line|skype|discord|wa)\b/gi,
    channel: 'social',
  },
  // social
  {
    need: ['whats', 'wechat', 'telegram', 'signal', 'insta', 'messenger', 'discord'],
    re: /\b(?:send|drop|shoot) (?:me|us) an? (?:whats ?app|wechat|telegram|signal|instagram|insta|messenger|discord)(?: message| msg| dm)?\b/gi,
    channel: 'social',
  },
  { need: ['dm'], re: /\bslide into (?:our|my|your) dms?\b/gi, channel: 'social' },
  {
    need: ['whats', 'wechat', 'telegram', 'insta', 'ig', 'messenger', 'discord'],
    re: /\b(?:i'?m|i am|we'?re|we are|find me|find us) on (?:whats ?app|telegram|wechat|signal|instagram|insta|ig|messenger|discord)(?:(?: (?:at|as|under|with))?:? ?(?:\+?\(?\d|@\w)|,? (?:same|this|my|the same) (?:number|handle|name))/gi,
    channel: 'social',
  },
  // preferences: "I'd rather you text", "I prefer email", "prefer to be contacted by WhatsApp"
  {
    need: ['call', 'mail', 'text', 'txt', 'sms', 'dm', 'whats', 'telegram', 'signal', 'chat'],
    also: ['prefer', 'rather', 'like it', 'want it'],
    re: /\b(?:prefer|rather|like it|want it)(?: you| u)?(?: (?:to be|being|be))?(?: (?:contacted|reached|updated|notified|answered|told))?(?: (?:by|via|over|through|on))? (an? (?:phone )?call|an? text|an? e-?mail|phone calls?|calls?|e-?mails?|mail|texts?|text messages?|txt|sms|whats ?app|wechat|telegram|signal|dms?|live chat|chatting|chat)\b(?! (?:case|cover|screen|charger|number|model|version|plan|app|address|bill|button|widget|feature|log))/gi,
    pick: (m) => channelOfWord((m[1] ?? '').replace(/^an? (?:phone )?/i, '')),
  },
  // "an email confirmation when…", "I'd like a text once it ships"
  {
    need: ['mail', 'text', 'txt', 'sms', 'whats'],
    also: ["i'd ", 'i would', 'i want', 'can i', 'could i', 'id '],
    re: /\b(?:i'?d like|i would like|i want|i'?d appreciate|i would appreciate|(?:can|could) i (?:get|have)) an? (?:quick |short )?(e-?mail|text|txt|sms|whats ?app)(?: message)? (?:update|confirmation|reply|response|notification|alert|reminder|heads[- ]up|notice|when|once|with|if|as soon|explaining|about|back)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "a text reply is fine", "email works for me", "a call would be great" (not "my email is fine")
  {
    need: ['call', 'mail', 'text', 'txt', 'sms', 'dm', 'whats', 'written'],
    also: ['fine', 'ok', 'good', 'great', 'perfect', 'enough', 'appreciated', 'ideal', 'lovely'],
    re: /(?<!\b(?:my|your|the|our|this|that|his|her|their|its) )\b(?:an? |just )?(e-?mail|text|sms|txt|whats ?app|written|dm|(?:phone )?call)(?: (?:reply|response|answer|message|update|back))?(?: (?:is|are|would be|'d be|will be|works)) (?:totally |perfectly |just |also |really )?(?:fine|ok|okay|good|great|perfect|enough|appreciated|ideal|lovely)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  {
    need: ['mail', 'text', 'sms', 'whats', 'telegram', 'signal'],
    also: [' works'],
    re: /(?<!\b(?:my|your|the|our|this|that|his|her|their|its|only) )\b(e-?mail|text|sms|whats ?app|telegram|signal) works(?: (?:for me|best|better|fine|great))?(?=\s*(?:[.!,;:—–-]|$|too|as well))/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "phone call preferred", "email only, please", "please text rather than call"
  {
    need: ['call', 'phon', 'mail', 'text', 'sms', 'whats', 'telegram', 'signal', 'chat'],
    also: ['preferred', ' only'],
    re: /\b(phone call|phone|calls?|e-?mail|texts?|texting|sms|whats ?app|telegram|signal|live chat|chat|chatting) (?:(?:is|are) )?(?:preferred|only(?=\s*(?:[.!,;:)]|$|please|pls|thanks|for me)))/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  {
    need: ['mail', 'text', 'txt', 'sms', 'dm', 'whats'],
    also: [' text', ' txt', ' sms', ' email', ' e-mail', ' whatsapp', ' whats app', ' dm'],
    re: /\b(?:(?:can|could|would|will) (?:you|someone|somebody|u)(?: please| just)?|pls|please|just) (text|txt|sms|e-?mail|whats ?app|dm)(?=(?: (?:me|us|it|them|this|that|the|back|when|if|once|rather|instead|asap|please|pls|updates?|details|my|over|across)\b|\s*[.!,;?]|\s*$))/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  {
    need: ['here'],
    re: /\bkeep (?:the conversation|things|it all|everything|our chat) (?:right )?here\b/gi,
    channel: 'here',
  },
  // chat: "tell me here", "just paste it here", "let's sort it out right here", "here is fine"
  {
    need: ['here'],
    re: /\b(?:tell|explain|paste|post|put|type|write|share|drop|answer|ans|ping|reply|respond|list|show|sort(?: (?:it|this|that|things|everything))?(?: out)?|walk (?:me|us) through(?: it| this)?|talk|chat|discuss|message|handle|deal with|continue|say (?:it|this|that)|do (?:it|this|that)|keep (?:me|us) (?:updated|posted|informed)|let (?:me|us) know|update (?:me|us)|inform (?:me|us)|notify (?:me|us))\b((?:(?!\b(?:when|where|what|how|why|whether|is|are|will|was|holiday)\b)[^.!?\n,;]){0,40}?)\b(?<!\b(?:from|to|get|gets|got|between|near|around|arrive|arrives|come|comes|came|live|stay|over) )(?:right |just )?here\b(?=\s*(?:[.!?,;)\n]|:(?!\s*(?:\S+@|https?:|\w+\.me\/|\+?\d))|$|pl[sz]\b|please|step by step|whether|if\b|what|when|how|why|which|where|about|for me|now\b|quickly|directly|asap|real quick|thanks|thx|ty\b|instead|too\b|is (?:fine|ok|okay|good|better)|works|if\b|so\b|and\b|or\b|rather|as well|in (?:the|this) chat|—|–|-|i'll|i will|i can|i'm|im\b|ok\b|okay))/gi,
    channel: 'here',
    guard: 'report',
  },
  {
    need: ['here'],
    re: /\bsend (?:me )?(?:the |a |your )?(?:link|code|steps|instructions|details|info|information|answer|tracking(?: number| link)?|quote|price|screenshot|form|pdf)s? (?:right |just )?here\b/gi,
    channel: 'here',
    guard: 'report',
  },
  {
    need: ['here'],
    re: /(?<=(?:^|[.!?,;:\n—–-]\s*|\b(?:just|reply(?:ing)?|answer(?:ing)?|chat(?:ting)?|talk(?:ing)?|respond(?:ing)?|messag(?:e|ing))\s+))(?:right )?here(?: is|'s| would be| works)(?: (?:totally|perfectly|just|also))? (?:fine|ok|okay|better|easier|easiest|best)\b/gi,
    channel: 'here',
  },
];

/** "I'll forward it to…", "did you call 555…", "had to ring my bank": not an ask of us. */
export const EN_SELF_BEFORE =
  /\b(?:i|i'll|ill|i'd|i've|i will|we will|i'm going to|we're going to|we|we'll|we'd|they|he|she|did you|you didn'?t|should i|can i|could i|may i|had to|have to|need to|tried to|try to|want to|going to|gonna|wanna|to)\s+(?:just |also |then |now |again |already |usually )?$/i;
/** "I got a reply here", "they told me here": what happened, three words back at most. */
export const EN_REPORT_BEFORE =
  /\b(?:got|received|saw|read|found|posted|wrote|asked|said|told|was|were|been|had)\b(?:\s+\S+){0,2}\s*$/i;
