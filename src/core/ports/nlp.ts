/** What the pipeline asks of the classifier and the drafter (src/nlp). */
import type { Channel, Classification } from '../model.js';

/**
 * The NLP may answer at once (in-process) or later (from a worker thread, so classifying
 * never blocks the event loop that acknowledges webhooks).
 */
export type Awaitable<T> = T | Promise<T>;

export interface ClassifyContext {
  channel?: Channel;
  /** The customer's last known language: short or ambiguous text falls back to it. */
  customerLanguage?: string;
}

export interface Classifier {
  classify(text: string, context?: ClassifyContext): Awaitable<Classification>;
}

export interface DraftInput {
  text: string;
  classification: Classification;
  /** The channel the reply goes out on: decides length and tone. */
  channel: Channel;
  customerName?: string;
  subject?: string;
}

export interface DraftOutput {
  text: string;
  language: string;
  /** Where the draft came from, for the owner: `template:order`, `kb:returns-policy`, … */
  source: string;
}

export interface Drafter {
  draft(input: DraftInput): Awaitable<DraftOutput>;
  /** The article's one-line answer saying which channel will respond, in `language`. */
  channelMessage(channel: Classification['recommendedChannel'], language: string): Awaitable<string>;
}
