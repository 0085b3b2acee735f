/**
 * The article's `/query` answer: classify the text, draft a reply shaped for the channel we
 * recommend, and say which channel will answer ("我们已发送电子邮件回复给您。").
 */
import { classificationOutput, DRAFT_CHANNEL_FOR, replyLanguage, type Classification } from './model.js';
import type { Classifier, Drafter } from './ports.js';

export interface QueryAnswer {
  classification: Classification;
  reply: string;
  message: string;
}

export type AnswerQuery = (text: string) => Promise<QueryAnswer>;

/** POST /query's 200 body, as JSON text (see queryBody). */
export type AnswerQueryBody = (text: string) => Promise<string>;

/**
 * The JSON that POST /query answers. Built where the answer is computed — on the NLP worker
 * when it runs — so the desk's thread passes a string on instead of copying the whole
 * classification (with its `why`, which /query does not show) across threads and serialising it.
 */
export function queryBody(answer: QueryAnswer): string {
  return JSON.stringify({
    ...classificationOutput(answer.classification),
    reply: answer.reply,
    message: answer.message,
  });
}

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
