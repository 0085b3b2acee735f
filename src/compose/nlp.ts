/**
 * The classifier and drafter; the knowledge base the owner edits lives in DATA_DIR/knowledge.
 * On a machine with more than one core they run on a worker thread (NLP_THREAD=auto), and with
 * NLP_WORKERS_MAX=2 on a second one too while requests queue up.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Classifier, Drafter, Logger } from '../core/ports.js';
import { answerQuery, queryBody, type AnswerQuery, type AnswerQueryBody } from '../core/query.js';
import { startNlpThread } from '../nlp/thread/nlp-thread.js';
import type { MemoryStage } from '../nlp/thread/memory-stage.js';
import { printStages, type MemoryReport } from './memory-report.js';

export interface Nlp {
  classifier: Classifier;
  drafter: Drafter;
  /** POST /query: on the worker in one round trip when it runs and the ports are its own. */
  answer: AnswerQuery;
  /** POST /query's body as JSON text: built on the worker when `answer` runs there. */
  answerBody: AnswerQueryBody;
  /** Resolves when the models are loaded, so the desk is ready when it says it is up. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function useNlpThread(setting: Config['NLP_THREAD'], cores = availableParallelism()): boolean {
  return setting === 'on' || (setting === 'auto' && cores > 1);
}

export async function buildNlp(
  config: Config,
  overrides: { classifier?: Classifier; drafter?: Drafter; logger: Logger },
  memory: MemoryReport = () => {},
): Promise<Nlp> {
  const knowledgeDir = join(config.DATA_DIR, 'knowledge');
  const needed = !overrides.classifier || !overrides.drafter;
  if (needed && useNlpThread(config.NLP_THREAD)) {
    const thread = startNlpThread({
      knowledgeDir,
      logger: overrides.logger,
      maxWorkers: config.NLP_WORKERS_MAX,
      ...(config.MEMORY_REPORT ? { onMemory: (stages: MemoryStage[]) => printStages(stages) } : {}),
    });
    const classifier = overrides.classifier ?? thread.classifier;
    const drafter = overrides.drafter ?? thread.drafter;
    const own = !overrides.classifier && !overrides.drafter;
    const answer: AnswerQuery = own
      ? (text) => thread.answer(text)
      : (text) => answerQuery({ classifier, drafter }, text);
    return {
      classifier,
      drafter,
      answer,
      answerBody: own
        ? async (text) => JSON.stringify(await thread.answerOutput(text))
        : async (text) => queryBody(await answer(text)),
      ready: () => thread.ready(),
      close: () => thread.close(),
    };
  }
  // On the event loop: the models load here, and only here (never on both threads).
  const nlp = needed ? await import('../nlp/index.js') : undefined;
  const classifier = overrides.classifier ?? nlp!.createClassifier();
  const drafter = overrides.drafter ?? nlp!.createDrafter({ knowledgeDir });
  if (needed) memory('nlp on the event loop (models loaded)');
  return {
    classifier,
    drafter,
    answer: (text) => answerQuery({ classifier, drafter }, text),
    answerBody: async (text) => queryBody(await answerQuery({ classifier, drafter }, text)),
    ready: async () => {},
    close: async () => {},
  };
}
