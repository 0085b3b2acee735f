/**
 * Finds the remembered answer to a new question: same language only, then TF-IDF cosine over
 * the question text (each answer's questions together), weighed by whether the intents agree.
 * The threshold is the share of similarity a match must reach (see the drafts benchmark).
 */
import type { Intent } from '../model.js';
import type { RememberedAnswer } from './record.js';
import { questionTokens, TfIdf } from './similarity.js';

/**
 * Below this a remembered answer is not offered; calibrated on the drafts benchmark's dev split
 * (scripts/bench-drafts). Chinese questions are short and their character bigrams many, so the
 * same question scores lower there.
 */
export const DEFAULT_ANSWER_THRESHOLD = 0.4;
export const DEFAULT_ANSWER_THRESHOLD_ZH = 0.25;
/** Another intent is weaker evidence of the same question, not a veto (the model errs). */
const OTHER_INTENT_WEIGHT = 0.7;

export interface AnswerQuestion {
  text: string;
  language: string;
  intent: Intent;
}

export interface AnswerMatch {
  answer: RememberedAnswer;
  score: number;
}

export function matchAnswer(
  answers: readonly RememberedAnswer[],
  question: AnswerQuestion,
  threshold = question.language === 'zh' ? DEFAULT_ANSWER_THRESHOLD_ZH : DEFAULT_ANSWER_THRESHOLD,
): AnswerMatch | undefined {
  const pool = answers.filter((a) => a.language === question.language);
  if (!pool.length) return undefined;
  const tokens = questionTokens(question.text);
  if (!tokens.length) return undefined;
  const index = new TfIdf(pool.map((a) => a.questions.flatMap(questionTokens)));
  let best: AnswerMatch | undefined;
  pool.forEach((answer, i) => {
    const weight = answer.intent === question.intent ? 1 : OTHER_INTENT_WEIGHT;
    const score = index.cosine(tokens, i) * weight;
    // Ties go to the newer answer: the owner's latest word on the question.
    if (!best || score >= best.score) best = { answer, score };
  });
  return best && best.score >= threshold ? best : undefined;
}
