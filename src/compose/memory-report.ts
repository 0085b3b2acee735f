/**
 * MEMORY_REPORT=true: one line on stderr per start-up stage with the process's memory, so where
 * the resident memory goes can be read off a real start (issue 21). Off by default: reading the
 * figures costs little, but the lines are for whoever measures, not for the log.
 *
 * `rss` is the whole process (every thread); `heapUsed`, `external` and `arrayBuffers` are the
 * reporting thread's own. The NLP worker reports its stages too (`nlp:` lines), with V8's heap
 * statistics for its isolate, sent to the desk with its ready message.
 */
import { measureMemory, type MemoryStage } from '../nlp/thread/memory-stage.js';

export type MemoryReport = (stage: string) => void;

const mib = (bytes: number) => (bytes / 1_048_576).toFixed(1).padStart(6);

export function formatStage(s: MemoryStage): string {
  return (
    `memory ${`${s.thread}:`.padEnd(6)} ${s.stage.padEnd(44)} rss ${mib(s.rss)} MiB  heapUsed ${mib(s.heapUsed)}` +
    `  heapTotal ${mib(s.heapTotal)}  external ${mib(s.external)}  arrayBuffers ${mib(s.arrayBuffers)}` +
    `  malloced ${mib(s.mallocedMemory)}  at ${String(s.atMs).padStart(5)} ms`
  );
}

/** A reporter for this thread: a no-op when not enabled. */
export function memoryReport(
  enabled: boolean,
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): MemoryReport {
  if (!enabled) return () => {};
  return (stage) => write(formatStage(measureMemory('main', stage)));
}

/** Prints stages measured elsewhere (the NLP worker's). */
export function printStages(
  stages: MemoryStage[],
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): void {
  for (const s of stages) write(formatStage(s));
}
