/**
 * The Classifier port: language, intent (trained model), urgency, sentiment, requested and
 * recommended channel, entities. Synchronous and allocation-light: ~0.1 ms per message.
 */
import { fileURLToPath } from 'node:url';
import type { CountryCode } from 'libphonenumber-js';
import type { Classification } from '../core/model.js';
import type { ClassifyContext, Classifier } from '../core/ports.js';
import { extractEntities } from './entities.js';
import { featurize } from './features.js';
import { IntentModel } from './intent-model.js';
import { detectLanguage } from './language.js';
import { recommendChannel } from './recommend.js';
import { detectRequestedChannel } from './requested-channel.js';
import { detectSentiment, detectUrgency } from './signals.js';
import { getWink, HAN } from './text.js';
import { toSimplified } from './traditional.js';

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('./model/intent-model.json', import.meta.url));

export interface ClassifierOptions {
  /** Path of the trained intent model (default: the committed src/nlp/model/intent-model.json). */
  modelPath?: string;
  /** An already loaded model (tests, the eval). */
  model?: IntentModel;
  /** Country assumed for phone numbers without a country code; default by language (zh → CN, else US). */
  defaultCountry?: CountryCode;
}

/** Cap on what is classified: the top of a long email carries the request. */
const MAX_CHARS = 4000;

export class NlpClassifier implements Classifier {
  readonly model: IntentModel;
  private readonly defaultCountry: CountryCode | undefined;

  constructor(options: ClassifierOptions = {}) {
    this.model = options.model ?? IntentModel.load(options.modelPath ?? DEFAULT_MODEL_PATH);
    this.defaultCountry = options.defaultCountry;
    getWink(); // load the English model now, not on the first message
  }

  classify(input: string, context: ClassifyContext = {}): Classification {
    const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
    const { language } = detectLanguage(text, context.customerLanguage);
    const f = featurize(text, this.model.bits);
    const { intent, confidence } = /[\p{L}\p{N}]/u.test(text)
      ? this.model.predict(f.features, HAN.test(text))
      : { intent: 'other' as const, confidence: 1 };
    const plain = HAN.test(text) ? toSimplified(text) : text;
    const sentiment = detectSentiment(plain, f.englishSentiment, intent);
    const urgency = detectUrgency(plain, intent, sentiment);
    const requestedChannel = detectRequestedChannel(text, context.channel);
    const rec = recommendChannel({
      text,
      intent,
      urgency,
      sentiment,
      requested: requestedChannel,
      origin: context.channel,
    });
    const entities = extractEntities(text, {
      language,
      ...(this.defaultCountry ? { defaultCountry: this.defaultCountry } : {}),
    });
    return {
      language,
      intent,
      confidence: Math.round(confidence * 1000) / 1000,
      urgency,
      sentiment,
      requestedChannel,
      recommendedChannel: rec.channel,
      reason: rec.reason,
      entities,
    };
  }
}
