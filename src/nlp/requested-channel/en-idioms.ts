/**
 * English asks said as idioms, hedges, form fields and references: "would you mind emailing me",
 * "a quick text would be great", "is it ok if someone rings me", "Preferred contact: phone",
 * "the number below", "ping me an email", "Viber me", "I'll stay on the chat".
 */
import { NUM, SPOKEN_NUM, WORDS, channelOfWord } from './en-indirect.js';
import type { Rule } from './types.js';

export const EN_IDIOMS: Rule[] = [
  // "would you mind emailing me", "try texting me"
  {
    need: ['call', 'ring', 'phon', 'mail', 'text', 'dm', 'ping'],
    also: ['mind ', 'try ', 'consider ', 'suggest ', 'recommend '],
    re: /\b(?:mind|try|consider|suggest|recommend) (emailing|e-mailing|texting|calling|ringing|phoning|whatsapping|dming|dm'?ing) (?:me|us)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "a quick text to let me know would be great", "a phone call any time is fine"
  {
    need: ['call', 'mail', 'text', 'txt', 'sms', 'whats'],
    also: [
      'great',
      'appreciated',
      'helpful',
      'ideal',
      'perfect',
      'fine',
      'lovely',
      'nice',
      'best',
      'better',
      'easier',
      'ok',
    ],
    re: /\ban? (?:quick |short |brief )?(e-?mail|text|txt|phone call|call|sms|whats ?app)\b(?! (?:reminders?|options?|features?|service|alerts? (?:system|option)|notifications? (?:system|option)))(?:(?!\b(?:but|was|were|is|isn'?t|wasn'?t)\b)[^.!?,;\n]){0,40}? (?:would be|'d be|is|works) (?:totally |perfectly |really )?(?:great|appreciated|helpful|ideal|perfect|fine|lovely|nice|best|better|easier|ok|okay)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  {
    need: ['here'],
    re: /\b(?:i'?ll|i will|i'?m|i am) (?:wait|waiting|be waiting|hang on|hanging on|hold on|holding on) (?:right )?here\b/gi,
    channel: 'here',
  },
  // "email pls" as the whole ask, "reply all" (an email idiom)
  {
    need: ['call', 'phon', 'mail', 'text', 'txt', 'sms', 'dm', 'whats'],
    also: [' pls', ' please', ' plz'],
    re: /(?:^|(?<=[.!?,;:\n]\s*))(e-?mail|text|txt|sms|whats ?app|call|phone|dm) (?:pls|please|plz)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  { need: ['repl', 'respond'], re: /\b(?:reply|respond)(?: to)? all\b/gi, channel: 'email' },
  // "let's talk it through on a call"
  {
    need: ['call'],
    also: [
      'talk',
      'discuss',
      'go over',
      'go through',
      'walk me through',
      'walk us through',
      'sort',
      'chat',
      'explain',
    ],
    re: /\b(?:talk|discuss|go (?:over|through)|walk (?:me|us) through|sort|chat|explain)\b[^.!?\n]{0,30}? (?:on|over) (?:a|the) (?:quick |short )?(?:phone )?call\b/gi,
    channel: 'phone',
    guard: 'report',
  },
  // "send a text to 07700…", "send a text to my mobile"
  {
    need: ['text', 'txt', 'sms'],
    re: /\b(?:send|drop|shoot) (?:me )?an? (?:text|txt|sms|text message) (?:to|at|on) (?:\+?\(?\d|my |this )/gi,
    channel: 'sms',
    guard: 'self',
  },
  // "Easiest is WhatsApp", "best for me would be email"
  {
    need: ['prefer', 'best', 'easi', 'quick', 'fast', 'simpl'],
    re: new RegExp(
      String.raw`\b(?:easiest|best|quickest|simplest|preferred|fastest)(?: for me| option| way)?(?: is|'s| would be|:) (?:to |by |via |on |over )?(?:an? )?(${WORDS})\b`,
      'gi',
    ),
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "give me a shout on 07700…"
  {
    need: ['shout', 'holler'],
    re: /\b(?:give (?:me|us)|gimme) a (?:shout|holler)(?= (?:on|at) \+?\(?\d)/gi,
    channel: 'phone',
  },
  // "any chance of a phone call today?", "how about an email?"
  {
    need: ['call', 'mail', 'text', 'whats'],
    also: ['chance of', 'possibility of', 'how about', 'what about', 'possible to get', 'possible to have'],
    re: /\b(?:any chance of|chance of|possibility of|how about|what about|possible to (?:get|have)) (?:a |an )?(?:quick )?(phone call|call|callback|call back|e-?mail|text|whats ?app)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "is it ok if someone rings me?", "I'd be grateful if you could email me" (not "if you call me again…")
  {
    need: ['call', 'ring', 'phon', 'mail', 'text', 'whats'],
    also: [' if '],
    re: /\b(?:ok|okay|fine|alright|great|good|helpful|appreciate it|grateful|prefer it|rather|better|happy|nice|easier|possible|lovely|mind)(?: it)? if (?:someone|somebody|anyone|you|u|one of you|your \w+)(?: (?:could|can|would|will|just))? (call|ring|phone|text|e-?mail|whats ?app)(?:s|ed)? (?:me|us)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "i'm free after 5, call then", "call anytime": a bare imperative with a time
  {
    need: ['call', 'ring', 'mail', 'text', 'txt'],
    also: [
      ' then',
      ' any',
      ' after',
      ' before',
      ' between',
      ' tomorrow',
      ' today',
      ' tonight',
      ' this ',
      ' in the ',
      ' at ',
      ' when',
      ' asap',
    ],
    re: /(?:^|(?<=[.!?,;:\n—–-]\s*)|(?<=\b(?:just|pls|please|so|and|then|or)\s+))(call|ring|text|txt|e-?mail)(?: (?:me|us))? (?:then|any ?time|after|before|between|tomorrow|today|tonight|this (?:morning|afternoon|evening|week)|in the (?:morning|afternoon|evening)|at (?:\d|any|lunch|noon)|whenever|asap|when)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  {
    need: ['thread', 'conversation'],
    re: /\b(?:reply|respond|answer)(?: me)? (?:in|on) (?:this|the same) (?:thread|conversation)\b/gi,
    channel: 'here',
  },
  // "a formal response in writing, to this email address" — writing means email when an address is around
  {
    need: ['writing', 'written'],
    re: /\b(?:in writing|written (?:response|reply|answer|confirmation))\b/gi,
    pick: (m) => (/@|\be-?mail\b/i.test(m.input) ? 'email' : undefined),
  },
  // "I'm on 07700 900442, speak soon"
  {
    need: [' on '],
    re: new RegExp(String.raw`\b(?:i'?m|i am|we'?re|we are|get me|catch me) on ${NUM}`, 'gi'),
    channel: 'phone',
  },
  // "by post or email, whichever is easier" (post is no channel here), "by phone or email" → phone
  {
    need: [
      'call',
      'ring',
      'phon',
      'cell',
      'mobile',
      'landline',
      'mail',
      'inbox',
      'text',
      'txt',
      'sms',
      'dm',
      'whats',
      'telegram',
      'insta',
      'ig',
      'messenger',
      'discord',
      'chat',
    ],
    also: [' or ', ' and/or ', ' / '],
    re: new RegExp(
      String.raw`\b(?:by|via|through|over) (post|letter|fax|${WORDS}) (?:or|and\/or|\/) (${WORDS})\b`,
      'gi',
    ),
    pick: (m) => channelOfWord(m[1] ?? '') ?? channelOfWord(m[2] ?? ''),
    guard: 'report',
  },
  // "You can text this number", "call my number"
  {
    need: ['phon', 'cell', 'mobile', 'number'],
    re: /\b(text|txt|sms|call|ring) (?:on |at )?(?:this|my|the same) (?:number|mobile|cell|phone)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
    guard: 'self',
  },
  // "Send the code to my phone please"
  {
    need: ['phon', 'cell', 'mobile'],
    re: /\b(?:send|text|forward)\b[^.!?\n]{0,30}? to my (?:phone|mobile|cell)(?: number)?\b/gi,
    channel: 'sms',
    guard: 'self',
  },
  // "Could I get SMS updates?", "I'd like email notifications"
  {
    need: ['mail', 'text', 'txt', 'sms', 'whats'],
    also: ['update', 'notification', 'alert', 'confirmation', 'reminder', 'receipt'],
    re: /\b(?:(?:can|could|may) (?:i|we) (?:get|have|receive)|(?:i'?d|i would|we'?d|we would) (?:like|love|prefer)(?: to (?:get|receive|have))?|(?:please|pls) (?:send|give)(?: me)?) (?:the |some )?(sms|text|e-?mail|whats ?app|txt)(?: message)? (?:updates?|notifications?|alerts?|confirmations?|reminders?|receipts?)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "I'd rather you called me", "I'd prefer it if someone emailed"
  {
    need: ['call', 'rang', 'phon', 'mail', 'text', 'whats'],
    also: ['rather', 'prefer if', 'prefer it if', 'sooner'],
    re: /\b(?:rather|prefer(?: it)? if|sooner) (?:you|u|someone|somebody) (called|rang|phoned|texted|emailed|e-mailed|whatsapped)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "just send a text when the suit's ready"
  {
    need: ['mail', 'text', 'txt', 'sms', 'dm', 'whats'],
    also: ['send', 'drop', 'shoot'],
    re: /\b(?:send|drop|shoot) (?:me |us )?an? (?:quick |short )?(text message|text|txt|sms|e-?mail|whats ?app|dm)(?=(?: (?:when|once|if|as soon|to let|with|about|before|after|instead)\b)|\s*[.!,;]|\s*$)/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
    guard: 'self',
  },
  // web-form fields: "Preferred contact: phone", "Contact preference: text message"
  {
    need: ['contact', 'repl', 'respond', 'prefer'],
    re: new RegExp(
      String.raw`\b(?:preferred (?:contact(?: method)?|method of contact|means of contact|channel)|contact (?:preference|method)|(?:reply|respond|contact me) (?:via|by))\s*[:=-]\s*(${WORDS})\b`,
      'gi',
    ),
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "Best time to call is after 6pm", "free to take a call between 12 and 2"
  {
    need: ['call', 'ring', 'phon', 'text', 'reach'],
    also: ['best time', 'good time', 'easiest time', 'better time'],
    re: /\b(?:best|good|easiest|better) times? (?:to (call|ring|phone|text)|to reach me by (phone|text|e-?mail))\b/gi,
    pick: (m) => channelOfWord(m[1] ?? m[2] ?? ''),
  },
  {
    need: ['call'],
    re: /\b(?:free|happy|able|available|around) (?:to (?:take|have|jump on)|for) an? (?:quick )?(?:phone )?call\b/gi,
    channel: 'phone',
  },
  // "Please use the email on my account", "use my mobile to reach me" (not "can I use my email to log in")
  {
    need: ['cell', 'mobile', 'landline', 'number', 'mail', 'whats'],
    also: ['use'],
    re: /\buse (?:my|the) (?:[\w-]+ ){0,2}?(e-?mail|mobile|cell|landline|whats ?app|number)(?: address| number)?(?: on (?:my|the) account| on file)?(?=[^.!?\n]{0,40}\b(?:reach|contact|for (?:anything|updates|this|the)|not|instead|rather|updates?)\b|\s*[.!,]|\s*$)/gi,
    pick: (m) => (/^number$/i.test(m[1] ?? '') ? 'phone' : channelOfWord(m[1] ?? '')),
    guard: 'self',
  },
  // voicemail: "my number is five five five…", "call me back on oh seven seven…"
  {
    need: ['call', 'ring', 'cell', 'mobile', 'number', 'reach'],
    also: [
      'my number',
      'my mobile',
      'my cell',
      'my phone',
      'call me',
      'ring me',
      'reach me',
      'number to call',
    ],
    re: new RegExp(
      String.raw`\b(?:my (?:number|mobile|cell|phone number)(?: is|'s)|(?:call|ring|reach) me(?: back)? (?:on|at)|number to call is)\s+${SPOKEN_NUM}`,
      'gi',
    ),
    channel: 'phone',
  },
  { need: ['wa.me', 'wa me'], re: /\bwa(?:\.me| me)\b/gi, channel: 'social' },
  // "Use the chat please", "answer in this window", "message me through your website"
  {
    need: ['chat'],
    re: /\buse (?:the|your) (?:website |web |live |online |site )?chat\b(?! (?:widget|button|page|window|feature|link|icon|box)\b)/gi,
    channel: 'here',
    guard: 'self',
  },
  {
    need: ['chat', 'window', 'page', 'site', 'portal', 'box'],
    re: /\b(?:reply|respond|answer|message|msg|write|tell|put|type|chat|talk|continue)\b((?:(?!\b(?:when|where|what|how|why|whether|if|is|are|was)\b)[^.!?\n,;]){0,30}?)\b(?:in|on|via|through|into) (?:this (?:website |web |live |online |site )?(?:chat ?box|chat window|window|page|box|site|website|portal)|(?:the|your) (?:website|site|portal|web ?chat|chat ?box|chat window))\b(?=\s*(?:[.!?,;:)\n]|$|pl[sz]\b|please|instead|too\b|if\b|so\b|and\b|as well|i'?m|i am|i'?ll|thanks))/gi,
    channel: 'here',
    guard: 'report',
  },
  // "reply to the address below", "send it to the email I registered with", "call me on the number below"
  {
    need: ['mail', 'address'],
    also: [
      ' below',
      ' above',
      ' in my signature',
      ' on file',
      ' on my account',
      ' on the account',
      ' i registered with',
      ' i signed up with',
      ' i ordered with',
      ' i booked with',
      ' i gave you',
      ' i used',
    ],
    re: /\b(?:to|at|on|use) (?:the|my) (?:(e-?mail(?: address)?)|address) (?:below|above|in my signature|on file|on (?:my|the) account|i (?:registered|signed up|ordered|booked) with|i gave you|i used)\b/gi,
    pick: (m) =>
      m[1] ||
      /\b(?:reply|respond|write|get back|answer|e-?mail)\b[^.!?\n]{0,30}$/i.test(m.input.slice(0, m.index))
        ? 'email'
        : undefined,
    guard: 'self',
  },
  {
    need: ['phon', 'cell', 'mobile', 'number'],
    re: /\b(call|ring|text|txt|phone|reach|contact)(?: me| us)?(?: on| at)? (?:the|my) (?:number|mobile|cell|phone(?: number)?) (?:below|above|in my signature|on file|on (?:my|the) account|i gave you|i left)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? '') ?? 'phone',
    guard: 'self',
  },
  // idioms: "ping me an email", "fire me a text", "pop over an email", "giving me a call"
  {
    need: ['mail', 'text', 'txt', 'sms', 'dm', 'whats'],
    also: ['send', 'drop', 'shoot', 'fire', 'firing', 'ping', 'pop', 'flick', 'bung'],
    re: /\b(?:send|sending|drop|dropping|shoot|shooting|fire|firing|ping|pinging|pop|popping|flick|bung)(?: (?:me|us))?(?: over| across| through)? an? (?:quick |short )?(text message|e-?mail|text|txt|sms|whats ?app|dm)\b(?! to (?!me\b|us\b|my\b|this\b|\+?\d))(?! (?:that says|saying)\b)/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
    guard: 'self',
  },
  {
    need: ['phon', 'blower'],
    re: /(?<!\b(?:i|i'll|i will|i'd|i'm going to|i need to|i have to)\s)\b(?:hop|jump|get) on the (?:phone|blower)\b(?! (?:to|with) (?:the|your|my|them|him|her)\b)/gi,
    channel: 'phone',
  },
  // "feel free to ring whenever", "if you want to call", "you can text" (not "you can call it…")
  {
    need: ['call', 'ring', 'phon', 'mail', 'text', 'txt', 'whats'],
    also: ['free to', 'welcome to', 'if you', 'u can', 'u may', 'happy for you'],
    re: /\b(?:feel free to|free to|welcome to|if you (?:want|need|wish|like|prefer) to|you can|you may|u can|happy for you to) (call|ring|phone|text|txt|e-?mail|whats ?app)\b(?! (?:the|your|our|a|an|another|customer|support|them|him|her|it|that|this|yourself|back to)\b)/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  {
    need: ['writ'],
    re: /\bwrite (?:me|us)\b(?! (?:a|an) (?:review|check|cheque|letter|note|poem|song)\b)/gi,
    channel: 'email',
  },
  // apps as verbs: "Viber me", "LINE me", "Skype me", "Snap me"; FaceTime is a call
  {
    need: ['insta', 'ig', 'messenger', 'line', 'skype', 'viber', 'snap', 'kakao', 'kik'],
    re: /\b(?:snap|snapchat|viber|signal|skype|line|kakao|kik|insta|ig|messenger)(?: me| us)\b(?! up\b)/gi,
    channel: 'social',
  },
  { need: ['face'], re: /\bface ?time (?:me|us)\b/gi, channel: 'phone' },
  // "I look forward to your call", "waiting for your email" (the channel the customer expects)
  {
    need: ['call', 'mail', 'text'],
    also: ['wait', 'look', 'expect'],
    re: /(?<!\b(?:was|were|been)\s)\b(?:wait(?:ing)? for|look(?:ing)? forward to|expect(?:ing)?|await(?:ing)?)(?: (?:your (phone call|call ?back|call|e-?mail|text)|an? (phone call|call ?back|call|e-?mail|text)(?: back)? from you))\b/gi,
    pick: (m) => channelOfWord(m[1] ?? m[2] ?? ''),
  },
  // "switch me to email receipts", "sign me up for text reminders"
  {
    need: ['mail', 'text', 'sms', 'whats'],
    also: ['switch', 'move', 'sign', 'put', 'set', 'change'],
    re: /\b(?:switch|move|sign|put|set|change) (?:me|us|my account)(?: up| over| back)? (?:to|for|on) (e-?mail|text|sms|whats ?app)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  // "so text rather than call", "please use email for now"
  {
    need: ['call', 'ring', 'mail', 'text', 'txt', 'whats'],
    also: ['rather than', 'instead', ' not'],
    re: /(?:^|(?<=[,;.:\n—–-]\s*)|(?<=\b(?:so|just|please|pls)\s+))(text|txt|e-?mail|call|ring|whats ?app)(?: (?:me|us))? (?:rather than|instead of|not|instead)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
  },
  {
    need: ['phon', 'mail', 'text', 'sms', 'whats'],
    also: ['please use', 'pls use', 'just use', 'can you use', 'could you use'],
    re: /\b(?:please|pls|just|can you|could you) use (e-?mail|texts?|text messages?|sms|whats ?app|the phone|phone)\b(?! (?:address|number|to log|app)\b)/gi,
    pick: (m) => channelOfWord((m[1] ?? '').replace(/^the /i, '')),
  },
  // links that open a chat app: wa.me/…, t.me/…, m.me/…
  { need: ['.me/'], re: /\b(?:wa|t|m)\.me\/[\w.+-]+/gi, channel: 'social' },
  // "txt it again?", "email it again pls", "email that over"
  {
    need: ['mail', 'text', 'txt', 'sms', 'whats'],
    also: ['again', 'over', 'across', 'through', 'back'],
    re: /\b(text|txt|sms|e-?mail|whats ?app)(?: me)? (?:it|them|that|this|the (?:code|link|invoice|receipt|details|form))(?: to me)? (?:again|over|across|through|back)\b/gi,
    pick: (m) => channelOfWord(m[1] ?? ''),
    guard: 'self',
  },
  // "just reply here in DMs", "answer me in the DMs", "reply in DM please": the DMs are the channel,
  // so this (longer) ask wins over the "reply here" it starts with
  {
    need: ['messag', 'dm', 'pm'],
    re: /\b(?:reply|respond|answer|message|msg|write|talk|chat|continue|get back(?: to)?|contact|tell|let (?:me|us) know|ping|hit (?:me|us) up|keep (?:me|us) (?:posted|updated))(?: to)?(?: me| us)?(?: (?:right |just )?here)? (?:in|into|via|over|through|by|on) (?:the |my |your |our |a )?(?:dms?|direct messages?|pms?|private messages?)\b|(?<!\b(?:a|the|any|no|your|my|their)\s)\b(?:reply|respond|answer) to (?:my|our) (?:dms?|direct messages?|pms?|private messages?)\b/gi,
    channel: 'social',
    guard: 'report',
  },
  // chat: "chat back when you know", "I'll stay on the chat"
  { need: ['chat'], re: /\bchat (?:me )?back\b/gi, channel: 'here' },
  {
    need: ['line', 'chat', 'here'],
    re: /\b(?:i'?ll|i will|i'?m|i am) (?:stay|staying|be|remain|remaining)(?: here)? (?:online|on (?:the |this )?chat|on here)\b/gi,
    channel: 'here',
  },
];
