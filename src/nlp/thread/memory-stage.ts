/**
 * A thread's memory at a start-up stage (MEMORY_REPORT=true; printed by
 * src/compose/memory-report.ts). Here because the NLP worker measures its own stages too.
 * `rss` is the whole process (every thread); the heap figures are the measuring thread's own.
 */
import { getHeapStatistics } from 'node:v8';

export interface MemoryStage {
  /** `main` or `nlp` (the worker thread). */
  thread: string;
  stage: string;
  /** Bytes. */
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** V8's heap statistics of the thread's isolate (malloced memory included). */
  mallocedMemory: number;
  /** Milliseconds since the process started. */
  atMs: number;
}

/** This thread's figures now. */
export function measureMemory(thread: string, stage: string): MemoryStage {
  const m = process.memoryUsage();
  const heap = getHeapStatistics();
  return {
    thread,
    stage,
    rss: m.rss,
    heapUsed: heap.used_heap_size,
    heapTotal: heap.total_heap_size,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    mallocedMemory: heap.malloced_memory,
    atMs: Math.round(process.uptime() * 1000),
  };
}
