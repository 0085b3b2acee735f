/** The classifier and drafter; the knowledge base the owner edits lives in DATA_DIR/knowledge. */
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Classifier, Drafter } from '../core/ports.js';
import { createClassifier, createDrafter } from '../nlp/index.js';

export async function buildNlp(
  config: Config,
  overrides: { classifier?: Classifier; drafter?: Drafter },
): Promise<{ classifier: Classifier; drafter: Drafter }> {
  return {
    classifier: overrides.classifier ?? createClassifier(),
    drafter: overrides.drafter ?? createDrafter({ knowledgeDir: join(config.DATA_DIR, 'knowledge') }),
  };
}
