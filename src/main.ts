/**
 * The process: read the config, build the desk, run until SIGINT/SIGTERM, then stop intake,
 * finish in-flight work and close the store.
 */
import { ConfigError, loadConfig } from './config.js';
import { createDesk } from './app.js';

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
  const desk = await createDesk(config);
  await desk.start();
  console.error(`solodesk is listening on ${config.PUBLIC_URL} (health: ${config.PUBLIC_URL}/health)`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      console.error('Stopping immediately.');
      process.exit(1);
    }
    stopping = true;
    console.error(`${signal}: finishing in-flight work…`);
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
