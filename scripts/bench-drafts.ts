/**
 * `npm run bench:drafts`: replays the data set in scripts/bench-drafts/topics.ts in time order.
 * First "the owner" answers each topic's first question (edits the draft into their answer and
 * taps Remember); then the later questions — paraphrases and fresh ones — are drafted, once
 * without learning (templates + the sample knowledge base, the baseline) and once with the
 * remembered answers (the same code the pipeline runs: src/core/answers). Reports, for the dev
 * and the held-out part separately:
 *   facts carried   — drafts containing every exact fact string of the owner's answer
 *   sent as drafted — drafts whose word similarity to the owner's answer is ≥ SENT_THRESHOLD
 *   false use       — a remembered answer offered to a question it does not answer
 */
import { fillBlanks, suggestBlanks } from '../src/core/answers/blanks.js';
import { matchAnswer } from '../src/core/answers/match.js';
import type { RememberedAnswer } from '../src/core/answers/record.js';
import { createClassifier, createDrafter } from '../src/nlp/index.js';
import { FRESH, HELD_OUT, TOPICS } from './bench-drafts/topics.js';

/** Word/bigram Dice similarity a draft needs to the owner's answer to count as sent as drafted. */
const SENT_THRESHOLD = 0.8;

const classifier = createClassifier();
const drafter = createDrafter({});
const day = new Date(Date.UTC(2026, 11, 3));

function dice(a: string, b: string): number {
  const grams = (s: string) => {
    const lower = s.toLowerCase();
    const words = lower.match(/[a-z0-9$]+/g) ?? [];
    const han = [...(lower.match(/[\u3400-\u9fff0-9]/g) ?? [])];
    const bigrams = han.slice(0, -1).map((c, i) => c + han[i + 1]);
    return new Set([...words, ...bigrams]);
  };
  const x = grams(a);
  const y = grams(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

async function draftFor(text: string, answers: RememberedAnswer[] | undefined) {
  const c = await classifier.classify(text);
  const language = c.language === 'zh' ? 'zh' : 'en';
  const match = answers && matchAnswer(answers, { text, language, intent: c.intent });
  if (match)
    return {
      text: fillBlanks(match.answer.text, c.entities, undefined, language),
      answerId: match.answer.id,
    };
  const d = await drafter.draft({ text, classification: c, channel: 'webchat' });
  return { text: d.text, answerId: undefined };
}

// 1. The early part: the owner answers each first question and remembers the answer.
const remembered: RememberedAnswer[] = [];
for (const topic of TOPICS) {
  const c = await classifier.classify(topic.first);
  remembered.push({
    id: topic.id,
    language: topic.language,
    intent: c.intent,
    questions: [topic.first],
    text: suggestBlanks(topic.answer, c.entities, undefined, topic.language),
    draftId: `${topic.id}-d`,
    customerId: topic.id,
    answeredAt: day,
    createdAt: day,
    updatedAt: day,
  });
}

// 2. The later part, drafted before and after learning.
type Tally = { n: number; facts: number; sent: number; falseUse: number; fresh: number; freshFalse: number };
const empty = (): Tally => ({ n: 0, facts: 0, sent: 0, falseUse: 0, fresh: 0, freshFalse: 0 });
const tallies = { before: { dev: empty(), held: empty() }, after: { dev: empty(), held: empty() } };

for (const [phase, answers] of [
  ['before', undefined],
  ['after', remembered],
] as const) {
  for (const [i, topic] of TOPICS.entries()) {
    const part = HELD_OUT(topic.id, i) ? 'held' : 'dev';
    const t = tallies[phase][part];
    for (const q of topic.later) {
      const d = await draftFor(q, answers);
      t.n++;
      if (topic.facts.every((f) => d.text.includes(f))) t.facts++;
      if (dice(d.text, topic.answer) >= SENT_THRESHOLD) t.sent++;
      if (d.answerId && d.answerId !== topic.id) t.falseUse++;
    }
  }
  for (const [i, q] of FRESH.entries()) {
    const t = tallies[phase][HELD_OUT(q.text, i) ? 'held' : 'dev'];
    const d = await draftFor(q.text, answers);
    t.fresh++;
    if (d.answerId) t.freshFalse++;
  }
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
const conversations = TOPICS.reduce((a, t) => a + 1 + t.later.length, 0) + FRESH.length;
console.log(
  `bench:drafts — ${conversations} conversations (${TOPICS.length} topics, ${FRESH.length} fresh questions; en + zh)`,
);
console.log(`sent as drafted: word/bigram Dice similarity to the owner's answer ≥ ${SENT_THRESHOLD}`);
console.log('held out of tuning: every third topic and every third fresh question (index % 3 = 2)\n');
for (const part of ['dev', 'held'] as const) {
  for (const phase of ['before', 'after'] as const) {
    const t = tallies[phase][part];
    const offered = t.n + t.fresh;
    console.log(
      `${part === 'dev' ? 'dev     ' : 'held-out'} ${phase.padEnd(6)}  paraphrases ${String(t.n).padStart(3)}  facts carried ${pct(t.facts, t.n).padStart(6)}  sent as drafted ${pct(t.sent, t.n).padStart(6)}  false use ${pct(t.falseUse + t.freshFalse, offered).padStart(5)} (wrong answer ${t.falseUse}, fresh given an answer ${t.freshFalse}/${t.fresh})`,
    );
  }
}
