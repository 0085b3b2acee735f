/**
 * Strips what every kind of message carries whatever it is about — greetings, sign-offs,
 * signatures, voicemail fillers, "call me back on …" — before the intent model sees the text.
 *
 * Why: the out-of-scope data (CLINC/HWU assistant commands) is full of "hello", "call mum",
 * "email …", "text …", so on their own those words pull a real enquiry towards `other`. The
 * channel a customer asks for is detected separately (requested-channel.ts, on the raw text);
 * for the intent it is noise. The trainer and the classifier call the same function (through
 * featurize), and when stripping would leave nothing the text is kept as it is ("hello" alone
 * is a greeting, and that is its intent).
 */

/** Signature blocks and device footers: everything from here on is dropped. */
const SIGNATURE =
  /(?:^|\n)[ \t]*(?:--+|__+|sent from my \w+|sent from (?:outlook|yahoo mail|mail for windows)|get outlook for \w+|发自我的\S*)[^]*$/i;

/** Words that start content, not a name ("Thanks for …", "Hi is it …"). */
const NOT_A_NAME =
  "(?!(?:for|to|so|you|your|the|a|an|it|its|it's|this|that|all|very|much|in|on|with|and|but|i|i'm|im|we|my|is|are|do|does|did|can|could|would|will|just|how|what|when|where|why|who|yes|yeah|any|quick|please|pls|again)\\b)";

/** A sign-off (a line, or the end of a one-line message: "Kind regards,", "Thanks again!", "Cheers, Tom", "祝好") and up to 4 short lines after it. */
const SIGN_OFF = new RegExp(
  '(?:\\n[ \\t]*|(?<=[.!?)])[ \\t]+)(?:(?:(?:many |thanks? |kind |best |warm |warmest |with )?(?:thanks|thank you|thx|cheers|regards|wishes|best|sincerely|faithfully|all the best|take care)(?: (?:so |very )?much)?(?: in advance| again)?|yours(?: truly| sincerely| faithfully)?)[ \\t]*[,.!]*(?:[ \\t]+' +
    NOT_A_NAME +
    "[\\p{L}.'()&-]+){0,4}|谢谢[^\\n]{0,3}|祝好[^\\n]{0,3}|此致[^\\n]*)[ \\t]*[,.!]*(?:\\n[^\\n]{0,60}){0,4}\\s*$",
  'iu',
);

/** An opening greeting: "Hi,", "Hello team —", "Dear Sir/Madam,", "Good morning!", "hi can u …", "你好，". */
const GREETING = new RegExp(
  '^\\s*(?:(?:hi|hello|hey|hiya|howdy|greetings|dear|good (?:morning|afternoon|evening)|morning|afternoon|evening|to whom it may concern)\\b(?:[ \\t]+' +
    NOT_A_NAME +
    "[\\p{L}/.'-]+){0,3}[ \\t]*[,.!:;—–-]+|(?:hi|hello|hey|hiya)(?: there| all| guys| team)?\\s+(?=\\S)|(?:你好|您好|哈喽|亲|在吗|老板)[，,！!。~～\\s]+)",
  'iu',
);

/** Voicemail and chat fillers: "um", "uh", "erm". */
const FILLERS = /\b(?:u+m+|u+h+m*|e+r+m+|hmm+|ah+)\b[,.]?/gi;

/**
 * Who is calling, at the start: "yeah hi it's Dave from the garage", "this is Maria calling",
 * "Hi, it's Kev." Case-sensitive on purpose: a capitalised name, or a name followed by calling/here/from
 * ("it's broken" stays).
 */
const CALLER =
  /^[\s,.]*(?:(?:[Yy]es|[Yy]eah|[Hh]i|[Hh]ello|[Hh]ey|[Oo]h|[Oo]k|[Gg]ood (?:morning|afternoon|evening))[\s,.!]+)*(?:[Tt]his is|[Ii]t'?s|[Ii]t is|[Mm]y name is)\s+(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b(?:\s+(?:calling|here|speaking|from (?:the )?[A-Za-z]+(?:\s+[A-Z][A-Za-z&']*){0,3}))?|[a-z]+\s+(?:calling|here|speaking|from (?:the )?[a-z]+))[\s,.]*/;

/** Explicit requests for a reply channel ("can you call me back on 555…", "reply by email please", "text me"). */
const CHANNEL_REQUEST =
  /\b(?:(?:can|could|would|will) (?:you|someone|somebody|u) (?:please |pls |plz )?)?(?:please |pls |plz )?(?:(?:give me|gimme) a (?:call|ring|bell)(?: back)?|(?:call|ring|phone) me(?: back)?|(?:reply|respond|answer|get back to me)(?: to me)? (?:by|via|over|on) (?:e-?mail|text|sms|phone|whatsapp)|(?:e-?mail|text|message|dm|whatsapp) (?:me|it to me|them to me|this to me))\b(?: (?:back|please|pls|asap|when you can|when you get this))*(?:,? (?:on|at) \+?\d[\d ()-]{5,}\d)?/gi;

/** A closing "thanks" / "thank you bye" (voicemails and SMS end with it). */
const TRAILING_THANKS =
  /(?<=\S)(?:[,.!?;]\s*|\s+)(?:(?:ok(?:ay)? )?(?:thanks|thank you|thx|ty|cheers)(?: (?:so |very )?much)?(?: in advance| again)?(?:[,.!]*\s*(?:bye|bye bye))?|bye(?: bye)?)[\s.!]*$/i;
