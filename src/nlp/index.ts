/**
 * solodesk's NLP: the trained Classifier and the template + knowledge-base Drafter.
 * The composition root calls `createClassifier()` and `createDrafter({ knowledgeDir })`.
 */
import { DEFAULT_MODEL_PATH, NlpClassifier, type ClassifierOptions } from './classifier.js';
import { IntentModel } from './intent-model.js';
import { UrgencyModel } from './urgency-model.js';

export { createDrafter, NlpDrafter, SAMPLE_KNOWLEDGE_DIR, type DrafterOptions } from './drafter.js';
export { NlpClassifier, type ClassifierOptions } from './classifier.js';
export { detectLanguage } from './language.js';
export { detectRequestedChannel } from './requested-channel.js';
export { extractEntities } from './entities.js';
export { smsSegments } from './sms.js';

const models = new Map<string, IntentModel>();
let urgencyModel: UrgencyModel | undefined;

/**
 * The classifier. The model files are parsed once per process and shared, so building
 * several desks (tests, the CLI) costs nothing after the first.
 */
export function createClassifier(options: ClassifierOptions = {}): NlpClassifier {
  const path = options.modelPath ?? DEFAULT_MODEL_PATH;
  let model = options.model ?? models.get(path);
  if (!model) {
    model = IntentModel.load(path);
    models.set(path, model);
  }
  // `urgencyModel: null` asks for the keyword rules (the trainer, before a model exists).
  if (options.urgencyModel === undefined) urgencyModel ??= UrgencyModel.load();
  return new NlpClassifier({
    ...options,
    model,
    urgencyModel: options.urgencyModel === undefined ? (urgencyModel ?? null) : options.urgencyModel,
  });
}
