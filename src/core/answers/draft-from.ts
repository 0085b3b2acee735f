/**
 * The pipeline's first try at a draft: the owner's remembered answer to a similar question in
 * the same language, its blanks re-filled from the new message. Runs on the event loop against
 * the store (the answers live there; the NLP worker never sees them), before the drafter.
 */
import type { Classification, Customer, DraftBasis, Message } from '../model.js';
import type { Store } from '../ports.js';
import { fillBlanks } from './blanks.js';
import { matchAnswer } from './match.js';

export interface AnswerDraft {
  text: string;
  language: string;
  basis: DraftBasis;
}

export async function draftFromAnswers(
  store: Store,
  message: Message,
  customer: Customer,
  classification: Classification,
  threshold?: number,
): Promise<AnswerDraft | undefined> {
  const language = classification.language !== 'und' ? classification.language : customer.language;
  if (!language) return undefined;
  const answers = await store.listAnswers(language);
  if (!answers.length) return undefined;
  const match = matchAnswer(
    answers,
    { text: message.text, language, intent: classification.intent },
    threshold,
  );
  if (!match) return undefined;
  const { answer, score } = match;
  return {
    text: fillBlanks(answer.text, classification.entities, customer.name, language),
    language,
    basis: {
      answerId: answer.id,
      answeredAt: answer.answeredAt,
      customerId: answer.customerId,
      draftId: answer.draftId,
      score: Math.round(score * 1000) / 1000,
    },
  };
}
