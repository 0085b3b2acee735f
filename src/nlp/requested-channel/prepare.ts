/** The text the requested-channel rules read, and the cheap test before any of them. */
import { toSimplified } from '../traditional.js';
import { cantoneseToMandarin } from './zh-rules.js';
import { regionalToMandarin, withoutMixedSpaces } from './zh-regional.js';

/** Han text: what the regional and Cantonese maps and the Chinese rules read. */
const HAN = /\p{Script=Han}/u;

/**
 * Every rule needs one of these stems; most messages have none, and skipping ~60 regexes for
 * them keeps the classifier fast. A superset on purpose: add a stem with any new trigger word.
 */
export const MAY_ASK =
  /call|ring|phon|buzz|bell|tinkle|cell|mobil|landline|number|line|reach|contact|mail|emal|emial|eamil|inbox|writ|text|txt|sms|messag|msg|messeng|dm|repl|respond|answer|ans\b|wa\b|snap|viber|skype|face ?time|\.me\/|online|blower|window|page|site|box|portal|type|say|use the|pm\b|whats|wechat|we chat|telegram|insta|ig\b|facebook|fb\b|twitter|signal|discord|chat|here|@|\d{3}|try (?:me|us)|avail|prefer|talk|speak|电|手机|号|邮|短信|私|微信|qq|这|聊|窗口|对话|网页|网站|页面|本邮|打字|文字|签名|下面|上面|私我|扣我|邮我|v我|vx|wx|信息|消息|线|座机|语音|打|拨|客服|找我|hmu/i;

/**
 * A reply quotes our own earlier message ("> please call us on 0800…", "On Mon, Support wrote:",
 * "在…写道："), and a corporate email ends with a signature ("-- ") and a disclaimer ("If you have
 * received this email in error, please notify the sender by phone…", 免责声明): none of it is the
 * customer asking for a channel now.
 */
const QUOTE_START =
  /\n[ \t]*(?:On\b[^\n]{0,120}\bwrote:|-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}|From:[^\n]*\n(?:Sent|Date):|在[^\n]{0,80}写道[:：]|--[ \t]*\n)|(?:CONFIDENTIALITY NOTICE|DISCLAIMER|This (?:e-?mail|message)(?: and any (?:attachments|files)(?: transmitted with it)?)? (?:is|are|may be|contains?) (?:strictly )?(?:confidential|privileged|intended)|If you (?:are not the intended recipient|have received this (?:e-?mail|message) in error)|免责声明|保密声明|本邮件(?:及其附件)?(?:仅|含有|包含|可能)|如果您(?:误收|不是(?:本邮件的)?(?:指定)?收件人))/i;
function withoutQuotedReply(raw: string): string {
  const cut = raw.search(QUOTE_START);
  const own = cut >= 0 ? raw.slice(0, cut) : raw;
  return own.includes('\n>') ? own.replace(/^[ \t]*>.*$/gm, '') : own;
}

/** "📞 me", "✉️ me the invoice": the emoji stands for the verb. */
const EMOJI = /📞|☎️?|📱|✉️?|📧|📩|💬/gu;
const EMOJI_WORD: Record<string, string> = {
  '📞': 'call',
  '☎️': 'call',
  '☎': 'call',
  '📱': 'call',
  '✉️': 'email',
  '✉': 'email',
  '📧': 'email',
  '📩': 'email',
  '💬': 'message',
};

/**
 * The message without quoted replies and signatures, NFKC-normalised, emoji read as words, in
 * Simplified Chinese with the regional and Cantonese words mapped; `han` when it holds Han text.
 */
export function prepareRequestText(raw: string): { text: string; han: boolean } {
  const simplified = toSimplified(
    withoutQuotedReply(raw)
      .normalize('NFKC')
      .replace(EMOJI, (e) => EMOJI_WORD[e] ?? e),
  );
  const han = HAN.test(simplified);
  // The regional and Cantonese maps (some 30 replace passes) only rewrite Han text: every one of
  // their patterns needs a Han character, so a message without one (half of all) skips them.
  const text = han ? cantoneseToMandarin(regionalToMandarin(withoutMixedSpaces(simplified))) : simplified;
  return { text, han };
}
