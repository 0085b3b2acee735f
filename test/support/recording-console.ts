/** An owner console that records every DeskEvent, so tests can assert what the owner saw. */
import type { DeskNotice } from '../../src/core/desk-notice.js';
import type { DeskApi, DeskEvent } from '../../src/core/ports.js';
import type { ConsoleModule } from '../../src/console/module.js';

export interface RecordingConsole extends ConsoleModule {
  events: DeskEvent[];
  /** Notices about the desk itself (ConsoleHub.announce). */
  notices: DeskNotice[];
  desk(): DeskApi;
  /** Resolves when an event matching `predicate` has been published (or rejects after `ms`). */
  waitFor(predicate: (e: DeskEvent) => boolean, ms?: number): Promise<DeskEvent>;
}

export function recordingConsole(): RecordingConsole {
  const events: DeskEvent[] = [];
  const notices: DeskNotice[] = [];
  const waiters: { predicate: (e: DeskEvent) => boolean; resolve: (e: DeskEvent) => void }[] = [];
  let api: DeskApi | undefined;
  return {
    events,
    notices,
    desk() {
      if (!api) throw new Error('console not started');
      return api;
    },
    waitFor(predicate, ms = 5_000) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a console event')), ms);
        waiters.push({
          predicate,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    console: {
      name: 'recording',
      async start(desk) {
        api = desk;
      },
      async stop() {},
      async announce(notice) {
        notices.push(notice);
      },
      async publish(event) {
        events.push(event);
        for (const w of [...waiters]) {
          if (w.predicate(event)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(event);
          }
        }
      },
    },
  };
}

/**
 * A console whose first publish of an inbound event fails (as an unreachable Slack would) and
 * which hands every later inbound event to `seen`: for the desk's at-least-once presentation.
 */
export function flakyConsole(seen: (event: Extract<DeskEvent, { type: 'inbound' }>) => void): ConsoleModule {
  let failNext = true;
  return {
    console: {
      name: 'flaky',
      async start() {},
      async stop() {},
      async publish(event: DeskEvent) {
        if (event.type !== 'inbound') return;
        if (failNext) {
          failNext = false;
          throw new Error('slack unreachable');
        }
        seen(event);
      },
    },
  };
}
