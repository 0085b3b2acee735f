/**
 * recommendedChannel + reason, the article's rule: an explicit request wins; otherwise
 * complex matters go to phone (urgent) or email, simple ones to chat/social (or the quick
 * channel they came on); otherwise the channel the message came from.
 */
import {
  CONTACT_CHANNEL_OF,
  type Channel,
  type ContactChannel,
  type Intent,
  type RequestedChannel,
  type Sentiment,
  type Urgency,
} from '../core/model.js';
import { explainRecommendation, type RecommendReason } from '../core/recommend-reason.js';

const COMPLEX_INTENTS: Intent[] = ['complaint', 'technical_issue', 'billing_payment', 'refund_return'];
const SIMPLE_INTENTS: Intent[] = ['order', 'shipping', 'pricing_presales', 'feedback_praise', 'account'];

export interface RecommendInput {
  text: string;
  intent: Intent;
  urgency: Urgency;
  sentiment: Sentiment;
  requested: RequestedChannel;
  origin?: Channel;
  /** The customer asked for a document by email ("email me the invoice"): no request, email recommended. */
  documentByEmail?: boolean;
}

/**
 * A rough measure of how much a reply must carry: length in words (a Han character ≈ ½ word):
 * the words are the runs of characters that are neither white space (`\s`) nor Han.
 */
export function messageSize(text: string): number {
  // Text with no character from U+2E80 on (where Han and the rest of CJK start) has no Han: count
  // its words in one pass. `\s` below U+2E80 is exactly these (U+3000 and U+FEFF lie above).
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x2e80) return hanAwareSize(text);
    const space =
      c === 32 ||
      (c >= 9 && c <= 13) ||
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words;
}

function hanAwareSize(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/[^\s\p{Script=Han}]+/gu)?.length ?? 0;
  return words + han / 2;
}

export interface Recommendation {
  channel: ContactChannel;
  /** Why, as data: each console words it in its owner's language. */
  why: RecommendReason;
  /** The same in English (`/query`, the classify script). */
  reason: string;
}

function decide(input: RecommendInput): { channel: ContactChannel; why: RecommendReason } {
  const { intent, urgency, sentiment, requested, origin } = input;
  const from = origin ? CONTACT_CHANNEL_OF[origin] : undefined;
  if (requested !== 'none') return { channel: requested, why: { kind: 'requested', channel: requested } };
  // PRODUCT.md: a document asked for by email is no channel request, "but email is then the recommended channel".
  if (input.documentByEmail) return { channel: 'email', why: { kind: 'document_email' } };

  const words = messageSize(input.text);
  const questions = input.text.match(/[?？]/g)?.length ?? 0;
  const complex =
    words > 90 ||
    questions >= 3 ||
    (COMPLEX_INTENTS.includes(intent) && (words > 25 || urgency === 'high' || sentiment === 'negative'));
  if (complex) {
    if (urgency === 'high') return { channel: 'phone', why: { kind: 'complex_urgent', intent } };
    return { channel: 'email', why: { kind: 'complex', intent, words: Math.round(words) } };
  }
  const simple = words <= 40 && (SIMPLE_INTENTS.includes(intent) || intent === 'other' || urgency === 'low');
  if (simple) {
    if (from === 'chat' || from === 'social' || from === 'sms')
      return { channel: from, why: { kind: 'simple_origin', intent, channel: from } };
    if (!from) return { channel: 'chat', why: { kind: 'simple_chat', intent } };
  }
  if (from) return { channel: from, why: { kind: 'origin', channel: from } };
  return { channel: 'email', why: { kind: 'default' } };
}

export function recommendChannel(input: RecommendInput): Recommendation {
  const { channel, why } = decide(input);
  return { channel, why, reason: explainRecommendation(why, 'en') };
}