/** …unless the thanks is the message ("just wanted to say thank you", "so thank you very much"). */
const THANKS_IS_CONTENT =
  /\b(?:say|said|saying|a|big|huge|massive|many|to|so|and|just|really|my|our|your|all|pass on)\s*$/i;

/** "…，谢谢！" closing a Chinese message. */
const ZH_THANKS = /(?<=[，,。！!？?～~])\s*(?:谢谢|多谢|感谢)(?:您|你|了|啦|哈)?[！!。~～]*\s*$/u;

/** Chinese fillers and who is calling at the start: "喂，那个，", "嗯你好我是陈女士，". */
const ZH_OPENING =
  /^(?:\s*(?:[喂嗯呃额哦啊诶]+|那个|就是|你好|您好|哈喽|我是\p{Script=Han}{1,2}(?:先生|女士|小姐|太太|阿姨|老师))[，,。、~～!！\s]*)+/u;
/** Chinese requests for a reply channel ("方便的话来个电话", "看到了回我个电话", "加个微信"). */
const ZH_CHANNEL_REQUEST =
  /(?<!说好|答应|说要|承诺|说会|答应过|给我|帮我)(?:看到了?|方便的话|方便时|有空|有问题|麻烦|请|能不能|能否|可以)?(?:给我|帮我)?(?:回|打|来)(?:我)?(?:个|一个|一下)?电话(?:给我|过来)?(?:聊聊|说说|详细说说|沟通)?|(?:请|麻烦)?(?:有问题)?打给我|(?:能不能|可以)?电话里(?:教我一下|教我|说|聊)|(?:加|添加)(?:个|一下)?(?:我的?)?微信|(?:请|麻烦)?发(?:个)?(?:邮件|短信)(?:给我|到我的?邮箱)|(?:请|麻烦|尽快)?(?:用|发)?(?:短信|微信|邮件)(?:回复|告诉|通知)我/gu;

/**
 * A phone number given for the reply ("手机号13720001234", "my cell is 555 340 1298", "I'm on
 * 07700 900123"): the words around it would otherwise read as an account change.
 */
const PHONE_GIVEN =
  /(?:(?:我的)?(?:手机号码?|手机|电话号码?|电话|联系方式|号码)(?:是|为)?[:：]?\s*|\b(?:my|the)\s+(?:cell|mobile|phone|number|phone number|cell number|mobile number)(?:\s+(?:number|no\.?))?\s+(?:is|it's)\s+|\b(?:i'm|i am|im)\s+on\s+)\+?\d[\d ()-]{6,}\d/giu;

/** Quoted history under a reply ("On Mon, 3 May, Ann wrote:", "> …", "-----Original Message-----"). */
const QUOTED =
  /\n[ \t]*(?:On [^\n]{4,120} wrote:|-{2,}\s*Original Message\s*-{2,}|From: [^\n]+\n(?:Sent|Date): )[^]*$/i;
const QUOTE_LINES = /^[ \t]*>[^\n]*$/gm;

function keepIfEmpty(stripped: string, before: string): string {
  // Nothing stripped (replace returns its subject itself when nothing matched): either way the same.
  if (stripped === before) return before;
  return /[\p{L}\p{N}]/u.test(stripped) ? stripped : before;
}

/**
 * Cheap tests that must pass for the costly patterns to match at all (issue 21: each of these is
 * tried at every position of every message). PHONE_GIVEN ends in `\+?\d[\d ()-]{6,}\d`, which
 * contains a substring of PHONE_DIGITS; every alternative of ZH_CHANNEL_REQUEST contains one of
 * ZH_CHANNEL_WORDS (电话, 打给我, 微信, 邮件 or 短信). Keep them in step with the patterns.
 */
const PHONE_DIGITS = /\d[\d ()-]{6,}\d/;
const ZH_CHANNEL_WORDS = /电话|打给我|微信|邮件|短信/;

/** "Voicemail transcript:" and the like, put in front by a phone system or a person. */
const LABEL =
  /^\s*(?:voicemail|voice mail|transcript|voicemail transcript|missed call|sms|text message)\s*(?:transcript)?\s*[:：-]\s*/i;

export function stripBoilerplate(text: string): string {
  let t = text.replace(LABEL, '');
  t = keepIfEmpty(t.replace(QUOTED, '').replace(QUOTE_LINES, ''), t);
  if (PHONE_DIGITS.test(t)) t = keepIfEmpty(t.replace(PHONE_GIVEN, ' '), t);
  let next = t.replace(SIGNATURE, '');
  t = keepIfEmpty(next, t);
  next = t.replace(SIGN_OFF, '');
  t = keepIfEmpty(next, t);
  next = t.replace(GREETING, '');
  t = keepIfEmpty(next, t);
  if (/\p{Script=Han}/u.test(t)) {
    t = keepIfEmpty(t.replace(ZH_THANKS, ''), t);
    const opened = t.replace(ZH_OPENING, '');
    t = keepIfEmpty(ZH_CHANNEL_WORDS.test(opened) ? opened.replace(ZH_CHANNEL_REQUEST, '') : opened, t);
  }
  if (/[a-z]/i.test(t)) {
    next = t.replace(FILLERS, ' ').replace(CALLER, ' ').replace(CHANNEL_REQUEST, ' ');
    t = keepIfEmpty(next, t);
    // "thanks" that closes a request, not a message that is all thanks ("thank you so much!").
    next = t.replace(TRAILING_THANKS, '');
    // (Tested only when a closing thanks was found: otherwise `next` is `t`, and so is the result.)
    if (next !== t && /[\p{L}\p{N}]{3}.*\s\S/su.test(next) && !THANKS_IS_CONTENT.test(next)) t = next;
  }
  return t;
}
