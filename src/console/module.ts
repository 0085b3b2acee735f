/**
 * How an owner console plugs into the desk: the core-facing Console plus any HTTP routes
 * it needs (Slack's /slack/events in HTTP mode).
 */
import type { Express } from 'express';
import type { Console } from '../core/ports.js';

export interface ConsoleModule {
  console: Console;
  mount?(app: Express): void;
}
