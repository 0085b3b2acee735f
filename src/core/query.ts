/**
 * The article's `/query` answer: classify the text, draft a reply shaped for the channel we
 * recommend, and say which channel will answer ("我们已发送电子邮件回复给您。").
 */
import { DRAFT_CHANNEL_FOR, replyLanguage, type Classification } from './model.js';
import type { Classifier, Drafter } from './ports.js';

export interface QueryAnswer {
  classification: Classification;
  reply: string;
  message: string;
}

export type AnswerQuery = (text: string) => Promise<QueryAnswer>;

export async function answerQuery(
  nlp: { classifier: Classifier; drafter: Drafter },
  text: string,
): Promise<QueryAnswer> {
  const classification = await nlp.classifier.classify(text);
  const channel = DRAFT_CHANNEL_FOR[classification.recommendedChannel];
  const [draft, message] = await Promise.all([
    nlp.drafter.draft({ text, classification, channel }),
    nlp.drafter.channelMessage(classification.recommendedChannel, replyLanguage(classification)),
  ]);
  return { classification, reply: draft.text, message };
}
