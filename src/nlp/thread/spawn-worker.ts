/** Starts one NLP worker thread (nlp-worker.ts), under tsx or from the compiled bundle. */
import { Worker } from 'node:worker_threads';
import type { NlpWorkerData } from './protocol.js';

/** Under tsx the worker's entry is TypeScript too and needs tsx's loader registered first. */
export function spawnWorker(data: NlpWorkerData): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const entry = new URL(`./nlp-worker.${typescript ? 'ts' : 'js'}`, import.meta.url);
  if (!typescript) return new Worker(entry, { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}
