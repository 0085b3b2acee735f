/**
 * CPU time by thread of a Linux process, read from /proc/<pid>/task/<tid>/stat (utime + stime),
 * so the footprint bench can say where a run's CPU went (the desk's main thread, its NLP worker,
 * V8's helper threads) without instrumenting the desk. Elsewhere than Linux: undefined.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's figures (USER_HZ, 100 on every Linux node supports). */
const TICKS_PER_SECOND = 100;

export interface ThreadCpu {
  tid: number;
  name: string;
  /** Milliseconds of CPU (user + system) since the thread started. */
  cpuMs: number;
}

export function threadCpu(pid: number): ThreadCpu[] | undefined {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const out: ThreadCpu[] = [];
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces; the fields after it are fixed.
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
      out.push({ tid: Number(tid), name, cpuMs: (ticks * 1000) / TICKS_PER_SECOND });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** CPU spent by each thread between two readings (threads that ended are left out). */
export function cpuBetween(before: ThreadCpu[], after: ThreadCpu[]): ThreadCpu[] {
  const start = new Map(before.map((t) => [t.tid, t.cpuMs]));
  return after
    .map((t) => ({ ...t, cpuMs: t.cpuMs - (start.get(t.tid) ?? 0) }))
    .filter((t) => t.cpuMs > 0)
    .sort((a, b) => b.cpuMs - a.cpuMs);
}
