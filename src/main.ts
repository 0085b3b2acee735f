/**
 * The process: read the config, build the desk, run until SIGINT/SIGTERM, then stop intake,
 * finish in-flight work and close the store, within 10 seconds.
 */
import { ConfigError, loadConfig } from './config.js';
import { createDesk } from './app.js';
import { memoryReport } from './compose/memory-report.js';

/** SIGTERM → exit within 10 s, whatever is configured (Docker's default grace period). */
const HARD_EXIT_MS = 9_500;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const memory = memoryReport(config.MEMORY_REPORT);
  memory('modules and config loaded');
  const desk = await createDesk(config);
  await desk.start();
  // What an idle desk holds once start-up's garbage is collected (the bench measures then too).
  if (config.MEMORY_REPORT) setTimeout(() => memory('idle, 5 s after up'), 5_000).unref();
  console.error(`solodesk is listening on ${config.PUBLIC_URL} (health: ${config.PUBLIC_URL}/health)`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      console.error('Stopping immediately.');
      process.exit(1);
    }
    stopping = true;
    console.error(`${signal}: finishing in-flight work…`);
    // desk.stop() is bounded (STOP_BUDGET_MS); this is the backstop should anything still hang.
    // What did not finish stays in the store: a queued job, or a lease that expires.
    setTimeout(() => {
      console.error('Shutdown took too long; exiting. Unfinished replies stay queued.');
      process.exit(1);
    }, HARD_EXIT_MS).unref();
    desk.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Shutdown failed:', (err as Error).message);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  const e = err as { message?: string; code?: string };
  console.error(`solodesk could not start: ${e.message ?? String(err)}`);
  process.exit(1);
});
