/** Messages between the desk and its NLP worker thread. */
import type { ClassifyContext, DraftInput } from '../../core/ports.js';
import type { ContactChannel } from '../../core/model.js';
import type { MemoryStage } from './memory-stage.js';

export type NlpRequest =
  | { id: number; op: 'classify'; text: string; context: ClassifyContext }
  | { id: number; op: 'draft'; input: DraftInput }
  | { id: number; op: 'channelMessage'; channel: ContactChannel; language: string }
  /** POST /query in one round trip: classify, draft and the channel message together. */
  | { id: number; op: 'query'; text: string }
  /** The same, as much of it as POST /query shows (src/core/query.ts queryOutput). */
  | { id: number; op: 'queryOutput'; text: string };

export type NlpResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface NlpWorkerData {
  knowledgeDir?: string;
  modelPath?: string;
  /** MEMORY_REPORT: measure each loading stage and send the figures with the ready message. */
  memoryReport?: boolean;
}

/** The worker's ready message (id 0) carries its stages when memoryReport was asked for. */
export interface NlpReady {
  memory?: MemoryStage[];
}
