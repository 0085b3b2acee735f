/**
 * The Classifier port: language, intent (trained model), urgency, sentiment, requested and
 * recommended channel, entities. Synchronous and allocation-light: ~0.1 ms per message.
 */
import { fileURLToPath } from 'node:url';
import type { CountryCode } from 'libphonenumber-js';
import type { Classification } from '../core/model.js';
import type { ClassifyContext, Classifier } from '../core/ports.js';
import { extractEntities } from './entities.js';
import { featurize, type Featurized } from './features.js';
import { IntentModel, wordCount, type IntentPrediction } from './intent-model.js';
import { detectLanguage } from './language.js';
import { recommendChannel } from './recommend.js';
import { readRequest } from './requested-channel.js';
import { detectSentiment, detectUrgency } from './signals.js';
import { getWink, HAN, normalize } from './text.js';
import { detectChineseScript } from './script.js';
import { toSimplified } from './traditional.js';
import { explicitlyUrgent, featurizeUrgency, type UrgencyInput } from './urgency-features.js';
import { DEFAULT_URGENCY_MODEL_PATH, UrgencyModel } from './urgency-model.js';

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('./model/intent-model.json', import.meta.url));

export interface ClassifierOptions {
  /** Path of the trained intent model (default: the committed src/nlp/model/intent-model.json). */
  modelPath?: string;
  /** An already loaded model (tests, the eval). */
  model?: IntentModel;
  /** The trained urgency model; `null` uses the keyword rules (the trainer, before one exists). */
  urgencyModel?: UrgencyModel | null;
  /** Country assumed for phone numbers without a country code; default by language (zh → CN, else US). */
  defaultCountry?: CountryCode;
}

/** Cap on what is classified: the top of a long email carries the request. */
const MAX_CHARS = 4000;

export class NlpClassifier implements Classifier {
  readonly model: IntentModel;
  readonly urgencyModel: UrgencyModel | null;
  private readonly defaultCountry: CountryCode | undefined;

  constructor(options: ClassifierOptions = {}) {
    this.model = options.model ?? IntentModel.load(options.modelPath ?? DEFAULT_MODEL_PATH);
    this.urgencyModel =
      options.urgencyModel === undefined
        ? UrgencyModel.load(DEFAULT_URGENCY_MODEL_PATH)
        : options.urgencyModel;
    this.defaultCountry = options.defaultCountry;
    getWink(); // load the English model now, not on the first message
  }

  /** Intent, sentiment and what the urgency model reads, for one message. */
  analyse(input: string): {
    f: Featurized;
    prediction: IntentPrediction;
    sentiment: Classification['sentiment'];
    urgencyInput: UrgencyInput;
  } {
    const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
    const f = featurize(text, this.model.bits);
    const han = HAN.test(text);
    const prediction: IntentPrediction = /[\p{L}\p{N}]/u.test(text)
      ? this.model.predict(f.features, han, this.model.temperature, wordCount(text))
      : { intent: 'other', confidence: 1, probabilities: { other: 1 } as IntentPrediction['probabilities'] };
    const plain = han ? toSimplified(text) : text;
    const sentiment = detectSentiment(plain, f.englishSentiment, prediction.intent);
    return {
      f,
      prediction,
      sentiment,
      urgencyInput: {
        text,
        // The whole message: "call me back ASAP" is boilerplate to the intent model, not to urgency.
        plain: normalize(text).toLowerCase(),
        englishWords: f.englishWords,
        intent: prediction.intent,
        intentProbabilities: prediction.probabilities,
        sentiment,
      },
    };
  }

  classify(input: string, context: ClassifyContext = {}): Classification {
    const text = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
    const { language } = detectLanguage(text, context.customerLanguage);
    const traditional = language === 'zh' && detectChineseScript(text) === 'Hant';
    const { prediction, sentiment, urgencyInput } = this.analyse(text);
    const { intent, confidence } = prediction;
    let urgency: Classification['urgency'];
    let urgencyConfidence: number | undefined;
    if (this.urgencyModel) {
      const u = this.urgencyModel.predict(featurizeUrgency(urgencyInput, this.urgencyModel.bits));
      urgency = u.urgency;
      urgencyConfidence = Math.round(u.confidence * 1000) / 1000;
      // Model + one rule: PRODUCT.md's explicit words ("urgent", "ASAP", 急, 马上) are high (not
      // in spam: "URGENT: your account is suspended" is out of scope).
      if (urgency !== 'high' && intent !== 'other' && explicitlyUrgent(urgencyInput.plain)) {
        urgency = 'high';
        urgencyConfidence = Math.round(u.probabilities.high * 1000) / 1000;
      }
    } else {
      urgency = detectUrgency(HAN.test(text) ? toSimplified(text) : text, intent, sentiment);
    }
    const { channel: requestedChannel, documentByEmail } = readRequest(text, context.channel);
    const rec = recommendChannel({
      text,
      intent,
      urgency,
      sentiment,
      requested: requestedChannel,
      origin: context.channel,
      documentByEmail,
    });
    const entities = extractEntities(text, {
      language,
      ...(this.defaultCountry ? { defaultCountry: this.defaultCountry } : {}),
    });
    return {
      language,
      ...(traditional ? { script: 'Hant' as const } : {}),
      intent,
      confidence: Math.round(confidence * 1000) / 1000,
      urgency,
      ...(urgencyConfidence !== undefined ? { urgencyConfidence } : {}),
      sentiment,
      requestedChannel,
      recommendedChannel: rec.channel,
      reason: rec.reason,
      why: rec.why,
      entities,
    };
  }
}
