/** Time, logging, ids and pacing: what every part of the desk is given. */

export interface Clock {
  now(): Date;
}

/** Structured logger (pino's shape). Never pass message bodies or secrets in `obj`. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type IdGenerator = () => string;

/**
 * A pacing rule a connector or console declares, e.g. Slack's ~1 message/s per channel.
 * Calls are grouped by `rule` and then by a destination key (a channel id, a number).
 */
export interface PaceRule {
  rule: string;
  /** Minimum gap between two calls to the same destination. */
  minTimeMs: number;
  /** Optional overall cap across all destinations of this rule (e.g. Telegram 30/s). */
  overallMinTimeMs?: number;
}

export interface Pacer {
  define(rule: PaceRule): void;
  /**
   * Runs `task` when the destination's budget allows. `weight` counts how many
   * units (e.g. SMS segments) the call uses: the next call waits weight × minTime.
   */
  schedule<T>(rule: string, destination: string, task: () => Promise<T>, weight?: number): Promise<T>;
  stop(): Promise<void>;
}
